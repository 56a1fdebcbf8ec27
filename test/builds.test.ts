// Build files that name a Dockerfile: compose, Bake (HCL and JSON), GitHub workflows and the config's `builds:`, read
// into the builds Seaworthy lints for (context, Dockerfile, target, args, platforms).
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import picomatch from 'picomatch';
import { WATCHED_FILES } from '../shared/src/commands';
import { BAKE_FILES, bakeBuilds, parseBakeJson } from '../server/src/builds/bake';
import { describeBuildProblem, type Build } from '../server/src/builds/build';
import { COMPOSE_FILES, composeBuilds, composeOverrideOf, interpolate } from '../server/src/builds/compose';
import { parseBakeHcl } from '../server/src/builds/hcl';
import { workflowBuilds } from '../server/src/builds/workflow';
import { lintBuilds, merged, type BuildInput } from '../server/src/engine/builds';
import { argAt, buildModel, type BuildOptions } from '../server/src/engine/model';
import type { Finding, Rule } from '../server/src/engine/rule';
import type { ImageFacts } from '../server/src/engine/facts/imageConfig';
import { fileContext, imagesOfBuilds, lintInputOf } from '../server/src/fileContext';
import { buildPlatforms } from '../server/src/engine/facts/buildPlatforms';
import { configErrors, describeProblem, parseConfigFile } from '../server/src/config/configFile';
import { Host, loadHclParser } from '../server/src/host';
import { ruleByKey, rules } from '../server/src/rules';
import { useParser } from './harness/engine';
import { startServer, type LspClient } from './harness/lspClient';
import { CLI } from './harness/paths';
import { project } from './harness/project';

const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'builds');

/** A build as the tests compare it: paths relative to `root`, no null-prototype objects. */
const plain = (b: Build, root = '/p') => ({
  label: b.label,
  dockerfile: b.dockerfile.replace(root, '.'),
  context: b.context.replace(root, '.'),
  target: b.target,
  args: { ...b.args },
  ...(b.argsUnknown ? { argsUnknown: true } : {}),
  platforms: [...b.platforms],
});
const composeOf = (text: string) => composeBuilds([{ text, file: '/p/compose.yaml' }]);

/** A fixture copied into a throw-away git repository (so searches stop at its root, as in a real project). */
function repository(fixture: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'seaworthy-builds-'));
  cpSync(join(FIXTURES, fixture), dir, { recursive: true });
  mkdirSync(join(dir, '.git'));
  return dir;
}

// the host loads the HCL grammar on the first Bake HCL file it meets; the unit tests below parse without a host
before(loadHclParser);

describe('compose files', () => {
  it('reads context, dockerfile (relative to the context), target, args in both forms and platforms', () => {
    const r = composeOf(
      [
        'services:',
        '  api:',
        '    build:',
        '      context: ./backend',
        '      dockerfile: docker/Dockerfile.prod',
        '      target: runtime',
        '      args: { PY: 3.10, DEBUG: false, FROM_ENV: }',
        '      platforms: [linux/amd64, linux/arm64]',
        '  web:',
        '    build: ./web',
        '    platform: linux/arm64',
        '  worker:',
        '    build:',
        '      args: [A=1, B, C=x=y]',
        '  inline:',
        '    build: { dockerfile_inline: "FROM scratch" }',
        '  remote:',
        '    build: https://github.com/org/repo.git#main',
        '  db:',
        '    image: postgres:16',
      ].join('\n'),
    );
    assert.equal(r.problem, undefined);
    assert.deepEqual(
      r.builds.map((b) => plain(b)),
      [
        {
          label: 'compose service api',
          dockerfile: './backend/docker/Dockerfile.prod',
          context: './backend',
          target: 'runtime',
          args: { PY: '3.10', DEBUG: 'false', FROM_ENV: null },
          platforms: ['linux/amd64', 'linux/arm64'],
        },
        { label: 'compose service web', dockerfile: './web/Dockerfile', context: './web', target: undefined, args: {}, platforms: ['linux/arm64'] },
        { label: 'compose service worker', dockerfile: './Dockerfile', context: '.', target: undefined, args: { A: '1', B: null, C: 'x=y' }, platforms: [] },
      ],
    );
  });

  it('interpolates without an environment: defaults are taken, other variables are unknown, $$ is $', () => {
    assert.equal(interpolate('${TAG:-3.12}-slim'), '3.12-slim');
    assert.equal(interpolate('${TAG-x}'), 'x');
    assert.equal(interpolate('${A:-${B:-nested}}'), 'nested');
    assert.equal(interpolate('cost $$5'), 'cost $5');
    assert.equal(interpolate('${TAG}'), null);
    assert.equal(interpolate('$TAG'), null);
    assert.equal(interpolate('${TAG:?required}'), null);
    assert.equal(interpolate('${unclosed'), null);
    const r = composeOf('services:\n  api:\n    build:\n      context: ${ROOT}\n  web:\n    build:\n      context: ${ROOT:-.}\n      target: ${STAGE}\n');
    assert.deepEqual(
      r.builds.map((b) => [b.label, b.target]),
      [['compose service web', null]],
      'a context not known here names no Dockerfile; a target not known is null',
    );
  });

  it('merges the override file over the compose file, args key by key', () => {
    const r = composeBuilds([
      { file: '/p/compose.yaml', text: 'services:\n  api:\n    build:\n      context: .\n      target: runtime\n      args: { A: "1", B: "2" }\n' },
      { file: '/p/compose.override.yaml', text: 'services:\n  api:\n    build:\n      target: dev\n      args: [B=3]\n' },
    ]);
    assert.deepEqual(
      r.builds.map((b) => plain(b)),
      [{ label: 'compose service api', dockerfile: './Dockerfile', context: '.', target: 'dev', args: { A: '1', B: '3' }, platforms: [] }],
    );
  });

  it('YAML anchors and merge keys apply', () => {
    const r = composeOf('x-build: &build\n  context: .\n  args: { PY: "3.12" }\nservices:\n  api:\n    build:\n      <<: *build\n      target: api\n');
    assert.deepEqual(
      r.builds.map((b) => plain(b)),
      [{ label: 'compose service api', dockerfile: './Dockerfile', context: '.', target: 'api', args: { PY: '3.12' }, platforms: [] }],
    );
  });

  it('a malformed file is one problem at its place, and gives no builds', () => {
    const cases: [string, string][] = [
      [
        'services:\n  api:\n    build: [unclosed\n',
        '/p/compose.yaml:4:1: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
      ],
      ['services:\n  api:\n    build: [a, b]\n', '/p/compose.yaml:3:5: services.api.build must be a path or a mapping'],
      ['services:\n  api:\n    build:\n      args: "A=1"\n', '/p/compose.yaml:4:7: services.api.build.args must be a mapping'],
      ['services:\n  api:\n    build:\n      platforms: linux/amd64\n', '/p/compose.yaml:4:7: services.api.build.platforms must be a list'],
      ['- a\n- list\n', '/p/compose.yaml:1:1: expected a mapping with `services`'],
    ];
    for (const [text, expected] of cases) {
      const r = composeOf(text);
      assert.deepEqual(r.builds, [], text);
      assert.ok(r.problem && describeBuildProblem(r.problem).startsWith(expected), `${text}: ${r.problem && describeBuildProblem(r.problem)}`);
    }
  });
});

