// What --fix and pin write: a temporary file renamed over the Dockerfile, only while it still holds what was read;
// a file that cannot be written is said once and the run goes on; nothing is written through a symlink that leaves
// the build context, and no file is re-encoded.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CLI } from './harness/paths';
import { project } from './harness/project';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}
/** the CLI as a child process (asynchronous: a server of this process may answer it meanwhile) */
function cli(args: string[], o: { shell?: string } = {}): Promise<Run> {
  const env = { ...process.env, NO_COLOR: '1', DOCKER_CONFIG: '/nonexistent', HTTPS_PROXY: '', https_proxy: '' };
  return new Promise((resolve) => {
    const done = (error: (Error & { code?: unknown }) | null, stdout: string, stderr: string) =>
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    // o.shell: a shell command run before the CLI (e.g. ulimit), the CLI's arguments as "$@"
    if (o.shell) execFile('bash', ['-c', `${o.shell}; exec "$@"`, 'bash', process.execPath, CLI, ...args], { encoding: 'utf8', env }, done);
    else execFile(process.execPath, [CLI, ...args], { encoding: 'utf8', env }, done);
  });
}

const FIXABLE = 'FROM debian:12\nRUN apt-get install curl\nUSER 10001\n';
const FIXED = 'FROM debian:12\nRUN apt-get install -y curl\nUSER 10001\n';
/** temporary files left beside the Dockerfile */
const leftovers = (dir: string) => readdirSync(dir).filter((n) => n.includes('.seaworthy-'));

