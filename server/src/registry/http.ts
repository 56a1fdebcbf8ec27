// A small HTTP client for registries: connect and total timeouts, a bounded body, proxies, and errors a user can
// read. node:http rather than fetch: fetch has no connect timeout, no proxy support and no way to cap a body before
// it is buffered.
import * as http from 'node:http';
import * as https from 'node:https';
import { isIP } from 'node:net';
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
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
  /** the connection was TLS */
  readonly secure: boolean;
}

export const isLoopback = (host: string): boolean => {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || (isIP(h) === 4 && h.startsWith('127.'));
};

function bypassesProxy(host: string, noProxy: string | undefined): boolean {
  if (isLoopback(host)) return true;
  if (!noProxy) return false;
  const h = host.toLowerCase();
  return noProxy.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean).some((entry) => {
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

const OFFLINE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ECONNRESET', 'EPIPE', 'ENETDOWN']);

export function httpRequest(req: HttpRequest, opts: HttpOptions): Promise<HttpResponse> {
  const { url } = req;
  const secure = url.protocol === 'https:';
  const where = url.host;
  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    const fail = (e: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(total);
      clearTimeout(connect);
      outgoing.destroy();
      reject(e);
    };
    const lib = secure ? https : http;
    const outgoing = lib.request(url, {
      method: req.method,
      headers: { 'User-Agent': 'seaworthy', ...req.headers, ...(req.body ? { 'Content-Length': String(Buffer.byteLength(req.body)) } : {}) },
      agent: agentFor(url, opts, !!req.insecureTls),
      rejectUnauthorized: !(req.insecureTls || opts.strictSSL === false),
    });
    const total = setTimeout(() => fail(new RegistryError('timeout', `${where} did not answer within ${seconds(opts.timeoutMs)}`)), opts.timeoutMs);
    const connect = setTimeout(() => fail(new RegistryError('timeout', `could not connect to ${where} within ${seconds(opts.connectTimeoutMs)}`)), opts.connectTimeoutMs);
    outgoing.on('socket', (socket) => {
      // a kept-alive socket (or one a proxy agent tunnelled already) is connected; a fresh one connects, then (TLS)
      // shakes hands
      if (!socket.connecting) clearTimeout(connect);
      else socket.once(secure ? 'secureConnect' : 'connect', () => clearTimeout(connect));
    });
    outgoing.on('error', (e: NodeJS.ErrnoException) => {
      if (settled) return;
      if (e.code && OFFLINE.has(e.code)) fail(new RegistryError('offline', `cannot reach ${where} (${e.code}); check the network or the registry name`));
      else if (e.code?.startsWith('ERR_SSL') || e.code === 'EPROTO') fail(new RegistryError('protocol', `TLS with ${where} failed (${e.code})`, undefined, true));
      else if (/certificate|self.signed|CERT_/i.test(`${e.code} ${e.message}`)) fail(new RegistryError('protocol', `the TLS certificate of ${where} is not trusted (${e.code ?? e.message}); add it to the system's CA store or list the registry in seaworthy.insecureRegistries`));
      else fail(new RegistryError('offline', `cannot reach ${where}: ${e.message}`));
    });
    outgoing.on('response', (res) => {
      clearTimeout(connect);
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
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), secure });
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
