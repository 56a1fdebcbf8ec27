// The editor's ShellCheck: runs after a document's diagnostics are published (never delaying them), and asks for a
// republish when new comments arrived. The documents waiting when a run starts are checked together (in batches of
// scripts, as the CLI does: Lint Workspace asks for hundreds at once), one run per document at a time. Results are
// cached by script, so a version whose RUN scripts were all seen before costs no run. `seaworthy.shellcheck.enable` and `.path` apply; in
// an untrusted workspace only a `shellcheck` from PATH runs, never a configured path.
import type { Connection } from 'vscode-languageserver/node';
import type { ShellCheckSettings } from '../../../shared/src/settings';
import type { Analysis } from '../analysis';
import { anyNeeds, type ShellCheckFacts } from '../engine/rule';
import { ShellCheckCache } from './cache';
import { scriptsToRun, type ScriptToRun } from './scripts';
import { availableParallelism } from 'node:os';
import { findShellCheck, shellCheckVersion } from './run';

/**
 * ShellCheck processes at once across all documents: opening a folder of Dockerfiles must not fork hundreds, and the
 * server's own first diagnostics need a core.
 */
const MAX_PARALLEL = Math.max(1, Math.min(4, availableParallelism() - 1));
/** ShellCheck waits until no document has asked for this long: a burst of opens gets its diagnostics first. */
const QUIET_MS = 150;
/** Documents checked together at most (the rest wait for the next run). */
const MAX_DOCUMENTS = 200;

/**
 * A document's turn: what running ShellCheck needs of it, not its analysis. A document waits here for the quiet time
 * and for ShellCheck (seconds, when many are opened at once); holding each one's model meanwhile cost ~100 MB with
 * the 860 corpus files open. Only the newest version that arrives while a run is under way keeps its model, so that
 * its scripts are planned once its turn comes rather than at every keystroke.
 */
interface Job {
  readonly settings: ShellCheckSettings;
  readonly scripts: () => readonly ScriptToRun[];
  readonly relint: () => void;
}

export class ShellCheckFeature {
  private readonly cache = new ShellCheckCache();
  /** what the shellcheck rule reads */
  readonly facts: ShellCheckFacts = this.cache.facts;
  /** the binary each setting finds (seaworthy.shellcheck.enable and .path may differ per folder), and what it found */
  private readonly binaries = new Map<string, { binary: Promise<string | undefined>; status: 'on' | 'missing' | 'off' }>();
  /** uri -> the newest job that arrived while one ran for it */
  private readonly running = new Map<string, Job | undefined>();
  /** documents whose scripts wait for the next run, with the binary to run */
  private readonly waiting: { binary: string; scripts: readonly ScriptToRun[]; done: (r: 'new' | 'none' | 'missing') => void }[] = [];
  private pumping = false;

  private lastAsked = 0;

  private async quiet(): Promise<void> {
    for (let wait = QUIET_MS; wait > 0; wait = this.lastAsked + QUIET_MS - Date.now()) await new Promise((r) => setTimeout(r, wait));
  }

  /** After the quiet time, a document's scripts are checked with those of every document waiting then. */
  private async ask(binary: string, scripts: readonly ScriptToRun[]): Promise<'new' | 'none' | 'missing'> {
    await this.quiet();
    return new Promise((done) => {
      this.waiting.push({ binary, scripts, done });
      void this.pump();
    });
  }

  /** One run at a time (of at most MAX_PARALLEL processes), for the oldest waiter's binary and the others with it. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.waiting.length) {
        const binary = this.waiting[0].binary;
        const batch: typeof this.waiting = [];
        const rest: typeof this.waiting = [];
        for (const w of this.waiting) (w.binary === binary && batch.length < MAX_DOCUMENTS ? batch : rest).push(w);
        this.waiting.splice(0, this.waiting.length, ...rest);
        const results = await this.cache
          .checkAll(
            batch.map((w) => w.scripts),
            { binary, processes: MAX_PARALLEL },
          )
          .catch(() => batch.map(() => 'none' as const));
        batch.forEach((w, i) => w.done(results === 'missing' ? 'missing' : results[i]));
      }
    } finally {
      this.pumping = false;
    }
  }

  constructor(
    private readonly connection: Connection,
    public trusted: boolean,
  ) {}

  /** settings or trust changed: find the binary again, forget every result */
  reset(): void {
    this.binaries.clear();
    this.cache.clear();
  }

