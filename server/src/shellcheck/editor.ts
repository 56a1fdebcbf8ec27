// The editor's ShellCheck: runs after a document's diagnostics are published (never delaying them), one process per
// document at a time, and asks for a republish when new comments arrived. Results are cached by script, so a
// version whose RUN scripts were all seen before costs no run. `seaworthy.shellcheck.enable` and `.path` apply; in
// an untrusted workspace only a `shellcheck` from PATH runs, never a configured path.
import type { Connection } from 'vscode-languageserver/node';
import { defaultUserSettings, type ShellCheckSettings } from '../../../shared/src/settings';
import type { Analysis } from '../analysis';
import type { ShellCheckFacts } from '../engine/rule';
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
  private binary: Promise<string | undefined> | undefined;
  /** what the last resolution of the binary found */
  private status: 'on' | 'missing' | 'off' = 'missing';
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
    private readonly pull: () => boolean,
    public trusted: boolean,
  ) {}

  /** settings or trust changed: find the binary again, forget every result */
  reset(): void {
    this.binary = undefined;
    this.cache.clear();
  }

  /** What the status bar says about ShellCheck: it runs, it is not there, or it is turned off. */
  async state(): Promise<'on' | 'missing' | 'off'> {
    await this.resolveBinary();
    return this.status;
  }

  private resolveBinary(): Promise<string | undefined> {
    this.binary ??= (async () => {
      let s: ShellCheckSettings = defaultUserSettings.shellcheck;
      if (this.pull()) {
        try {
          const got = (await this.connection.workspace.getConfiguration({ section: 'seaworthy' })) as { shellcheck?: Partial<ShellCheckSettings> } | null;
          s = { enable: got?.shellcheck?.enable !== false, path: typeof got?.shellcheck?.path === 'string' ? got.shellcheck.path.trim() : '' };
        } catch {
          // a client that fails the request: the defaults
        }
      }
      const say = this.connection.console;
      if (!s.enable) {
        this.status = 'off';
        say.info('ShellCheck is turned off (seaworthy.shellcheck.enable): RUN scripts are not checked.');
        return undefined;
      }
      const configured = this.trusted && s.path ? s.path : undefined;
      const found = findShellCheck(configured);
      this.status = found ? 'on' : 'missing';
      if (configured && !found) say.warn(`seaworthy.shellcheck.path "${configured}" is not an executable file; RUN scripts are not checked.`);
      else if (!found) say.info(`ShellCheck is not on PATH${s.path && !this.trusted ? ` (seaworthy.shellcheck.path "${s.path}" is not used in an untrusted workspace)` : ''}: RUN scripts are not checked. Install shellcheck, or set seaworthy.shellcheck.path.`);
      else say.info(`ShellCheck ${(await shellCheckVersion(found)) ?? '(version unknown)'} at ${found}${configured ? ' (seaworthy.shellcheck.path)' : ' (from PATH)'} checks RUN scripts.`);
      return found;
    })();
    return this.binary;
  }

  /** After a publish: check the RUN scripts ShellCheck has not seen, then `relint` if it said something. Never throws. */
  async check(a: Analysis, relint: () => void): Promise<void> {
    if (!a.enabled || !a.activeRules.some((r) => r.id === 'shellcheck')) return;
    this.lastAsked = Date.now();
    if (this.running.has(a.uri)) {
      this.running.set(a.uri, { a, relint }); // the newest waits; older ones are superseded
      return;
    }
    this.running.set(a.uri, undefined);
    try {
      let job: Job | undefined = { a, relint };
      while (job) {
        const binary = await this.resolveBinary();
        if (!binary) return;
        const model = job.a.model;
        const result = await this.slot(() => this.cache.check(model, { binary }));
        if (result === 'missing') {
          // gone since it was found: until settings change
          this.binary = Promise.resolve(undefined);
          this.status = 'missing';
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
