// A small HTTP client for registries: connect and total timeouts, a bounded body, proxies, and errors a user can
// read. node:http rather than fetch: fetch has no connect timeout, no proxy support and no way to cap a body before
// it is buffered.
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import * as http from 'node:http';
import * as https from 'node:https';
import { BlockList, isIP } from 'node:net';
import { createSecureContext, type SecureContext } from 'node:tls';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { RegistryError } from './errors';

export interface HttpOptions {
  /** time to establish the connection (TCP and TLS) */
  readonly connectTimeoutMs: number;
  /** time for the whole exchange, body included */
  readonly timeoutMs: number;
  /** bodies longer than this are refused (manifests are small; configs too) */
  readonly maxBodyBytes: number;
  /** http://host:port of a proxy for HTTPS requests (VS Code's http.proxy, HTTPS_PROXY) */
  readonly proxy?: string;
  /** hosts that bypass the proxy (NO_PROXY syntax: comma-separated suffixes, * for all) */
  readonly noProxy?: string;
  /** verify TLS certificates (VS Code's http.proxyStrictSSL); insecure registries never verify */
  readonly strictSSL?: boolean;
}

export interface HttpRequest {
  readonly method: 'GET' | 'HEAD' | 'POST';
  readonly url: URL;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** skip certificate verification (registries the user listed as insecure) */
  readonly insecureTls?: boolean;
  /**
   * Addresses this request must not connect to: checked on an IP literal before connecting and on every address the
   * name resolves to (a public registry's redirect or token realm must not reach this machine's network).
   */
  readonly refuseAddress?: (ip: string) => boolean;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
  /** the connection was TLS */
  readonly secure: boolean;
  /** what was asked (redirects are the caller's to follow) */
  readonly url: URL;
  /** the address connected to; undefined through a proxy, which connects for us */
  readonly remoteAddress: string | undefined;
}

export const isLoopback = (host: string): boolean => {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || (isIP(h) === 4 && h.startsWith('127.'));
};

// Loopback, private (RFC 1918, unique local), link-local (cloud metadata services live at 169.254.169.254), CGNAT and
// unspecified addresses: the machine's own network, as opposed to the internet.
const PRIVATE = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const)
  PRIVATE.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const)
  PRIVATE.addSubnet(net, bits, 'ipv6');

/** An address of this machine or its local network (IPv4-mapped IPv6 addresses are judged as IPv4). */
export function isPrivateAddress(ip: string): boolean {
  const bare = ip.replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return PRIVATE.check(mapped[1], 'ipv4');
  const family = isIP(bare);
  return family === 0 ? false : PRIVATE.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}

/** dns.lookup, keeping only the addresses `refuse` allows; none left is an error the request reports. */
function guardedLookup(refuse: (ip: string) => boolean) {
  return (
    hostname: string,
    options: LookupOptions,
    callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ): void => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '');
      const allowed = addresses.filter((a) => !refuse(a.address));
      if (allowed.length === 0) {
        const e: NodeJS.ErrnoException = new Error(`${hostname} resolves to ${addresses.map((a) => a.address).join(', ')}`);
        e.code = 'ESEAWORTHYPRIVATE';
        return callback(e, '');
      }
      if (options.all) callback(null, allowed);
      else callback(null, allowed[0].address, allowed[0].family);
    });
  };
}

function bypassesProxy(host: string, noProxy: string | undefined): boolean {
  if (isLoopback(host)) return true;
  if (!noProxy) return false;
  const h = host.toLowerCase();
  return noProxy
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)
    .some((entry) => {
      if (entry === '*') return true;
      const bare = entry.replace(/^\*?\./, '').replace(/:\d+$/, '');
      return h === bare || h.endsWith(`.${bare}`);
    });
}

const proxyAgents = new Map<string, https.Agent>();
function agentFor(url: URL, opts: HttpOptions, insecureTls: boolean): http.Agent | undefined {
  if (url.protocol !== 'https:' || !opts.proxy || bypassesProxy(url.hostname, opts.noProxy)) return undefined;
  const key = `${opts.proxy}|${insecureTls || opts.strictSSL === false}`;
  let agent = proxyAgents.get(key);
  if (!agent) {
    agent = new HttpsProxyAgent(opts.proxy, { rejectUnauthorized: !(insecureTls || opts.strictSSL === false) });
    proxyAgents.set(key, agent);
  }
  return agent;
}

/**
 * One TLS context (settings and the trusted certificates, loaded once) for every HTTPS request made without a proxy.
 * Node otherwise builds one per connection, each in C memory of its own: with a folder of Dockerfiles opened at once,
 * hundreds of base images are asked together (the 860 corpus files: 850 contexts, ~15 MB resident).
 */
let tlsContext: SecureContext | undefined;

const OFFLINE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ECONNRESET', 'EPIPE', 'ENETDOWN']);