describe('Bake files', () => {
  const hcl = (text: string) => bakeBuilds([parseBakeHcl(text, '/p/docker-bake.hcl')]);

  it('HCL: variables, ${VAR} in strings, inherits (args merged), groups; templates only inherited from are no builds', () => {
    const r = hcl(
      [
        'variable "TAG" { default = "3.12" }',
        'variable "VARIANT" { default = "${TAG}-slim" }',
        'variable "FROM_ENV" {}',
        'group "default" { targets = ["api", "web"] }',
        'target "_base" {',
        '  context = "."',
        '  args = { PY = "${VARIANT}", KEEP = "base" }',
        '}',
        'target "api" {',
        '  inherits   = ["_base"]',
        '  dockerfile = "services/api/Dockerfile"',
        '  target     = "runtime"',
        '  args       = { PY = VARIANT, EXTRA = "${FROM_ENV}", N = 2, GONE = null }',
        '  platforms  = ["linux/amd64", "linux/arm64"]',
        '}',
        'target "web" {',
        '  context    = "web"',
        '  target     = upper("x")',
        '  args       = { "ESC" = "a\\"b $${NOT_A_VAR}" }',
        '}',
      ].join('\n'),
    );
    assert.equal(r.problem, undefined);
    assert.deepEqual(
      r.builds.map((b) => plain(b)),
      [
        {
          label: 'bake target api',
          dockerfile: './services/api/Dockerfile',
          context: '.',
          target: 'runtime',
          args: { PY: '3.12-slim', KEEP: 'base', EXTRA: null, N: '2' },
          platforms: ['linux/amd64', 'linux/arm64'],
        },
        { label: 'bake target web', dockerfile: './web/Dockerfile', context: './web', target: null, args: { ESC: 'a"b ${NOT_A_VAR}' }, platforms: [] },
      ],
    );
  });

  it('HCL: what is not evaluated is unknown, never text', () => {
    const r = hcl(
      'variable "A" { default = "${B}" }\nvariable "B" { default = "${A}" }\ntarget "t" {\n  args = merge({ X = "1" }, {})\n  target = A\n  platforms = ["linux/${ARCH}", "linux/amd64"]\n}\n',
    );
    assert.deepEqual(
      r.builds.map((b) => plain(b)),
      [{ label: 'bake target t', dockerfile: './Dockerfile', context: '.', target: null, args: {}, argsUnknown: true, platforms: ['linux/amd64'] }],
    );
  });

  it('JSON: the same targets as HCL; strings are templates', () => {
    const json = parseBakeJson(
      JSON.stringify({
        variable: { TAG: { default: '3.12-slim' } },
        group: { default: { targets: ['api'] } },
        target: { api: { context: '.', dockerfile: 'api.Dockerfile', target: 'runtime', args: { PY: '${TAG}', LIT: '$${X}' }, platforms: ['linux/amd64'] } },
      }),
      '/p/docker-bake.json',
    );
    assert.deepEqual(
      bakeBuilds([json]).builds.map((b) => plain(b)),
      [
        {
          label: 'bake target api',
          dockerfile: './api.Dockerfile',
          context: '.',
          target: 'runtime',
          args: { PY: '3.12-slim', LIT: '${X}' },
          platforms: ['linux/amd64'],
        },
      ],
    );
  });

  it('the override file is merged over the file before it: attributes replaced, args key by key, variables redefined', () => {
    const r = bakeBuilds([
      parseBakeHcl('variable "TAG" { default = "1" }\ntarget "api" {\n  target = "a"\n  args = { A = "${TAG}", B = "b" }\n}\n', '/p/docker-bake.hcl'),
      parseBakeJson('{"variable": {"TAG": {"default": "2"}}, "target": {"api": {"target": "b", "args": {"B": "c"}}}}', '/p/docker-bake.override.json'),
    ]);
    assert.deepEqual(
      r.builds.map((b) => [b.target, { ...b.args }]),
      [['b', { A: '2', B: 'c' }]],
    );
  });

  it('a malformed file is one problem at its place, and the folder gives no builds', () => {
    const bad = parseBakeHcl('target "api" {\n  context = "."\n  args = { A = "1"\n}\n', '/p/docker-bake.hcl');
    assert.ok('problem' in bad);
    assert.match(describeBuildProblem(bad.problem), /^\/p\/docker-bake\.hcl:\d+:\d+: not valid HCL: /);
    assert.deepEqual(bakeBuilds([bad, parseBakeJson('{"target": {"x": {}}}', '/p/docker-bake.json')]).builds, []);
    const json = parseBakeJson('{"target": {"api": {"context": "."},}}', '/p/docker-bake.json');
    assert.ok('problem' in json);
    assert.match(describeBuildProblem(json.problem), /^\/p\/docker-bake\.json:1:\d+: not valid JSON: /);
    const shape = parseBakeJson('{"target": ["api"]}', '/p/docker-bake.json');
    assert.ok('problem' in shape && /`target` must map target names to objects/.test(shape.problem.message));
  });
});

