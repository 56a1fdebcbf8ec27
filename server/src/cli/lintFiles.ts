// The CLI's per-file work: read, configure, fix, run ShellCheck, lint, fingerprint. It runs on the main thread, or,
// with --jobs N, on N worker threads that each take every N-th file, their outcomes put back in file order. Workers
// only read; runs that write (--fix) or share what registries said (--network) stay on one thread.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { configErrors, describeProblem } from '../config/configFile';
import { fixAllText } from '../engine/fix/fixAll';
import { buildAllFixes, type RuleFailure } from '../engine/lint';
import { DEFAULT_MAX_LENGTH, tooLargeFinding } from '../engine/limits';
import { buildModel, type DockerfileModel } from '../engine/model';
import { anyNeeds, type Finding, type Fix, type LintConfig, type Severity, type Tag } from '../engine/rule';
import type { Range } from '../engine/text';
import { BudgetExceeded, withinBudget, withinBudgetEach } from '../budget';
import {
  ConfigError,
  createNewFile,
  FileRefused,
  Host,
  MAX_IGNORE_BYTES,
  maxTextBytes,
  readRegularFile,
  readRegularText,
  reloadParsers,
  replaceFile,
  staysInside,
  WriteRefused,
} from '../host';
import { ruleByKey } from '../rules';
import { shellcheckCodeRule } from '../rules/shellcheck';
import type { RegistryService } from '../registry/service';
import type { ShellCheckCache } from '../shellcheck/cache';
import type { SeveritySetting } from '../../../shared/src/settings';
import { fingerprints } from './fingerprint';
import { fileContext, imagesOfBuilds, lintInContext, lintInputOf } from '../fileContext';

/** Files whose RUN scripts are sent to ShellCheck together (see lintFiles). */
const WINDOW = 32;

/** What the per-file work needs of the command line. */
export interface LintFileOptions {
  readonly config: string | undefined;
  readonly overrides: Readonly<Record<string, SeveritySetting>>;
  readonly stdinFilename: string;
  readonly maxLength: number | undefined;
  readonly fix: boolean;
  readonly unsafe: boolean;
  /** the output format prints fixes (or counts them): each finding's fix is built; otherwise none is */
  readonly showsFixes?: boolean;
  /** team settings from the environment (HADOLINT_*), over the config file's */
  readonly envLint?: LintConfig;
  /** what linting one file may cost, ms (0 or none: no limit); past it the file is reported and the run exits 2 */
  readonly lintTimeout?: number;
  /** where searches for build files stop outside a git repository: the working folder and the folders given */
  readonly roots?: readonly string[];
}

export interface Services {
  readonly registry?: RegistryService;
  readonly shellcheck?: { binary: string; cache: ShellCheckCache };
}

/** One file's outcome, in the order files were given; `stderr` lines are printed in that order too. */
export interface FileOutcome {
  readonly file: string;
  readonly text: string;
  readonly findings: readonly Finding[];
  readonly fingerprints: readonly string[];
  readonly stderr: readonly string[];
  readonly ioFailed: boolean;
  /** something went wrong that the user must act on (a fix not written, a rule that failed): exit 2, findings still reported */
  readonly failed?: boolean;
  /** the team config that applied: its warnings are printed once per config, its failure threshold may apply */
  readonly config?: {
    readonly path: string;
    readonly warnings: readonly string[];
    readonly failureThreshold?: Severity | 'none';
    readonly noFail?: boolean;
    readonly format?: string;
  };
}

