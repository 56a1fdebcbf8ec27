// How the language server's own heap is run: V8 settings it makes for itself when it starts (server.ts imports this
// module first, before the heap grows and before tree-sitter's WebAssembly is compiled), so that VS Code, other
// editors and the bench get the same server however they start it. Measured with the 860 corpus files opened at once
// (`npm run bench`, memory section; figures on a loaded 2-core machine, resident MB when the last diagnostics arrived).
import { setFlagsFromString } from 'node:v8';

// tree-sitter's WebAssembly runs on V8's baseline compiler only: optimizing its large lexer function took ~30 MB of
// compiler memory on background threads, which the C allocator keeps (resident 35 instead of ~65 MB outside the
// JavaScript heap); shell parsing takes ~1.3x as long, and an edit re-parses only the RUN bodies it touched.
setFlagsFromString('--liftoff-only');

/**
 * The server has published its first diagnostics: from now on the young generation keeps the size it grew to while
 * the server started (4 MB semi-spaces) instead of growing to 16 MB each, 24 MB less resident (grown semi-spaces stay
 * committed), at no cost in CPU per lint (measured at 500 and 5,000 lines). Held from the start, at 1 MB, it made the
 * first diagnostics ~14 ms later: what the server builds as it loads was copied through many more scavenges.
 */
export function startedUp(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}

/**
 * How far the old generation may grow past what a full collection kept, in percent, while many documents are linted
 * one after the other (a folder of Dockerfiles opened together, a branch switch). V8 otherwise lets it grow to
 * several times that during a burst of allocation, and every analysis a burst promotes dies old. Not set while one
 * document is edited, where it cost 15-35% more CPU per lint of a 5,000-line file.
 */
const BURST_GROWING_PERCENT = 20;
/** Documents linted within BURST_WINDOW_MS from which the server counts as in a burst; typing in one is none. */
const BURST_DOCUMENTS = 8;
const BURST_WINDOW_MS = 1_000;

let windowStart = -Infinity;
const inWindow = new Set<string>();
let burstEnd: NodeJS.Timeout | undefined;

/** A document is about to be linted for the editor. */
export function linting(uri: string): void {
  const now = performance.now();
  if (now - windowStart > BURST_WINDOW_MS) {
    windowStart = now;
    inWindow.clear();
  }
  inWindow.add(uri);
  if (inWindow.size < BURST_DOCUMENTS) return;
  if (!burstEnd) setFlagsFromString(`--heap-growing-percent=${BURST_GROWING_PERCENT}`);
  clearTimeout(burstEnd);
  // a window without lints of that many documents ends the burst: V8 chooses again (0 is its own default)
  burstEnd = setTimeout(() => {
    burstEnd = undefined;
    setFlagsFromString('--heap-growing-percent=0');
  }, BURST_WINDOW_MS);
  burstEnd.unref();
}
