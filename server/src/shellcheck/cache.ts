// ShellCheck's results by script: what the editor and the CLI ask, and the facts lint() reads. A script is asked
// once per dialect and text; an edit elsewhere in the file, or a file that repeats a RUN, costs no new run.
import type { DockerfileModel } from '../engine/model';
import type { ShellCheckComment, ShellCheckFacts } from '../engine/rule';
import { runShellCheck, type RunFailure, type RunOptions } from './run';
import { factsFrom, scriptsToCheck, type PlannedScript, type ScriptToRun } from './scripts';

/** Scripts kept (a few hundred bytes each): enough for every RUN of many open files. */
const KEPT = 4_000;
/**
 * Scripts per process at most when many are checked at once: ShellCheck reads each file on its own, so a batch
 * answers as separate runs would; large enough that starting a process costs little per script, small enough that
 * the cores share the work.
 */
export const BATCH = 100;

export class ShellCheckCache {
  private readonly byKey = new Map<string, readonly ShellCheckComment[]>();
  /** scripts being checked by checkMany: a second call waits for them rather than asking again */
  private readonly inFlight = new Map<string, Promise<unknown>>();
  /** checkMany's processes running, and the runs waiting for one to finish */
  private running = 0;
  private readonly queue: (() => void)[] = [];
  /** bumped by clear(): a run that started before does not store its results */
  private generation = 0;
  readonly facts: ShellCheckFacts = factsFrom((key) => this.byKey.get(key));

  /**
   * Runs ShellCheck (one process) on the scripts of `model` it has no answer for. Resolves to 'new' when comments
   * arrived (lint again to show them), 'none' when nothing changed, or why ShellCheck could not run.
   */
  async check(model: DockerfileModel, o: RunOptions): Promise<'new' | 'none' | RunFailure> {
    const missing = new Map<string, PlannedScript>();
    for (const p of scriptsToCheck(model)) if (!this.byKey.has(p.key)) missing.set(p.key, p);
    if (missing.size === 0) return 'none';
    const scripts = [...missing.values()];
    const generation = this.generation;
    const result = await runShellCheck(scripts, o);
    if (result === 'missing') return result;
    if (generation !== this.generation) return 'none';
    // a failed run is remembered as "no comments" so a script that times out is not run again on every keystroke
    scripts.forEach((s, i) => this.remember(s.key, result === 'failed' ? [] : result[i]));
    return result === 'failed' ? 'failed' : result.some((c) => c.length > 0) ? 'new' : 'none';
  }

  /**
   * Runs ShellCheck on the scripts of all `models` it has no answer for, in batches (at most BATCH scripts per
   * process) with at most `processes` processes at once across calls. A batch that fails is run again one script per
   * process, so one script that hangs ShellCheck costs only its own comments. Resolves when every script is answered
   * (or could not be), to 'missing' when the binary cannot run.
   */
  checkMany(models: readonly DockerfileModel[], o: RunOptions & { readonly processes: number }): Promise<'missing' | undefined> {
    return this.checkScripts(models.flatMap(scriptsToCheck), o);
  }

  /** checkMany for scripts planned already. */
  async checkScripts(planned: readonly ScriptToRun[], o: RunOptions & { readonly processes: number }): Promise<'missing' | undefined> {
    const missing = new Map<string, ScriptToRun>();
    const waits = new Set<Promise<unknown>>();
    for (const p of planned) {
      const pending = this.inFlight.get(p.key);
      if (pending) waits.add(pending);
      else if (!this.byKey.has(p.key)) missing.set(p.key, p);
    }
    const scripts = [...missing.values()];
    const batches = Math.max(Math.min(o.processes, scripts.length), Math.ceil(scripts.length / BATCH));
    const size = Math.ceil(scripts.length / Math.max(1, batches));
    let gone = false;
    const generation = this.generation;
    const runBatch = async (batch: ScriptToRun[]): Promise<void> => {
      const result = await this.limited(o.processes, () => (gone ? Promise.resolve('missing' as const) : runShellCheck(batch, o)));
      if (result === 'missing') gone = true;
      else if (result === 'failed' && batch.length > 1) await Promise.all(batch.map((s) => runBatch([s])));
      else if (generation === this.generation) batch.forEach((s, i) => this.remember(s.key, result === 'failed' ? [] : result[i]));
    };
    for (let i = 0; i < scripts.length; i += size) {
      const batch = scripts.slice(i, i + size);
      const run = runBatch(batch).finally(() => batch.forEach((s) => this.inFlight.delete(s.key)));
      for (const s of batch) this.inFlight.set(s.key, run);
      waits.add(run);
    }
    await Promise.all(waits);
    return gone ? 'missing' : undefined;
  }

  /**
   * checkMany for the editor, given each document's scripts (scriptsToRun: the documents' models are not kept while
   * ShellCheck runs): per document, 'new' when comments arrived for a script of it (lint it again to show them), else
   * 'none'; or 'missing' when the binary cannot run.
   */
  async checkAll(documents: readonly (readonly ScriptToRun[])[], o: RunOptions & { readonly processes: number }): Promise<('new' | 'none')[] | 'missing'> {
    const asked = documents.map((scripts) => scripts.filter((p) => !this.byKey.has(p.key)).map((p) => p.key));
    if (asked.every((keys) => keys.length === 0)) return asked.map(() => 'none');
    if ((await this.checkScripts(documents.flat(), o)) === 'missing') return 'missing';
    return asked.map((keys) => (keys.some((k) => (this.byKey.get(k)?.length ?? 0) > 0) ? 'new' : 'none'));
  }

  /** `work` once fewer than `max` of checkMany's processes run; a finishing run hands its place to the oldest waiter */
  private async limited<T>(max: number, work: () => Promise<T>): Promise<T> {
    if (this.running >= max) await new Promise<void>((resolve) => this.queue.push(resolve));
    else this.running++;
    try {
      return await work();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.running--;
    }
  }

  private remember(key: string, comments: readonly ShellCheckComment[]): void {
    this.byKey.delete(key);
    this.byKey.set(key, comments);
    if (this.byKey.size > KEPT) this.byKey.delete(this.byKey.keys().next().value!);
  }

  clear(): void {
    this.generation++;
    this.byKey.clear();
  }
}
