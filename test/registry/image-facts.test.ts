// What a base image is, read from a real registry (Debian's docker-registry on loopback) for images buildah built
// FROM scratch with real configs: the whole config for a platform, the platforms of an index, mirrors (Docker Hub's
// and a per-registry proxy cache with a path), and the facts cache on disk (asked once, safe to damage).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { parseImageRef } from '../../server/src/engine/imageRef';
import { RegistryClient } from '../../server/src/registry/client';
import { FactsCache } from '../../server/src/registry/factsCache';
import { mirrorsFromEntries } from '../../server/src/registry/mirrors';
import { RegistryService } from '../../server/src/registry/service';
import type { Checklist } from '../../shared/src/commands';
import { ConfigImages, missingBuildTools, startRecordingProxy } from '../harness/configImages';
import { startServer } from '../harness/lspClient';
import { CLI } from '../harness/paths';
import { freePort, scratch, startRegistry, type RunningRegistry } from '../harness/realRegistry';

const missing = missingBuildTools();
if (missing && process.env.SEAWORTHY_REQUIRE_REGISTRY === '1') throw new Error(`image facts tests cannot run: ${missing}`);

const httpOptions = { timeoutMs: 10_000, connectTimeoutMs: 5_000, maxBodyBytes: 4 << 20 };
const ref = (text: string) => parseImageRef(text)!;

