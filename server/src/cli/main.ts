// `seaworthy`: the same engine as the editor, for terminals and CI.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { rulesFor } from '../config/configFile';
import { ruleSummary } from '../engine/docs';
import { fixAllText } from '../engine/fixAll';
import { lint } from '../engine/lint';
import { DEFAULT_MAX_LENGTH } from '../engine/limits';
import { buildModel } from '../engine/model';
import type { Finding, Severity } from '../engine/rule';
import { isRuleKey, resolveSettings } from '../engine/settings';
import { ConfigError, Host, loadShellParser } from '../host';
import { ruleByKey, rules } from '../rules';
import { ShellCheckCache } from '../shellcheck/cache';
import { findShellCheck } from '../shellcheck/run';
import { SEVERITY_NAMES, type SeveritySetting } from '../../../shared/src/settings';
import { discover, UsageError } from './discover';
import { fingerprints } from './fingerprint';
import { formatters, type FileResult } from './formats';
import { defaultRegistryCliOptions, parseRegistryOption, pinCommand, registryServiceFor, type RegistryCliOptions } from './pin';

const VERSION = '0.1.0';

const USAGE = `Usage:
  seaworthy lint [options] PATH...     lint Dockerfiles (folders are searched, honouring .gitignore; - reads stdin)
  seaworthy pin [options] PATH...      pin every FROM to image:tag@sha256:... (asks the image's registry)
  seaworthy rules [--format tty|json]  list the rules
  seaworthy --version | --help

Options of lint:
  --format FORMAT             tty (default), json, sarif, checkstyle, gitlab, github
  --failure-threshold LEVEL   exit 1 when a finding is at LEVEL or above: error, warning (default), information, hint, none
  --max-warnings N            also exit 1 when there are more than N warnings
  --rule ID=SEVERITY          set a rule's severity (off, error, warning, information, hint); ids or aliases; repeatable
  --ignore ID                 turn a rule off; repeatable
  --config FILE               use this .seaworthy.yaml (or .hadolint.yaml) instead of the nearest one above each file
  --stdin-filename NAME       the name to report for - (standard input)
  --max-file-size N           skip files of more than N characters with one information finding (default 1000000)
  --fix                       apply the safe fixes to the files, then report what is left
  --unsafe                    with --fix, apply the fixes that change behaviour too (adding a user, exec form …)
  --write-baseline FILE       record today's findings in FILE and exit 0
  --baseline FILE             report only findings that are not in FILE
  --network                   ask registries whether pinned digests are still what their tags name
                              (base-image-digest-stale); without it lint never touches the network
  --no-network                never ask a registry (the default; accepted for scripts)
  --no-shellcheck             do not check RUN scripts with ShellCheck (by default it runs when on PATH)
  --shellcheck PATH           the ShellCheck binary to run (findings: shellcheck/SC…; rule shellcheck)
  --debug                     print stack traces of internal errors

Options of pin:
  --check                     change nothing; exit 1 when a FROM would be pinned or updated

Registry options (pin, lint --network):
  --timeout MS                give up on a registry after MS milliseconds (default 15000)
  --connect-timeout MS        give up connecting after MS milliseconds (default 5000)
  --insecure-registry HOST    allow plain HTTP / unverified TLS for HOST[:PORT] (loopback always may); repeatable
  Credentials come from ~/.docker/config.json ($DOCKER_CONFIG), proxies from HTTPS_PROXY and NO_PROXY.

Exit status: 0 no finding at the threshold, 1 some, 2 usage or I/O error.`;

const LEVELS: readonly Severity[] = ['hint', 'information', 'warning', 'error'];

interface Options {
  format: string;
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
}

function parseOptions(args: readonly string[]): Options {
  const o: Options = { format: 'tty', paths: [], threshold: undefined, config: undefined, maxWarnings: undefined, overrides: {}, stdinFilename: 'Dockerfile', maxLength: undefined, fix: false, unsafe: false, writeBaseline: undefined, baseline: undefined, network: false, registry: defaultRegistryCliOptions(), shellcheck: true, shellcheckPath: undefined };
  for (let i = 0; i < args.length; i++) {
    const used = parseRegistryOption(args, i, o.registry);
    if (used) { i += used - 1; continue; }
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
        if (!formatters[v]) throw new UsageError(`unknown format "${v}" (expected ${Object.keys(formatters).join(', ')})`);
        o.format = v;
        break;
      }
      case '--failure-threshold': {
        const v = value();
        if (v !== 'none' && !LEVELS.includes(v as Severity)) throw new UsageError(`unknown failure threshold "${v}" (expected error, warning, information, hint or none)`);
        o.threshold = v as Severity | 'none';
        break;
      }
      case '--max-warnings': {
        const v = value();
        if (!/^\d+$/.test(v)) throw new UsageError(`--max-warnings needs a number, not "${v}"`);
        o.maxWarnings = Number(v);
        break;
      }
      case '--rule': {
        const v = value();
        const m = /^([^=]+)=(\w+)$/.exec(v);
        if (!m || !SEVERITY_NAMES.includes(m[2] as SeveritySetting)) throw new UsageError(`--rule takes ID=SEVERITY with SEVERITY one of ${SEVERITY_NAMES.join(', ')}, not "${v}"`);
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
      case '--debug':
        break;
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
        o.paths.push(a);
    }
  }
  if (o.unsafe && !o.fix) throw new UsageError('--unsafe only makes sense with --fix');
  return o;
}

