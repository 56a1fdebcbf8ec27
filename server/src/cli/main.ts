// `seaworthy`: the same engine as the editor, for terminals and CI.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { ruleSummary } from '../engine/docs';
import type { LintConfig, Severity } from '../engine/rule';
import { defaultSettings, isRuleKey } from '../engine/settings';
import { ConfigError, FileRefused, loadShellParser, readRegularText } from '../host';
import { ruleByKey, rules } from '../rules';
import { ShellCheckCache } from '../shellcheck/cache';
import { findShellCheck } from '../shellcheck/run';
import { atLeast, SEVERITY_LEVELS, SEVERITY_NAMES, type SeveritySetting } from '../../../shared/src/settings';
import { discover, PathError } from '../discover';
import { UsageError } from './usage';
import { printableJson, printError } from './printable';
import { formatters, type FileResult } from './formats';
import { readHadolintEnv } from './hadolintEnv';
import { lintFiles, lintOnWorkers, runLintWorker, threadsFor, type FileOutcome, type WorkerData } from './lintFiles';
import { defaultRegistryCliOptions, parseRegistryOption, pinCommand, registryServiceFor, type RegistryCliOptions } from './pin';
import { VERSION } from '../../../shared/src/version';

const USAGE = `Usage:
  seaworthy lint [options] PATH...     lint Dockerfiles (folders are searched, honouring .gitignore; - reads stdin)
  seaworthy pin [options] PATH...      pin every FROM to image:tag@sha256:... (asks the image's registry)
  seaworthy rules [--format tty|json]  list the rules
  seaworthy --version | --help

Options of lint:
  --format FORMAT             tty (default), json, sarif, checkstyle, junit, gitlab, codeclimate, sonarqube, gnu, github
  --failure-threshold LEVEL   exit 1 when a finding is at LEVEL or above: error, warning (default), information, hint, none
  --max-warnings N            also exit 1 when there are more than N warnings
  --no-fail                   exit 0 whatever the findings (still 2 for usage or I/O errors)
  --rule ID=SEVERITY          set a rule's severity (off, error, warning, information, hint); ids or aliases; repeatable
  --ignore ID                 turn a rule off; repeatable
  --config FILE               use this .seaworthy.yaml (or .hadolint.yaml) instead of the nearest one above each file
  --stdin-filename NAME       the name to report for - (standard input)
  --max-file-size N           skip files of more than N characters with one information finding (default 1000000)
  --fix                       apply the safe fixes to the files, then report what is left in the files as written
  --unsafe                    with --fix, also apply the fixes marked unsafe (each rule's "Quick fix" docs say why):
                              they change how the image behaves (a non-root user, exec form, NODE_ENV=production,
                              --omit=dev, --no-install-recommends, a HEALTHCHECK, WORKDIR for cd …), and create or
                              complete the .dockerignore; ShellCheck's fixes are never applied by --fix
  --write-baseline FILE       record today's findings in FILE and exit 0
  --baseline FILE             report only findings that are not in FILE
  --network                   ask registries what the base images are (user, healthcheck, entrypoint, ports,
                              platforms, size: kept in the user's cache folder by digest) and whether pinned
                              digests are still what their tags name; without it lint never touches the network
  --no-network                never ask a registry (the default; accepted for scripts)
  --no-shellcheck             do not check RUN scripts with ShellCheck (by default it runs when on PATH)
  --shellcheck PATH           the ShellCheck binary to run (findings: shellcheck/SC…; rule shellcheck)
  --jobs N                    lint on N worker threads (default 1; --fix and --network always use one)
  --lint-timeout MS           stop linting a file after MS milliseconds (default 60000; 0: no limit): that file is
                              reported, the others keep their findings, and the exit status is 2
  --debug                     print stack traces of internal errors

Options of pin:
  --check                     change nothing; exit 1 when a FROM would be pinned or updated

Registry options (pin, lint --network):
  --timeout MS                give up on a registry after MS milliseconds (default 15000)
  --connect-timeout MS        give up connecting after MS milliseconds (default 5000)
  --insecure-registry HOST    allow plain HTTP / unverified TLS for HOST[:PORT] (loopback always may); repeatable
  --registry-mirror MIRROR    ask MIRROR before Docker Hub (as dockerd's --registry-mirror), or with
                              REGISTRY=MIRROR before that registry (harbor.corp/proxy-cache); repeatable; also
                              $SEAWORTHY_REGISTRY_MIRRORS (entries separated by commas or spaces)
  Credentials come from ~/.docker/config.json ($DOCKER_CONFIG), proxies from HTTPS_PROXY and NO_PROXY.
  Image facts are kept in $SEAWORTHY_CACHE_DIR, else $XDG_CACHE_HOME/seaworthy, else ~/.cache/seaworthy.

hadolint's environment variables apply to lint, under these options: HADOLINT_FORMAT, HADOLINT_FAILURE_THRESHOLD,
HADOLINT_NOFAIL, HADOLINT_IGNORE, HADOLINT_OVERRIDE_{ERROR,WARNING,INFO,STYLE}, HADOLINT_TRUSTED_REGISTRIES,
HADOLINT_REQUIRE_LABELS, HADOLINT_STRICT_LABELS, HADOLINT_DISABLE_IGNORE_PRAGMA.

Exit status: 0 no finding at the threshold, 1 some, 2 usage or I/O error, a file that could not be linted, a fix that
could not be written or a rule that failed.`;