describe('GitHub workflows', () => {
  const workflow = (steps: string) =>
    workflowBuilds(`on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`, '/p/.github/workflows/ci.yml');

  it('reads docker/build-push-action: context, file (from the repository), target, multi-line build-args, platforms', () => {
    const r = workflow(
      [
        '      - uses: actions/checkout@v4',
        '      - name: Build api',
        '        uses: docker/build-push-action@v6',
        '        with:',
        '          context: ./api',
        '          file: ./api/docker/Dockerfile',
        '          target: runtime',
        '          build-args: |',
        '            PY=3.12-slim',
        '            SHA=${{ github.sha }}',
        '            FROM_RUNNER',
        '          platforms: linux/amd64,linux/arm64',
        '      - uses: docker/build-push-action@v6',
        '        with:',
        '          target: ${{ matrix.stage }}',
        '          build-args: ${{ steps.meta.outputs.args }}',
        '          platforms: |',
        '            linux/amd64',
        '            ${{ matrix.platform }}',
        '      - uses: docker/build-push-action@v6',
        '        with:',
        '          context: ${{ matrix.dir }}',
      ].join('\n') + '\n',
    );
    assert.equal(r.problem, undefined);
    assert.deepEqual(
      r.builds.map((b) => plain(b)),
      [
        {
          label: 'workflow ci.yml job image, step "Build api"',
          dockerfile: './api/docker/Dockerfile',
          context: './api',
          target: 'runtime',
          args: { PY: '3.12-slim', SHA: null, FROM_RUNNER: null },
          platforms: ['linux/amd64', 'linux/arm64'],
        },
        {
          label: 'workflow ci.yml job image, step 3',
          dockerfile: './Dockerfile',
          context: '.',
          target: null,
          args: {},
          argsUnknown: true,
          platforms: ['linux/amd64'],
        },
      ],
    );
  });

  it('the Git context with a subfolder is that folder of the repository', () => {
    const r = workflow('      - uses: docker/build-push-action@v5\n        with:\n          context: "{{defaultContext}}:app"\n');
    assert.deepEqual(
      r.builds.map((b) => plain(b)),
      [{ label: 'workflow ci.yml job image', dockerfile: './app/Dockerfile', context: './app', target: undefined, args: {}, platforms: [] }],
    );
  });

  it('a malformed workflow is one problem at its place', () => {
    const r = workflowBuilds('jobs:\n  image:\n    steps: {uses: x\n', '/p/.github/workflows/ci.yml');
    assert.deepEqual(r.builds, []);
    assert.match(describeBuildProblem(r.problem!), /^\/p\/\.github\/workflows\/ci\.yml:\d+:\d+: not valid YAML/);
    const steps = workflowBuilds('jobs:\n  image:\n    steps: 3\n', '/p/.github/workflows/ci.yml');
    assert.equal(describeBuildProblem(steps.problem!), '/p/.github/workflows/ci.yml:3:5: jobs.image.steps must be a list of steps');
  });
});

describe('builds: in .seaworthy.yaml', () => {
  it("reads builds with paths relative to the config file; the context defaults to the Dockerfile's folder; numbers keep their text (3.10)", () => {
    const c = parseConfigFile(
      'builds:\n  - name: api\n    dockerfile: services/api/Dockerfile\n    context: .\n    target: runtime\n    args: { PY: 3.10 }\n    platforms: [linux/amd64]\n    contexts: { base: "docker-image://alpine:3.20" }\n  - dockerfile: tools/Dockerfile\n',
      '/p/.seaworthy.yaml',
      'seaworthy',
      ruleByKey,
    );
    assert.deepEqual(configErrors(c), []);
    assert.deepEqual(
      c.builds.map((b) => ({ ...b.contexts })),
      [{ base: 'docker-image://alpine:3.20' }, {}],
    );
    assert.deepEqual(
      c.builds.map((b) => plain(b)),
      [
        {
          label: '.seaworthy.yaml build api',
          dockerfile: './services/api/Dockerfile',
          context: '.',
          target: 'runtime',
          args: { PY: '3.10' },
          platforms: ['linux/amd64'],
        },
        { label: '.seaworthy.yaml builds[1]', dockerfile: './tools/Dockerfile', context: './tools', target: undefined, args: {}, platforms: [] },
      ],
    );
  });

  it('a value of the wrong type is an error naming the key, and nothing of the file applies', () => {
    const cases: [string, string][] = [
      ['builds: { dockerfile: Dockerfile }\n', '/p/c.yaml:1:1: builds must be a list of builds { dockerfile, context, target, args, platforms }'],
      ['builds:\n  - context: .\n', "/p/c.yaml:2:5: builds[0] needs dockerfile: the Dockerfile's path, relative to this file"],
      ['builds:\n  - dockerfile: [Dockerfile]\n', '/p/c.yaml:2:5: builds[0].dockerfile must be a string (a path, a stage name)'],
      ['builds:\n  - dockerfile: Dockerfile\n    args: [A=1]\n', '/p/c.yaml:3:5: builds[0].args must map build arg names to values'],
      ['builds:\n  - dockerfile: Dockerfile\n    args: { A: [x] }\n', '/p/c.yaml:3:5: builds[0].args .A must be a string, not ["x"]'],
      [
        'builds:\n  - dockerfile: Dockerfile\n    platforms: linux/amd64\n',
        '/p/c.yaml:3:5: builds[0].platforms must be a list of platforms (linux/amd64 …) (write ["linux/amd64"] for one)',
      ],
      [
        'builds:\n  - dockerfile: Dockerfile\n    tag: x\n',
        '/p/c.yaml:3:5: builds[0].tag is not a build setting (known: name, dockerfile, context, target, args, platforms, contexts)',
      ],
      ['builds:\n  - dockerfile: Dockerfile\n    context: https://example.com/repo.git\n', '/p/c.yaml:3:5: builds[0].context must be a local path'],
      ['builds:\n  - dockerfile: Dockerfile\n    contexts: { base: true }\n', '/p/c.yaml:3:5: builds[0].contexts .base must be a string, not true'],
    ];
    for (const [text, expected] of cases) {
      const c = parseConfigFile(text, '/p/c.yaml', 'seaworthy', ruleByKey);
      assert.deepEqual(
        configErrors(c).map((p) => describeProblem(c, p)),
        [expected],
        text,
      );
      assert.deepEqual(c.builds, []);
    }
  });
});