interface Baseline {
  version: 1;
  findings: { file: string; rule: string; fingerprint: string }[];
}

const baselineKey = (file: string, rule: string, fp: string) => `${file}\0${rule}\0${fp}`;

function readBaseline(path: string): Set<string> {
  let data: Baseline;
  try {
    data = JSON.parse(readFileSync(path, 'utf8')) as Baseline;
  } catch (e) {
    throw new UsageError(`${path}: cannot read the baseline (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (data.version !== 1 || !Array.isArray(data.findings)) throw new UsageError(`${path}: not a seaworthy baseline (version 1)`);
  const dir = dirname(resolve(path));
  return new Set(data.findings.map((f) => baselineKey(resolve(dir, f.file), f.rule, f.fingerprint)));
}

function readStdin(): string {
  try {
    return readFileSync(0, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read standard input (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}

async function lintCommand(o: Options): Promise<number> {
  if (o.paths.length === 0) throw new UsageError('lint needs at least one PATH (or - for standard input)');
  const files = o.paths.includes('-') ? [...discover(o.paths.filter((p) => p !== '-')), '-'] : discover(o.paths);
  const baseline = o.baseline ? readBaseline(o.baseline) : undefined;
  await loadShellParser();
  const host = new Host();
  const registry = o.network ? registryServiceFor(o.registry) : undefined;
  const shellcheck = o.shellcheck ? shellcheckFor(o.shellcheckPath) : undefined;
  const results: FileResult[] = [];
  const warned = new Set<string>();
  let threshold: Severity | 'none' = o.threshold ?? 'warning';
  let ioFailed = false;
  // the config file's severities for a path, then the command line's
  const overridesFor = (where: string, config: ReturnType<Host['configFor']>) => ({ ...(config ? rulesFor(config, relative(dirname(resolve(config.path)), resolve(where)).split(sep).join('/')) : {}), ...o.overrides });
  // ShellCheck runs for the next files while this one is linted: one process per file, as many as there are CPUs
  const ahead = new Map<string, Promise<unknown>>();
  const checkAhead = (from: number) => {
    for (let j = from; shellcheck && j < Math.min(files.length, from + availableParallelism()); j++) {
      const f = files[j];
      if (f === '-' || ahead.has(f)) continue;
      ahead.set(f, (async () => {
        const text = readFileSync(f, 'utf8');
        const wanted = resolveSettings(overridesFor(f, host.configFor(f, o.config)), ruleByKey).settings.severityOf(shellcheckRule) !== 'off';
        if (wanted && text.length <= (o.maxLength ?? DEFAULT_MAX_LENGTH)) await shellcheck.cache.check(buildModel(text), { binary: shellcheck.binary });
      })().catch(() => undefined)); // unreadable or a broken config: the file's own turn says so
    }
  };
  for (const [index, file] of files.entries()) {
    checkAhead(index);
    await ahead.get(file);
    ahead.delete(file);
    const isStdin = file === '-';
    const shown = isStdin ? o.stdinFilename : file;
    let text: string;
    // bytes that are not UTF-8 would come back as U+FFFD if fixes rewrote the file: then fixes are not written
    let lossless = true;
    try {
      if (isStdin) text = readStdin();
      else {
        const raw = readFileSync(file);
        text = raw.toString('utf8');
        lossless = Buffer.from(text, 'utf8').equals(raw);
      }
    } catch (e) {
      process.stderr.write(`seaworthy: ${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})\n`);
      ioFailed = true;
      continue;
    }
    const where = isStdin ? resolve(o.stdinFilename) : file;
    const dockerignore = host.dockerignoreFor(where);
    const config = host.configFor(where, o.config);
    if (config && !warned.has(config.path)) {
      warned.add(config.path);
      for (const w of config.warnings) process.stderr.write(`seaworthy: ${w}\n`);
      if (!o.threshold && config.failureThreshold) threshold = config.failureThreshold;
    }
    const { settings } = resolveSettings(overridesFor(where, config), ruleByKey);
    if (registry) await registry.refreshDrift(buildModel(text));
    const lintText = (t: string) => lint({ text: t, fileName: shown, dockerignore, settings, config: config?.lint, maxLength: o.maxLength, registry: registry?.facts, shellcheck: shellcheck?.cache.facts }, rules);
    if (o.fix && !isStdin && !lossless) process.stderr.write(`seaworthy: ${file}: not valid UTF-8, so fixes were not written (the file is unchanged)\n`);
    if (o.fix && !isStdin && lossless) {
      const include = (f: Finding) => f.fix !== undefined && (f.fix.safe || o.unsafe);
      const fixed = fixAllText(text, (t) => lintText(t).findings, include);
      if (fixed.text !== text) {
        writeFileSync(file, fixed.text);
        process.stderr.write(`seaworthy: fixed ${file}\n`);
        text = fixed.text;
      }
      if (o.unsafe) for (const f of lintText(text).findings) createFileOf(file, f);
    }
    if (shellcheck && settings.severityOf(shellcheckRule) !== 'off' && text.length <= (o.maxLength ?? DEFAULT_MAX_LENGTH)) await shellcheck.cache.check(buildModel(text), { binary: shellcheck.binary });
    const result = lintText(text);
    for (const f of result.failures) process.stderr.write(`seaworthy: rule ${f.rule.id} failed on ${shown} and was skipped: ${String(f.error)}\n`);
    const prints = fingerprints(result.model, result.findings);
    const keep = result.findings.map((f, i) => !baseline || !baseline.has(baselineKey(resolve(shown), f.rule.id, prints[i])));
    results.push({ file: shown, model: result.model, findings: result.findings.filter((_, i) => keep[i]), fingerprints: prints.filter((_, i) => keep[i]) });
  }
  if (o.writeBaseline) {
    const dir = dirname(resolve(o.writeBaseline));
    const data: Baseline = { version: 1, findings: results.flatMap((r) => r.findings.map((f, i) => ({ file: relative(dir, resolve(r.file)), rule: f.rule.id, fingerprint: r.fingerprints[i] }))) };
    writeFileSync(o.writeBaseline, JSON.stringify(data, null, 2) + '\n');
    process.stderr.write(`seaworthy: wrote ${data.findings.length} finding(s) to ${o.writeBaseline}\n`);
    return ioFailed ? 2 : 0;
  }
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR && o.format === 'tty';
  const out = formatters[o.format](results, { color, toolVersion: VERSION });
  process.stdout.write(out + (out.endsWith('\n') || out === '' ? '' : '\n'));
  if (ioFailed) return 2;
  const all = results.flatMap((r) => r.findings);
  const atThreshold = threshold !== 'none' && all.some((f) => LEVELS.indexOf(f.severity) >= LEVELS.indexOf(threshold as Severity));
  const tooManyWarnings = o.maxWarnings !== undefined && all.filter((f) => f.severity === 'warning').length > o.maxWarnings;
  return atThreshold || tooManyWarnings ? 1 : 0;
}

const shellcheckRule = ruleByKey.get('shellcheck')!;

/** ShellCheck for lint: `--shellcheck PATH`, else `shellcheck` from PATH; none is fine (no findings), a named one that is missing is said. */
function shellcheckFor(path: string | undefined): { binary: string; cache: ShellCheckCache } | undefined {
  const binary = findShellCheck(path ? resolve(path) : undefined);
  if (path && !binary) process.stderr.write(`seaworthy: --shellcheck ${path}: not an executable file; RUN scripts were not checked\n`);
  return binary ? { binary, cache: new ShellCheckCache() } : undefined;
}

/** With --fix --unsafe: create the files fixes ask for (a .dockerignore), never overwriting one; or add to its end. */
function createFileOf(dockerfile: string, f: Finding): void {
  const create = f.fix?.createFile;
  if (!create) return;
  const target = join(dirname(dockerfile), create.relativePath);
  if (create.appendAt) {
    if (!existsSync(target)) return;
    writeFileSync(target, readFileSync(target, 'utf8') + create.text);
    process.stderr.write(`seaworthy: added to ${target}\n`);
    return;
  }
  if (existsSync(target)) return;
  writeFileSync(target, create.text);
  process.stderr.write(`seaworthy: created ${target}\n`);
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
    const list = rules.map((r) => ({ id: r.id, aliases: r.aliases.map((a) => a.code), category: r.category, severity: r.severity, summary: ruleSummary(r), fixable: r.fixable !== 'never' }));
    process.stdout.write(o.format === 'json' ? JSON.stringify(list, null, 2) + '\n' : list.map((r) => `${r.id.padEnd(36)} ${r.severity.padEnd(12)} ${r.summary}`).join('\n') + '\n');
    return 0;
  }
  if (command === 'lint') return lintCommand(parseOptions(rest));
  if (command === 'pin') return pinCommand(rest);
  throw new UsageError(`unknown command "${command}"`);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    if (e instanceof ConfigError) process.stderr.write(`seaworthy: ${e.message}\n`);
    else if (e instanceof UsageError) {
      const pathError = /no such file|no Dockerfile|cannot read/.test(e.message);
      process.stderr.write(`seaworthy: ${e.message}\n${pathError ? '' : `\n${USAGE}\n`}`);
    } else process.stderr.write(`seaworthy: internal error: ${process.argv.includes('--debug') && e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 2;
  },
);