const servers: http.Server[] = [];
after(() => {
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
});
/** a registry that, while it is being asked, lets `meanwhile` change the world, then answers with a digest */
/** A registry that answers every request with one manifest, doing `meanwhile` (once) before its first answer. */
async function slowRegistry(meanwhile: () => void): Promise<string> {
  const manifest = Buffer.from('{"schemaVersion":2}');
  const digest = `sha256:${createHash('sha256').update(manifest).digest('hex')}`;
  let done = false;
  const server = http.createServer((_q, r) => {
    if (!done) {
      done = true;
      meanwhile();
    }
    r.writeHead(200, { 'Docker-Content-Digest': digest, 'Content-Type': 'application/vnd.oci.image.manifest.v1+json' }).end();
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('writing fixes and pins', () => {
  it('a read-only file among others: one clear message, the others are fixed, every file is reported, exit 2', async () => {
    const dir = project({ 'a/Dockerfile': FIXABLE, 'b/Dockerfile': FIXABLE, 'b/.dockerignore': '', 'a/.dockerignore': '' });
    chmodSync(join(dir, 'a/Dockerfile'), 0o444);
    chmodSync(join(dir, 'b/Dockerfile'), 0o750);
    const r = await cli(['lint', '--fix', '--no-shellcheck', '--format', 'json', join(dir, 'a/Dockerfile'), join(dir, 'b/Dockerfile')]);
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr.split('\n').filter((l) => l.includes('a/Dockerfile')).length, 1, r.stderr);
    assert.match(r.stderr, /a\/Dockerfile: fixes not written: it is read-only; the file is unchanged/);
    assert.doesNotMatch(r.stderr, /internal error|EACCES/);
    assert.match(r.stderr, /fixed .*b\/Dockerfile/);
    assert.equal(readFileSync(join(dir, 'a/Dockerfile'), 'utf8'), FIXABLE);
    assert.equal(readFileSync(join(dir, 'b/Dockerfile'), 'utf8'), FIXED);
    assert.equal(statSync(join(dir, 'b/Dockerfile')).mode & 0o777, 0o750, 'the fixed file keeps its mode');
    assert.equal(statSync(join(dir, 'a/Dockerfile')).mode & 0o777, 0o444);
    const out = JSON.parse(r.stdout) as { file: string; findings: { rule: string }[] }[];
    assert.deepEqual(
      out.map((f) => f.file),
      [join(dir, 'a/Dockerfile'), join(dir, 'b/Dockerfile')],
      'both files are reported',
    );
    assert.ok(
      out[0].findings.some((f) => f.rule === 'apt-missing-yes'),
      "the unfixed file's findings are its own",
    );
    assert.ok(!out[1].findings.some((f) => f.rule === 'apt-missing-yes'));
    assert.deepEqual([...leftovers(join(dir, 'a')), ...leftovers(join(dir, 'b'))], []);
  });

  it('a file-size limit (or a full disk) never truncates the Dockerfile: it stays whole and the run goes on', async () => {
    // 4 KB of writes allowed: the big file's fixed text does not fit, the small one's does
    const big =
      'FROM debian:12\n' + '# a comment line that makes this Dockerfile longer than the limit\n'.repeat(120) + 'RUN apt-get install curl\nUSER 10001\n';
    const dir = project({ 'big/Dockerfile': big, 'small/Dockerfile': FIXABLE });
    const r = await cli(['lint', '--fix', '--no-shellcheck', join(dir, 'big/Dockerfile'), join(dir, 'small/Dockerfile')], { shell: 'ulimit -f 4' });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /big\/Dockerfile: fixes not written: the file-size limit \(ulimit -f\) was reached \(EFBIG\); the file is unchanged/);
    assert.equal(readFileSync(join(dir, 'big/Dockerfile'), 'utf8'), big, 'not one line lost');
    assert.equal(readFileSync(join(dir, 'small/Dockerfile'), 'utf8'), FIXED);
    assert.deepEqual(leftovers(join(dir, 'big')), [], 'the partial temporary file is removed');
  });

  it('--fix never overwrites an edit made while the file was being linted', async () => {
    const dir = project({ '.dockerignore': '' });
    const file = join(dir, 'Dockerfile');
    const edited = "# the user's edit, made while seaworthy was busy\n";
    // lint --network asks the registry about the pinned FROM after reading the file: the user saves meanwhile
    const host = await slowRegistry(() => appendFileSync(file, edited));
    const text = `FROM ${host}/team/app:1@sha256:${'a'.repeat(64)}\nRUN apt-get install curl\nUSER 10001\n`;
    writeFileSync(file, text);
    const r = await cli(['lint', '--fix', '--network', '--no-shellcheck', file]);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /Dockerfile: fixes not written: it changed on disk since it was read; run again; the file is unchanged/);
    assert.equal(readFileSync(file, 'utf8'), text + edited, 'the edit is kept, not overwritten by the fix');
  });

  it('pin never overwrites an edit made while the registry was being asked', async () => {
    const dir = project({});
    const file = join(dir, 'Dockerfile');
    const edited = 'USER 10001\n';
    const host = await slowRegistry(() => appendFileSync(file, edited));
    writeFileSync(file, `FROM ${host}/team/app:1\n`);
    const r = await cli(['pin', file]);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /pins not written: it changed on disk since it was read; run again; the file is unchanged/);
    assert.match(r.stdout, /did not pin/);
    assert.equal(readFileSync(file, 'utf8'), `FROM ${host}/team/app:1\n${edited}`);
    // asked again with nothing changing meanwhile, it pins, keeping the file's mode
    const quiet = await slowRegistry(() => undefined);
    writeFileSync(file, `FROM ${quiet}/team/app:1\n${edited}`);
    chmodSync(file, 0o640);
    const again = await cli(['pin', file]);
    assert.equal(again.status, 0, again.stderr);
    assert.match(readFileSync(file, 'utf8'), new RegExp(`^FROM ${quiet}/team/app:1@sha256:[0-9a-f]{64}\\n${edited}$`));
    assert.equal(statSync(file).mode & 0o777, 0o640);
  });

  it('a .dockerignore symlinked out of the build context is never written, nor is a dangling one created', async () => {
    const app = 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\nUSER node\nCMD ["node", "server.js"]\n';
    const dir = project({ 'outside/shared-ignore': '.git\n', 'repo/Dockerfile': app, 'dangling/Dockerfile': app });
    symlinkSync('../outside/shared-ignore', join(dir, 'repo/.dockerignore'));
    symlinkSync('../outside/created-by-seaworthy', join(dir, 'dangling/.dockerignore'));
    const r = await cli(['lint', '--fix', '--unsafe', '--no-shellcheck', '--format', 'json', join(dir, 'repo/Dockerfile'), join(dir, 'dangling/Dockerfile')]);
    assert.equal(readFileSync(join(dir, 'outside/shared-ignore'), 'utf8'), '.git\n', 'the file outside the repository is unchanged');
    assert.ok(!existsSync(join(dir, 'outside/created-by-seaworthy')), "the dangling symlink's target was not created");
    const out = JSON.parse(r.stdout) as { findings: { rule: string; message: string; fix?: unknown }[] }[];
    const incomplete = out[0].findings.find((f) => f.rule === 'dockerignore-incomplete');
    assert.ok(incomplete, 'the finding is still reported');
    assert.match(incomplete.message, /no fix: \.dockerignore is a symlink to a file outside the build context/);
    assert.ok(!incomplete.fix, 'no fix is offered');
    assert.match(r.stderr, /dangling\/\.dockerignore: not read: it is a symlink to nothing/);
    assert.ok(!out[1].findings.some((f) => f.rule === 'dockerignore-missing'), 'a dangling .dockerignore is not "missing"');
    // inside the build context, a symlinked .dockerignore is a file of the project: it is added to
    mkdirSync(join(dir, 'inner/ignores'), { recursive: true });
    writeFileSync(join(dir, 'inner/ignores/main'), '.git\n');
    writeFileSync(join(dir, 'inner/Dockerfile'), app);
    symlinkSync('ignores/main', join(dir, 'inner/.dockerignore'));
    await cli(['lint', '--fix', '--unsafe', '--no-shellcheck', join(dir, 'inner/Dockerfile')]);
    assert.match(readFileSync(join(dir, 'inner/ignores/main'), 'utf8'), /^\.git\n.*node_modules/s);
  });

  it('a .dockerignore that is not UTF-8 is never rewritten', async () => {
    const bytes = Buffer.concat([Buffer.from('.git\n# caf'), Buffer.from([0xe9]), Buffer.from('\n')]); // Latin-1 "café"
    const dir = project({ Dockerfile: 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\nUSER node\nCMD ["node", "server.js"]\n' });
    writeFileSync(join(dir, '.dockerignore'), bytes);
    const r = await cli(['lint', '--fix', '--unsafe', '--no-shellcheck', '--format', 'json', join(dir, 'Dockerfile')]);
    assert.ok(readFileSync(join(dir, '.dockerignore')).equals(bytes), 'not one byte changed');
    assert.match(r.stdout, /no fix: \.dockerignore is not valid UTF-8/);
  });
});
