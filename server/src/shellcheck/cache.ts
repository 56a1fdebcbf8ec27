// ShellCheck's results by script: what the editor and the CLI ask, and the facts lint() reads. A script is asked
// once per dialect and text; an edit elsewhere in the file, or a file that repeats a RUN, costs no new run.
import type { DockerfileModel } from '../engine/model';
import type { ShellCheckComment, ShellCheckFacts } from '../engine/rule';
import { runShellCheck, type RunFailure, type RunOptions } from './run';
import { factsFrom, scriptsToCheck, type PlannedScript } from './scripts';

/** Scripts kept (a few hundred bytes each): enough for every RUN of many open files. */
const KEPT = 4_000;

export class ShellCheckCache {
  private readonly byKey = new Map<string, readonly ShellCheckComment[]>();
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