describe('the host finds the builds of a Dockerfile', () => {
  const dockerfileOf = (dir: string) => join(dir, 'services', 'api', 'Dockerfile');
  const expected = (label: string) => ({
    label,
    dockerfile: './services/api/Dockerfile',
    context: '.',
    target: 'runtime',
    args: { PYTHON_TAG: '3.12-slim' } as Record<string, string | null>,
    platforms: ['linux/amd64', 'linux/arm64'],
  });

  for (const [fixture, label] of [
    ['bake-hcl', 'bake target api'],
    ['bake-json', 'bake target api'],
    ['config', '.seaworthy.yaml build api'],
  ] as const) {
    it(`${fixture}: one build, from the repository root`, async () => {
      const dir = repository(fixture);
      const host = new Host();
      const found = await host.buildsFor(dockerfileOf(dir), host.configFor(dockerfileOf(dir)));
      assert.equal(found.root, dir);
      assert.deepEqual(
        found.builds.map((b) => plain(b, dir)),
        [expected(label)],
      );
    });
  }

  it('compose: each service that builds the Dockerfile', async () => {
    const dir = repository('compose');
    const found = await new Host().buildsFor(dockerfileOf(dir));
    assert.deepEqual(
      found.builds.map((b) => plain(b, dir)),
      [
        expected('compose service api'),
        {
          label: 'compose service api-debug',
          dockerfile: './services/api/Dockerfile',
          context: '.',
          target: undefined,
          args: { PYTHON_TAG: '3.12-slim' },
          platforms: [],
        },
      ],
    );
  });

  it('workflow: the build-push-action step, an expression arg unknown', async () => {
    const dir = repository('workflow');
    const found = await new Host().buildsFor(dockerfileOf(dir));
    assert.deepEqual(
      found.builds.map((b) => plain(b, dir)),
      [{ ...expected('workflow image.yml job image'), args: { PYTHON_TAG: '3.12-slim', GIT_SHA: null } }],
    );
  });

  it('a Dockerfile no build names has none; builds of other Dockerfiles are not its', async () => {
    const dir = repository('compose');
    writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\n');
    assert.deepEqual((await new Host().buildsFor(join(dir, 'Dockerfile'))).builds, []);
  });

  it('without a git repository the search stops at the root given (workspace folder, folder given to the CLI)', async () => {
    const dir = project({ 'compose.yaml': 'services:\n  api:\n    build: { context: ., dockerfile: app/Dockerfile }\n', 'app/Dockerfile': 'FROM scratch\n' });
    const host = new Host();
    assert.deepEqual((await host.buildsFor(join(dir, 'app', 'Dockerfile'))).builds, [], "the Dockerfile's own folder only");
    host.setRoots([dir]);
    host.forgetBuilds();
    assert.deepEqual(
      (await host.buildsFor(join(dir, 'app', 'Dockerfile'))).builds.map((b) => b.label),
      ['compose service api'],
    );
  });

  it('a malformed build file is said once, with its place and reason, and gives no builds', async () => {
    const said: string[] = [];
    const dir = project({
      '.git/HEAD': '',
      'compose.yaml': 'services:\n  api: [\n',
      'docker-bake.hcl': 'target "x" {\n  context = \n}\n',
      '.github/workflows/ci.yml': 'jobs: {\n',
      Dockerfile: 'FROM scratch\n',
    });
    const host = new Host((m) => said.push(m));
    assert.deepEqual((await host.buildsFor(join(dir, 'Dockerfile'))).builds, []);
    await host.buildsFor(join(dir, 'Dockerfile'));
    assert.equal(said.length, 3, said.join('\n'));
    assert.match(said[0], new RegExp(`^${join(dir, 'compose.yaml')}:3:1: not valid YAML: .*; the builds it describes were not read$`));
    assert.match(said[1], new RegExp(`^${join(dir, 'docker-bake.hcl')}:\\d+:\\d+: not valid HCL: .*; the builds it describes were not read$`));
    assert.match(said[2], new RegExp(`^${join(dir, '.github', 'workflows', 'ci.yml')}:\\d+:\\d+: not valid YAML`));
  });

  it('hostile build files are refused by the reader: a FIFO, a huge file, a symlink out of the repository', async () => {
    const said: string[] = [];
    const outside = project({ 'secret.yaml': 'services:\n  api:\n    build: .\n' });
    const dir = project({ '.git/HEAD': '', Dockerfile: 'FROM scratch\n', 'docker-bake.json': `{"target": {"x": {"args": {"A": "${'x'.repeat(2 << 20)}"}}}}` });
    execFileSync('mkfifo', [join(dir, 'docker-bake.hcl')]);
    symlinkSync(join(outside, 'secret.yaml'), join(dir, 'compose.yaml'));
    const started = Date.now();
    const found = await new Host((m) => said.push(m)).buildsFor(join(dir, 'Dockerfile'));
    assert.ok(Date.now() - started < 2000, 'a FIFO must not block');
    assert.deepEqual(found.builds, []);
    assert.deepEqual(said.map((m) => m.replace(dir, '.').replace(/:1:1: /, ': ')).sort(), [
      `./compose.yaml: not read: it is a symlink to a file outside ${dir}; the builds it describes were not read`,
      './docker-bake.hcl: not read: it is a FIFO, not a regular file; the builds it describes were not read',
      './docker-bake.json: not read: it has 2.0 MB, over the limit of 1.0 MB; the builds it describes were not read',
    ]);
  });

  describe('hostile build files are read in time, never a crash, and what cannot be known is unknown', () => {
    const deep = 50_000; // past the stack's depth for a reader that recurses once a level
    const cases: { name: string; files: Record<string, string>; builds: (b: readonly Build[]) => void; said?: RegExp }[] = [
      {
        name: 'compose: ${A:-${A:-…}} nested 50,000 deep',
        files: { 'compose.yaml': `services:\n  a:\n    build:\n      context: .\n      args:\n        X: "${'${A:-'.repeat(deep)}x${'}'.repeat(deep)}"\n` },
        builds: (b) =>
          assert.deepEqual(
            b.map((x) => ({ ...x.args })),
            [{ X: 'x' }],
          ),
      },
      {
        name: 'compose: 40,000 services in one mapping',
        files: { 'compose.yaml': `services:\n${Array.from({ length: 40_000 }, (_, i) => `  s${i}:\n    build: .\n`).join('')}` },
        builds: (b) => assert.equal(b.length, 1, 'builds alike are one'),
      },
      {
        name: 'compose: a list nested 100,000 deep',
        files: { 'compose.yaml': `services:\n  a:\n    build:\n      args:\n        X: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n` },
        builds: (b) => assert.deepEqual(b, []),
        said: /compose\.yaml:\d+:\d+: not (valid YAML|read): .*; the builds it describes were not read$/,
      },
      {
        name: 'workflow: 20,000 build-push-action steps',
        files: { '.github/workflows/x.yml': `jobs:\n  a:\n    steps:\n${'      - uses: docker/build-push-action@v6\n'.repeat(20_000)}` },
        builds: (b) => assert.equal(b.length, 1),
      },
      {
        name: 'Bake HCL: parentheses nested 50,000 deep',
        files: { 'docker-bake.hcl': `target "a" {\n  context = ${'('.repeat(deep)}"."${')'.repeat(deep)}\n}\n` },
        builds: (b) => assert.deepEqual(b, [], 'a context not evaluated names no Dockerfile'),
      },
      {
        name: 'Bake HCL: a chain of 18,000 variables',
        files: {
          'docker-bake.hcl': `${Array.from({ length: 18_000 }, (_, i) => `variable "V${i}" {\n  default = "\${V${i + 1}}"\n}\n`).join('')}target "a" {\n  args = { X = "\${V0}" }\n}\n`,
        },
        builds: (b) =>
          assert.deepEqual(
            b.map((x) => ({ ...x.args })),
            [{ X: null }],
            'its value is not known here',
          ),
      },
      {
        name: 'Bake HCL: 60 levels of targets each inheriting the next one twice',
        files: {
          'docker-bake.hcl': `${Array.from({ length: 60 }, (_, i) => `target "t${i}" {\n  inherits = ["t${i + 1}", "t${i + 1}"]\n}\n`).join('')}target "t60" {\n  args = { X = "1" }\n}\n`,
        },
        builds: (b) =>
          assert.deepEqual(
            b.map((x) => [x.label, { ...x.args }]),
            [['bake target t0', { X: '1' }]],
          ),
      },
      {
        name: 'Bake JSON: a list nested 200,000 deep',
        files: { 'docker-bake.json': `{"target": {"a": {"args": {"X": ${'['.repeat(200_000)}${']'.repeat(200_000)}}}}}` },
        builds: (b) =>
          assert.deepEqual(
            b.map((x) => ({ ...x.args })),
            [{ X: null }],
          ),
      },
    ];
    for (const c of cases) {
      it(c.name, async () => {
        const said: string[] = [];
        const dir = project({ '.git/HEAD': '', Dockerfile: 'FROM scratch\n', ...c.files });
        const started = Date.now();
        const found = await new Host((m) => said.push(m)).buildsFor(join(dir, 'Dockerfile'));
        assert.ok(Date.now() - started < 10_000, `${Date.now() - started} ms`);
        c.builds(found.builds);
        if (c.said) assert.ok(said.length === 1 && c.said.test(said[0]), said.join('\n'));
        else assert.deepEqual(said, []);
      });
    }
  });
});

