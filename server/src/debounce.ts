// A debounce per document: typing in one file never delays another; closing a file cancels its pending run.
export interface PerDocumentDebounce<T extends { uri: string }> {
  (item: T): void;
  cancel(uri: string): void;
}

export function perDocumentDebounce<T extends { uri: string }>(ms: () => number, run: (item: T) => Promise<void>): PerDocumentDebounce<T> {
  const timers = new Map<string, NodeJS.Timeout>();
  const fire = (item: T) => {
    timers.delete(item.uri);
    run(item).catch(() => undefined);
  };
  const schedule = ((item: T) => {
    clearTimeout(timers.get(item.uri));
    const wait = ms();
    if (wait <= 0) {
      timers.delete(item.uri);
      setImmediate(() => fire(item));
      return;
    }
    timers.set(item.uri, setTimeout(() => fire(item), wait));
  }) as PerDocumentDebounce<T>;
  schedule.cancel = (uri) => {
    clearTimeout(timers.get(uri));
    timers.delete(uri);
  };
  return schedule;
}
