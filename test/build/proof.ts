// The build proof (npm run test:build): every scenario under test/build/scenarios is built as written, with each
// offered fix alone, and as `seaworthy lint --fix` and `--fix --unsafe` write it. A fix after which a building
// scenario no longer builds fails the proof; so does a safe fix that changes the image, an unsafe fix that changes more
// than its docs declare (effects.ts), and a --fix report that is not the report of the files as written.
// Usage: node out/build-proof/proof.js [SCENARIO…]
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadShellParser } from '../../server/src/host';
import { proveFixes } from '../harness/fixProof';
import { startAptCache } from './aptCache';
import { Buildah } from './buildah';
import { EFFECTS, undeclared, type Effect, type EffectContext } from './effects';
import { differences, noDifferences, snapshot, type Snapshot } from './snapshot';
import { cliFindings, variantsOf, type Facts, type Variant } from './variants';
import { defaultRegistryCliOptions, MIRRORS_ENV, registryServiceFor } from '../../server/src/cli/pin';
import { startRegistry, type RunningRegistry } from '../harness/realRegistry';

const SCENARIOS = resolve('test/build/scenarios');
const REPORT = resolve('test-output/build-proof.md');
const PARALLEL = Number(process.env.SEAWORTHY_BUILD_JOBS ?? 4);
const VERBOSE = process.env.SEAWORTHY_BUILD_VERBOSE === '1';

type Status = 'equivalent' | 'declared' | 'build-failed' | 'differs' | 'cli' | 'original-failed' | 'lint-only';
const SYMBOL: Record<Status, string> = {
  equivalent: '=',
  declared: '~',
  'build-failed': 'X',
  differs: '!',
  cli: 'c',
  'original-failed': '?',
  'lint-only': 'L',
};
// a scenario whose original does not build proves nothing: that fails the proof too
const BAD: ReadonlySet<Status> = new Set(['build-failed', 'differs', 'cli', 'original-failed']);
const RANK: Status[] = ['lint-only', 'equivalent', 'declared', 'original-failed', 'cli', 'differs', 'build-failed'];

interface Outcome {
  scenario: string;
  variant: Variant;
  status: Status;
  details: string[];
}

/** test/build/scenarios/NAME/scenario.json */
interface ScenarioMeta {
  /** why the scenario cannot be built here: it gets the lint-level proof only */
  lintOnly?: string;
  /** rule ids whose fix must not be offered here (the defect the scenario reproduces was a fix that broke the image) */
  notOffered?: string[];
  /** rule ids whose fix must be offered here (what the scenario exists to prove, e.g. fixes only base image facts enable) */
  offered?: string[];
  /**
   * a base image the scenario builds first (from `dockerfile`, default base.Dockerfile) and serves from a registry on
   * loopback under `name` (registry.example.invalid/…, reached through a mirror): the scenario is linted, fixed and
   * proven as `lint --network` sees it, with what the base's config and history say
   */
  base?: { name: string; dockerfile?: string };
}

/** The proof's registry on loopback (Debian's docker-registry), started when a scenario first needs one. */
type RegistryStarter = () => Promise<RunningRegistry>;

interface ScenarioResult {
  name: string;
  outcomes: Outcome[];
  builds: number;
  seconds: number;
  note?: string;
}

/** Builds share the image storage; removing a finished scenario's images waits until no build runs. */
class StorageLock {
  private readers = 0;
  private writer = false;
  private waiting: (() => void)[] = [];
  private wake() {
    const w = this.waiting;
    this.waiting = [];
    w.forEach((f) => f());
  }
  async read<T>(f: () => Promise<T>): Promise<T> {
    while (this.writer) await new Promise<void>((r) => this.waiting.push(r));
    this.readers++;
    try {
      return await f();
    } finally {
      this.readers--;
      this.wake();
    }
  }
  async write<T>(f: () => Promise<T>): Promise<T> {
    while (this.writer || this.readers > 0) await new Promise<void>((r) => this.waiting.push(r));
    this.writer = true;
    try {
      return await f();
    } finally {
      this.writer = false;
      this.wake();
    }
  }
}