it('the editor watches every build file the host reads, so a change re-lints', () => {
  const names = [...COMPOSE_FILES, ...COMPOSE_FILES.map(composeOverrideOf), ...BAKE_FILES, '.github/workflows/ci.yml', '.github/workflows/release.yaml'];
  for (const name of names)
    assert.ok(
      WATCHED_FILES.some((glob) => picomatch.isMatch(`repo/sub/${name}`, glob, { dot: true })),
      name,
    );
  assert.ok(!WATCHED_FILES.some((glob) => picomatch.isMatch('repo/compose.json', glob, { dot: true })));
});

describe('lint for each build', () => {
  const cli = (args: string[], cwd?: string) =>
    spawnSync(process.execPath, [CLI, 'lint', '--no-shellcheck', '--format', 'json', ...args], { encoding: 'utf8', cwd });
  const findingsOf = (file: string, cwd?: string) => {
    const r = cli([file], cwd);
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    return (
      JSON.parse(r.stdout) as {
        findings: { rule: string; line: number; column: number; endLine: number; endColumn: number; severity: string; message: string }[];
      }[]
    )[0].findings;
  };
  const dockerfileOf = (dir: string) => join(dir, 'services', 'api', 'Dockerfile');

  for (const fixture of ['compose', 'bake-hcl', 'bake-json', 'workflow', 'config']) {
    it(`${fixture}: the .dockerignore of the build's context applies (the repository root's), so dockerignore-missing is silent`, () => {
      const dir = repository(fixture);
      assert.ok(!findingsOf(dockerfileOf(dir)).some((f) => f.rule === 'dockerignore-missing'));
    });
  }

  it("without the build file, the context is assumed to be the Dockerfile's folder, as before", () => {
    const dir = repository('compose');
    rmSync(join(dir, 'compose.yaml'));
    assert.ok(findingsOf(dockerfileOf(dir)).some((f) => f.rule === 'dockerignore-missing'));
  });

  it('a finding only some builds have names them; a malformed build file is said once and the Dockerfile is still linted', () => {
    const dir = project({
      '.git/HEAD': '',
      'compose.yaml': 'services:\n  api:\n    build: { context: ., dockerfile: app/Dockerfile }\n  app:\n    build: ./app\n',
      '.dockerignore': '.git\n',
      'app/Dockerfile': 'FROM python:3.12-slim\nCOPY . /app\nUSER 1000\nCMD ["python", "/app/main.py"]\n',
      'docker-bake.hcl': 'target "x" {\n',
    });
    const r = cli([join(dir, 'app', 'Dockerfile')]);
    const found = (JSON.parse(r.stdout) as { findings: { rule: string; message: string }[] }[])[0].findings;
    const missing = found.filter((f) => f.rule === 'dockerignore-missing');
    assert.equal(missing.length, 1);
    assert.match(missing[0].message, / \(compose service app\)$/, 'the build whose context (app/) has no .dockerignore');
    assert.ok(
      found.some((f) => f.rule === 'base-image-not-digest-pinned' && !/\(compose service/.test(f.message)),
      'what every build has is said once, unnamed',
    );
    const said = r.stderr.split('\n').filter((l) => l.includes('docker-bake.hcl'));
    assert.equal(said.length, 1, r.stderr);
    assert.match(said[0], /^seaworthy: .*docker-bake\.hcl:\d+:\d+: not valid HCL: .*; the builds it describes were not read$/);
  });

  it('merged(): identical findings once, the others named by their builds', () => {
    const rule = ruleByKey.get('dockerignore-missing')!;
    const at = (line: number, message: string): Finding => ({
      rule,
      severity: 'warning',
      range: { start: { line, character: 0 }, end: { line, character: 1 } },
      message,
      fix: undefined,
      tags: [],
    });
    const out = merged(
      [[at(1, 'a'), at(2, 'b')], [at(1, 'a')], [at(1, 'a'), at(2, 'b'), at(3, 'c')]],
      ['compose service x', 'bake target y', 'workflow ci.yml job z'],
    );
    assert.deepEqual(
      out.map((f) => f.message),
      ['a', 'b (compose service x; workflow ci.yml job z)', 'c (workflow ci.yml job z)'],
    );
  });

  describe('the editor agrees with the CLI', () => {
    let client: LspClient;
    let dir: string;
    before(async () => {
      dir = repository('compose');
      client = await startServer({ debounceMs: 0 }, [pathToFileURL(dir).toString()]);
    });
    after(async () => client.close());

    it('same findings for the fixture, and a change to the build file re-lints', async () => {
      const file = dockerfileOf(dir);
      const uri = pathToFileURL(file).toString();
      const line = (f: { rule: string; line: number; column: number; endLine: number; endColumn: number; message: string }) =>
        `${f.rule} ${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.message}`;
      const fromCli = findingsOf(file).map(line).sort();
      const diags = await client.open(uri, readFileSync(file, 'utf8'));
      const fromEditor = diags
        .map((d) =>
          line({
            rule: String(d.code),
            line: d.range.start.line + 1,
            column: d.range.start.character + 1,
            endLine: d.range.end.line + 1,
            endColumn: d.range.end.character + 1,
            message: d.message.replace(/[“”]/g, '`'),
          }),
        )
        .sort();
      assert.deepEqual(fromEditor, fromCli);
      assert.ok(!diags.some((d) => d.code === 'dockerignore-missing'));
      // the build moves its context to the Dockerfile's folder, which has no .dockerignore
      writeFileSync(join(dir, 'compose.yaml'), 'services:\n  api:\n    build: ./services/api\n');
      const again = client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'dockerignore-missing'));
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [{ uri: pathToFileURL(join(dir, 'compose.yaml')).toString(), type: 2 }],
      });
      await again;
    });

    it('a malformed build file: one message naming the file and the reason, and the Dockerfile is still linted', async () => {
      const uri = pathToFileURL(dockerfileOf(dir)).toString();
      const before = client.messages.length;
      writeFileSync(join(dir, 'compose.yaml'), 'services:\n  api:\n    build: [\n');
      const again = client.diagnostics(
        uri,
        (p) => p.diagnostics.some((d) => d.code === 'dockerignore-missing') && p.diagnostics.some((d) => d.code === 'base-image-latest'),
      );
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [{ uri: pathToFileURL(join(dir, 'compose.yaml')).toString(), type: 2 }],
      });
      await again;
      const shown = client.messages.slice(before).filter((m) => m.includes('compose.yaml'));
      assert.equal(shown.length, 1, shown.join(' | '));
      assert.match(shown[0], /^Seaworthy: .*compose\.yaml:4:1: not valid YAML: .*; the builds it describes were not read$/);
    });
  });
});