/** Lints `files` ('-' is standard input, read by `readStdin`) one after another, handing each outcome on as it is ready. */
export async function lintFiles(
  files: readonly string[],
  o: LintFileOptions,
  services: Services,
  readStdin: () => string,
  onOutcome: (o: FileOutcome, index: number) => void,
): Promise<void> {
  // what the host refuses to read (a FIFO named .dockerignore …) is said with the file being linted
  let said: string[] = [];
  const host = new Host((message) => said.push(`seaworthy: ${message}`));
  host.setRoots(o.roots ?? []);
  const { registry, shellcheck } = services;
  const maxLength = o.maxLength ?? DEFAULT_MAX_LENGTH;
  // the context the server builds for a document: the config file's severities for a path, then the command line's
  const contextOf = (where: string, shown: string) =>
    fileContext(host, { path: where, fileName: shown, overrides: o.overrides, explicitConfig: o.config, extraLintConfig: o.envLint });
  // ShellCheck runs for the files ahead while these are linted: the scripts of WINDOW files at a time go to it in
  // batches (many scripts per process, a process per CPU), and two windows ahead are asked before they are needed
  const windows = new Map<number, Promise<unknown>>();
  // what the host said while a file was read ahead is said with that file, in its turn; the model built is linted
  // then, when the file still holds that text
  const saidAhead = new Map<number, string[]>();
  const builtAhead = new Map<number, { text: string; model: DockerfileModel }>();
  // a model build stopped by the time budget may have left the shell parser inside its WebAssembly: no more reading
  // ahead until it is started afresh
  let parserStopped = false;
  const checkWindow = (w: number) => {
    if (!shellcheck || parserStopped || windows.has(w) || w * WINDOW >= files.length) return;
    const models: DockerfileModel[] = [];
    const current = said;
    const toBuild: { index: number; text: string }[] = [];
    for (let j = w * WINDOW; j < Math.min(files.length, (w + 1) * WINDOW); j++) {
      const f = files[j];
      if (f === '-') continue;
      saidAhead.set(j, (said = []));
      try {
        const text = readRegularText(f, maxTextBytes(maxLength));
        if (text.length <= maxLength && anyNeeds(contextOf(f, f).activeRules, 'shellcheck')) toBuild.push({ index: j, text });
      } catch {
        // unreadable, a broken config: the file's own turn says so
      }
    }
    // the window's models under one watchdog; a model that could not be built (or not within the budget) is built
    // again in its file's own turn, which says why
    try {
      withinBudget(() => {
        for (const { index, text } of toBuild) {
          try {
            const model = buildModel(text);
            models.push(model);
            builtAhead.set(index, { text, model });
          } catch {
            // said in the file's turn
          }
        }
      }, o.lintTimeout ?? 0);
    } catch (e) {
      if (!(e instanceof BudgetExceeded)) throw e;
      parserStopped = true;
    }
    said = current;
    windows.set(
      w,
      shellcheck.cache.checkMany(models, { binary: shellcheck.binary, processes: availableParallelism() }).catch(() => undefined),
    );
  };
  // each file's synchronous work (lint, fixes, fingerprints) waits here and runs a window at a time under one
  // watchdog (withinBudgetEach), each file still within its own budget; outcomes are handed on in file order.
  // Runs that write (--fix) go one file at a time: a file is written before the next is read.
  type Queued =
    | { readonly index: number; readonly outcome: FileOutcome }
    | { readonly index: number; readonly lint: () => FileOutcome; readonly failed: (e: unknown) => FileOutcome };
  const queue: Queued[] = [];
  const flush = async () => {
    const toLint = queue.filter((q) => 'lint' in q);
    const linted = await withinBudgetEach(toLint, (q) => q.lint(), o.lintTimeout ?? 0, reloadParsers);
    const byIndex = new Map(toLint.map((q, i) => [q.index, linted[i]]));
    for (const q of queue.splice(0)) {
      if ('outcome' in q) onOutcome(q.outcome, q.index);
      else {
        const r = byIndex.get(q.index)!;
        if (r.ok) onOutcome(r.value, q.index);
        else {
          if (r.error instanceof ConfigError) throw r.error;
          if (!(r.error instanceof BudgetExceeded)) await reloadParsers();
          onOutcome(q.failed(r.error), q.index);
        }
      }
    }
  };
  const batch = o.fix ? 1 : WINDOW;
  for (const [index, file] of files.entries()) {
    if (queue.length >= batch) await flush();
    const w = Math.floor(index / WINDOW);
    for (let next = w; next <= w + 2; next++) checkWindow(next);
    // a read-ahead stopped by the budget: the parser starts afresh before this file's model is built
    if (parserStopped) {
      await reloadParsers();
      parserStopped = false;
    }
    await windows.get(w);
    if (index % WINDOW === WINDOW - 1) windows.delete(w);
    const isStdin = file === '-';
    const shown = isStdin ? o.stdinFilename : file;
    const stderr: string[] = saidAhead.get(index) ?? [];
    saidAhead.delete(index);
    const ahead = builtAhead.get(index);
    builtAhead.delete(index);
    said = stderr;
    let failed = false;
    let text: string;
    // the bytes read: a fix is written only while the file still holds them, and only when they are UTF-8 (bytes
    // that are not would come back as U+FFFD)
    let raw: Buffer | undefined;
    try {
      if (isStdin) text = readStdin();
      else {
        raw = readRegularFile(file, maxTextBytes(maxLength));
        text = raw.toString('utf8');
      }
    } catch (e) {
      if (e instanceof FileRefused && e.size !== undefined) {
        const finding = tooLargeFinding(
          `This file has ${e.size.toLocaleString('en-US')} bytes, more than the limit of ${maxLength.toLocaleString('en-US')} characters: Seaworthy did not lint it`,
        );
        queue.push({ index, outcome: { file: shown, text: '', findings: [finding], fingerprints: [''], stderr, ioFailed: false } });
        continue;
      }
      const why = e instanceof FileRefused ? e.reason : `cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`;
      queue.push({
        index,
        outcome: {
          file: shown,
          text: '',
          findings: [],
          fingerprints: [],
          stderr: [...stderr, `seaworthy: ${file}: ${e instanceof FileRefused ? `not read: ${why}` : why}`],
          ioFailed: true,
        },
      });
      continue;
    }
    const lossless = !raw || Buffer.from(text, 'utf8').equals(raw);
    const where = isStdin ? resolve(o.stdinFilename) : file;
    let ctx = contextOf(where, shown);
    const config = ctx.config;
    // a team's policy that cannot be read must not be replaced by the defaults in CI: the run stops (exit 2)
    const broken = config ? configErrors(config) : [];
    if (config && broken.length) {
      // what the files before it said is said first, as they were linted
      await flush();
      throw new ConfigError(broken.map((p) => describeProblem(config, p)).join('\nseaworthy: '));
    }
    let builds = await ctx.builds();
    // the work on one file, within the time budget (each synchronous step: building the model, fixing, linting)
    async function lintOne(): Promise<() => FileOutcome> {
      const budgeted = <T>(work: () => T): T => withinBudget(work, o.lintTimeout ?? 0);
      // one model of the text for the registry, ShellCheck and the lint (built again only when --fix changed the text)
      let model: DockerfileModel | undefined = ahead?.text === text ? ahead.model : undefined;
      const modelOf = () => (model ??= budgeted(() => buildModel(text)));
      if (registry) {
        // each build's base images, for its platforms (its args may name other images than the defaults)
        const images = imagesOfBuilds(ctx, builds, modelOf, (b) => budgeted(() => buildModel(text, b)));
        await Promise.all([registry.refreshDrift(modelOf()), registry.refreshImages(images)]);
      }
      const lintText = (t: string, m?: DockerfileModel) =>
        lintInContext(ctx, builds, {
          ...lintInputOf(ctx, t),
          model: m,
          maxLength: o.maxLength,
          registry: registry?.facts,
          shellcheck: shellcheck?.cache.facts,
        });
      if (o.fix && raw && !lossless) stderr.push(`seaworthy: ${file}: not valid UTF-8, so fixes were not written (the file is unchanged)`);
      if (o.fix && raw && lossless) {
        const include = (f: Finding) => f.fix !== undefined && (f.fix.safe || o.unsafe);
        const fixed = budgeted(() => fixAllText(text, (t) => lintText(t).findings, include));
        if (fixed.text !== text) {
          try {
            replaceFile(file, fixed.text, raw);
            stderr.push(`seaworthy: fixed ${file}`);
            text = fixed.text;
            model = undefined;
          } catch (e) {
            if (!(e instanceof WriteRefused)) throw e;
            // the findings reported are the file's as it is
            stderr.push(`seaworthy: ${file}: fixes not written: ${e.reason}; the file is unchanged`);
            failed = true;
          }
        }
        if (o.unsafe) {
          const findings = lintText(text).findings;
          for (const f of findings) if (!createFileOf(file, f, stderr)) failed = true;
          // a .dockerignore may have been created or added to (beside the Dockerfile, or in a build context above it):
          // what is left is reported against the files as written
          host.forgetFolder(dirname(file));
          for (const f of findings) if (f.fix?.createFile) host.forgetFolder(dirname(join(dirname(file), f.fix.createFile.relativePath)));
          ctx = contextOf(where, shown);
          builds = await ctx.builds();
        }
      }
      if (shellcheck && anyNeeds(ctx.activeRules, 'shellcheck') && text.length <= maxLength)
        await shellcheck.cache.check(modelOf(), { binary: shellcheck.binary });
      // the rest is synchronous and waits for its window (see flush)
      return (): FileOutcome => {
        const result = lintText(text, model);
        // fixes are built when read: those the output prints are built here, so a fix that throws is said below (told
        // through onFixFailure too: with several builds, their failures were merged before the fixes were built)
        const fixFailures: RuleFailure[] = [];
        if (o.showsFixes) buildAllFixes(result, (f) => fixFailures.push(f));
        const failures = [...result.failures, ...fixFailures.filter((f) => !result.failures.includes(f))];
        // a rule that failed may have hidden a finding: the run fails (exit 2), naming it, and the other findings stand
        const said = failures.map((f) => `seaworthy: rule ${f.rule.id} failed on ${shown}, so this file was not fully checked: ${String(f.error)}`);
        return {
          file: shown,
          text,
          findings: result.findings,
          fingerprints: fingerprints(result.model, result.findings),
          stderr: [...stderr, ...said],
          ioFailed: false,
          failed: failed || failures.length > 0,
          config: config && {
            path: config.path,
            warnings: config.problems.map((p) => describeProblem(config, p)),
            failureThreshold: config.failureThreshold,
            noFail: config.noFail,
            format: config.format,
          },
        };
      };
    }
    // one file that cannot be linted (past its budget, or an internal error such as a stack overflow) is said and the
    // run goes on: the other files keep their findings; the exit status is 2
    const failedOutcome = (e: unknown): FileOutcome => {
      const why =
        e instanceof BudgetExceeded
          ? `linting took more than ${o.lintTimeout} ms, so it was stopped (--lint-timeout)`
          : `could not be linted (internal error: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)})`;
      return { file: shown, text, findings: [], fingerprints: [], stderr: [...stderr, `seaworthy: ${shown}: ${why}`], ioFailed: true };
    };
    try {
      queue.push({ index, lint: await lintOne(), failed: failedOutcome });
    } catch (e) {
      if (e instanceof ConfigError) {
        await flush();
        throw e;
      }
      // the parser may have been stopped inside its WebAssembly, so it starts afresh
      await reloadParsers();
      queue.push({ index, outcome: failedOutcome(e) });
    }
  }
  await flush();
}

