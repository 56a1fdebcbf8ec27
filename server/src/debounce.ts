// A debounce per document: typing in one file never delays another; closing a file cancels its pending run.
export interface PerDocumentDebounce<T extends { uri: string }> {
  (item: T): void;
  cancel(uri: string): void;
}

/** The longest wait between a keystroke and its lint. */
const MAX_WAIT_MS = 75;

/**
 * How long to wait after a change before linting, from what the document's last lint cost: twice that, at most
 * MAX_WAIT_MS. A file that lints in 2 ms is linted 4 ms after a keystroke instead of 75 ms; a file that takes 40 ms
 * waits 75 ms, so a burst of typing costs one lint, not one per key. A document not linted yet (just opened) is
 * linted at once.
 */
export function adaptiveWait(lastLintMs: number | undefined): number {
  return lastLintMs === undefined ? 0 : Math.min(MAX_WAIT_MS, Math.round(2 * lastLintMs));
}

export function perDocumentDebounce<T extends { uri: string }>(ms: (item: T) => number, run: (item: T) => Promise<void>): PerDocumentDebounce<T> {
  const timers = new Map<string, NodeJS.Timeout>();
  const fire = (item: T) => {
    timers.delete(item.uri);
    run(item).catch(() => undefined);
  };
  const schedule = ((item: T) => {
    clearTimeout(timers.get(item.uri));
    const wait = ms(item);
    if (wait <= 0) {
      timers.delete(item.uri);
      setImmediate(() => fire(item));
      return;
    }
    timers.set(
      item.uri,
      setTimeout(() => fire(item), wait),
    );
  }) as PerDocumentDebounce<T>;
  schedule.cancel = (uri) => {
    clearTimeout(timers.get(uri));
    timers.delete(uri);
  };
  return schedule;
}
