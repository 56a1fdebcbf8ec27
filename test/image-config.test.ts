// What a base image's config implies (package manager, tools kept, /bin/sh, users, init) from histories written the
// way Docker Hub's official images write them; and how configs, cache entries and mirror settings are read.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  historyInstalls,
  historyUser,
  imageEnv,
  imagePackageManager,
  initOf,
  samePlatform,
  shIsBash,
  userIsRoot,
  type ImageConfig,
} from '../server/src/engine/facts/imageConfig';
import { readImageConfig, readStoredConfig } from '../server/src/registry/imageConfig';
import { mirrorsFor, mirrorsFromEntries, mirrorsFromSetting, parseMirrorLocation } from '../server/src/registry/mirrors';

const config = (history: string[], more: Record<string, unknown> = {}): ImageConfig =>
  readImageConfig({ os: 'linux', architecture: 'amd64', config: more, history: history.map((created_by) => ({ created_by })) })!;

// shaped like python:3.12-slim's history: the rootfs note, BuildKit's ENV lines, one RUN that keeps its packages and
// one that installs build tools (wget among them) and removes them again
const PYTHON_SLIM = [
  "# debian.sh --arch 'amd64' out/ 'bookworm' '@1734912000'",
  'ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  'RUN /bin/sh -c set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tca-certificates \t\tnetbase \t\ttzdata \t; \trm -rf /var/lib/apt/lists/* # buildkit',
  'RUN /bin/sh -c set -eux; \t\tsavedAptMark="$(apt-mark showmanual)"; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tdpkg-dev \t\tgcc \t\twget \t\txz-utils \t; \twget -O python.tar.xz "https://www.python.org/ftp/python/..."; \tapt-mark auto \'.*\' > /dev/null; \tapt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false; \trm -rf /var/lib/apt/lists/* # buildkit',
  'CMD ["python3"]',
];
// shaped like node:22 (on buildpack-deps, which keeps curl and wget)
const NODE_FULL = [
  "# debian.sh --arch 'amd64' out/ 'bookworm' '@1734912000'",
  'RUN /bin/sh -c set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tca-certificates \t\tcurl \t\tgnupg \t\tnetbase \t\tsq \t\twget \t; \trm -rf /var/lib/apt/lists/* # buildkit',
  'RUN /bin/sh -c groupadd --gid 1000 node   && useradd --uid 1000 --gid node --shell /bin/bash --create-home node # buildkit',
  'ENTRYPOINT ["docker-entrypoint.sh"]',
];
const ALPINE = [
  'ADD alpine-minirootfs-3.20.3-x86_64.tar.gz / # buildkit',
  'RUN |1 VERSION=1 /bin/sh -c apk add --no-cache --virtual .build-deps curl gcc && curl -fsSL https://example.com/x | sh && apk del .build-deps # buildkit',
  'RUN /bin/sh -c apk add --no-cache bash tini # buildkit',
  'RUN /bin/sh -c addgroup -S -g 10001 app && adduser -S -D -u 10001 -G app -s /sbin/nologin app # buildkit',
];
const UBI = ['/bin/sh -c #(nop) ADD file:ab12 in / ', '/bin/sh -c microdnf install -y shadow-utils && microdnf clean all'];

describe("what a base image's history says", () => {
  it('tells which tools the image keeps: installed and not removed again in the build-dependency dance', () => {
    assert.equal(historyInstalls(config(PYTHON_SLIM), 'wget'), false, 'python:3.12-slim removes the wget it fetched the sources with');
    assert.equal(historyInstalls(config(PYTHON_SLIM), 'ca-certificates'), true);
    assert.equal(historyInstalls(config(NODE_FULL), 'curl'), true);
    assert.equal(historyInstalls(config(NODE_FULL), 'wget'), true);
    assert.equal(historyInstalls(config(ALPINE), 'curl'), false, 'apk del of the virtual package takes curl with it');
    assert.equal(historyInstalls(config(ALPINE), 'bash'), true);
    assert.equal(historyInstalls(config([...NODE_FULL, 'RUN /bin/sh -c apt-get purge -y curl # buildkit']), 'curl'), false, 'a later purge by name');
    assert.equal(historyInstalls(config(['/bin/sh -c #(nop) COPY file:x in /usr/bin/curl']), 'curl'), false, 'a config-only step installs nothing');
  });

  it('tells the package manager from the history, the rootfs note or the labels', () => {
    assert.equal(imagePackageManager(config(PYTHON_SLIM)), 'apt');
    assert.equal(imagePackageManager(config(["# debian.sh --arch 'amd64' out/ 'bookworm' '@1'"])), 'apt');
    assert.equal(imagePackageManager(config(ALPINE)), 'apk');
    assert.equal(imagePackageManager(config(['ADD alpine-minirootfs-3.20.3-x86_64.tar.gz / # buildkit'])), 'apk');
    assert.equal(imagePackageManager(config(UBI)), 'dnf');
    assert.equal(imagePackageManager(config([], { Labels: { 'org.opencontainers.image.ref.name': 'ubuntu' } })), 'apt');
    assert.equal(imagePackageManager(config([], { Labels: { vendor: 'Red Hat, Inc.' } })), 'dnf');
    assert.equal(imagePackageManager(config(['/bin/sh -c #(nop) COPY app /app'])), undefined);
  });

  it('says /bin/sh is bash on RHEL-family bases and where the history links it so; dash and busybox are not', () => {
    assert.equal(shIsBash(config(UBI)), true);
    assert.equal(shIsBash(config(['/bin/sh -c apt-get install -y bash && ln -sf /bin/bash /bin/sh'])), true);
    assert.equal(shIsBash(config(PYTHON_SLIM)), false);
    assert.equal(shIsBash(config(ALPINE)), false, 'installing bash does not make /bin/sh bash');
  });

  it('finds the non-root user a base creates, and an init its ENTRYPOINT starts', () => {
    assert.equal(historyUser(config(NODE_FULL)), 'node');
    assert.equal(historyUser(config(ALPINE)), 'app');
    assert.equal(historyUser(config(PYTHON_SLIM)), undefined);
    assert.equal(initOf(['/usr/bin/tini', '--']), 'tini');
    assert.equal(initOf(['dumb-init', '--']), 'dumb-init');
    assert.equal(initOf(['/init']), 's6-overlay /init');
    assert.equal(initOf(['docker-entrypoint.sh']), undefined);
    assert.equal(initOf(undefined), undefined);
  });

  it('reads users, env and platforms the way Docker does', () => {
    assert.equal(userIsRoot(undefined), true);
    assert.equal(userIsRoot(''), true);
    assert.equal(userIsRoot('0:0'), true);
    assert.equal(userIsRoot('root:app'), true);
    assert.equal(userIsRoot('10001:10001'), false);
    assert.equal(userIsRoot('node'), false);
    assert.equal(imageEnv(config([], { Env: ['A=1', 'B=x=y', 'A=2'] }), 'A'), '2');
    assert.equal(imageEnv(config([], { Env: ['A=1', 'B=x=y'] }), 'B'), 'x=y');
    assert.ok(samePlatform('linux/arm64', 'linux/arm64/v8'));
    assert.ok(!samePlatform('linux/arm/v6', 'linux/arm/v7'));
    assert.ok(!samePlatform('linux/amd64', 'linux/arm64'));
  });
});

describe('reading configs and cache entries', () => {
  it('keeps only well-typed values and bounds lists and strings', () => {
    const c = readImageConfig({
      config: { User: 7, Env: ['A=1', 3, null], ExposedPorts: { '80/tcp': {} }, Entrypoint: 'tini', Labels: { a: 'b', c: 1 }, Healthcheck: { Test: [] } },
      history: [{ created_by: 'x'.repeat(100_000) }, 'junk'],
    })!;
    assert.equal(c.user, undefined);
    assert.deepEqual(c.env, [['A', '1']]);
    assert.deepEqual(c.exposedPorts, ['80/tcp']);
    assert.equal(c.entrypoint, undefined, 'a string is not an exec-form entrypoint');
    assert.deepEqual({ ...c.labels }, { a: 'b' });
    assert.equal(c.healthcheck, undefined, 'an empty test is no healthcheck');
    assert.equal(c.history.length, 1);
    assert.equal(c.history[0].createdBy.length, 8 * 1024);
    assert.equal(readImageConfig('not a config'), undefined);
    assert.equal(readImageConfig([1, 2]), undefined);
  });

  it('reads back what it wrote, and nothing that is not a config', () => {
    const c = config(NODE_FULL, {
      User: 'node',
      Env: ['NODE_VERSION=22.12.0'],
      ExposedPorts: { '3000/tcp': {} },
      Healthcheck: { Test: ['CMD', 'node', 'check.js'], Interval: 30e9 },
      Labels: JSON.parse('{"__proto__":"x"}'),
    });
    const back = readStoredConfig(JSON.parse(JSON.stringify(c)))!;
    assert.deepEqual(JSON.parse(JSON.stringify(back)), JSON.parse(JSON.stringify(c)));
    assert.equal(readStoredConfig('x'), undefined);
    assert.equal(back.labels['__proto__'], 'x', 'a label named __proto__ is a label, not a prototype');
  });
});

describe('registry mirrors', () => {
  it("reads Docker Hub mirrors (as dockerd's --registry-mirror) and per-registry mirrors with a path", () => {
    const { mirrors, problems } = mirrorsFromEntries([
      'https://mirror.gcr.io',
      'registry.example.com=harbor.corp/proxy-cache/',
      'ghcr.io=http://127.0.0.1:5000',
    ]);
    assert.deepEqual(problems, []);
    assert.deepEqual(mirrorsFor(mirrors, 'docker.io', 'library/python'), [{ host: 'mirror.gcr.io', repository: 'library/python' }]);
    assert.deepEqual(
      mirrorsFor(mirrors, 'index.docker.io', 'library/python'),
      [{ host: 'mirror.gcr.io', repository: 'library/python' }],
      "Docker Hub's aliases share its mirrors",
    );
    assert.deepEqual(mirrorsFor(mirrors, 'Registry.Example.com', 'team/app'), [{ host: 'harbor.corp', repository: 'proxy-cache/team/app' }]);
    assert.deepEqual(mirrorsFor(mirrors, 'ghcr.io', 'org/tool'), [{ host: '127.0.0.1:5000', repository: 'org/tool' }]);
    assert.deepEqual(mirrorsFor(mirrors, 'quay.io', 'org/tool'), []);
  });

  it('says which entry is not a mirror', () => {
    assert.match(String(parseMirrorLocation('')), /is not a mirror location/);
    assert.match(String(parseMirrorLocation('harbor corp')), /"harbor corp" is not a mirror location/);
    assert.match(String(parseMirrorLocation('harbor.corp/Proxy Cache')), /has a path a registry cannot serve/);
    assert.deepEqual(mirrorsFromEntries(['bad host=mirror.gcr.io']).problems, ['"bad host" in "bad host=mirror.gcr.io" is not a registry host']);
    const fromSetting = mirrorsFromSetting({ 'docker.io': ['mirror.gcr.io', 5], 'registry.example.com': 'harbor.corp/proxy-cache' });
    assert.deepEqual(fromSetting.problems, ['the mirrors of docker.io are strings']);
    assert.deepEqual(mirrorsFor(fromSetting.mirrors, 'registry.example.com', 'a/b'), [{ host: 'harbor.corp', repository: 'proxy-cache/a/b' }]);
    assert.deepEqual(
      mirrorsFor(mirrorsFromSetting(['mirror.gcr.io']).mirrors, 'docker.io', 'library/x'),
      [{ host: 'mirror.gcr.io', repository: 'library/x' }],
      "Docker's daemon.json list",
    );
    assert.deepEqual(mirrorsFromSetting('mirror.gcr.io').problems.length, 1);
  });
});
