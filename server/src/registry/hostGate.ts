// Requests to a registry that has not answered yet go a few at a time.
//
// A folder of Dockerfiles opened at once asks hundreds of base images together. When their registry cannot be reached
// (no network, a firewall, a registry that is down), each request used to open a connection of its own and wait for
// its own timeout: 400 TLS connections held for the 860 corpus files, ~20 MB of the server's memory. Until an origin
// has answered once, at most PROBES requests to it are under way and the others wait; when one cannot reach it, the
// waiting ones fail at once with its reason (every request to that origin would); once it has answered, requests to it
// go at once. A few rather than one: the first contact with a slow registry is not made slower (a hover, the digest
// check and the image facts ask together).

import { RegistryError } from './errors';

const PROBES = 4;

interface Origin {
  answered: boolean;
  underWay: number;
  waiting: { go: () => void; fail: (e: unknown) => void }[];
}

export class HostGate {
  private readonly origins = new Map<string, Origin>();

  /** Runs `request` (an exchange with `origin`: scheme, host and port) when the gate lets it through. */
  async run<T>(origin: string, request: () => Promise<T>): Promise<T> {
    let o = this.origins.get(origin);
    if (!o) this.origins.set(origin, (o = { answered: false, underWay: 0, waiting: [] }));
    if (o.answered) return request();
    if (o.underWay >= PROBES) {
      const state = o;
      await new Promise<void>((go, fail) => state.waiting.push({ go, fail }));
      if (o.answered) return request();
    }
    o.underWay++;
    try {
      const answer = await request();
      this.opened(o);
      return answer;
    } catch (e) {
      // not reached (no connection, no answer in time): every request to it would fail so; anything else came from it
      if (e instanceof RegistryError && (e.kind === 'offline' || e.kind === 'timeout')) for (const w of o.waiting.splice(0)) w.fail(e);
      else this.opened(o);
      throw e;
    } finally {
      o.underWay--;
    }
  }

  private opened(o: Origin): void {
    o.answered = true;
    for (const w of o.waiting.splice(0)) w.go();
  }
}
