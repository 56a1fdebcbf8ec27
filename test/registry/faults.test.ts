// Registry faults, injected by a loopback server that misbehaves on purpose and records what it receives: every one
// ends within the timeout with one clear message, and credentials never leave for a host they do not belong to.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { hostname } from 'node:os';
import { after, describe, it } from 'node:test';
import { parseImageRef } from '../../server/src/engine/imageRef';
import { buildModel } from '../../server/src/engine/model';
import { RegistryClient } from '../../server/src/registry/client';
import { RegistryService } from '../../server/src/registry/service';
import type { CredentialSource } from '../../server/src/registry/credentials';
import { RegistryError } from '../../server/src/registry/errors';
import { isPrivateAddress } from '../../server/src/registry/http';
import { makeCerts, scratch } from '../harness/realRegistry';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
interface Recorded {
  method: string;
  url: string;
  authorization: string | undefined;
  host: string;
}

const servers: http.Server[] = [];
let certs: ReturnType<typeof makeCerts> | undefined;
/** a recording server on 127.0.0.1 (or another loopback address), over TLS (self-signed) when `tls` */
async function serve(handler: Handler, o: { address?: string; tls?: boolean } = {}): Promise<{ host: string; port: number; seen: Recorded[] }> {
  const seen: Recorded[] = [];
  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    seen.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization, host: req.headers.host! });
    handler(req, res);
  };
  certs ??= o.tls ? makeCerts(scratch('fault-certs')) : undefined;
  const server = o.tls ? https.createServer({ cert: certs!.certPem, key: certs!.keyPem }, listener) : http.createServer(listener);
  servers.push(server);
  const address = o.address ?? '127.0.0.1';
  await new Promise<void>((r) => server.listen(0, address, r));
  const port = (server.address() as AddressInfo).port;
  return { host: `${address}:${port}`, port, seen };
}
/** an HTTPS proxy (CONNECT) that sends every tunnel to 127.0.0.1:port, whatever host was asked: a "public" registry */
async function proxyTo(port: number): Promise<{ url: string; asked: string[] }> {
  const asked: string[] = [];
  const server = http.createServer((_q, r) => r.writeHead(405).end());
  server.on('connect', (req: http.IncomingMessage, socket: Socket) => {
    asked.push(req.url!);
    const upstream = connect(port, '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, asked };
}
after(() => {
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
});

const TIMEOUT = 1_500;
const creds = (forHost: string): CredentialSource & { asked: string[] } => {
  const asked: string[] = [];
  return {
    asked,
    get: async (registry) => {
      asked.push(registry);
      return registry === forHost ? { username: 'u', password: 'p' } : undefined;
    },
  };
};
const client = (o: { credentials?: CredentialSource; maxBodyBytes?: number; insecure?: string[]; proxy?: string; publicAddress?: string } = {}) =>
  new RegistryClient({
    http: { timeoutMs: TIMEOUT, connectTimeoutMs: TIMEOUT, maxBodyBytes: o.maxBodyBytes ?? 1 << 20, proxy: o.proxy, strictSSL: o.proxy ? false : undefined },
    credentials: o.credentials,
    cacheTtlMs: 0,
    insecureRegistries: o.insecure,
    // a loopback address playing a registry out on the internet
    privateAddress: o.publicAddress ? (ip) => ip !== o.publicAddress && isPrivateAddress(ip) : undefined,
  });

/** resolve() must fail with this kind and a message matching `message`, within the timeout (plus slack) */
async function fails(host: string, kind: RegistryError['kind'], message: RegExp, c = client()): Promise<void> {
  const started = Date.now();
  await assert.rejects(c.resolve(parseImageRef(`${host}/team/app:1`)!), (e: unknown) => {
    assert.doesNotMatch(String(e), /unexpected error|Invalid time value|Protocol ".*" not supported|Invalid character in header/);
    assert.ok(e instanceof RegistryError, `not a RegistryError: ${String(e)}`);
    assert.equal(e.kind, kind, e.message);
    assert.match(e.message, message);
    return true;
  });
  assert.ok(Date.now() - started < TIMEOUT + 1_000, `took ${Date.now() - started} ms`);
}

const manifest = Buffer.from(
  JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { digest: 'sha256:' + '0'.repeat(64), size: 2 },
    layers: [],
  }),
);
const digestOf = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

describe('registry faults', () => {
  it('a registry that accepts the connection and then says nothing is not reported as unreachable', async () => {
    // TCP accepted, TLS never answered: the connect timeout (short here) must not fire once the connection is open
    const silent = net.createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const sockets: net.Socket[] = [];
    silent.on('connection', (s) => sockets.push(s));
    try {
      const host = `127.0.0.1:${(silent.address() as AddressInfo).port}`;
      const c = new RegistryClient({ http: { timeoutMs: 900, connectTimeoutMs: 200, maxBodyBytes: 1 << 20 }, insecureRegistries: [host], cacheTtlMs: 0 });
      await assert.rejects(c.resolve(parseImageRef(`${host}/team/app:1`)!), (e: unknown) => {
        assert.ok(e instanceof RegistryError && e.kind === 'timeout', String(e));
        assert.equal(e.message, `${host} accepted the connection but did not answer within 0.9 s`);
        return true;
      });
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });

  it('a body that drips slower than the timeout is abandoned', async () => {
    const { host } = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/vnd.oci.image.manifest.v1+json' });
      const t = setInterval(() => {
        if (res.destroyed) clearInterval(t);
        else res.write(' ');
      }, 200);
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
    await fails(
      (await serve((q, r) => r.writeHead(200).end(q.method === 'GET' ? '{"schemaVersion": 2,' : undefined))).host,
      'protocol',
      /sent a manifest that is not JSON/,
    );
    const big = Buffer.alloc(64 * 1024, 'a');
    await fails(
      (await serve((q, r) => r.writeHead(200).end(q.method === 'GET' ? big : undefined))).host,
      'protocol',
      /more than the 4096 bytes accepted|sent 65536 bytes, more than the 4096 accepted/,
      client({ maxBodyBytes: 4096 }),
    );
    const liar = 'sha256:' + 'f'.repeat(64);
    await fails(
      (await serve((q, r) => r.writeHead(200, { 'Docker-Content-Digest': q.method === 'GET' ? liar : '' }).end(q.method === 'GET' ? manifest : undefined)))
        .host,
      'protocol',
      new RegExp(`whose sha256 \\(${digestOf(manifest)}\\) differs from the digest it announced \\(${liar}\\)`),
    );
  });

  it("GET is used only when HEAD gives no digest, and its digest is the body's sha256", async () => {
    const { host, seen } = await serve((q, r) =>
      r.writeHead(200, { 'Content-Type': 'application/vnd.oci.image.manifest.v1+json' }).end(q.method === 'GET' ? manifest : undefined),
    );
    const got = await client().resolve(parseImageRef(`${host}/team/app:1`)!);
    assert.equal(got.digest, digestOf(manifest));
    assert.deepEqual(
      seen.map((s) => `${s.method} ${s.url}`),
      ['HEAD /v2/team/app/manifests/1', 'GET /v2/team/app/manifests/1'],
    );
    const { host: h2, seen: seen2 } = await serve((_q, r) => r.writeHead(200, { 'Docker-Content-Digest': digestOf(manifest) }).end());
    assert.equal((await client().resolve(parseImageRef(`${h2}/team/app:1`)!)).digest, digestOf(manifest));
    assert.deepEqual(
      seen2.map((s) => s.method),
      ['HEAD'],
      'a HEAD with a digest is enough (no pull counted)',
    );
  });

  it('a redirect loop ends with a message', async () => {
    const { host } = await serve((q, r) => r.writeHead(307, { Location: q.url! }).end());
    await fails(host, 'protocol', /redirected more than 5 times/);
  });

  it('credentials go to their own registry only: not to a realm on plain HTTP, not through a redirect to another host', async () => {
    const realm = await serve((_q, r) => r.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ token: 'anonymous' })));
    const registry = await serve((q, r) => {
      if (q.headers.authorization === 'Bearer anonymous' || !q.headers.authorization)
        r.writeHead(401, { 'WWW-Authenticate': `Bearer realm="http://${realm.host}/token",service="x"` }).end();
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
    assert.ok(
      redirecting.seen.some((s) => s.authorization?.startsWith('Basic ')),
      'Basic went to the registry itself (loopback)',
    );
    assert.ok(
      elsewhere.seen.every((s) => s.authorization === undefined),
      'the Authorization header did not follow the redirect to another host',
    );
  });

  it('plain HTTP is refused for a registry that is neither loopback nor listed as insecure', async () => {
    // a redirect from loopback to a non-loopback plain-HTTP host (never contacted: refused before connecting)
    const { host } = await serve((_q, r) => r.writeHead(307, { Location: 'http://registry.example.test/v2/' }).end());
    await fails(host, 'insecure', /redirected to plain HTTP \(registry\.example\.test\); refusing/);
  });
  it('credentials are chosen for the host that challenges, never for the registry first asked that redirected there', async () => {
    const realmToken = Buffer.from('b-user:b-pass').toString('base64');
    const realm = await serve(
      (q, r) =>
        r
          .writeHead(200, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ token: q.headers.authorization === `Basic ${realmToken}` ? 'granted' : 'anonymous' })),
      { address: '127.0.0.2', tls: true },
    );
    const b = await serve(
      (q, r) => {
        if (q.headers.authorization === 'Bearer granted') r.writeHead(200, { 'Docker-Content-Digest': digestOf(manifest) }).end();
        else r.writeHead(401, { 'WWW-Authenticate': `Bearer realm="https://${realm.host}/token",service="b"` }).end();
      },
      { address: '127.0.0.2', tls: true },
    );
    const r = await serve((q, res) => res.writeHead(307, { Location: `https://${b.host}${q.url}` }).end());
    const insecure = [b.host, realm.host]; // self-signed: listed, so TLS is not verified, but it is TLS

    // only R has credentials: B is asked about, R's password never reaches B's realm
    const onlyR = creds(r.host);
    await fails(r.host, 'unauthorized', new RegExp(`${b.host.replace(/\./g, '\\.')} refused access`), client({ credentials: onlyR, insecure }));
    assert.deepEqual(onlyR.asked, [b.host], "the credential looked up is the challenging host's");
    assert.ok(
      realm.seen.length > 0 && realm.seen.every((q) => q.authorization === undefined),
      `R's credential went to B's realm: ${realm.seen.map((q) => q.authorization).join()}`,
    );
    assert.ok(r.seen.every((q) => q.authorization === undefined) && b.seen.every((q) => !q.authorization?.startsWith('Basic')));

    // B's own credential works, and B's token goes to B only
    const forB: CredentialSource = { get: async (registry) => (registry === b.host ? { username: 'b-user', password: 'b-pass' } : undefined) };
    const got = await client({ credentials: forB, insecure }).resolve(parseImageRef(`${r.host}/team/app:1`)!);
    assert.equal(got.digest, digestOf(manifest));
    assert.ok(
      r.seen.every((q) => q.authorization === undefined),
      "B's token never went to R",
    );
  });

  it('a token realm is held to the redirect rules: HTTP(S) only, TLS unless the registry is local, never the local network from a public registry', async () => {
    // a registry out on the internet, reached over TLS through a proxy, whose challenge names a realm of our choosing
    let realmUrl = '';
    const origin = await serve((_q, r) => r.writeHead(401, { 'WWW-Authenticate': `Bearer realm="${realmUrl}",service="x"` }).end(), { tls: true });
    const proxy = await proxyTo(origin.port);
    const metadata = await serve((_q, r) => r.writeHead(200, { 'Content-Type': 'application/json' }).end('{"token":"stolen"}'));
    const viaProxy = () => client({ proxy: proxy.url, credentials: creds('registry.example.test') });
    const cases: [string, RegistryError['kind'], RegExp][] = [
      ['http://auth.example.test/token', 'insecure', /registry\.example\.test named a token realm over plain HTTP \(auth\.example\.test\); refusing/],
      ['http://169.254.169.254/latest/meta-data/iam', 'insecure', /named a token realm over plain HTTP \(169\.254\.169\.254\)/],
      ['https://169.254.169.254/token', 'insecure', /named a token realm at 169\.254\.169\.254, an address of the local network/],
      ['https://10.0.0.8/token', 'insecure', /named a token realm at 10\.0\.0\.8, an address of the local network/],
      [`https://${metadata.host}/token`, 'insecure', /an address of the local network/],
      [`https://localhost:${metadata.port}/token`, 'insecure', /an address of the local network/],
      ['file:///etc/passwd', 'protocol', /named a token realm at a file: URL; only HTTP\(S\) is followed/],
    ];
    for (const [url, kind, message] of cases) {
      realmUrl = url;
      await fails('registry.example.test', kind, message, viaProxy());
    }
    assert.equal(metadata.seen.length, 0, 'no realm on this machine was asked');
    assert.ok(
      proxy.asked.every((h) => h === 'registry.example.test:443'),
      `the proxy was asked for ${proxy.asked.join(', ')}`,
    );

    // a name that resolves to this machine is refused once resolved (here: this machine's own name)
    const own = await lookup(hostname()).catch(() => undefined);
    if (own && isPrivateAddress(own.address)) {
      const realm = await serve((_q, r) => r.writeHead(200, { 'Content-Type': 'application/json' }).end('{"token":"t"}'), { address: own.address, tls: true });
      const publicRegistry = await serve(
        (_q, r) => r.writeHead(401, { 'WWW-Authenticate': `Bearer realm="https://${hostname()}:${realm.port}/token"` }).end(),
        { address: '127.0.0.2' },
      );
      await fails(
        publicRegistry.host,
        'insecure',
        new RegExp(`${hostname()} resolves to .*an address of the local network; refusing`),
        client({ publicAddress: '127.0.0.2', insecure: [`${hostname()}:${realm.port}`] }),
      );
      assert.equal(realm.seen.length, 0);
    }

    // a registry on this machine may name a realm on this machine, over plain HTTP too
    const localRealm = await serve((_q, r) => r.writeHead(200, { 'Content-Type': 'application/json' }).end('{"token":"ok"}'), { address: '127.0.0.2' });
    const local = await serve((q, r) => {
      if (q.headers.authorization === 'Bearer ok') r.writeHead(200, { 'Docker-Content-Digest': digestOf(manifest) }).end();
      else r.writeHead(401, { 'WWW-Authenticate': `Bearer realm="http://${localRealm.host}/token"` }).end();
    });
    assert.equal((await client().resolve(parseImageRef(`${local.host}/team/app:1`)!)).digest, digestOf(manifest));
  });

  it('a public registry may not redirect to the local network, nor to anything but HTTP(S)', async () => {
    const local = await serve((_q, r) => r.writeHead(200, { 'Docker-Content-Digest': digestOf(manifest) }).end());
    let location = '';
    const publicRegistry = await serve((_q, r) => r.writeHead(307, { Location: location }).end(), { address: '127.0.0.2' });
    const asPublic = client({ publicAddress: '127.0.0.2' });
    for (const [to, message] of [
      [`http://${local.host}/v2/`, /redirected to 127\.0\.0\.1:\d+, an address of the local network/],
      ['https://169.254.169.254/v2/', /redirected to 169\.254\.169\.254, an address of the local network/],
    ] as const) {
      location = to;
      await fails(publicRegistry.host, 'insecure', message, asPublic);
    }
    assert.equal(local.seen.length, 0, 'the local server was never asked');
    // the same redirect from a registry on this machine is followed
    location = `http://${local.host}/v2/team/app/manifests/1`;
    assert.equal((await client().resolve(parseImageRef(`${publicRegistry.host}/team/app:1`)!)).digest, digestOf(manifest));
    location = 'file:///etc/passwd';
    await fails(publicRegistry.host, 'protocol', /redirected to a file: URL; only HTTP\(S\) is followed/);
  });

  it('answers no one could act on become clear messages: a huge Retry-After, a token that cannot be a header', async () => {
    await fails(
      (await serve((_q, r) => r.writeHead(429, { 'Retry-After': '99999999999999999' }).end())).host,
      'rate-limited',
      /rate-limited the request \(429\); try again later$/,
    );
    await fails(
      (await serve((_q, r) => r.writeHead(429, { 'Retry-After': 'Fri, 31 Dec 275760 23:59:59 GMT' }).end())).host,
      'rate-limited',
      /\(429\); try again later$/,
    );
    const realm = await serve((_q, r) => r.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ token: 'abc\r\nX-Injected: 1' })));
    const registry = await serve((_q, r) => r.writeHead(401, { 'WWW-Authenticate': `Bearer realm="http://${realm.host}/token"` }).end());
    await fails(registry.host, 'protocol', /the token service 127\.0\.0\.1:\d+ sent a token that cannot travel in an HTTP header/);
    const other = await serve((_q, r) => r.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ token: 'é-token' })));
    const registry2 = await serve((_q, r) => r.writeHead(401, { 'WWW-Authenticate': `Bearer realm="http://${other.host}/token"` }).end());
    await fails(registry2.host, 'protocol', /sent a token that cannot travel in an HTTP header/);
  });

  it('drift checks after every keystroke ask a failing registry once, then stay quiet for a while', async () => {
    const { host, seen } = await serve((_q, r) => r.writeHead(503).end());
    let now = 1_000_000;
    const service = new RegistryService({
      http: { timeoutMs: TIMEOUT, connectTimeoutMs: TIMEOUT, maxBodyBytes: 1 << 20 },
      cacheTtlMs: 0,
      driftRetryMs: 60_000,
      now: () => now,
    });
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
