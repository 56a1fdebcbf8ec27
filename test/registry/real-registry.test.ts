// Pinning, drift, hover and authentication against a real registry (Debian's docker-registry) on loopback, with
// images pushed by skopeo. The CLI runs as users run it (a child process with its own environment); the editor
// features run through the real language server over JSON-RPC.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { parseImageRef } from '../../server/src/engine/imageRef';
import { RegistryClient } from '../../server/src/registry/client';
import { CLI } from '../harness/paths';
import { startServer } from '../harness/lspClient';
import {
  credentialHelper,
  freePort,
  htpasswdFile,
  Images,
  makeCerts,
  missingTools,
  scratch,
  startFaultServer,
  startRegistry,
  startTokenRealm,
  type Certs,
  type RunningRegistry,
} from '../harness/realRegistry';

const missing = missingTools();
// CI installs the tools and sets this: there a missing tool is a failure, not a skip
if (missing && process.env.SEAWORTHY_REQUIRE_REGISTRY === '1') throw new Error(`registry tests cannot run: ${missing}`);

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}
/** the CLI as a child process; asynchronous, so the servers of this process keep answering meanwhile */
function cli(args: string[], env: Record<string, string> = {}, cwd?: string): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { encoding: 'utf8', cwd, env: { ...process.env, NO_COLOR: '1', DOCKER_CONFIG: '/nonexistent', HTTPS_PROXY: '', https_proxy: '', ...env } },
      (error, stdout, stderr) => {
        resolve({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr, ms: Date.now() - started });
      },
    );
  });
}

const httpOptions = { timeoutMs: 10_000, connectTimeoutMs: 5_000, maxBodyBytes: 4 << 20 };