function cli(args: string[], env: Record<string, string> = {}): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', DOCKER_CONFIG: '/nonexistent', HTTPS_PROXY: '', https_proxy: '', ...env } },
      (error, stdout, stderr) => {
        resolve({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

describe('image facts from a real registry', { skip: missing }, () => {
  let dir: string;
  let registry: RunningRegistry;
  let images: ConfigImages;
  const stops: (() => Promise<void>)[] = [];
  const digest: Record<string, string> = {};

  before(async () => {
    dir = scratch('image-facts');
    registry = await startRegistry({ storage: join(dir, 'storage') });
    stops.push(registry.stop);
    images = new ConfigImages(dir);
    const service = await images.build('svc', {
      user: '10001:10001',
      env: { APP_HOME: '/srv', PYTHONUNBUFFERED: '1' },
      ports: ['8080/tcp'],
      entrypoint: ['/usr/bin/tini', '--'],
      cmd: ['python', 'app.py'],
      workdir: '/srv',
      healthcheck: 'CMD curl -fsS http://localhost:8080/health',
      labels: { 'org.opencontainers.image.vendor': 'Team' },
      history: ['/bin/sh -c apt-get update && apt-get install -y --no-install-recommends curl tini', '/bin/sh -c useradd --system --uid 10001 app'],
    });
    await images.push(service, registry.host, 'team/svc', '1');
    const amd = await images.build('multi-amd', { arch: 'amd64', user: 'amd' });
    const arm = await images.build('multi-arm', { arch: 'arm64', user: 'arm', payloadBytes: 64 * 1024 });
    await images.push(await images.index('multi', [amd, arm]), registry.host, 'team/multi', '1');
    // what Docker Hub would serve, under the names Dockerfiles use; the tests reach them through a mirror
    const python = await images.build('python', {
      env: { PATH: '/usr/local/bin:/usr/bin:/bin', LANG: 'C.UTF-8', PYTHON_VERSION: '3.12.8' },
      cmd: ['python3'],
      history: [
        "# debian.sh --arch 'amd64' out/ 'bookworm' '@1734912000'",
        '/bin/sh -c apt-get update && apt-get install -y --no-install-recommends ca-certificates netbase tzdata',
      ],
    });
    await images.push(python, registry.host, 'library/python', '3.12-slim');
    const node = await images.build('node', {
      env: { NODE_VERSION: '22.12.0' },
      entrypoint: ['docker-entrypoint.sh'],
      cmd: ['node'],
      history: ['/bin/sh -c groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node'],
    });
    await images.push(node, registry.host, 'library/node', '22');
    await images.push(service, registry.host, 'proxy-cache/team/app', '1');
    for (const [repo, tag] of [
      ['team/svc', '1'],
      ['team/multi', '1'],
      ['library/python', '3.12-slim'],
    ]) {
      digest[repo] = (await new RegistryClient({ http: httpOptions }).resolve(ref(`${registry.host}/${repo}:${tag}`))).digest;
    }
  });
  after(async () => {
    await images?.clean();
    for (const stop of stops) await stop();
  });

  it('reads the whole config of an image: user, ports, env, entrypoint, cmd, workdir, healthcheck (Docker format), labels, history, size', async () => {
    const info = await new RegistryClient({ http: httpOptions }).info(ref(`${registry.host}/team/svc:1`), 'linux/amd64');
    assert.equal(info.digest, digest['team/svc']);
    assert.deepEqual(info.platforms, ['linux/amd64']);
    assert.equal(info.multiPlatform, false);
    const c = info.config!;
    assert.equal(c.user, '10001:10001');
    assert.deepEqual(c.exposedPorts, ['8080/tcp']);
    assert.deepEqual(
      c.env.filter(([n]) => n !== 'PATH'),
      [
        ['APP_HOME', '/srv'],
        ['PYTHONUNBUFFERED', '1'],
      ],
    );
    assert.deepEqual(c.entrypoint, ['/usr/bin/tini', '--']);
    assert.deepEqual(c.cmd, ['python', 'app.py']);
    assert.equal(c.workingDir, '/srv');
    assert.deepEqual(c.healthcheck?.test, ['CMD', 'curl', '-fsS', 'http://localhost:8080/health']);
    assert.equal(c.healthcheck?.intervalNs, 30e9);
    assert.equal(c.labels['org.opencontainers.image.vendor'], 'Team');
    assert.deepEqual(
      c.history.map((h) => h.createdBy),
      ['/bin/sh -c apt-get update && apt-get install -y --no-install-recommends curl tini', '/bin/sh -c useradd --system --uid 10001 app'],
    );
    assert.ok(info.compressedSize! > 0, 'the layers of the manifest are counted');
  });

  it("knows the platforms of an index and reads each platform's own config and size", async () => {
    const client = new RegistryClient({ http: httpOptions });
    const arm = await client.info(ref(`${registry.host}/team/multi:1`), 'linux/arm64');
    const amd = await client.info(ref(`${registry.host}/team/multi:1`), 'linux/amd64');
    assert.deepEqual(arm.platforms, ['linux/amd64', 'linux/arm64']);
    assert.equal(arm.multiPlatform, true);
    assert.equal(arm.digest, digest['team/multi']);
    assert.equal(arm.config?.user, 'arm');
    assert.equal(amd.config?.user, 'amd');
    assert.ok(arm.compressedSize! > 64 * 1024 && amd.compressedSize! < 1024, `${arm.compressedSize} vs ${amd.compressedSize}`);
    const s390 = await client.info(ref(`${registry.host}/team/multi:1`), 'linux/s390x');
    assert.equal(s390.platform, undefined);
    assert.equal(s390.config, undefined, 'a platform the index lacks has no config');
    assert.deepEqual(s390.platforms, ['linux/amd64', 'linux/arm64']);
  });

  it('resolves Docker Hub references (python:3.12-slim, node:22) through a registry mirror', async () => {
    const { mirrors } = mirrorsFromEntries([registry.host]);
    const client = new RegistryClient({ http: httpOptions, mirrors });
    assert.equal((await client.resolve(ref('python:3.12-slim'))).digest, digest['library/python']);
    const node = await client.info(ref('node:22'), 'linux/amd64');
    assert.equal(node.name, 'docker.io/library/node:22');
    assert.deepEqual(node.config?.entrypoint, ['docker-entrypoint.sh']);
    assert.equal(node.link, 'https://hub.docker.com/_/node');
  });

  it('asks a per-registry mirror under its path (a Harbor proxy cache), and the registry itself when the mirror is down', async () => {
    const { mirrors } = mirrorsFromEntries([`registry.example.invalid=http://${registry.host}/proxy-cache`]);
    const viaCache = await new RegistryClient({ http: httpOptions, mirrors }).info(ref('registry.example.invalid/team/app:1'), 'linux/amd64');
    assert.equal(viaCache.digest, digest['team/svc']);
    assert.equal(viaCache.config?.user, '10001:10001');
    const down = `127.0.0.1:${await freePort()}`;
    const fallback = mirrorsFromEntries([`${registry.host}=${down}`]).mirrors;
    const resolved = await new RegistryClient({ http: httpOptions, mirrors: fallback }).resolve(ref(`${registry.host}/team/svc:1`));
    assert.equal(resolved.digest, digest['team/svc'], 'the registry answers when its mirror cannot');
    const both = mirrorsFromEntries([`registry.example.invalid=${down}`]).mirrors;
    await assert.rejects(
      new RegistryClient({ http: { ...httpOptions, timeoutMs: 3000, connectTimeoutMs: 1000 }, mirrors: both }).resolve(
        ref('registry.example.invalid/team/app:1'),
      ),
      (e: Error) => {
        assert.match(e.message, new RegExp(`^cannot reach ${down.replace(/\./g, '\\.')}.*\\(the mirror; asked directly: .*registry\\.example\\.invalid`));
        return true;
      },
    );
  });

  it('keeps facts on disk by digest: a second run asks only which digest the tag names, a pinned reference asks nothing', async () => {
    const proxy = await startRecordingProxy(registry.host);
    stops.push(proxy.stop);
    const cacheDir = join(dir, 'cache-1');
    const wanted = [
      { ref: ref(`${proxy.host}/team/svc:1`), platform: 'linux/amd64' },
      { ref: ref(`${proxy.host}/team/multi:1@${digest['team/multi']}`), platform: 'linux/arm64' },
    ];
    const first = new RegistryService({ http: httpOptions, cache: new FactsCache(cacheDir) });
    assert.equal(await first.refreshImages(wanted), true);
    assert.equal(first.facts.image(wanted[0].ref, 'linux/amd64')?.config?.user, '10001:10001');
    assert.ok(
      proxy.requests.some((r) => r.startsWith('GET /v2/team/svc/blobs/')),
      'the first run reads the config blob',
    );
    proxy.requests.length = 0;
    // a new process (a reopened editor, the next CI run) with the same cache folder
    const second = new RegistryService({ http: httpOptions, cache: new FactsCache(cacheDir) });
    assert.equal(await second.refreshImages(wanted), true);
    assert.deepEqual(proxy.requests, ['HEAD /v2/team/svc/manifests/1'], 'only the tag is asked again');
    assert.equal(second.facts.image(wanted[0].ref, 'linux/amd64')?.config?.user, '10001:10001');
    assert.equal(second.facts.image(wanted[1].ref, 'linux/arm64')?.config?.user, 'arm');
    assert.deepEqual(second.facts.image(wanted[1].ref, 'linux/arm64')?.platforms, ['linux/amd64', 'linux/arm64']);
    assert.equal(await second.refreshImages(wanted), false, 'nothing new the second time in one process');
  });

  it('ignores and rewrites a damaged cache file, and never follows a symlink out of the cache folder', async () => {
    const cacheDir = join(dir, 'cache-2');
    const wanted = [{ ref: ref(`${registry.host}/team/svc:1`), platform: 'linux/amd64' }];
    await new RegistryService({ http: httpOptions, cache: new FactsCache(cacheDir) }).refreshImages(wanted);
    const [file] = readdirSync(cacheDir);
    writeFileSync(join(cacheDir, file), '{"v":1,"key":"broken');
    const again = new RegistryService({ http: httpOptions, cache: new FactsCache(cacheDir) });
    await again.refreshImages(wanted);
    assert.equal(again.facts.image(wanted[0].ref, 'linux/amd64')?.config?.user, '10001:10001');
    assert.doesNotThrow(() => JSON.parse(readFileSync(join(cacheDir, file), 'utf8')), 'the damaged file was written again');
    // an entry that is a symlink to a file elsewhere: not read, not written through; replaced by a file of ours
    const outside = join(dir, 'outside.json');
    const forged = readFileSync(join(cacheDir, file), 'utf8').replace('10001:10001', '0');
    writeFileSync(outside, forged);
    const link = join(cacheDir, file);
    rmSync(link);
    symlinkSync(outside, link);
    const third = new RegistryService({ http: httpOptions, cache: new FactsCache(cacheDir) });
    await third.refreshImages(wanted);
    assert.equal(third.facts.image(wanted[0].ref, 'linux/amd64')?.config?.user, '10001:10001', 'the forged entry behind the symlink was not read');
    assert.equal(readFileSync(outside, 'utf8'), forged, 'the file the symlink pointed to is untouched');
    assert.ok(lstatSync(link).isFile(), 'the symlink was replaced by a file of the cache');
  });

  it('pins python:3.12-slim through --registry-mirror and SEAWORTHY_REGISTRY_MIRRORS, keeping the name as written', async () => {
    const file = join(dir, 'pin.Dockerfile');
    writeFileSync(file, 'FROM python:3.12-slim\n');
    const r = await cli(['pin', '--registry-mirror', registry.host, file]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(file, 'utf8'), `FROM python:3.12-slim@${digest['library/python']}\n`);
    writeFileSync(file, 'FROM python:3.12-slim\n');
    const env = await cli(['pin', '--check', file], { SEAWORTHY_REGISTRY_MIRRORS: `docker.io=${registry.host}` });
    assert.equal(env.status, 1, env.stderr);
    assert.match(env.stdout, /would pin python:3\.12-slim -> python:3\.12-slim@sha256:/);
    const bad = await cli(['pin', '--registry-mirror', 'harbor.corp/Proxy Cache', file]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--registry-mirror: "harbor\.corp\/Proxy Cache" has a path a registry cannot serve/);
  });

  it('in the editor, the image hover shows what a stage built FROM it inherits, asked through seaworthy.registryMirrors', async () => {
    const lsp = await startServer({ debounceMs: 0, workspaceTrusted: true, cacheDir: join(dir, 'editor-storage') });
    try {
      lsp.settings.seaworthy = { enable: true, rules: {}, network: true, registryMirrors: { 'registry.example.invalid': `${registry.host}/proxy-cache` } };
      const file = join(dir, 'hover.Dockerfile');
      writeFileSync(file, '');
      const uri = pathToFileURL(file).toString();
      await lsp.open(uri, 'FROM registry.example.invalid/team/app:1\nCMD ["python", "app.py"]\n');
      const hover = (await lsp.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 10 } })) as {
        contents: { value: string };
      };
      const card = hover.contents.value;
      assert.match(card, /\*\*registry\.example\.invalid\/team\/app:1\*\*/);
      assert.match(card, /What a stage built FROM it inherits \(linux\/amd64\):/);
      assert.match(card, /- user: `10001:10001`/);
      assert.match(card, /- exposed ports: `8080\/tcp`/);
      assert.match(card, /- healthcheck: `\["curl","-fsS","http:\/\/localhost:8080\/health"\]`/);
      assert.match(card, /- entrypoint: `\["\/usr\/bin\/tini","--"\]`/);
      assert.match(card, /- working directory: `\/srv`/);
      assert.ok(readdirSync(join(dir, 'editor-storage', 'image-facts')).length > 0, 'the facts are kept in the storage the client named');
      assert.ok(
        lsp.logs.some((l) => l.includes(`mirrors first: registry.example.invalid=${registry.host}/proxy-cache`)),
        lsp.logs.join('\n'),
      );
    } finally {
      await lsp.close();
    }
  });

  describe('lint with facts', () => {
    interface JsonOut {
      file: string;
      findings: { rule: string; message: string; line: number; fix?: { title: string } }[];
    }
    const files: Record<string, string> = {
      // a base that runs as 10001, declares a HEALTHCHECK, starts tini and sets PYTHONUNBUFFERED, through a proxy cache
      'svc.Dockerfile': 'FROM registry.example.invalid/team/app:1\nCOPY app.py /srv/app.py\nEXPOSE 8080\nCMD ["python", "app.py"]\n',
      // Docker Hub's python:3.12-slim through Docker Hub's mirror: root, no HEALTHCHECK
      'python.Dockerfile': 'FROM python:3.12-slim\nCOPY . /app\nEXPOSE 8000\nCMD ["python", "/app/main.py"]\n',
    };
    const write = (sub: string, extra: Record<string, string> = {}) => {
      const folder = join(dir, sub);
      mkdirSync(folder, { recursive: true });
      for (const [name, text] of Object.entries({ ...files, ...extra, '.dockerignore': '.git\n' })) writeFileSync(join(folder, name), text);
      return folder;
    };
    const rulesOf = (out: JsonOut[], file: string) =>
      out
        .find((o) => o.file.endsWith(file))!
        .findings.map((f) => f.rule)
        .sort();
    const lintJson = async (args: string[], env: Record<string, string> = {}) => {
      const r = await cli(['lint', '--format', 'json', '--no-shellcheck', '--failure-threshold', 'none', ...args], env);
      assert.equal(r.status, 0, r.stderr);
      return JSON.parse(r.stdout) as JsonOut[];
    };

    it("with --network through the mirrors the base's config decides; offline the same files give today's findings", async () => {
      const folder = write('lint-facts', {
        '.seaworthy.yaml': 'targetPlatforms: [linux/amd64, linux/s390x]\n',
        'multi.Dockerfile': `FROM ${registry.host}/team/multi:1\nCOPY app /app\nUSER 10001\n`,
        // an image no registry knows: judged from the text, as offline
        'unknown.Dockerfile': 'FROM registry.example.invalid/team/missing:1\nCOPY app.py /srv/app.py\nEXPOSE 8080\nCMD ["python", "app.py"]\n',
      });
      const paths = Object.keys(files)
        .concat('multi.Dockerfile', 'unknown.Dockerfile')
        .map((f) => join(folder, f));
      const offline = await lintJson(paths);
      const mirrors = ['--registry-mirror', `registry.example.invalid=${registry.host}/proxy-cache`, '--registry-mirror', registry.host];
      const online = await lintJson(['--network', ...mirrors, ...paths], { SEAWORTHY_CACHE_DIR: join(dir, 'cli-cache') });
      const svcOff = rulesOf(offline, 'svc.Dockerfile');
      for (const id of ['final-stage-root-user', 'healthcheck-missing', 'no-init-process', 'python-env-unbuffered'])
        assert.ok(svcOff.includes(id), `offline: ${id} in ${svcOff}`);
      const svcOn = rulesOf(online, 'svc.Dockerfile');
      for (const id of ['final-stage-root-user', 'healthcheck-missing', 'no-init-process', 'python-env-unbuffered'])
        assert.ok(!svcOn.includes(id), `online: ${id} in ${svcOn}`);
      // the base offers linux/amd64 only, and the team builds for linux/s390x too
      assert.deepEqual(
        svcOn,
        [
          ...svcOff.filter((id) => !['final-stage-root-user', 'healthcheck-missing', 'no-init-process', 'python-env-unbuffered'].includes(id)),
          'base-image-platform-missing',
        ].sort(),
        'nothing else changes',
      );
      const root = online.find((o) => o.file.endsWith('python.Dockerfile'))!.findings.find((f) => f.rule === 'final-stage-root-user')!;
      assert.equal(root.message, '`python:3.12-slim` runs as root (its config has no User) and this stage never sets USER');
      const health = online.find((o) => o.file.endsWith('python.Dockerfile'))!.findings.find((f) => f.rule === 'healthcheck-missing')!;
      assert.match(health.message, /nor does the base image `python:3\.12-slim`/);
      assert.ok(!health.fix, "no probe: the base's history installs no curl or wget");
      assert.ok(!rulesOf(offline, 'multi.Dockerfile').includes('base-image-platform-missing'), 'offline nothing is known of the platforms');
      const missing = online.find((o) => o.file.endsWith('multi.Dockerfile'))!.findings.find((f) => f.rule === 'base-image-platform-missing')!;
      assert.match(missing.message, /offers `linux\/amd64`, `linux\/arm64` but not `linux\/s390x`, which targetPlatforms lists/);
      assert.deepEqual(
        online.find((o) => o.file.endsWith('unknown.Dockerfile')),
        offline.find((o) => o.file.endsWith('unknown.Dockerfile')),
        'an unknown image changes nothing',
      );
      // the cache holds what was learned: the next run gives the same findings
      const again = await lintJson(['--network', ...mirrors, ...paths], { SEAWORTHY_CACHE_DIR: join(dir, 'cli-cache') });
      assert.deepEqual(again, online);
    });

    it('in the editor the findings follow the facts once they arrive; an untrusted workspace asks no registry', async () => {
      const folder = write('editor-facts');
      const proxy = await startRecordingProxy(registry.host);
      stops.push(proxy.stop);
      const seaworthy = { enable: true, rules: {}, network: true, registryMirrors: { 'registry.example.invalid': `${proxy.host}/proxy-cache` } };
      const uri = pathToFileURL(join(folder, 'svc.Dockerfile')).toString();
      const untrusted = await startServer({ debounceMs: 0, workspaceTrusted: false, cacheDir: join(dir, 'untrusted-storage') });
      try {
        untrusted.settings.seaworthy = seaworthy;
        const first = await untrusted.open(uri, files['svc.Dockerfile']);
        assert.ok(
          first.some((d) => d.code === 'final-stage-root-user'),
          'judged from the text alone',
        );
        await untrusted.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 10 } });
        await new Promise((r) => setTimeout(r, 500));
        assert.equal(proxy.requests.length, 0, `no registry was asked: ${proxy.requests.join(', ')}`);
      } finally {
        await untrusted.close();
      }
      const lsp = await startServer({ debounceMs: 0, workspaceTrusted: true, cacheDir: join(dir, 'trusted-storage') });
      try {
        lsp.settings.seaworthy = seaworthy;
        const later = lsp.diagnostics(uri, (p) => !p.diagnostics.some((d) => d.code === 'final-stage-root-user'), 15_000);
        const first = await lsp.open(uri, files['svc.Dockerfile']);
        assert.ok(
          first.some((d) => d.code === 'final-stage-root-user'),
          'the first diagnostics do not wait for the registry',
        );
        const after = (await later).diagnostics.map((d) => d.code);
        for (const id of ['final-stage-root-user', 'healthcheck-missing', 'no-init-process', 'python-env-unbuffered'])
          assert.ok(!after.includes(id), `${id} in ${after}`);
        assert.ok(
          proxy.requests.some((r) => r.startsWith('GET /v2/proxy-cache/team/app/blobs/')),
          proxy.requests.join('\n'),
        );
        // the Production Checklist: items the base answers say so, and the base's own rows are marked as its
        const list = (await lsp.connection.sendRequest('seaworthy/checklist', { uri })) as Checklist;
        const row = (label: string) => list.items.find((i) => i.label === label)!;
        assert.deepEqual([row('Runs as a non-root user').status, row('Runs as a non-root user').detail], ['passed', '`10001:10001` · from the base image']);
        assert.deepEqual([row('HEALTHCHECK declared').status, row('HEALTHCHECK declared').detail], ['passed', 'its HEALTHCHECK · from the base image']);
        assert.deepEqual([row('Signals reach the app').status, row('Signals reach the app').detail], ['passed', 'tini · from the base image']);
        const base = list.items.filter((i) => i.status === 'base').map((i) => `${i.label}: ${i.detail}`);
        assert.deepEqual(base.slice(0, 5), [
          'Base image user: `10001:10001` · from the base image',
          'Base image exposed ports: 8080/tcp · from the base image',
          'Base image HEALTHCHECK: ["curl","-fsS","http://localhost:8080/health"] · from the base image',
          'Base image ENTRYPOINT: ["/usr/bin/tini","--"] · from the base image',
          'Base image platforms: linux/amd64 · from the base image',
        ]);
        assert.match(base[5], /^Base image size: \d+ B compressed · from the base image$/);
        assert.match(
          row('Base image user').tooltip,
          /from the base image `registry\.example\.invalid\/team\/app:1` \(linux\/amd64\), as its registry describes it/,
        );
      } finally {
        await lsp.close();
      }
    });
  });
});
