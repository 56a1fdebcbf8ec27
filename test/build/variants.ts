// The Dockerfiles a scenario is built as: the original, each offered fix applied alone (the fixes as the CLI lints
// them: same per-file work, ShellCheck included), and the CLI's own `--fix` and `--fix --unsafe` results.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { lintFiles } from '../../server/src/cli/lintFiles';
import type { RegistryService } from '../../server/src/registry/service';
import type { Finding } from '../../server/src/engine/rule';
import { applyEdits } from '../../server/src/engine/text';
import { ShellCheckCache } from '../../server/src/shellcheck/cache';
import { findShellCheck } from '../../server/src/shellcheck/run';
import { run } from './buildah';

export interface AppliedFix {
  /** the rule id (a ShellCheck code's findings count as the shellcheck rule's fixes) */
  readonly rule: string;
  /** the finding's own id, e.g. shellcheck/SC2086 */
  readonly code: string;
  readonly title: string;
  readonly safe: boolean;
}

export interface Variant {
  readonly kind: 'original' | 'alone' | 'fix-all' | 'fix-all-unsafe';
  readonly label: string;
  readonly text: string;
  /** files the fix creates or changes beside the Dockerfile (a .dockerignore) */
  readonly files: Readonly<Record<string, string>>;
  /** the fixes it carries (for fix-all: those whose findings it removed) */
  readonly fixes: readonly AppliedFix[];
  /** problems of the CLI run that made it (its report is not of the files it wrote …) */
  readonly cliProblems: readonly string[];
}

const ruleOf = (f: Finding) => f.rule.parent?.id ?? f.rule.id;
const applied = (f: Finding): AppliedFix => ({ rule: ruleOf(f), code: f.rule.id, title: f.fix!.title, safe: f.fix!.safe });

/**
 * What a registry may be asked about the scenario's base image: the service the proof's own lints use, and the same
 * as the real CLI's arguments and environment (`--network` through a mirror on loopback, a cache folder of its own).
 */
export interface Facts {
  readonly registry: RegistryService;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

/** The findings the CLI reports for a Dockerfile (no fixes written), with their fixes; with `facts`, as `--network` gives them. */
export async function cliFindings(dockerfile: string, facts?: Facts): Promise<readonly Finding[]> {
  const binary = findShellCheck(undefined);
  if (!binary) throw new Error('shellcheck is not on PATH: the build proof proves its fixes too (scripts/setup-build.sh installs it)');
  let findings: readonly Finding[] = [];
  await lintFiles(
    [dockerfile],
    { config: undefined, overrides: {}, stdinFilename: 'Dockerfile', maxLength: undefined, fix: false, unsafe: false },
    { shellcheck: { binary, cache: new ShellCheckCache() }, registry: facts?.registry },
    () => '',
    (o) => {
      if (o.ioFailed) throw new Error(o.stderr.join('\n'));
      findings = o.findings;
    },
  );
  return findings;
}

interface JsonFinding {
  rule: string;
  line: number;
  column: number;
  message: string;
  fix: { title: string; safe: boolean } | null;
}

/** Runs the real CLI `lint --fix [--unsafe]` on a copy of the scenario and reads back what it wrote. */
async function cliFixAll(dir: string, original: readonly Finding[], unsafe: boolean, facts: Facts | undefined): Promise<Variant> {
  const work = mkdtempSync(join(tmpdir(), 'seaworthy-fixall-'));
  try {
    cpSync(dir, work, { recursive: true });
    const cli = resolve('dist/cli.js');
    const network = facts?.args ?? [];
    const env = { ...process.env, ...facts?.env };
    const args = [cli, 'lint', '--format', 'json', '--failure-threshold', 'none', ...network, '--fix', ...(unsafe ? ['--unsafe'] : []), 'Dockerfile'];
    const fixRun = await run(process.execPath, args, { cwd: work, env });
    const problems: string[] = [];
    if (fixRun.code !== 0) problems.push(`seaworthy lint --fix${unsafe ? ' --unsafe' : ''} exited ${fixRun.code}: ${fixRun.stderr.trim()}`);
    // the report printed after --fix must be the report of the files as written
    const again = await run(process.execPath, [cli, 'lint', '--format', 'json', '--failure-threshold', 'none', ...network, 'Dockerfile'], { cwd: work, env });
    const summary = (out: string) =>
      (JSON.parse(out || '[]') as { findings: JsonFinding[] }[]).flatMap((r) => r.findings.map((f) => `${f.line}:${f.column} ${f.rule}`)).sort();
    try {
      const after = summary(fixRun.stdout);
      const fresh = summary(again.stdout);
      const stale = after.filter((f) => !fresh.includes(f));
      const missing = fresh.filter((f) => !after.includes(f));
      if (stale.length || missing.length)
        problems.push(
          `the report after --fix is not the report of the files as written: ${[...stale.map((f) => `listed ${f}`), ...missing.map((f) => `missing ${f}`)].join(', ')}`,
        );
    } catch (e) {
      problems.push(`the CLI's JSON did not parse: ${String(e)}`);
    }
    const text = readFileSync(join(work, 'Dockerfile'), 'utf8');
    const files: Record<string, string> = {};
    for (const name of readdirSync(work)) {
      // the only files fixes write beside a Dockerfile
      if (!name.endsWith('.dockerignore')) continue;
      const before = existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : undefined;
      const now = readFileSync(join(work, name), 'utf8');
      if (now !== before) files[name] = now;
    }
    // the fixes it applied: those of the rules whose findings it removed
    const left = await cliFindings(join(work, 'Dockerfile'), facts);
    const count = (fs: readonly Finding[], code: string) => fs.filter((f) => f.rule.id === code).length;
    const fixes = original
      .filter(
        (f, i, all) =>
          f.fix &&
          (f.fix.safe || unsafe) &&
          all.findIndex((g) => g.rule.id === f.rule.id && g.fix) === i &&
          count(left, f.rule.id) < count(original, f.rule.id),
      )
      .map(applied);
    return { kind: unsafe ? 'fix-all-unsafe' : 'fix-all', label: unsafe ? '--fix --unsafe' : '--fix', text, files, fixes, cliProblems: problems };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The variants of the scenario in `dir`, from the findings the CLI reports on its Dockerfile. */
export async function variantsOf(dir: string, findings: readonly Finding[], facts?: Facts): Promise<{ findings: readonly Finding[]; variants: Variant[] }> {
  const text = readFileSync(join(dir, 'Dockerfile'), 'utf8');
  const variants: Variant[] = [{ kind: 'original', label: 'original', text, files: {}, fixes: [], cliProblems: [] }];
  for (const f of findings) {
    if (!f.fix) continue;
    const create = f.fix.createFile;
    const files: Record<string, string> = {};
    if (create) {
      const path = join(dir, create.relativePath);
      files[create.relativePath] = create.appendAt && existsSync(path) ? readFileSync(path, 'utf8') + create.text : create.text;
    }
    variants.push({
      kind: 'alone',
      label: `${f.rule.id} (line ${f.range.start.line + 1})`,
      text: create ? text : applyEdits(text, f.fix.edits),
      files,
      fixes: [applied(f)],
      cliProblems: [],
    });
  }
  variants.push(await cliFixAll(dir, findings, false, facts), await cliFixAll(dir, findings, true, facts));
  return { findings, variants };
}