/**
 * With --fix --unsafe: create the files fixes ask for (a .dockerignore), never over anything already there (a
 * dangling symlink included); or add to the end of one, only inside the build context and keeping its bytes as they
 * are. False when a file could not be written (said in `stderr`).
 */
function createFileOf(dockerfile: string, f: Finding, stderr: string[]): boolean {
  const create = f.fix?.createFile;
  if (!create) return true;
  // relative to the Dockerfile's folder; a .dockerignore of a build context above it is `../.dockerignore`
  const target = join(dirname(dockerfile), create.relativePath);
  const context = dirname(target);
  try {
    if (create.appendAt) {
      if (!existsSync(target)) return true;
      if (!staysInside(target, context)) throw new WriteRefused(target, 'it is a symlink to a file outside the build context');
      const before = readRegularFile(target, MAX_IGNORE_BYTES);
      replaceFile(target, Buffer.concat([before, Buffer.from(create.text, 'utf8')]), before);
      stderr.push(`seaworthy: added to ${target}`);
      return true;
    }
    createNewFile(target, create.text);
    stderr.push(`seaworthy: created ${target}`);
    return true;
  } catch (e) {
    if (e instanceof WriteRefused && /a file is there already/.test(e.reason)) return true;
    const why = e instanceof WriteRefused || e instanceof FileRefused ? e.reason : `cannot write (${(e as NodeJS.ErrnoException).code ?? String(e)})`;
    stderr.push(`seaworthy: ${target}: ${f.fix!.title}: not written: ${why}`);
    return false;
  }
}