// the formats that print JSON (codeclimate: NUL-separated documents): printableJson escapes what JSON.stringify leaves
const JSON_FORMATS: ReadonlySet<string> = new Set(['json', 'sarif', 'gitlab', 'codeclimate', 'sonarqube']);
const MAX_BASELINE_BYTES = 256 << 20;
// the formats that print fixes or count them
const FIX_FORMATS: ReadonlySet<string> = new Set(['tty', 'json', 'sarif']);

interface Options {
  format: string;
  /** --format or HADOLINT_FORMAT said which: a config file's `format` does not apply */
  formatGiven: boolean;
  paths: string[];
  /** undefined: the config file's, else warning */
  threshold: Severity | 'none' | undefined;
  config: string | undefined;
  maxWarnings: number | undefined;
  overrides: Record<string, SeveritySetting>;
  stdinFilename: string;
  maxLength: number | undefined;
  fix: boolean;
  unsafe: boolean;
  writeBaseline: string | undefined;
  baseline: string | undefined;
  network: boolean;
  registry: RegistryCliOptions;
  shellcheck: boolean;
  shellcheckPath: string | undefined;
  jobs: number | undefined;
  /** HADOLINT_NOFAIL: findings never fail the run */
  noFail: boolean;
  /** team settings from HADOLINT_* variables, over the config file's */
  envLint: LintConfig;
  lintTimeout: number;
  /** where searches for build files stop outside a git repository */
  roots?: string[];
  /** the format prints fixes (json, sarif), counts them (tty), may come from a config file, or --fix applies them: only then are fixes built */
  showsFixes: boolean;
}

const isDirectory = (p: string): boolean => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/** `seaworthy lint`'s defaults: hadolint's HADOLINT_* variables, which the command line's options override. */
function lintDefaults(env = readHadolintEnv(process.env, ruleByKey)): Partial<Options> {
  return {
    ...(env.format && { format: env.format, formatGiven: true }),
    ...(env.threshold && { threshold: env.threshold }),
    overrides: { ...env.rules },
    noFail: env.noFail,
    envLint: env.lint,
  };
}

