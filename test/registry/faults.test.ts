// Registry faults, injected by a loopback server that misbehaves on purpose and records what it receives: every one
// ends within the timeout with one clear message, and credentials never leave for a host they do not belong to.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { parseImageRef } from '../../server/src/engine/imageRef';
import { buildModel } from '../../server/src/engine/model';
import { RegistryClient } from '../../server/src/registry/client';
import { RegistryService } from '../../server/src/registry/service';
import type { CredentialSource } from '../../server/src/registry/credentials';
import { RegistryError } from '../../server/src/registry/errors';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
interface Recorded { method: string; url: string; authorization: string | undefined; host: string }

const servers: http.Server[] = [];
async function serve(handler: Handler): Promise<{ host: string; seen: Recorded[] }> {
  const seen: Recorded[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization, host: req.headers.host! });
    handler(req, res);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { host: `127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}
after(() => { for (const s of servers) { s.closeAllConnections(); s.close(); } });

const TIMEOUT = 1_500;
const creds = (forHost: string): CredentialSource & { asked: string[] } => {
  const asked: string[] = [];
  return { asked, get: async (registry) => { asked.push(registry); return registry === forHost ? { username: 'u', password: 'p' } : undefined; } };
};
const client = (o: { credentials?: CredentialSource; maxBodyBytes?: number } = {}) =>
  new RegistryClient({ http: { timeoutMs: TIMEOUT, connectTimeoutMs: TIMEOUT, maxBodyBytes: o.maxBodyBytes ?? 1 << 20 }, credentials: o.credentials, cacheTtlMs: 0 });

/** resolve() must fail with this kind and a message matching `message`, within the timeout (plus slack) */
async function fails(host: string, kind: RegistryError['kind'], message: RegExp, c = client()): Promise<void> {
  const started = Date.now();
  await assert.rejects(c.resolve(parseImageRef(`${host}/team/app:1`)!), (e: unknown) => {
    assert.ok(e instanceof RegistryError, `not a RegistryError: ${String(e)}`);
    assert.equal(e.kind, kind, e.message);
    assert.match(e.message, message);
    return true;
  });
  assert.ok(Date.now() - started < TIMEOUT + 1_000, `took ${Date.now() - started} ms`);
}

const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { digest: 'sha256:' + '0'.repeat(64), size: 2 }, layers: [] }));
const digestOf = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

describe('registry faults', () => {
  it('a body that drips slower than the timeout is abandoned', async () => {
    const { host } = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/vnd.oci.image.manifest.v1+json' });
      const t = setInterval(() => { if (res.destroyed) clearInterval(t); else res.write(' '); }, 200);
      res.on('close', () => clearInterval(t));
    });
    await fails(host, 'timeout', /did not answer within 1\.5 s/);
  });

  it('429 without Retry-After still says when to come back (later), 503 is a server failure', async () => {
    await fails((await serve((_q, r) => r.writeHead(429).end())).host, 'rate-limited', /rate-limited the request \(429\); try again later/);
    await fails((await serve((_q, r) => r.writeHead(429, { 'RateLimit-Reset': '30' }).end())).host, 'rate-limited', /the limit resets at \d\d:\d\d:\d\d UTC/);
    await fails((await serve((_q, r) => r.writeHead(503).end())).host, 'server', /failed with 503/);
  });

  it('a manifest that is not JSON, one larger than allowed, and one whose digest header lies', async () => {
    // HEAD gives no digest, so the GET body is read
    await fails((await serve((q, r) => r.writeHead(200).end(q.method === 'GET' ? '{"schemaVersion": 2,' : undefined))).host, 'protocol', /sent a manifest that is not JSON/);
    const big = Buffer.alloc(64 * 1024, 'a');
    await fails((await serve((q, r) => r.writeHead(200).end(q.method === 'GET' ? big : undefined))).host, 'protocol', /more than the 4096 bytes accepted|sent 65536 bytes, more than the 4096 accepted/, client({ maxBodyBytes: 4096 }));
    const liar = 'sha256:' + 'f'.repeat(64);
    await fails((await serve((q, r) => r.writeHead(200, { 'Docker-Content-Digest': q.method === 'GET' ? liar : '' }).end(q.method === 'GET' ? manifest : undefined))).host, 'protocol', new RegExp(`whose sha256 \\(${digestOf(manifest)}\\) differs from the digest it announced \\(${liar}\\)`));
  });

  it('GET is used only when HEAD gives no digest, and its digest is the body\'s sha256', async () => {
    const { host, seen } = await serve((q, r) => r.writeHead(200, { 'Content-Type': 'application/vnd.oci.image.manifest.v1+json' }).end(q.method === 'GET' ? manifest : undefined));
    const got = await client().resolve(parseImageRef(`${host}/team/app:1`)!);
    assert.equal(got.digest, digestOf(manifest));
    assert.deepEqual(seen.map((s) => `${s.method} ${s.url}`), ['HEAD /v2/team/app/manifests/1', 'GET /v2/team/app/manifests/1']);
    const { host: h2, seen: seen2 } = await serve((_q, r) => r.writeHead(200, { 'Docker-Content-Digest': digestOf(manifest) }).end());
    assert.equal((await client().resolve(parseImageRef(`${h2}/team/app:1`)!)).digest, digestOf(manifest));
    assert.deepEqual(seen2.map((s) => s.method), ['HEAD'], 'a HEAD with a digest is enough (no pull counted)');
  });

  it('a redirect loop ends with a message', async () => {
    const { host } = await serve((q, r) => r.writeHead(307, { Location: q.url! }).end());
    await fails(host, 'protocol', /redirected more than 5 times/);
  });

  it('credentials go to their own registry only: not to a realm on plain HTTP, not through a redirect to another host', async () => {
    const realm = await serve((_q, r) => r.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ token: 'anonymous' })));
    const registry = await serve((q, r) => {
      if (q.headers.authorization === 'Bearer anonymous' || !q.headers.authorization) r.writeHead(401, { 'WWW-Authenticate': `Bearer realm="http://${realm.host}/token",service="x"` }).end();
      else r.writeHead(500).end();
    });
    const source = creds(registry.host);
    await fails(registry.host, 'unauthorized', /refused access/, client({ credentials: source }));
    assert.deepEqual(source.asked, [registry.host], 'the credential for this registry was looked up');
    assert.ok(realm.seen.length > 0 && realm.seen.every((s) => s.authorization === undefined), 'but never sent to a realm over plain HTTP');

    const elsewhere = await serve((_q, r) => r.writeHead(200, { 'Docker-Content-Digest': digestOf(manifest) }).end());
    const redirecting = await serve((q, r) => {
      if (!q.headers.authorization) r.writeHead(401, { 'WWW-Authenticate': 'Basic realm="r"' }).end();
      else r.writeHead(307, { Location: `http://${elsewhere.host}${q.url}` }).end();
    });
    const got = await client({ credentials: creds(redirecting.host) }).resolve(parseImageRef(`${redirecting.host}/team/app:1`)!);
    assert.equal(got.digest, digestOf(manifest));
    assert.ok(redirecting.seen.some((s) => s.authorization?.startsWith('Basic ')), 'Basic went to the registry itself (loopback)');
    assert.ok(elsewhere.seen.every((s) => s.authorization === undefined), 'the Authorization header did not follow the redirect to another host');
  });

  it('plain HTTP is refused for a registry that is neither loopback nor listed as insecure', async () => {
    // a redirect from loopback to a non-loopback plain-HTTP host (never contacted: refused before connecting)
    const { host } = await serve((_q, r) => r.writeHead(307, { Location: 'http://registry.example.test/v2/' }).end());
    await fails(host, 'insecure', /redirected to plain HTTP \(registry\.example\.test\); refusing/);
  });
  it('drift checks after every keystroke ask a failing registry once, then stay quiet for a while', async () => {
    const { host, seen } = await serve((_q, r) => r.writeHead(503).end());
    let now = 1_000_000;
    const service = new RegistryService({ http: { timeoutMs: TIMEOUT, connectTimeoutMs: TIMEOUT, maxBodyBytes: 1 << 20 }, cacheTtlMs: 0, driftRetryMs: 60_000, now: () => now });
    const pinned = buildModel(`FROM ${host}/team/app:1@sha256:${'a'.repeat(64)}\nFROM ${host}/team/app:1@sha256:${'a'.repeat(64)} AS again\n`);
    // three lints in quick succession (two while the first ask is in flight) and two FROMs naming the same tag
    const answers = await Promise.all([service.refreshDrift(pinned), service.refreshDrift(pinned), service.refreshDrift(pinned)]);
    assert.deepEqual(answers, [false, false, false], 'a failure is not drift');
    const asked = seen.length;
    assert.ok(asked >= 1, 'the registry was asked');
    now += 30_000;
    for (let i = 0; i < 20; i++) await service.refreshDrift(pinned);
    assert.equal(seen.length, asked, 'twenty more lints within the quiet period asked nothing');
    now += 31_000;
    await service.refreshDrift(pinned);
    assert.ok(seen.length > asked, 'after the quiet period the tag is asked again');
  });
});