// ---- worker threads ----

/**
 * How many threads lint: `--jobs`, else 1. Measured on this project's 2-CPU machine, two workers were slower than one
 * (each worker warms up its own JIT, and one thread already keeps V8's compiler and GC threads busy on the other
 * CPU), so more threads are the user's call for machines with more CPUs. Runs that write (--fix) or share what
 * registries said (--network) always use one.
 */
export function threadsFor(fileCount: number, o: { jobs: number | undefined; fix: boolean; network: boolean }): number {
  if (o.fix || o.network || o.jobs === undefined) return 1;
  return Math.max(1, Math.min(o.jobs, fileCount));
}

interface WireFinding {
  readonly rule: string;
  /** the rule's default level (a ShellCheck code's rule is made per level) */
  readonly ruleSeverity: Severity;
  readonly severity: Severity;
  readonly range: Range;
  readonly message: string;
  readonly fix: Fix | undefined;
  readonly tags: readonly Tag[];
}
type WireOutcome = Omit<FileOutcome, 'findings'> & { findings: WireFinding[] };
type FromWorker = { kind: 'file'; index: number; outcome: WireOutcome } | { kind: 'done' } | { kind: 'fatal'; config: boolean; message: string };
export interface WorkerData {
  role: 'seaworthy-lint';
  args: readonly string[];
  files: readonly string[];
  indexes: readonly number[];
  /** as the main thread decided it (the format may come from the environment, which workers do not read) */
  showsFixes: boolean;
}

