// When a document is linted after its changes: at once when the server is idle; when it is busy, the changes that
// arrived meanwhile are linted together, once. Typing in one file never delays another; closing a file cancels its run.
//
// No wait: a lint is scheduled with setImmediate, so it runs after what the event loop has ready. The connection
// handles one message per turn of the loop (vscode-jsonrpc), so a lint that waits one turn would still run between two
// didChange notifications that arrived together; it runs once a whole turn has passed with no newer version of the
// document, so every change already read from the client is applied first (at most MAX_YIELDS turns: a client that
// never stops sending still gets its diagnostics). A change that arrives while the document's lint runs marks it for
// one more lint when that one ends: at most one lint pending per document, however fast the typing.
export interface LintScheduler<T extends { uri: string; version: number }> {
  (item: T): void;
  cancel(uri: string): void;
}

/** Turns of the event loop a lint lets pass while newer versions keep arriving, at most. */
const MAX_YIELDS = 64;

interface Pending<T> {
  item: T;
  /** the timer or immediate that starts the lint; undefined while it runs */
  timer: NodeJS.Timeout | NodeJS.Immediate | undefined;
  /** the version seen at the last turn (undefined: none seen yet) */
  seen: number | undefined;
  yields: number;
  running: boolean;
  /** changed while it ran: lint again when it ends */
  again: boolean;
}

/**
 * `run` lints a document (the latest version given); `fixedWaitMs` (initializationOptions.debounceMs), when above
 * 0, is a quiet period each change restarts before the lint.
 */
export function lintScheduler<T extends { uri: string; version: number }>(
  run: (item: T) => Promise<void>,
  fixedWaitMs: () => number = () => 0,
): LintScheduler<T> {
  const pending = new Map<string, Pending<T>>();
  const arm = (p: Pending<T>) => {
    const wait = fixedWaitMs();
    p.seen = undefined;
    p.yields = 0;
    p.timer = wait > 0 ? setTimeout(() => settle(p), wait) : setImmediate(() => settle(p));
  };
  const settle = (p: Pending<T>) => {
    if (pending.get(p.item.uri) !== p) return;
    if (p.item.version !== p.seen && p.yields < MAX_YIELDS) {
      p.seen = p.item.version;
      p.yields++;
      p.timer = setImmediate(() => settle(p));
      return;
    }
    p.timer = undefined;
    p.running = true;
    run(p.item)
      .catch(() => undefined)
      .finally(() => {
        p.running = false;
        if (pending.get(p.item.uri) !== p) return;
        if (p.again) {
          p.again = false;
          arm(p);
        } else pending.delete(p.item.uri);
      });
  };
  const schedule = ((item: T) => {
    const p = pending.get(item.uri);
    if (!p) {
      const fresh: Pending<T> = { item, timer: undefined, seen: undefined, yields: 0, running: false, again: false };
      pending.set(item.uri, fresh);
      arm(fresh);
      return;
    }
    p.item = item;
    if (p.running) p.again = true;
    else if (fixedWaitMs() > 0) {
      clearTimeout(p.timer as NodeJS.Timeout);
      arm(p);
    }
    // else: its lint is about to start, and reads this version
  }) as LintScheduler<T>;
  schedule.cancel = (uri) => {
    const p = pending.get(uri);
    if (!p) return;
    clearTimeout(p.timer as NodeJS.Timeout);
    clearImmediate(p.timer as NodeJS.Immediate);
    pending.delete(uri);
  };
  return schedule;
}