describe('Lint Workspace keeps up with build files', () => {
  let client: LspClient;
  let dir: string;
  before(async () => {
    dir = repository('compose');
    client = await startServer({ debounceMs: 0 }, [pathToFileURL(dir).toString()]);
  });
  after(async () => client.close());

  it('a change to a build file lints again the closed Dockerfiles Lint Workspace put in the Problems panel', async () => {
    const uri = pathToFileURL(join(dir, 'services', 'api', 'Dockerfile')).toString();
    const first = client.diagnostics(uri);
    await client.connection.sendRequest('workspace/executeCommand', { command: 'seaworthy.lintWorkspace', arguments: [] });
    assert.ok(!(await first).diagnostics.some((d) => d.code === 'dockerignore-missing'), 'the context is the root, which has a .dockerignore');
    // the Dockerfile is not open: only the workspace lint keeps its findings current
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  api:\n    build: ./services/api\n');
    const again = client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'dockerignore-missing'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(join(dir, 'compose.yaml')).toString(), type: 2 }],
    });
    await again;
  });
});

describe("the build's platforms reach the rules", () => {
  it('each build of a Dockerfile is linted with its own platforms and name, from the one per-file context the CLI and the server use', async () => {
    const dir = repository('compose');
    const file = join(dir, 'services', 'api', 'Dockerfile');
    const ctx = fileContext(new Host(), { path: file, overrides: {} });
    const builds = await ctx.builds();
    assert.deepEqual(
      builds.map((b) => [b.label, [...b.platforms]]),
      [
        ['compose service api', ['linux/amd64', 'linux/arm64']],
        ['compose service api-debug', []],
      ],
    );
    // a rule sees the build it is run for (base-image-platform-missing reads the platforms a base image must offer)
    const seen: [string | undefined, string[], string, string[]][] = [];
    const probe: Rule = {
      ...ruleByKey.get('no-init-process')!,
      check: ({ build, platforms }) => {
        seen.push([build.label, [...build.platforms], platforms.source, [...platforms.targets]]);
      },
    };
    const result = lintBuilds(lintInputOf(ctx, readFileSync(file, 'utf8')), builds, [probe]);
    // the platforms base images are judged for (base-image-platform-missing, the image facts): the build's own list,
    // else the per-file context's (targetPlatforms, else the builder's)
    assert.deepEqual(seen, [
      ['compose service api', ['linux/amd64', 'linux/arm64'], 'build', ['linux/amd64', 'linux/arm64']],
      ['compose service api-debug', [], ctx.platforms.source, [...ctx.platforms.targets]],
    ]);
    assert.deepEqual(
      new Set(result.platforms.targets),
      new Set(['linux/amd64', 'linux/arm64', ...ctx.platforms.targets]),
      "the registries are asked for every build's platforms",
    );
  });
});

describe('target and args', () => {
  useParser();
  const text = readFileSync(join(FIXTURES, 'compose', 'services', 'api', 'Dockerfile'), 'utf8');
  const ids = (build?: BuildInput) =>
    lintBuilds({ text, fileName: 'Dockerfile' }, build ? [build] : [], rules).findings.map((f) => `${f.rule.id}@${f.range.start.line + 1}`);
  const build = (b: Partial<BuildInput>): BuildInput => ({ dockerignore: { fileName: '.dockerignore', text: '.git\n' }, platforms: [], context: '.', ...b });

  it('the target is the final stage: rules about the final image judge it, not the last stage', () => {
    const model = buildModel(text, { target: 'runtime' });
    assert.equal(model.finalStage?.name, 'runtime');
    assert.deepEqual(
      model.stages.map((s) => s.isFinal),
      [false, true, false],
    );
    assert.ok(ids(build({})).includes('final-stage-root-user@16'), ids(build({})).join(' '));
    assert.ok(!ids(build({ target: 'runtime' })).some((f) => f.startsWith('final-stage-root-user')));
    assert.equal(buildModel(text, { target: 'RUNTIME' }).finalStage?.name, 'runtime', 'BuildKit matches stage names without regard to case');
    assert.equal(buildModel(text, { target: 'nope' }).finalStage?.name, 'debug', 'a target that names no stage fails the build: the last stays judged');
    assert.equal(buildModel(text, { target: null }).finalStage?.name, 'debug', 'a target not known here: the last stage');
  });

  it('an arg gives FROM its value in place of the ARG default', () => {
    const base = (b: BuildOptions) => {
      const s = buildModel(text, b).stages[1].base;
      return s.kind === 'image' ? `${s.ref.path}:${s.ref.tag}` : s.kind;
    };
    assert.equal(base({}), 'python:latest');
    assert.equal(base({ args: { PYTHON_TAG: '3.12-slim' } }), 'python:3.12-slim');
    assert.equal(base({ args: { PYTHON_TAG: null } }), 'unresolved', 'passed, with a value not known here');
    assert.equal(base({ argsUnknown: true }), 'unresolved', 'args that cannot be listed may set any ARG');
    assert.equal(base({ args: { OTHER: 'x' } }), 'python:latest', 'an arg no ARG declares changes nothing');
    assert.ok(ids(build({})).includes('base-image-latest@2'));
    assert.ok(!ids(build({ args: { PYTHON_TAG: '3.12-slim' } })).some((f) => f.startsWith('base-image-latest') || f.startsWith('base-image-full-variant')));
  });

  it('an arg gives an ARG inside a stage its value too', () => {
    const model = buildModel('FROM debian:12\nARG MODE=dev\nRUN echo $MODE\n', { args: { MODE: 'prod' } });
    assert.equal(argAt(model, model.instructions[2], 'MODE'), 'prod');
    const none = buildModel('FROM debian:12\nARG MODE=dev\nRUN echo $MODE\n');
    assert.equal(argAt(none, none.instructions[2], 'MODE'), 'dev');
  });

  it("an arg can move a base image to another registry (base-image-untrusted-registry judges the build's value)", () => {
    const dockerfile = 'ARG REGISTRY=docker.io\nFROM ${REGISTRY}/library/python:3.12-slim\nCMD ["python"]\n';
    const untrusted = (b?: Partial<BuildInput>) =>
      lintBuilds({ text: dockerfile, fileName: 'Dockerfile', config: { trustedRegistries: ['docker.io'] } }, b ? [build(b)] : [], rules).findings.filter(
        (f) => f.rule.id === 'base-image-untrusted-registry',
      ).length;
    assert.equal(untrusted(), 0);
    assert.equal(untrusted({ args: { REGISTRY: 'evil.example.com' } }), 1);
  });
});