function parseOptions(args: readonly string[], defaults: Partial<Options> = {}): Options {
  const o: Options = {
    format: 'tty',
    formatGiven: false,
    paths: [],
    threshold: undefined,
    config: undefined,
    maxWarnings: undefined,
    overrides: {},
    stdinFilename: 'Dockerfile',
    maxLength: undefined,
    fix: false,
    unsafe: false,
    writeBaseline: undefined,
    baseline: undefined,
    network: false,
    registry: defaultRegistryCliOptions(),
    shellcheck: true,
    shellcheckPath: undefined,
    jobs: undefined,
    noFail: false,
    envLint: {},
    lintTimeout: 60_000,
    showsFixes: false,
    ...defaults,
  };
  for (let i = 0; i < args.length; i++) {
    const used = parseRegistryOption(args, i, o.registry);
    if (used) {
      i += used - 1;
      continue;
    }
    const a = args[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    const value = () => {
      const v = eq > 0 ? a.slice(eq + 1) : args[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value`);
      return v;
    };
    switch (name) {
      case '--format':
      case '-f': {
        const v = value();
        if (!Object.hasOwn(formatters, v)) throw new UsageError(`unknown format "${v}" (expected ${Object.keys(formatters).join(', ')})`);
        o.format = v;
        o.formatGiven = true;
        break;
      }
      case '--failure-threshold': {
        const v = value();
        if (v !== 'none' && !SEVERITY_LEVELS.includes(v as Severity))
          throw new UsageError(`unknown failure threshold "${v}" (expected error, warning, information, hint or none)`);
        o.threshold = v as Severity | 'none';
        break;
      }
      case '--no-fail':
        o.noFail = true;
        break;
      case '--max-warnings': {
        const v = value();
        if (!/^\d+$/.test(v)) throw new UsageError(`--max-warnings needs a number, not "${v}"`);
        o.maxWarnings = Number(v);
        break;
      }
      case '--rule': {
        const v = value();
        const m = /^([^=]+)=(\w+)$/.exec(v);
        if (!m || !SEVERITY_NAMES.includes(m[2] as SeveritySetting))
          throw new UsageError(`--rule takes ID=SEVERITY with SEVERITY one of ${SEVERITY_NAMES.join(', ')}, not "${v}"`);
        if (!isRuleKey(m[1], ruleByKey)) throw new UsageError(`--rule: "${m[1]}" is not a rule id or alias (see seaworthy rules)`);
        o.overrides[m[1]] = m[2] as SeveritySetting;
        break;
      }
      case '--ignore': {
        const v = value();
        if (!isRuleKey(v, ruleByKey)) throw new UsageError(`--ignore: "${v}" is not a rule id or alias (see seaworthy rules)`);
        o.overrides[v] = 'off';
        break;
      }
      case '--stdin-filename':
        o.stdinFilename = value();
        break;
      case '--max-file-size': {
        const v = value();
        if (!/^\d+$/.test(v)) throw new UsageError(`--max-file-size needs a number, not "${v}"`);
        o.maxLength = Number(v);
        break;
      }
      case '--config':
        o.config = value();
        break;
      case '--fix':
        o.fix = true;
        break;
      case '--unsafe':
        o.unsafe = true;
        break;
      case '--write-baseline':
        o.writeBaseline = value();
        break;
      case '--baseline':
        o.baseline = value();
        break;
      case '--network':
        o.network = true;
        break;
      case '--no-network':
        o.network = false;
        break;
      case '--no-shellcheck':
        o.shellcheck = false;
        break;
      case '--shellcheck':
        o.shellcheckPath = value();
        break;
      case '--jobs':
      case '-j': {
        const v = value();
        if (!/^[1-9]\d*$/.test(v)) throw new UsageError(`--jobs needs a number of threads (1 or more), not "${v}"`);
        o.jobs = Number(v);
        break;
      }
      case '--lint-timeout': {
        const v = value();
        if (!/^\d+$/.test(v)) throw new UsageError(`--lint-timeout needs a number of milliseconds (0: no limit), not "${v}"`);
        o.lintTimeout = Number(v);
        break;
      }
      case '--debug':
        break;
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
        o.paths.push(a);
    }
  }
  if (o.unsafe && !o.fix) throw new UsageError('--unsafe only makes sense with --fix');
  // outside a git repository, searches for build files stop at the folder given, else the working folder
  o.roots = [process.cwd(), ...o.paths.filter((p) => p !== '-' && isDirectory(p)).map((p) => resolve(p))];
  // a format not given here may come from a config file, found file by file: fixes are built then
  o.showsFixes = o.fix || !o.formatGiven || FIX_FORMATS.has(o.format);
  return o;
}

interface Baseline {
  version: 1;
  findings: { file: string; rule: string; fingerprint: string }[];
}

const baselineKey = (file: string, rule: string, fp: string) => `${file}\0${rule}\0${fp}`;

/** The findings a baseline records; anything that is not a baseline is one message naming what is wrong where. */
function readBaseline(path: string): Set<string> {
  let data: unknown;
  try {
    data = JSON.parse(readRegularText(path, MAX_BASELINE_BYTES));
  } catch (e) {
    const why = e instanceof FileRefused ? e.reason : e instanceof SyntaxError ? `not JSON: ${e.message}` : ((e as NodeJS.ErrnoException).code ?? String(e));
    throw new UsageError(`${path}: cannot read the baseline (${why})`);
  }
  const bad = (what: string) => new UsageError(`${path}: not a seaworthy baseline: ${what} (write one with --write-baseline)`);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw bad('expected an object with version and findings');
  const { version, findings } = data as Partial<Baseline>;
  if (version !== 1) throw bad(`version is ${JSON.stringify(version) ?? 'missing'}, expected 1`);
  if (!Array.isArray(findings)) throw bad('findings is not a list');
  const dir = dirname(resolve(path));
  return new Set(
    findings.map((f: unknown, i) => {
      const entry = f as Partial<Baseline['findings'][number]> | null;
      for (const key of ['file', 'rule', 'fingerprint'] as const) {
        if (typeof entry !== 'object' || entry === null || typeof entry[key] !== 'string') throw bad(`findings[${i}].${key} is not a string`);
      }
      return baselineKey(resolve(dir, entry!.file!), entry!.rule!, entry!.fingerprint!);
    }),
  );
}

function readStdin(): string {
  try {
    return readFileSync(0, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read standard input (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}

async function lintCommand(o: Options, args: readonly string[]): Promise<number> {
  if (o.paths.length === 0) throw new UsageError('lint needs at least one PATH (or - for standard input)');
  const skipped = (message: string) => printError(`seaworthy: ${message}`);
  const files = o.paths.includes('-')
    ? [
        ...discover(
          o.paths.filter((p) => p !== '-'),
          skipped,
        ),
        '-',
      ]
    : discover(o.paths, skipped);
  const baseline = o.baseline ? readBaseline(o.baseline) : undefined;
  const results: FileResult[] = [];
  const warned = new Set<string>();
  let threshold: Severity | 'none' = o.threshold ?? 'warning';
  let ioFailed = false;
  const take = (r: FileOutcome) => {
    if (r.config && !warned.has(r.config.path)) {
      warned.add(r.config.path);
      for (const w of r.config.warnings) printError(`seaworthy: ${w}`);
      if (!o.threshold && r.config.failureThreshold) threshold = r.config.failureThreshold;
      // hadolint's no-fail and format keys; the first config file that names a format decides the report's
      if (r.config.noFail) o.noFail = true;
      if (!o.formatGiven && r.config.format) {
        o.format = r.config.format;
        o.formatGiven = true;
      }
    }
    for (const line of r.stderr) printError(line);
    if (r.failed) ioFailed = true; // a fix not written, a rule that failed: exit 2, the findings are still reported
    if (r.ioFailed) {
      ioFailed = true;
      return;
    }
    const keep = r.findings.map((f, i) => !baseline || !baseline.has(baselineKey(resolve(r.file), f.rule.id, r.fingerprints[i])));
    results.push({ file: r.file, text: r.text, findings: r.findings.filter((_, i) => keep[i]), fingerprints: r.fingerprints.filter((_, i) => keep[i]) });
  };
  const onDisk = files.filter((f) => f !== '-');
  const threads = threadsFor(onDisk.length, o);
  // looked for here even when workers lint: a --shellcheck that is not there is said once
  const services = { registry: o.network ? registryServiceFor(o.registry) : undefined, shellcheck: o.shellcheck ? shellcheckFor(o.shellcheckPath) : undefined };
  if (threads > 1) {
    // every file on disk on worker threads, in order; standard input, if asked for, last and here
    await lintOnWorkers(__filename, args, onDisk, threads, o.showsFixes, take);
    if (files.includes('-')) {
      await loadShellParser();
      await lintFiles(['-'], o, services, readStdin, take);
    }
  } else {
    await loadShellParser();
    await lintFiles(files, o, services, readStdin, take);
  }
  if (o.writeBaseline) {
    const dir = dirname(resolve(o.writeBaseline));
    const data: Baseline = {
      version: 1,
      findings: results.flatMap((r) => r.findings.map((f, i) => ({ file: relative(dir, resolve(r.file)), rule: f.rule.id, fingerprint: r.fingerprints[i] }))),
    };
    writeFileSync(o.writeBaseline, JSON.stringify(data, null, 2) + '\n');
    printError(`seaworthy: wrote ${data.findings.length} finding(s) to ${o.writeBaseline}`);
    return ioFailed ? 2 : 0;
  }
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR && o.format === 'tty';
  // tty, github and checkstyle make each value printable themselves (tty adds colours); JSON escapes what remains
  const formatted = formatters[o.format](results, { color, toolVersion: VERSION });
  const out = JSON_FORMATS.has(o.format) ? printableJson(formatted) : formatted;
  process.stdout.write(out + (out.endsWith('\n') || out === '' ? '' : '\n'));
  if (ioFailed) return 2;
  if (o.noFail) return 0;
  const all = results.flatMap((r) => r.findings);
  const atThreshold = threshold !== 'none' && all.some((f) => atLeast(f.severity, threshold as Severity));
  const tooManyWarnings = o.maxWarnings !== undefined && all.filter((f) => f.severity === 'warning').length > o.maxWarnings;
  return atThreshold || tooManyWarnings ? 1 : 0;
}

/**
 * `seaworthy rules`: each rule with the level it has when nobody configured it (`off` for rules off by default, with
 * the level they take when turned on) and the hadolint / BuildKit / ShellCheck codes that name it in configs and pragmas.
 */
function rulesListing(format: 'tty' | 'json'): string {
  const list = rules.map((r) => ({
    id: r.id,
    aliases: r.aliases.map((a) => a.code),
    category: r.category,
    severity: defaultSettings.severityOf(r),
    severityWhenOn: r.severity,
    summary: ruleSummary(r),
    fixable: r.fixable !== 'never',
  }));
  if (format === 'json') return JSON.stringify(list, null, 2) + '\n';
  const level = (r: (typeof list)[number]) => (r.severity === 'off' ? `off (${r.severityWhenOn} when on)` : r.severity);
  const codes = (r: (typeof list)[number]) => r.aliases.join(', ') || '-';
  const idWidth = Math.max(...list.map((r) => r.id.length)) + 2;
  const levelWidth = Math.max(...list.map((r) => level(r).length)) + 2;
  // a few rules answer to many codes (label-invalid: DL3048…DL3058): their list runs into the summary rather than widening every line
  const codeWidth = Math.min(40, Math.max(...list.map((r) => codes(r).length))) + 2;
  const header = `${'RULE'.padEnd(idWidth)}${'LEVEL'.padEnd(levelWidth)}${'ALSO KNOWN AS'.padEnd(codeWidth)}WHAT TO DO`;
  return [header, ...list.map((r) => `${r.id.padEnd(idWidth)}${level(r).padEnd(levelWidth)}${codes(r).padEnd(codeWidth - 2)}  ${r.summary}`)].join('\n') + '\n';
}

/** ShellCheck for lint: `--shellcheck PATH`, else `shellcheck` from PATH; none is fine (no findings), a named one that is missing is said. */
function shellcheckFor(path: string | undefined, say = printError): { binary: string; cache: ShellCheckCache } | undefined {
  const binary = findShellCheck(path ? resolve(path) : undefined);
  if (path && !binary) say(`seaworthy: --shellcheck ${path}: not an executable file; RUN scripts were not checked`);
  return binary ? { binary, cache: new ShellCheckCache() } : undefined;
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE + '\n');
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (command === 'rules') {
    const o = parseOptions(rest);
    process.stdout.write(rulesListing(o.format === 'json' ? 'json' : 'tty'));
    return 0;
  }
  if (command === 'lint') {
    const env = readHadolintEnv(process.env, ruleByKey);
    for (const w of env.warnings) printError(`seaworthy: ${w}`);
    return lintCommand(parseOptions(rest, lintDefaults(env)), rest);
  }
  if (command === 'pin') return pinCommand(rest);
  throw new UsageError(`unknown command "${command}"`);
}

if (!isMainThread && (workerData as WorkerData | undefined)?.role === 'seaworthy-lint') {
  // a lint worker (see lintFiles.ts): the same command line, its share of the files
  const data = workerData as WorkerData;
  const o = parseOptions(data.args, lintDefaults());
  void loadShellParser().then(() =>
    runLintWorker(
      data,
      { ...o, showsFixes: data.showsFixes },
      { shellcheck: o.shellcheck ? shellcheckFor(o.shellcheckPath, () => undefined) : undefined },
      (m) => parentPort!.postMessage(m),
    ),
  );
} else
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      if (e instanceof ConfigError) printError(`seaworthy: ${e.message}`);
      else if (e instanceof UsageError || e instanceof PathError) {
        const pathError = e instanceof PathError || /cannot read|not a seaworthy baseline/.test(e.message);
        printError(`seaworthy: ${e.message}`);
        if (!pathError) process.stderr.write(`\n${USAGE}\n`);
      } else
        for (const line of `seaworthy: internal error: ${process.argv.includes('--debug') && e instanceof Error ? e.stack : String(e)}`.split('\n'))
          printError(line);
      process.exitCode = 2;
    },
  );