const keyOf = (v: Variant) => createHash('sha256').update(v.text).update('\0').update(JSON.stringify(v.files)).digest('hex').slice(0, 16);
const tail = (s: string, n = 12) =>
  s
    .trim()
    .split('\n')
    .slice(-n)
    .map((l) => `    ${l}`)
    .join('\n');

/**
 * Builds the scenario's base image, pushes it to the proof's registry and returns how the lints reach it: `name`'s
 * registry is mirrored to the loopback one, with a facts cache and Docker config of the scenario's own.
 */
async function baseFacts(
  dir: string,
  base: NonNullable<ScenarioMeta['base']>,
  b: Buildah,
  lock: StorageLock,
  registry: RegistryStarter,
  scratchDir: string,
): Promise<Facts & { served: string }> {
  const slash = base.name.indexOf('/');
  if (slash === -1 || !base.name.slice(0, slash).includes('.'))
    throw new Error(`scenario.json base.name ${base.name} must name its registry (registry.example.invalid/…)`);
  const reg = await registry();
  const built = await lock.read(() => b.bud(dir, join(dir, base.dockerfile ?? 'base.Dockerfile'), base.name));
  if (built.code !== 0) throw new Error(`the scenario's base image does not build:\n${tail(built.stdout + built.stderr)}`);
  const served = `${reg.host}/${base.name.slice(slash + 1)}`;
  await lock.read(async () => {
    await b.push(base.name, served);
    // pulled back, the local image knows the digest the registry serves: the Pin fix's `name:tag@digest` builds too
    await b.must(['pull', '--tls-verify=false', served]);
    await b.must(['tag', served, base.name]);
  });
  const mirror = `${base.name.slice(0, slash)}=${reg.host}`;
  const env = { SEAWORTHY_CACHE_DIR: join(scratchDir, 'cache'), DOCKER_CONFIG: join(scratchDir, 'docker'), [MIRRORS_ENV]: '' };
  return {
    registry: registryServiceFor({ ...defaultRegistryCliOptions(), mirrors: [mirror] }, { ...process.env, ...env }),
    args: ['--network', '--registry-mirror', mirror],
    env,
    served,
  };
}

async function proveScenario(name: string, b: Buildah, lock: StorageLock, registry: RegistryStarter): Promise<ScenarioResult> {
  const dir = join(SCENARIOS, name);
  const started = Date.now();
  const meta = existsSync(join(dir, 'scenario.json')) ? (JSON.parse(readFileSync(join(dir, 'scenario.json'), 'utf8')) as ScenarioMeta) : {};
  const factsDir = meta.base ? mkdtempSync(join(tmpdir(), `seaworthy-facts-${name}-`)) : undefined;
  let servedAs: string | undefined;
  try {
    const facts = meta.base ? await baseFacts(dir, meta.base, b, lock, registry, factsDir!) : undefined;
    servedAs = facts?.served;
    return await proveWith(name, dir, meta, started, b, lock, facts);
  } finally {
    if (meta.base) await lock.write(() => b.removeImages([meta.base!.name, ...(servedAs ? [servedAs] : [])]));
    if (factsDir) rmSync(factsDir, { recursive: true, force: true });
  }
}