  /** What the status bar says about ShellCheck for a document: it runs, it is not there, or it is turned off. */
  async state(a: Analysis): Promise<'on' | 'missing' | 'off'> {
    const entry = this.resolve(a.settings.shellcheck);
    await entry.binary;
    return entry.status;
  }

  private resolve(s: ShellCheckSettings): { binary: Promise<string | undefined>; status: 'on' | 'missing' | 'off' } {
    const configured = this.trusted && s.path ? s.path : undefined;
    const key = `${s.enable}\0${configured ?? ''}\0${s.path}`;
    let entry = this.binaries.get(key);
    if (entry) return entry;
    const found: { binary: Promise<string | undefined>; status: 'on' | 'missing' | 'off' } = { binary: Promise.resolve(undefined), status: 'missing' };
    found.binary = (async () => {
      const say = this.connection.console;
      if (!s.enable) {
        found.status = 'off';
        say.info('ShellCheck is turned off (seaworthy.shellcheck.enable): RUN scripts are not checked.');
        return undefined;
      }
      const binary = findShellCheck(configured);
      found.status = binary ? 'on' : 'missing';
      if (configured && !binary) say.warn(`seaworthy.shellcheck.path "${configured}" is not an executable file; RUN scripts are not checked.`);
      else if (!binary)
        say.info(
          `ShellCheck is not on PATH${s.path && !this.trusted ? ` (seaworthy.shellcheck.path "${s.path}" is not used in an untrusted workspace)` : ''}: RUN scripts are not checked. Install shellcheck, or set seaworthy.shellcheck.path.`,
        );
      else
        say.info(
          `ShellCheck ${(await shellCheckVersion(binary)) ?? '(version unknown)'} at ${binary}${configured ? ' (seaworthy.shellcheck.path)' : ' (from PATH)'} checks RUN scripts.`,
        );
      return binary;
    })();
    this.binaries.set(key, (entry = found));
    return entry;
  }

  /** After a publish: check the RUN scripts ShellCheck has not seen, then `relint` if it said something. Never throws. */
  check(a: Analysis, relint: () => void): Promise<void> {
    if (!a.enabled || !anyNeeds(a.activeRules, 'shellcheck')) return Promise.resolve();
    this.lastAsked = Date.now();
    const settings = a.settings.shellcheck;
    if (this.running.has(a.uri)) {
      const model = a.model;
      this.running.set(a.uri, { settings, scripts: () => scriptsToRun(model), relint }); // the newest waits; older ones are superseded
      return Promise.resolve();
    }
    let scripts: ScriptToRun[];
    try {
      scripts = scriptsToRun(a.model);
    } catch {
      return Promise.resolve(); // no findings, never an error
    }
    this.running.set(a.uri, undefined);
    return this.run(a.uri, { settings, scripts: () => scripts, relint });
  }

  /** The document's jobs, one after the other: the first, then the newest that arrived while one ran. */
  private async run(uri: string, first: Job): Promise<void> {
    try {
      let job: Job | undefined = first;
      while (job) {
        const { settings, relint } = job;
        const scripts = job.scripts();
        job = undefined; // planned: the model a newer version kept is let go before the waits below
        const entry = this.resolve(settings);
        const binary = await entry.binary;
        if (!binary) return;
        const result = await this.ask(binary, scripts);
        if (result === 'missing') {
          // gone since it was found: until settings change
          entry.binary = Promise.resolve(undefined);
          entry.status = 'missing';
          this.connection.console.warn(`ShellCheck at ${binary} could not be run: RUN scripts are not checked until the settings change.`);
        }
        if (result === 'new') relint();
        job = this.running.get(uri);
        this.running.set(uri, undefined);
      }
    } catch {
      // no findings, never an error
    } finally {
      this.running.delete(uri);
    }
  }
}
