// Every way asking a registry can fail, as one kind and one sentence a user can act on.

export type RegistryErrorKind =
  | 'offline' // no connection (DNS, refused, unreachable)
  | 'timeout' // connect or total timeout
  | 'unauthorized' // 401/403 after every credential we may use
  | 'not-found' // unknown repository or tag
  | 'rate-limited' // 429
  | 'server' // 5xx
  | 'protocol' // an answer that breaks the distribution spec (bad digest, no digest, not JSON, too large)
  | 'insecure' // plain HTTP to a registry that is neither loopback nor listed as insecure
  | 'not-allowed'; // network off, or an untrusted workspace

export class RegistryError extends Error {
  constructor(
    readonly kind: RegistryErrorKind,
    message: string,
    readonly status?: number,
    /** the TLS handshake itself failed (the server may speak plain HTTP) */
    readonly tlsHandshake = false,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

export const isRegistryError = (e: unknown): e is RegistryError => e instanceof RegistryError;

/** One clear sentence for any error thrown while asking a registry (never a stack, never a credential). */
export function describeError(e: unknown): string {
  if (isRegistryError(e)) return e.message;
  return `unexpected error: ${e instanceof Error ? e.message : String(e)}`;
}