async function proveWith(
  name: string,
  dir: string,
  meta: ScenarioMeta,
  started: number,
  b: Buildah,
  lock: StorageLock,
  facts: Facts | undefined,
): Promise<ScenarioResult> {
  // fixes the scenario exists to show declined: offering one again is a regression, whether or not it builds
  const findings = await cliFindings(join(dir, 'Dockerfile'), facts);
  const offeredAgain = (meta.notOffered ?? []).filter((id) => findings.some((f) => f.fix && (f.rule.id === id || f.rule.parent?.id === id)));
  const notOffered = (meta.offered ?? []).filter((id) => !findings.some((f) => f.fix && (f.rule.id === id || f.rule.parent?.id === id)));
  const declineOutcome = (): Outcome[] => [
    ...(offeredAgain.length
      ? [
          {
            scenario: name,
            variant: { kind: 'original', label: 'declined fixes', text: '', files: {}, fixes: [], cliProblems: [] },
            status: 'differs',
            details: [`a fix this scenario shows declined is offered: ${offeredAgain.join(', ')}`],
          } satisfies Outcome,
        ]
      : []),
    ...(notOffered.length
      ? [
          {
            scenario: name,
            variant: { kind: 'original', label: 'offered fixes', text: '', files: {}, fixes: [], cliProblems: [] },
            status: 'differs',
            details: [`a fix this scenario exists to prove is not offered: ${notOffered.join(', ')}`],
          } satisfies Outcome,
        ]
      : []),
  ];
  if (meta.lintOnly) {
    const proof = proveFixes('Dockerfile', readFileSync(join(dir, 'Dockerfile'), 'utf8'));
    const outcomes: Outcome[] = [
      {
        scenario: name,
        variant: { kind: 'original', label: 'lint-level proof', text: '', files: {}, fixes: [], cliProblems: [] },
        status: proof.failures.length ? 'differs' : 'lint-only',
        details: proof.failures.map((f) => `${f.rule}: ${f.reason}`),
      },
      ...declineOutcome(),
    ];
    return {
      name,
      outcomes,
      builds: 0,
      seconds: (Date.now() - started) / 1000,
      note: `lint-level only: ${meta.lintOnly} (${proof.verified}/${proof.offered} fixes verified)`,
    };
  }
  const { variants } = await variantsOf(dir, findings, facts);
  const distinct = new Map<string, Variant[]>();
  for (const v of variants) distinct.set(keyOf(v), [...(distinct.get(keyOf(v)) ?? []), v]);
  const work = mkdtempSync(join(tmpdir(), `seaworthy-build-${name}-`));
  const tags: string[] = [];
  const snapshots: Snapshot[] = [];
  const outcomes: Outcome[] = declineOutcome();
  let builds = 0;
  try {
    const build = async (key: string, v: Variant) => {
      const ctx = join(work, key);
      cpSync(dir, ctx, { recursive: true });
      writeFileSync(join(ctx, 'Dockerfile'), v.text);
      for (const [f, text] of Object.entries(v.files)) writeFileSync(join(ctx, f), text);
      const tag = `localhost/seaworthy-proof/${name}:${key}`;
      builds++;
      const t0 = Date.now();
      const r = await lock.read(() => b.bud(ctx, join(ctx, 'Dockerfile'), tag));
      if (VERBOSE) console.log(`   ${name} ${v.label}: built in ${((Date.now() - t0) / 1000).toFixed(1)} s (${r.code === 0 ? 'ok' : 'failed'})`);
      if (r.code === 0) tags.push(tag);
      return { tag, ok: r.code === 0, log: r.stdout + r.stderr };
    };
    const originalKey = keyOf(variants[0]);
    const original = await build(originalKey, variants[0]);
    if (!original.ok) {
      // nothing to compare with: each fix's build is reported, but none can be called a defect
      outcomes.push({ scenario: name, variant: variants[0], status: 'original-failed', details: [`the original does not build:\n${tail(original.log)}`] });
      return { name, outcomes, builds, seconds: (Date.now() - started) / 1000, note: 'the original does not build' };
    }
    const base = await lock.read(() => snapshot(b, original.tag, `proof-${name}-original`));
    snapshots.push(base);
    for (const v of distinct.get(originalKey)!)
      outcomes.push({ scenario: name, variant: v, status: v.cliProblems.length ? 'cli' : 'equivalent', details: [...v.cliProblems] });
    for (const [key, vs] of distinct) {
      if (key === originalKey) continue;
      const built = await build(key, vs[0]);
      if (!built.ok) {
        for (const v of vs)
          outcomes.push({ scenario: name, variant: v, status: 'build-failed', details: [...v.cliProblems, `the build fails:\n${tail(built.log)}`] });
        continue;
      }
      const t1 = Date.now();
      const fixed = await lock.read(() => snapshot(b, built.tag, `proof-${name}-${key}`));
      if (VERBOSE) console.log(`   ${name} ${vs[0].label}: read back in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
      snapshots.push(fixed);
      const diff = differences(base, fixed);
      const ctx: EffectContext = { b, original: base, fixed };
      for (const v of vs) {
        const effects = [...new Set(v.fixes.map((f) => f.rule))].map((r) => EFFECTS[r]).filter((e): e is Effect => e !== undefined);
        const details = [...v.cliProblems];
        const extra = undeclared(diff, effects, ctx);
        if (extra.length) details.push(`differs beyond what the fix declares: ${extra.join('; ')}`);
        for (const e of effects) if (e.check) for (const p of await lock.read(() => e.check!(ctx))) details.push(`${e.says}: ${p}`);
        const status: Status = v.cliProblems.length ? 'cli' : details.length ? 'differs' : noDifferences(diff) ? 'equivalent' : 'declared';
        outcomes.push({ scenario: name, variant: v, status, details });
      }
    }
    return { name, outcomes, builds, seconds: (Date.now() - started) / 1000 };
  } finally {
    await lock.write(async () => {
      for (const s of snapshots) await b.removeContainer(s.container);
      await b.removeImages(tags);
    });
    rmSync(work, { recursive: true, force: true });
  }
}

async function pool<T, R>(items: readonly T[], n: number, f: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await f(items[i]);
      }
    }),
  );
  return out;
}

/** The fix id a variant is reported under: the rule id, or the fix-all run. */
const fixIds = (v: Variant): string[] =>
  v.kind === 'alone' ? [v.fixes[0].code.startsWith('shellcheck/') ? v.fixes[0].code : v.fixes[0].rule] : v.kind === 'original' ? ['(original)'] : [v.label];

function report(results: readonly ScenarioResult[], totals: { builds: number; seconds: number }): { text: string; failed: Outcome[] } {
  const outcomes = results.flatMap((r) => r.outcomes);
  const ids = [...new Set(outcomes.filter((o) => o.variant.kind === 'alone').flatMap((o) => fixIds(o.variant)))].sort();
  const rows = ['(original)', ...ids, '--fix', '--fix --unsafe'];
  const safety = (id: string) => {
    const s = new Set(
      outcomes.filter((o) => o.variant.kind === 'alone' && fixIds(o.variant)[0] === id).map((o) => (o.variant.fixes[0].safe ? 'safe' : 'unsafe')),
    );
    return [...s].join('/');
  };
  const cell = (id: string, scenario: string) => {
    const os = outcomes.filter((o) => o.scenario === scenario && fixIds(o.variant).includes(id));
    if (!os.length) return '.';
    return SYMBOL[os.map((o) => o.status).sort((a, b) => RANK.indexOf(b) - RANK.indexOf(a))[0]];
  };
  const lines: string[] = [];
  lines.push('# Build proof', '');
  lines.push(
    `${results.length} scenarios, ${totals.builds} builds (distinct Dockerfile texts), ${outcomes.filter((o) => o.variant.kind === 'alone').length} single fixes, ${Math.round(totals.seconds)} s wall time with ${PARALLEL} scenarios at a time.`,
    '',
  );
  lines.push(
    "Legend: `=` built, image equivalent · `~` built, changed only as the fix declares (its checks pass) · `X` the build fails · `!` built, but differs beyond what the fix declares or a check fails · `c` the CLI's report after --fix is not of the files written · `?` the original does not build · `L` lint-level proof only · `.` not offered",
    '',
  );
  lines.push('## Fix × scenario', '');
  lines.push(`| fix | safety | ${results.map((_, i) => `${i + 1}`).join(' | ')} |`);
  lines.push(`|---|---|${results.map(() => '---').join('|')}|`);
  for (const id of rows)
    lines.push(`| ${id} | ${id.startsWith('(') || id.startsWith('--') ? '' : safety(id)} | ${results.map((r) => cell(id, r.name)).join(' | ')} |`);
  lines.push('', '## Scenarios', '');
  lines.push('| # | scenario | builds | seconds | fixes offered | note |', '|---|---|---|---|---|---|');
  results.forEach((r, i) =>
    lines.push(
      `| ${i + 1} | ${r.name} | ${r.builds} | ${Math.round(r.seconds)} | ${r.outcomes.filter((o) => o.variant.kind === 'alone').length} | ${r.note ?? ''} |`,
    ),
  );
  const noteworthy = outcomes.filter((o) => o.details.length);
  lines.push('', '## What differed', '');
  if (!noteworthy.length) lines.push('Nothing: every fix built and changed only what it declares.');
  for (const o of noteworthy) {
    const fix = o.variant.fixes.length === 1 ? ` — ${o.variant.fixes[0].title} (${o.variant.fixes[0].safe ? 'safe' : 'unsafe'})` : '';
    lines.push(`- **${o.scenario}** · ${o.variant.label}${fix} · ${o.status}`);
    for (const d of o.details) lines.push(`  - ${d.includes('\n') ? d.replace(/\n/g, '\n    ') : d}`);
  }
  const declared = outcomes.filter((o) => o.status === 'declared');
  if (declared.length) {
    lines.push('', '## Declared changes that were checked', '');
    for (const o of declared)
      lines.push(`- ${o.scenario} · ${o.variant.label}: ${[...new Set(o.variant.fixes.map((f) => EFFECTS[f.rule]?.says).filter(Boolean))].join('; ')}`);
  }
  return { text: lines.join('\n') + '\n', failed: outcomes.filter((o) => BAD.has(o.status)) };
}

async function main(): Promise<void> {
  const started = Date.now();
  const wanted = process.argv.slice(2);
  const names = readdirSync(SCENARIOS)
    .filter((n) => existsSync(join(SCENARIOS, n, 'Dockerfile')))
    .filter((n) => !wanted.length || wanted.includes(n))
    .sort();
  if (!names.length) throw new Error(`no scenario matches ${wanted.join(' ')}`);
  if (!existsSync(resolve('dist/cli.js'))) throw new Error('dist/cli.js is missing: run node scripts/build.mjs first');
  await loadShellParser();
  const cache = await startAptCache();
  console.log(`== build proof: ${names.length} scenarios, apt cache at ${cache.url}`);
  let results: ScenarioResult[];
  let registryStarted: Promise<RunningRegistry> | undefined;
  let registryDir: string | undefined;
  try {
    const b = new Buildah(cache.url);
    const lock = new StorageLock();
    const registry: RegistryStarter = () =>
      (registryStarted ??= startRegistry({ storage: join((registryDir = mkdtempSync(join(tmpdir(), 'seaworthy-proof-registry-'))), 'storage') }));
    results = await pool(names, PARALLEL, async (name) => {
      const r = await proveScenario(name, b, lock, registry).catch(
        (e: unknown): ScenarioResult => ({
          name,
          outcomes: [
            {
              scenario: name,
              variant: { kind: 'original', label: 'harness', text: '', files: {}, fixes: [], cliProblems: [] },
              status: 'differs',
              details: [`the proof itself failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`],
            },
          ],
          builds: 0,
          seconds: 0,
        }),
      );
      const bad = r.outcomes.filter((o) => BAD.has(o.status));
      console.log(
        `${bad.length ? 'FAIL' : 'ok  '} ${name}: ${r.builds} builds, ${Math.round(r.seconds)} s${r.note ? ` (${r.note})` : ''}${bad.length ? `\n${bad.map((o) => `     ${o.variant.label}: ${o.details.join(' / ').split('\n')[0]}`).join('\n')}` : ''}`,
      );
      return r;
    });
  } finally {
    await cache.stop();
    if (registryStarted) {
      const reg = await registryStarted.catch(() => undefined);
      await reg?.stop();
    }
    if (registryDir) rmSync(registryDir, { recursive: true, force: true });
  }
  const totals = { builds: results.reduce((n, r) => n + r.builds, 0), seconds: (Date.now() - started) / 1000 };
  const { text, failed } = report(results, totals);
  mkdirSync(resolve('test-output'), { recursive: true });
  writeFileSync(REPORT, text);
  console.log('\n' + text);
  console.log(
    `== ${failed.length ? `${failed.length} fix result(s) failed` : 'every fix built and changed only what it declares'}; ${totals.builds} builds in ${Math.round(totals.seconds)} s; report: ${REPORT}`,
  );
  process.exitCode = failed.length ? 1 : 0;
}

main().catch((e: unknown) => {
  console.error(`build proof: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exitCode = 2;
});