export function httpRequest(req: HttpRequest, opts: HttpOptions): Promise<HttpResponse> {
  const { url } = req;
  const secure = url.protocol === 'https:';
  const where = url.host;
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return Promise.reject(new RegistryError('protocol', `${url.protocol} URLs are not asked; only HTTP(S)`));
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  if (req.refuseAddress && isIP(literal) && req.refuseAddress(literal))
    return Promise.reject(new RegistryError('insecure', `${where} is an address of the local network; refusing`));
  const badHeader = Object.entries(req.headers ?? {}).find(([, v]) => !/^[\t\x20-\x7e\x80-\xff]*$/.test(v));
  if (badHeader) return Promise.reject(new RegistryError('protocol', `the ${badHeader[0]} header for ${where} holds characters HTTP does not allow; not sent`));
  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    let remoteAddress: string | undefined;
    const fail = (e: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(total);
      clearTimeout(connect);
      outgoing.destroy();
      reject(e);
    };
    const lib = secure ? https : http;
    const agent = agentFor(url, opts, !!req.insecureTls);
    let outgoing: http.ClientRequest;
    try {
      outgoing = lib.request(url, {
        method: req.method,
        headers: { 'User-Agent': 'seaworthy', ...req.headers, ...(req.body ? { 'Content-Length': String(Buffer.byteLength(req.body)) } : {}) },
        agent,
        rejectUnauthorized: !(req.insecureTls || opts.strictSSL === false),
        ...(secure && !agent ? { secureContext: (tlsContext ??= createSecureContext()) } : {}),
        ...(req.refuseAddress && !agent ? { lookup: guardedLookup(req.refuseAddress) } : {}),
      });
    } catch (e) {
      // node refuses a request it cannot write (a header or path it rejects): say so without node's wording
      reject(new RegistryError('protocol', `the request to ${where} could not be made (${(e as NodeJS.ErrnoException).code ?? 'invalid request'})`));
      return;
    }
    // "could not connect" only while no connection is open: once TCP is up, a silent peer (a TLS handshake or an answer
    // that never comes) is a registry that did not answer
    let connected = false;
    const opened = (socket?: { remoteAddress?: string }) => {
      connected = true;
      clearTimeout(connect);
      if (socket) remoteAddress = agent ? undefined : socket.remoteAddress;
    };
    const total = setTimeout(
      () =>
        fail(
          new RegistryError(
            'timeout',
            connected
              ? `${where} accepted the connection but did not answer within ${seconds(opts.timeoutMs)}`
              : `${where} did not answer within ${seconds(opts.timeoutMs)}`,
          ),
        ),
      opts.timeoutMs,
    );
    const connect = setTimeout(
      () => fail(new RegistryError('timeout', `could not connect to ${where} within ${seconds(opts.connectTimeoutMs)}`)),
      opts.connectTimeoutMs,
    );
    outgoing.on('socket', (socket) => {
      // a kept-alive socket (or one a proxy agent tunnelled already) is connected; a fresh one connects first
      if (!socket.connecting) opened(socket);
      else socket.once('connect', () => opened(socket));
    });
    outgoing.on('error', (e: NodeJS.ErrnoException) => {
      if (settled) return;
      if (e.code === 'ESEAWORTHYPRIVATE') fail(new RegistryError('insecure', `${e.message}, an address of the local network; refusing`));
      else if (e.code && OFFLINE.has(e.code)) fail(new RegistryError('offline', `cannot reach ${where} (${e.code}); check the network or the registry name`));
      else if (e.code?.startsWith('ERR_SSL') || e.code === 'EPROTO')
        fail(new RegistryError('protocol', `TLS with ${where} failed (${e.code})`, undefined, true));
      else if (/certificate|self.signed|CERT_/i.test(`${e.code} ${e.message}`))
        fail(
          new RegistryError(
            'protocol',
            `the TLS certificate of ${where} is not trusted (${e.code ?? e.message}); add it to the system's CA store or list the registry in seaworthy.insecureRegistries`,
          ),
        );
      else fail(new RegistryError('offline', `cannot reach ${where}: ${e.message}`));
    });
    outgoing.on('response', (res) => {
      opened();
      const chunks: Buffer[] = [];
      let size = 0;
      const declared = Number(res.headers['content-length']);
      if (req.method !== 'HEAD' && Number.isFinite(declared) && declared > opts.maxBodyBytes) {
        fail(new RegistryError('protocol', `${where} sent ${declared} bytes, more than the ${opts.maxBodyBytes} accepted`));
        return;
      }
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > opts.maxBodyBytes) fail(new RegistryError('protocol', `${where} sent more than the ${opts.maxBodyBytes} bytes accepted`));
        else chunks.push(c);
      });
      res.on('error', (e) => fail(new RegistryError('offline', `connection to ${where} broke: ${e.message}`)));
      res.on('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(total);
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks),
          secure,
          url,
          remoteAddress: remoteAddress ?? (agent ? undefined : res.socket?.remoteAddress),
        });
      });
    });
    outgoing.end(req.body);
  });
}

const seconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`);

export const header = (res: HttpResponse, name: string): string | undefined => {
  const v = res.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
};