describe('real registry', { skip: missing }, () => {
  let dir: string;
  let storage: string;
  let plain: RunningRegistry;
  let images: Images;
  let certs: Certs;
  const digests: Record<string, string> = {};
  const stops: (() => Promise<void>)[] = [];

  before(async () => {
    dir = scratch('registry-test');
    storage = join(dir, 'storage');
    certs = makeCerts(dir);
    plain = await startRegistry({ storage });
    stops.push(plain.stop);
    images = new Images(dir);
    await images.init();
    digests.slim = await images.single('slim', 'python v1');
    digests.amd = await images.single('amd', 'node amd64', 'amd64');
    digests.arm = await images.single('arm', 'node arm64', 'arm64');
    digests.multi = images.index('multi', [
      { tag: 'amd', os: 'linux', architecture: 'amd64' },
      { tag: 'arm', os: 'linux', architecture: 'arm64', variant: 'v8' },
    ]);
    await images.push('slim', plain.host, 'library/python', '3.12-slim');
    await images.push('multi', plain.host, 'library/node', '22');
    await images.push('slim', plain.host, 'team/app', '1.0');
  });
  after(async () => {
    for (const stop of stops) await stop();
  });

  const dockerfile = (text: string, name = 'Dockerfile') => {
    const sub = join(dir, `case-${Math.random().toString(36).slice(2)}`);
    mkdirSync(sub);
    writeFileSync(join(sub, name), text);
    return join(sub, name);
  };

  it('pins every FROM to the digest of what its tag names (the index for a multi-platform image), keeping the text around it', async () => {
    const h = plain.host;
    const file = dockerfile(
      `# escape=\`\nARG BASE=${h}/library/node:22\nFROM --platform=linux/amd64 ${h}/library/python:3.12-slim AS app # the app\nFROM \${BASE} AS assets\nFROM app\nFROM scratch\n`,
    );
    const r = await cli(['pin', file]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(
      readFileSync(file, 'utf8'),
      `# escape=\`\nARG BASE=${h}/library/node:22@${digests.multi}\nFROM --platform=linux/amd64 ${h}/library/python:3.12-slim@${digests.slim} AS app # the app\nFROM \${BASE} AS assets\nFROM app\nFROM scratch\n`,
    );
    assert.match(r.stdout, new RegExp(`:3: pinned ${h}/library/python:3.12-slim -> ${h}/library/python:3.12-slim@${digests.slim}`));
    assert.match(r.stdout, /:5: skipped: `app` is a stage of this Dockerfile/);
    assert.match(r.stdout, /:6: skipped: `scratch` is not an image/);
    const again = await cli(['pin', '--check', file]);
    assert.equal(again.status, 0, 'nothing left to pin');
    assert.match(again.stdout, /3\.12-slim@sha256:[a-f0-9]{64} is up to date/);
  });

  it('pins files with RUN, heredocs and ONBUILD triggers (pin and pin --check), changing only the FROM lines', async () => {
    const h = plain.host;
    const body = [
      'RUN apt-get update && apt-get install -y --no-install-recommends curl \\',
      '    && rm -rf /var/lib/apt/lists/*',
      'RUN <<EOF',
      'set -e',
      'echo built > /built',
      'EOF',
      'ONBUILD RUN echo "child build" | tee /onbuild',
      'COPY <<EOF /etc/motd',
      'hello',
      'EOF',
      '',
    ].join('\n');
    const file = dockerfile(`FROM ${h}/library/python:3.12-slim\n${body}`);
    const check = await cli(['pin', '--check', file]);
    assert.equal(check.status, 1, check.stderr);
    assert.equal(check.stderr, '');
    assert.match(check.stdout, new RegExp(`:1: would pin ${h}/library/python:3.12-slim -> ${h}/library/python:3.12-slim@${digests.slim}`));
    assert.equal(readFileSync(file, 'utf8'), `FROM ${h}/library/python:3.12-slim\n${body}`, '--check writes nothing');
    const pin = await cli(['pin', file]);
    assert.equal(pin.status, 0, pin.stderr);
    assert.equal(readFileSync(file, 'utf8'), `FROM ${h}/library/python:3.12-slim@${digests.slim}\n${body}`);
  });

  it('--check reports what would change and leaves the file alone', async () => {
    const text = `FROM ${plain.host}/team/app:1.0\n`;
    const file = dockerfile(text);
    const r = await cli(['pin', '--check', file]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /would pin/);
    assert.equal(readFileSync(file, 'utf8'), text);
  });

  it('sees drift after the tag is pushed again, and only when lint may use the network', async () => {
    const h = plain.host;
    await images.push('slim', h, 'team/drift', '1');
    const file = dockerfile(`FROM ${h}/team/drift:1@${digests.slim}\nUSER 10001\n`);
    const quiet = await cli(['lint', '--format', 'json', file]);
    assert.ok(!quiet.stdout.includes('base-image-digest-stale'), 'without --network lint asks nobody');
    const fresh = await cli(['lint', '--network', '--format', 'json', file]);
    assert.ok(!fresh.stdout.includes('base-image-digest-stale'), 'the pin is current');
    const v2 = await images.single('slim-v2', 'python v2');
    await images.push('slim-v2', h, 'team/drift', '1');
    const drifted = JSON.parse((await cli(['lint', '--network', '--format', 'json', file])).stdout) as {
      findings: { rule: string; message: string; line: number }[];
    }[];
    const stale = drifted[0].findings.filter((f) => f.rule === 'base-image-digest-stale');
    assert.equal(stale.length, 1);
    assert.equal(stale[0].line, 1);
    assert.match(stale[0].message, new RegExp(`names ${v2.slice(0, 19)}… now, not the pinned ${digests.slim.slice(0, 19)}…`));
    const repin = await cli(['pin', file]);
    assert.equal(repin.status, 0, repin.stderr);
    assert.equal(readFileSync(file, 'utf8'), `FROM ${h}/team/drift:1@${v2}\nUSER 10001\n`, 'the digest is updated in place, never doubled');
  });

  it('describes an image for the hover: platforms, compressed size, creation time', async () => {
    const client = new RegistryClient({ http: httpOptions });
    const multi = await client.info(parseImageRef(`${plain.host}/library/node:22`)!, 'linux/arm64');
    assert.equal(multi.digest, digests.multi);
    assert.deepEqual(multi.platforms, ['linux/amd64', 'linux/arm64/v8']);
    assert.equal(multi.platform, 'linux/arm64/v8');
    assert.equal(multi.compressedSize, images.layerSize('arm'));
    assert.equal(multi.created, '2026-01-02T03:04:05Z');
    const single = await client.info(parseImageRef(`${plain.host}/library/python:3.12-slim`)!, 'linux/amd64');
    assert.deepEqual(single.platforms, ['linux/amd64'], 'a single-platform image offers the platform its config names');
    assert.equal(single.multiPlatform, false);
    assert.equal(single.compressedSize, images.layerSize('slim'));
  });

  it('gives one clear message for an unknown tag and for a registry that is not there', async () => {
    const notFound = await cli(['pin', dockerfile(`FROM ${plain.host}/library/python:9.99\n`)]);
    assert.equal(notFound.status, 2);
    assert.match(notFound.stderr, /has no image `127\.0\.0\.1:\d+\/library\/python:9\.99` \(404\); check the name and the tag/);
    const port = await freePort();
    const text = `FROM 127.0.0.1:${port}/library/python:3.12\n`;
    const file = dockerfile(text);
    const offline = await cli(['pin', file]);
    assert.equal(offline.status, 2);
    assert.match(offline.stderr, new RegExp(`cannot reach 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`));
    assert.equal(readFileSync(file, 'utf8'), text, 'the file is left untouched');
  });

  it('reports 429 with the reset time, 500, and gives up on a registry that never answers within the timeout', async () => {
    const limited = await startFaultServer(429, { 'Retry-After': '120' });
    const broken = await startFaultServer(500);
    const silent = await startFaultServer('silent');
    stops.push(limited.stop, broken.stop, silent.stop);
    const r429 = await cli(['pin', dockerfile(`FROM ${limited.host}/a/b:1\n`)]);
    assert.equal(r429.status, 2);
    assert.match(r429.stderr, /rate-limited the request \(429\); the limit resets at \d\d:\d\d:\d\d UTC/);
    const r500 = await cli(['pin', dockerfile(`FROM ${broken.host}/a/b:1\n`)]);
    assert.match(r500.stderr, /failed with 500; try again later/);
    const text = `FROM ${silent.host}/a/b:1\n`;
    const file = dockerfile(text);
    const hung = await cli(['pin', '--timeout', '1500', file]);
    assert.equal(hung.status, 2);
    assert.match(hung.stderr, /did not answer within 1\.5 s/);
    assert.ok(hung.ms < 8_000, `gave up after ${hung.ms} ms`);
    assert.equal(readFileSync(file, 'utf8'), text);
  });

  it('Basic auth over TLS with credentials from config.json, and a clear refusal without them', async () => {
    const locked = await startRegistry({ storage, tls: certs, htpasswd: htpasswdFile(dir, 'ci', 's3cret') });
    stops.push(locked.stop);
    const file = dockerfile(`FROM ${locked.host}/library/python:3.12-slim\n`);
    const tlsEnv = { NODE_EXTRA_CA_CERTS: certs.cert };
    const refused = await cli(['pin', file], tlsEnv);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /refused access to .* \(401\); log in with `docker login 127\.0\.0\.1:\d+`/);
    const config = join(dir, 'basic-config');
    mkdirSync(config, { recursive: true });
    writeFileSync(
      join(config, 'config.json'),
      JSON.stringify({ auths: { [`https://${locked.host}`]: { auth: Buffer.from('ci:s3cret').toString('base64') } } }),
    );
    const r = await cli(['pin', file], { ...tlsEnv, DOCKER_CONFIG: config });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(file, 'utf8'), `FROM ${locked.host}/library/python:3.12-slim@${digests.slim}\n`);
    assert.ok(!`${r.stdout}${r.stderr}`.includes('s3cret'), 'the password is never printed');
  });

  it('token auth: anonymous first, then a credential helper, then a token the registry verifies; and identity tokens', async () => {
    const service = 'seaworthy-registry';
    const realm = await startTokenRealm(certs, { service, issuer: 'seaworthy-test', user: 'robot', password: 'helper-secret', refreshToken: 'refresh-me' });
    stops.push(realm.stop);
    const locked = await startRegistry({ storage, tls: certs, token: { realm: realm.url, service, issuer: 'seaworthy-test', rootCertBundle: certs.cert } });
    stops.push(locked.stop);
    const helper = credentialHelper(dir, 'seaworthytest', locked.host, 'robot', 'helper-secret');
    const config = join(dir, 'token-config');
    mkdirSync(config, { recursive: true });
    writeFileSync(join(config, 'config.json'), JSON.stringify({ credHelpers: { [locked.host]: 'seaworthytest' } }));
    const file = dockerfile(`FROM ${locked.host}/library/node:22\n`);
    const env = { NODE_EXTRA_CA_CERTS: certs.cert, DOCKER_CONFIG: config, PATH: `${helper.bin}:${process.env.PATH}` };
    const r = await cli(['pin', file], env);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(file, 'utf8'), `FROM ${locked.host}/library/node:22@${digests.multi}\n`);
    assert.equal(realm.requests[0].authorization, undefined, 'the first token is asked anonymously');
    assert.equal(realm.requests[0].scope, 'repository:library/node:pull');
    assert.ok(
      realm.requests.some((q) => q.authorization === `Basic ${Buffer.from('robot:helper-secret').toString('base64')}`),
      "then with the helper's credential",
    );
    assert.equal(readFileSync(helper.log, 'utf8').trim(), `get ${locked.host}`);

    const identity = join(dir, 'identity-config');
    mkdirSync(identity, { recursive: true });
    writeFileSync(join(identity, 'config.json'), JSON.stringify({ auths: { [locked.host]: { identitytoken: 'refresh-me' } } }));
    const file2 = dockerfile(`FROM ${locked.host}/library/python:3.12-slim\n`);
    const r2 = await cli(['pin', file2], { NODE_EXTRA_CA_CERTS: certs.cert, DOCKER_CONFIG: identity });
    assert.equal(r2.status, 0, r2.stderr);
    assert.ok(
      realm.requests.some((q) => q.method === 'POST'),
      'the identity token is exchanged with a POST (OAuth2 refresh)',
    );
  });

  it("a repository's own docker-credential-* never runs, whatever PATH says; a helper on an absolute PATH entry does", async () => {
    const service = 'seaworthy-registry';
    const realm = await startTokenRealm(certs, { service, issuer: 'seaworthy-test', user: 'robot', password: 'desk-secret' });
    stops.push(realm.stop);
    const locked = await startRegistry({ storage, tls: certs, token: { realm: realm.url, service, issuer: 'seaworthy-test', rootCertBundle: certs.cert } });
    stops.push(locked.stop);
    // a cloned repository that ships a "credential helper" named like Docker Desktop's
    const repo = join(dir, 'hostile-repo');
    mkdirSync(repo, { recursive: true });
    const marker = join(dir, 'hostile-helper-ran');
    writeFileSync(join(repo, 'docker-credential-desktop'), `#!/bin/sh\necho ran >> '${marker}'\nprintf '{"Username":"robot","Secret":"desk-secret"}'\n`);
    chmodSync(join(repo, 'docker-credential-desktop'), 0o755);
    const config = join(dir, 'desktop-config');
    mkdirSync(config, { recursive: true });
    writeFileSync(join(config, 'config.json'), JSON.stringify({ credsStore: 'desktop' })); // Docker Desktop's default
    const env = { NODE_EXTRA_CA_CERTS: certs.cert, DOCKER_CONFIG: config };
    const text = `FROM ${locked.host}/library/node:22\n`;
    writeFileSync(join(repo, 'Dockerfile'), text);

    // PATH ending in ':' (an empty entry is the current folder) and PATH starting with '.': no helper of ours is found
    for (const path of [`${process.env.PATH}:`, `.:${process.env.PATH}`]) {
      const r = await cli(['pin', 'Dockerfile'], { ...env, PATH: path }, repo);
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /refused access/, 'anonymous, since no helper was found on an absolute PATH entry');
      assert.ok(!existsSync(marker), `the repository's helper ran with PATH=${path}`);
      assert.equal(readFileSync(join(repo, 'Dockerfile'), 'utf8'), text);
    }

    // a real helper on an absolute entry after '.': that one runs, the repository's does not
    const real = credentialHelper(join(dir, 'desktop-helper'), 'desktop', locked.host, 'robot', 'desk-secret');
    const r = await cli(['pin', 'Dockerfile'], { ...env, PATH: `.:${real.bin}:${process.env.PATH}:` }, repo);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(join(repo, 'Dockerfile'), 'utf8'), `FROM ${locked.host}/library/node:22@${digests.multi}\n`);
    assert.equal(readFileSync(real.log, 'utf8').trim(), `get ${locked.host}`);
    assert.ok(!existsSync(marker), "the repository's helper never ran");

    // the language server started in the repository (as Neovim and Helix start it): the drift check of a pinned FROM
    // asks with the real helper's credential, never the repository's
    const lsp = await startServer(
      { debounceMs: 0, workspaceTrusted: true },
      [pathToFileURL(repo).toString()],
      { ...process.env, ...env, PATH: `.:${real.bin}:${process.env.PATH}:` },
      repo,
    );
    try {
      lsp.settings.seaworthy = { enable: true, rules: {}, network: true };
      const uri = pathToFileURL(join(repo, 'Dockerfile')).toString();
      const stale = lsp.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'base-image-digest-stale'), 10_000);
      await lsp.open(uri, `FROM ${locked.host}/library/node:22@${digests.slim}\nUSER 10001\n`);
      await stale;
      assert.equal(readFileSync(real.log, 'utf8').trim().split('\n').length, 2, 'the real helper was asked for the drift check');
      assert.ok(!existsSync(marker), "the repository's helper never ran in the language server");
    } finally {
      await lsp.close();
    }
  });

  it('never sends credentials to a token realm named over plain HTTP, nor to another registry', async () => {
    const realm = await startTokenRealm(certs, { service: 's', issuer: 'i', user: 'u', password: 'p' });
    stops.push(realm.stop);
    const challenger = await startFaultServer(401, { 'WWW-Authenticate': `Bearer realm="${realm.url}",service="s"` });
    stops.push(challenger.stop);
    const config = join(dir, 'leak-config');
    mkdirSync(config, { recursive: true });
    writeFileSync(
      join(config, 'config.json'),
      JSON.stringify({
        auths: { [challenger.host]: { auth: Buffer.from('u:p').toString('base64') }, [plain.host]: { auth: Buffer.from('other:secret').toString('base64') } },
      }),
    );
    const r = await cli(['pin', dockerfile(`FROM ${challenger.host}/a/b:1\n`)], { NODE_EXTRA_CA_CERTS: certs.cert, DOCKER_CONFIG: config });
    assert.equal(r.status, 2);
    assert.ok(realm.requests.length > 0, 'the realm was asked');
    assert.ok(
      realm.requests.every((q) => q.authorization === undefined),
      'but never with the credential: the challenge came over plain HTTP',
    );
    assert.ok(
      challenger.requests.every((q) => q.authorization === undefined || !q.authorization.startsWith('Basic')),
      'nor was it sent to the registry',
    );
  });

  describe('in the editor (language server)', () => {
    it('Pin Base Image Digest rewrites the FROM under the cursor; the hover shows the image; drift shows up after a push', async () => {
      const lsp = await startServer({ debounceMs: 0, workspaceTrusted: true });
      try {
        lsp.settings.seaworthy = { enable: true, rules: {}, network: true };
        const h = plain.host;
        const uri = pathToFileURL(dockerfile('')).toString();
        const text = `FROM ${h}/library/node:22 AS deps\nFROM ${h}/library/python:3.12-slim\nUSER 10001\n`;
        await lsp.open(uri, text);
        const summary = (await lsp.connection.sendRequest('workspace/executeCommand', {
          command: 'seaworthy.pinDigest',
          arguments: [uri, { line: 1, character: 3 }],
        })) as { applied: boolean; message: string };
        assert.equal(summary.applied, true, summary.message);
        const edit = lsp.appliedEdits.at(-1) as { documentChanges: { textDocument: { version: number }; edits: { range: unknown; newText: string }[] }[] };
        assert.equal(edit.documentChanges[0].textDocument.version, 1);
        assert.deepEqual(edit.documentChanges[0].edits, [
          {
            range: { start: { line: 1, character: 5 }, end: { line: 1, character: 5 + `${h}/library/python:3.12-slim`.length } },
            newText: `${h}/library/python:3.12-slim@${digests.slim}`,
          },
        ]);

        const hover = (await lsp.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 8 } })) as {
          contents: { value: string };
        };
        assert.match(hover.contents.value, new RegExp(`digest: \`${digests.multi}\``));
        assert.match(hover.contents.value, /platforms: `linux\/amd64`, `linux\/arm64\/v8`/);
        assert.match(hover.contents.value, /created: 2026-01-02T03:04:05Z/);

        // the tag moved on after the file was pinned: the drift diagnostic comes after the others, asynchronously
        await images.push('slim', h, 'team/lsp', '1');
        const v2 = images.manifestOf('slim-v2').digest;
        await images.push('slim-v2', h, 'team/lsp', '1');
        const pinned = `FROM ${h}/team/lsp:1@${digests.slim}\nUSER 10001\n`;
        const uri3 = pathToFileURL(dockerfile('')).toString();
        const waiting = lsp.diagnostics(uri3, (p) => p.diagnostics.some((d) => d.code === 'base-image-digest-stale'), 10_000);
        const first = await lsp.open(uri3, pinned);
        assert.ok(!first.some((d) => d.code === 'base-image-digest-stale'), 'the first diagnostics do not wait for the registry');
        const stale = (await waiting).diagnostics.find((d) => d.code === 'base-image-digest-stale')!;
        assert.match(stale.message, new RegExp(`names ${v2.slice(0, 19)}… now`));
        // the log says which registry was asked what, and what it answered; never a header or a token
        assert.ok(
          lsp.logs.some((l) =>
            new RegExp(`^Registry: (HEAD|GET) https?://${h.replace(/\./g, '\\.')}/v2/library/python/manifests/3\\.12-slim( \\(.*\\))? -> 200 in \\d+ ms$`).test(
              l,
            ),
          ),
          lsp.logs.join('\n'),
        );
        assert.ok(
          lsp.logs.some((l) => /^Registries are asked with credentials from .*config\.json/.test(l)),
          lsp.logs.join('\n'),
        );
        assert.ok(!lsp.logs.some((l) => /Bearer|Basic |Authorization/i.test(l)), 'a log line carries a credential');
      } finally {
        await lsp.close();
      }
    });

    it('in an untrusted workspace nothing is asked unless the user allows it', async () => {
      const watcher = await startFaultServer(404);
      stops.push(watcher.stop);
      const lsp = await startServer({ debounceMs: 0, workspaceTrusted: false });
      try {
        lsp.settings.seaworthy = { enable: true, rules: {}, network: true };
        const uri = pathToFileURL(dockerfile('')).toString();
        await lsp.open(uri, `FROM ${watcher.host}/a/b:1@sha256:${'c'.repeat(64)}\n`);
        await lsp.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 8 } });
        const result = await lsp.connection.sendRequest('workspace/executeCommand', {
          command: 'seaworthy.pinDigest',
          arguments: [uri, { line: 0, character: 0 }],
        });
        assert.equal(result, null, 'the user did not allow it (the prompt was dismissed)');
        assert.equal(watcher.requests.length, 0, 'the registry was never asked: no drift check, no hover, no pin');
        assert.equal(lsp.appliedEdits.length, 0);
        assert.ok(
          lsp.messages.some((m) => /not trusted/.test(m)),
          'the user was asked',
        );
      } finally {
        await lsp.close();
      }
    });

    it('in an untrusted workspace a user may allow one pin: it asks anonymously and runs no credential helper', async () => {
      const helper = credentialHelper(dir, 'untrustedprobe', plain.host, 'robot', 'never-used');
      const config = join(dir, 'untrusted-config');
      mkdirSync(config, { recursive: true });
      writeFileSync(join(config, 'config.json'), JSON.stringify({ credHelpers: { [plain.host]: 'untrustedprobe' } }));
      const lsp = await startServer({ debounceMs: 0, workspaceTrusted: false }, [], {
        ...process.env,
        DOCKER_CONFIG: config,
        PATH: `${helper.bin}:${process.env.PATH}`,
      });
      try {
        lsp.settings.seaworthy = { enable: true, rules: {}, network: true };
        lsp.answer = 'Ask without credentials';
        const uri = pathToFileURL(dockerfile('')).toString();
        await lsp.open(uri, `FROM ${plain.host}/library/python:3.12-slim\n`);
        const summary = (await lsp.connection.sendRequest('workspace/executeCommand', { command: 'seaworthy.pinAllDigests', arguments: [uri] })) as {
          applied: boolean;
          message: string;
        };
        assert.equal(summary.applied, true, summary.message);
        assert.match(summary.message, /^Pinned 127\.0\.0\.1:\d+\/library\/python:3\.12-slim to sha256:[0-9a-f]{12}\.$/);
        assert.throws(() => readFileSync(helper.log, 'utf8'), /ENOENT/, 'the credential helper never ran');
      } finally {
        await lsp.close();
      }
    });
  });
});