const toWire = (f: Finding, showsFixes: boolean | undefined): WireFinding => ({
  rule: f.rule.id,
  ruleSeverity: f.rule.severity,
  severity: f.severity,
  range: f.range,
  message: f.message,
  fix: showsFixes === true ? f.fix : undefined,
  tags: f.tags,
});
function fromWire(w: WireFinding): Finding {
  const rule = ruleByKey.get(w.rule) ?? shellcheckCodeRule(w.rule, w.ruleSeverity);
  if (!rule) throw new Error(`a worker reported an unknown rule ${w.rule}`);
  return { rule, severity: w.severity, range: w.range, message: w.message, fix: w.fix, tags: w.tags };
}

/**
 * Lints `files` on `threads` worker threads (every `threads`-th file each) started from this same script with the
 * command line `args`; outcomes are handed on in file order. A broken config file fails the run as on one thread.
 */
export function lintOnWorkers(
  script: string,
  args: readonly string[],
  files: readonly string[],
  threads: number,
  showsFixes: boolean,
  onOutcome: (o: FileOutcome, index: number) => void,
): Promise<void> {
  const pending = new Map<number, FileOutcome>();
  let next = 0;
  const flush = () => {
    for (let o = pending.get(next); o; o = pending.get(next)) {
      pending.delete(next);
      onOutcome(o, next++);
    }
  };
  const workers: Worker[] = [];
  const done = Array.from(
    { length: threads },
    (_, t) =>
      new Promise<void>((resolveDone, reject) => {
        const indexes = files.map((_, i) => i).filter((i) => i % threads === t);
        const data: WorkerData = { role: 'seaworthy-lint', args, files: indexes.map((i) => files[i]), indexes, showsFixes };
        const worker = new Worker(script, { workerData: data, stdout: false, stderr: false });
        workers.push(worker);
        let finished = false;
        worker.on('message', (m: FromWorker) => {
          if (m.kind === 'file') {
            pending.set(m.index, { ...m.outcome, findings: m.outcome.findings.map(fromWire) });
            flush();
          } else if (m.kind === 'done') {
            finished = true;
            resolveDone();
          } else {
            finished = true;
            reject(m.config ? new ConfigError(m.message) : new Error(m.message));
          }
        });
        worker.on('error', (e) => {
          finished = true;
          reject(e);
        });
        worker.on('exit', (code) => {
          if (!finished) reject(new Error(`a lint worker stopped (exit ${code}) before it finished`));
        });
      }),
  );
  return Promise.all(done).then(
    () => {
      flush();
    },
    (e: unknown) => {
      for (const w of workers) void w.terminate();
      throw e;
    },
  );
}

/** A worker's life: lint its files, post each outcome, then say it is done (or why it could not go on). */
export async function runLintWorker(data: WorkerData, o: LintFileOptions, services: Services, post: (m: FromWorker) => void): Promise<void> {
  try {
    await lintFiles(
      data.files,
      o,
      services,
      () => '',
      (outcome, i) => post({ kind: 'file', index: data.indexes[i], outcome: { ...outcome, findings: outcome.findings.map((f) => toWire(f, o.showsFixes)) } }),
    );
    post({ kind: 'done' });
  } catch (e) {
    post({ kind: 'fatal', config: e instanceof ConfigError, message: e instanceof Error ? e.message : String(e) });
  }
}