describe('base image platforms per build', () => {
  useParser();
  it('base-image-platform-missing judges each build by the platforms it lists, and names the build that lacks one', () => {
    const text = 'FROM mcr.microsoft.com/mssql/server:2022-latest\nUSER mssql\nCMD ["/opt/mssql/bin/sqlservr"]\n';
    // what a registry would say of the image: one platform (the rule and the host's facts are tested with real registries elsewhere)
    const registry = { currentDigest: () => undefined, image: () => ({ platforms: ['linux/amd64'] }) as unknown as ImageFacts };
    const b = (label: string, platforms: string[]): BuildInput => ({ label, dockerignore: undefined, platforms, context: '.' });
    const found = (builds: BuildInput[]) =>
      lintBuilds({ text, fileName: 'Dockerfile', registry }, builds, [ruleByKey.get('base-image-platform-missing')!]).findings.map((f) => f.message);
    const both = found([b('compose service db', ['linux/amd64', 'linux/arm64']), b('compose service db-x86', ['linux/amd64'])]);
    assert.equal(both.length, 1, both.join('\n'));
    assert.match(both[0], /but not `linux\/arm64`, which the build lists: .* \(compose service db\)$/);
    assert.deepEqual(found([b('compose service db-x86', ['linux/amd64'])]), []);
    assert.deepEqual(found([b('compose service db', [])]), [], "no platforms listed and no targetPlatforms: only the builder's, never judged");
  });
});

describe('the base images registries are asked about, per build', () => {
  useParser();
  it("each build's own base images, for its own platforms: args that name another image, a build that lists platforms; the same image asked once", () => {
    const text = 'ARG BASE=alpine:3.20\nFROM ${BASE}\nUSER 1000\n';
    const ctx = { platforms: buildPlatforms('linux/amd64', undefined, undefined), lintConfig: undefined };
    const b = (label: string, extra: Partial<BuildInput>): BuildInput => ({ label, dockerignore: undefined, platforms: [], context: '.', ...extra });
    const asked = (builds: BuildInput[]) =>
      imagesOfBuilds(
        ctx,
        builds,
        () => buildModel(text),
        (build) => buildModel(text, build),
      ).map((w) => `${w.ref.raw} ${w.platform}`);
    assert.deepEqual(asked([b('compose service api', {})]), ['alpine:3.20 linux/amd64']);
    assert.deepEqual(
      asked([
        b('compose service api', {}),
        b('compose service api-debian', { args: { BASE: 'debian:12-slim' } }),
        b('bake target arm', { platforms: ['linux/arm64'] }),
        b('compose service again', {}),
      ]),
      ['alpine:3.20 linux/amd64', 'debian:12-slim linux/amd64', 'alpine:3.20 linux/arm64'],
    );
    assert.deepEqual(asked([]), ['alpine:3.20 linux/amd64'], 'no build known: the file as it is');
  });
});

