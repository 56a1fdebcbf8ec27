// The editor's ShellCheck: runs after a document's diagnostics are published (never delaying them), one process per
// document at a time, and asks for a republish when new comments arrived. Results are cached by script, so a
// version whose RUN scripts were all seen before costs no run. `seaworthy.shellcheck.enable` and `.path` apply; in
// an untrusted workspace only a `shellcheck` from PATH runs, never a configured path.
import type { Connection } from 'vscode-languageserver/node';
import type { ShellCheckSettings } from '../../../shared/src/settings';
import type { Analysis } from '../analysis';
import { anyNeeds, type ShellCheckFacts } from '../engine/rule';
import { ShellCheckCache } from './cache';
import { availableParallelism } from 'node:os';
import { findShellCheck, shellCheckVersion } from './run';

/**
 * ShellCheck processes at once across all documents: opening a folder of Dockerfiles must not fork hundreds, and the
 * server's own first diagnostics need a core.
 */
const MAX_PARALLEL = Math.max(1, Math.min(4, availableParallelism() - 1));
/** ShellCheck waits until no document has asked for this long: a burst of opens gets its diagnostics first. */
const QUIET_MS = 150;

interface Job {
  readonly a: Analysis;
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
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  private lastAsked = 0;

  private async quiet(): Promise<void> {
    for (let wait = QUIET_MS; wait > 0; wait = this.lastAsked + QUIET_MS - Date.now()) await new Promise((r) => setTimeout(r, wait));
  }

  private async slot<T>(work: () => Promise<T>): Promise<T> {
    await this.quiet();
    // a finishing run hands its slot straight to the oldest waiter, so no newcomer can slip past the limit
    if (this.active >= MAX_PARALLEL) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
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
      else if (!binary) say.info(`ShellCheck is not on PATH${s.path && !this.trusted ? ` (seaworthy.shellcheck.path "${s.path}" is not used in an untrusted workspace)` : ''}: RUN scripts are not checked. Install shellcheck, or set seaworthy.shellcheck.path.`);
      else say.info(`ShellCheck ${(await shellCheckVersion(binary)) ?? '(version unknown)'} at ${binary}${configured ? ' (seaworthy.shellcheck.path)' : ' (from PATH)'} checks RUN scripts.`);
      return binary;
    })();
    this.binaries.set(key, (entry = found));
    return entry;
  }

  /** After a publish: check the RUN scripts ShellCheck has not seen, then `relint` if it said something. Never throws. */
  async check(a: Analysis, relint: () => void): Promise<void> {
    if (!a.enabled || !anyNeeds(a.activeRules, 'shellcheck')) return;
    this.lastAsked = Date.now();
    if (this.running.has(a.uri)) {
      this.running.set(a.uri, { a, relint }); // the newest waits; older ones are superseded
      return;
    }
    this.running.set(a.uri, undefined);
    try {
      let job: Job | undefined = { a, relint };
      while (job) {
        const entry = this.resolve(job.a.settings.shellcheck);
        const binary = await entry.binary;
        if (!binary) return;
        const model = job.a.model;
        const result = await this.slot(() => this.cache.check(model, { binary }));
        if (result === 'missing') {
          // gone since it was found: until settings change
          entry.binary = Promise.resolve(undefined);
          entry.status = 'missing';
          this.connection.console.warn(`ShellCheck at ${binary} could not be run: RUN scripts are not checked until the settings change.`);
        }
        if (result === 'new') job.relint();
        job = this.running.get(a.uri);
        this.running.set(a.uri, undefined);
      }
    } catch {
      // no findings, never an error
    } finally {
      this.running.delete(a.uri);
    }
  }
}
