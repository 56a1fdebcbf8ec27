// What the image a stage builds carries: the base's config (as a registry described it) with the file's instructions
// applied as the builder applies them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildPlatforms } from '../server/src/engine/facts/buildPlatforms';
import type { ImageAnswer } from '../server/src/engine/facts/imageConfig';
import { stageImage } from '../server/src/engine/facts/stageImage';
import { buildModel } from '../server/src/engine/model';
import { registryFacts, useParser } from './harness/engine';

useParser();

const imageOf = (text: string, images: Record<string, ImageAnswer> = {}, targets?: string[]) => {
  const model = buildModel(text);
  return stageImage(model, model.finalStage!, { registry: registryFacts({}, images), platforms: buildPlatforms('linux/amd64', undefined, targets) });
};

describe('stageImage', () => {
  it("starts from the base's config and applies the file on top", () => {
    const base = {
      'team/base:1': {
        user: '10001',
        env: { A: 'base', B: 'base' },
        exposedPorts: ['8080/tcp'],
        entrypoint: ['/usr/bin/tini', '--'],
        cmd: ['app'],
        workingDir: '/srv',
        healthcheck: ['CMD', 'true'],
      },
    };
    const i = imageOf('FROM team/base:1\nENV B=file\nWORKDIR data\nEXPOSE 9090\nCMD ["other"]', base);
    assert.deepEqual([i.user?.value, i.user?.origin.from], ['10001', 'base']);
    assert.deepEqual(
      [i.env('A')?.value, i.env('A')?.origin.from, i.env('B')?.value, i.env('B')?.origin.from, i.env('C')],
      ['base', 'base', 'file', 'file', undefined],
    );
    assert.deepEqual(
      i.exposedPorts.map((p) => `${p.value} ${p.origin.from}`),
      ['8080/tcp base', '9090 file'],
    );
    assert.deepEqual([i.entrypoint?.value, i.entrypoint?.origin.from], [['/usr/bin/tini', '--'], 'base']);
    assert.deepEqual(i.cmd?.value, ['other']);
    assert.equal(i.workdir?.value, '/srv/data', "a relative WORKDIR joins the base's");
    assert.deepEqual(i.healthcheck?.value, ['CMD', 'true']);
  });

  it('an ENTRYPOINT clears the CMD the stage inherits, not one it set itself; HEALTHCHECK NONE is a healthcheck of its own', () => {
    const base = { 'team/base:1': { entrypoint: ['docker-entrypoint.sh'], cmd: ['node'], healthcheck: ['CMD', 'true'] } };
    assert.equal(imageOf('FROM team/base:1\nENTRYPOINT ["app"]', base).cmd, undefined);
    assert.deepEqual(imageOf('FROM team/base:1\nCMD ["serve"]\nENTRYPOINT ["app"]', base).cmd?.value, ['serve']);
    assert.deepEqual(
      imageOf('FROM team/base:1 AS a\nCMD ["serve"]\nFROM a\nENTRYPOINT ["app"]', base).cmd,
      undefined,
      'a CMD of the stage it is built FROM is inherited',
    );
    assert.deepEqual(imageOf('FROM team/base:1\nHEALTHCHECK NONE', base).healthcheck?.value, ['NONE']);
    assert.deepEqual(imageOf('FROM team/base:1\nCMD node server.js', base).cmd?.value, ['/bin/sh', '-c', 'node server.js']);
  });

  it('knows nothing of a base no registry described, and everything of scratch', () => {
    const unknown = imageOf('FROM team/base:1\nCOPY a /a');
    assert.equal(unknown.config, undefined);
    assert.equal(unknown.user, undefined);
    assert.equal(unknown.workdir, undefined);
    assert.equal(unknown.shIsBash, undefined);
    const scratch = imageOf('FROM scratch\nCOPY a /a');
    assert.deepEqual([scratch.user?.value, scratch.workdir?.value], ['', '/']);
    const fromFile = imageOf('FROM team/base:1\nUSER app\nWORKDIR /app');
    assert.deepEqual([fromFile.user?.value, fromFile.workdir?.value], ['app', '/app'], 'what the file says is known without facts');
  });

  it("reads the base for the stage's platform: FROM --platform, else the first target", () => {
    const multi = { 'team/base:1': { platforms: ['linux/amd64', 'linux/arm64'], user: 'x' } };
    assert.equal(imageOf('FROM --platform=linux/arm64 team/base:1', multi).base?.platform, 'linux/arm64');
    assert.equal(imageOf('FROM team/base:1', multi, ['linux/arm64', 'linux/amd64']).base?.platform, 'linux/arm64');
    assert.equal(imageOf('FROM team/base:1', multi, ['linux/s390x']).config, undefined, 'a platform the base does not offer has no config');
  });
});