describe('named build contexts', () => {
  useParser();
  const DIGEST = `sha256:${'a'.repeat(64)}`;
  const baseOf = (text: string, contexts: Record<string, string | null>, stage = -1) => {
    const b = buildModel(text, { contexts }).stages.at(stage)!.base;
    return b.kind === 'image' ? `image ${b.ref.path}${b.ref.tag ? `:${b.ref.tag}` : ''}${b.ref.digest ? `@${b.ref.digest}` : ''}` : b.kind;
  };

  it('a FROM that names one is built on it: docker-image:// is that image, anything else no image a registry describes', () => {
    assert.equal(baseOf('FROM base\n', { base: `docker-image://alpine:3.20@${DIGEST}` }), `image alpine:3.20@${DIGEST}`);
    assert.equal(baseOf('FROM base\n', { base: 'target:base' }), 'unresolved');
    assert.equal(baseOf('FROM base\n', { base: './rootfs' }), 'unresolved');
    assert.equal(baseOf('FROM base\n', { base: null }), 'unresolved', 'a value not known here');
    assert.equal(baseOf('FROM base\n', {}), 'image base');
    assert.equal(
      baseOf('FROM alpine\n', { 'docker.io/library/alpine:latest': 'docker-image://alpine:3.20' }),
      'image alpine:3.20',
      'the same image reference, written otherwise',
    );
    assert.equal(
      baseOf('FROM debian:12 AS base\nFROM base\n', { base: 'docker-image://debian:12-slim' }),
      'image debian:12-slim',
      'it replaces a stage of that name (BuildKit)',
    );
    assert.equal(baseOf('FROM debian:12 AS base\nFROM base\n', {}), 'stage');
  });

  it("findings follow: a FROM naming another build's result is not an untagged image; a pinned docker-image:// is pinned", () => {
    const text = 'FROM java_base\nUSER 1000\nCMD ["java", "-jar", "/app.jar"]\n';
    const about = (contexts?: Record<string, string | null>) =>
      lintBuilds({ text, fileName: 'Dockerfile' }, [{ dockerignore: undefined, platforms: [], context: '.', ...(contexts ? { contexts } : {}) }], rules)
        .findings.map((f) => f.rule.id)
        .filter((id) => id.startsWith('base-image-'))
        .sort();
    assert.deepEqual(about(), ['base-image-not-digest-pinned', 'base-image-untagged']);
    assert.deepEqual(about({ java_base: 'target:java_base' }), []);
    assert.deepEqual(about({ java_base: `docker-image://eclipse-temurin:21-jre@${DIGEST}` }), []);
    assert.deepEqual(about({ java_base: 'docker-image://eclipse-temurin:21-jre' }), ['base-image-not-digest-pinned']);
  });

  it('read from Bake (contexts merged through inherits; a target taken as a context is a build; cwd://), compose and workflows', () => {
    const bake = bakeBuilds([
      parseBakeHcl(
        [
          'target "java_base" {',
          '  dockerfile = "./java/Dockerfile"',
          '}',
          'target "_common" {',
          '  contexts = { java_base = "target:java_base", extra = "./x" }',
          '}',
          'target "search" {',
          '  inherits   = ["_common", "java_base"]',
          '  context    = "search"',
          '  dockerfile = "cwd://search.Dockerfile"',
          '  contexts   = { extra = "docker-image://alpine:3.20" }',
          '}',
        ].join('\n'),
        '/p/docker-bake.hcl',
      ),
    ]);
    assert.deepEqual(
      bake.builds.map((b) => [b.label, b.dockerfile, b.context, { ...b.contexts }]),
      [
        ['bake target java_base', '/p/java/Dockerfile', '/p', {}],
        ['bake target search', '/p/search.Dockerfile', '/p/search', { java_base: 'target:java_base', extra: 'docker-image://alpine:3.20' }],
      ],
    );
    const compose = composeOf(
      'services:\n  a:\n    build:\n      context: .\n      additional_contexts:\n        - base=docker-image://alpine:${TAG:-3.20}\n        - other=service:b\n  b:\n    build:\n      context: .\n      additional_contexts: { base: "${NOPE}" }\n',
    );
    assert.deepEqual(
      compose.builds.map((b) => ({ ...b.contexts })),
      [{ base: 'docker-image://alpine:3.20', other: 'service:b' }, { base: null }],
    );
    assert.match(
      composeOf('services:\n  a:\n    build:\n      additional_contexts: 3\n').problem?.message ?? '',
      /^services\.a\.build\.additional_contexts must be/,
    );
    const flow = workflowBuilds(
      'jobs:\n  j:\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          build-contexts: |\n            base=docker-image://alpine:3.20\n            src=${{ github.workspace }}/src\n',
      '/p/.github/workflows/ci.yml',
    );
    assert.deepEqual(
      flow.builds.map((b) => ({ ...b.contexts })),
      [{ base: 'docker-image://alpine:3.20', src: null }],
    );
  });
});

describe('the build context in findings and fixes', () => {
  const cli = (args: string[]) => spawnSync(process.execPath, [CLI, 'lint', '--no-shellcheck', '--format', 'json', ...args], { encoding: 'utf8' });
  const findingsOf = (file: string, ...args: string[]) =>
    (JSON.parse(cli([...args, file]).stdout) as { findings: { rule: string; severity: string; message: string; fix?: { title: string } }[] }[])[0].findings;

  it('no build file, a .dockerignore above: the context was assumed, and the finding says so and how to declare it', () => {
    const dir = project({
      '.git/HEAD': '',
      '.dockerignore': '.git\n',
      'services/api/Dockerfile': 'FROM python:3.12-slim\nCOPY . /app\nUSER 1000\nCMD ["python", "/app/main.py"]\n',
    });
    const found = findingsOf(join(dir, 'services', 'api', 'Dockerfile')).filter((f) => f.rule === 'dockerignore-missing');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'information');
    assert.doesNotMatch(found[0].message, /there is no \.dockerignore/);
    assert.match(
      found[0].message,
      /taken to be this Dockerfile's folder.*`\.\.\/\.\.\/\.dockerignore` applies if the image is built from `\.\.\/\.\.`: name the context in compose, Bake or a workflow, or in `builds:` of \.seaworthy\.yaml$/,
    );
    assert.ok(!found[0].fix, "which folder is the context is the user's to say");
  });

  it('a build context above the Dockerfile with no .dockerignore: the fix creates it there', () => {
    const dir = project({
      '.git/HEAD': '',
      'compose.yaml': 'services:\n  api:\n    build: { context: ., dockerfile: services/api/Dockerfile }\n',
      'services/api/Dockerfile': 'FROM python:3.12-slim\nCOPY . /app\nUSER 1000\nCMD ["python", "/app/main.py"]\n',
    });
    const file = join(dir, 'services', 'api', 'Dockerfile');
    const [missing] = findingsOf(file).filter((f) => f.rule === 'dockerignore-missing');
    assert.match(missing.message, /sends the whole build context \(`\.\.\/\.\.`\) and it has no \.dockerignore/);
    assert.equal(missing.fix?.title, 'Create ../../.dockerignore');
    const r = cli(['--fix', '--unsafe', file]);
    assert.match(r.stderr, new RegExp(`seaworthy: created ${join(dir, 'services', 'api', '..', '..', '.dockerignore').replace(/[.]/g, '\\.')}`));
    assert.match(readFileSync(join(dir, '.dockerignore'), 'utf8'), /^\.git$/m);
    assert.ok(!findingsOf(file).some((f) => f.rule === 'dockerignore-missing'));
  });

  it('the fixtures: findings with the build files against the Dockerfile alone', () => {
    const alone = project({ Dockerfile: readFileSync(join(FIXTURES, 'compose', 'services', 'api', 'Dockerfile'), 'utf8') });
    const before = findingsOf(join(alone, 'Dockerfile'))
      .map((f) => f.rule)
      .sort();
    assert.deepEqual(before, [
      'base-image-full-variant',
      'base-image-latest',
      'base-image-latest',
      'base-image-not-digest-pinned',
      'copy-all-before-deps',
      'dockerignore-missing',
      'final-stage-root-user',
      'no-init-process',
    ]);
    for (const fixture of ['bake-hcl', 'bake-json', 'workflow', 'config']) {
      const after = findingsOf(join(repository(fixture), 'services', 'api', 'Dockerfile'))
        .map((f) => f.rule)
        .sort();
      assert.deepEqual(after, ['base-image-not-digest-pinned', 'copy-all-before-deps', 'no-init-process'], fixture);
    }
    const compose = findingsOf(join(repository('compose'), 'services', 'api', 'Dockerfile'));
    assert.deepEqual(compose.map((f) => f.rule).sort(), ['base-image-not-digest-pinned', 'copy-all-before-deps', 'final-stage-root-user', 'no-init-process']);
    assert.match(
      compose.find((f) => f.rule === 'final-stage-root-user')!.message,
      / \(compose service api-debug\)$/,
      'only the service built from the last stage runs as root',
    );
  });
});
