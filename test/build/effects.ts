// What each fix declares it changes in the built image (its docs.fixSafety, written as checks). A built variant may
// differ from the original only by the declared effects of the fixes it carries; a fix with no entry here must leave
// the image equivalent. Checks prove an effect does what it says (the new user can read its app, the probe answers).
import type { Buildah } from './buildah';
import { envMap, type Differences, type RuntimeField, type Snapshot } from './snapshot';

export interface EffectContext {
  readonly b: Buildah;
  readonly original: Snapshot;
  readonly fixed: Snapshot;
}

type FileDiff = Differences['files'][number];

export interface Effect {
  /** the declared effect, as the report says it */
  readonly says: string;
  readonly config?: readonly RuntimeField[];
  readonly env?: readonly string[];
  /** 'fewer': packages may only disappear (recommended packages no longer installed) */
  readonly packages?: 'fewer';
  /** which differing files the effect explains */
  readonly files?: (d: FileDiff, ctx: EffectContext) => boolean;
  /** problems with the effect itself; empty when it does what it says */
  readonly check?: (ctx: EffectContext) => Promise<string[]>;
}

/**
 * Folders of the OS layout, which a fix never gives to the app's user: the top level (but /srv and /opt, empty and
 * meant for the site's own data and software), anything in /etc, the folders directly in /usr and /usr/local, and
 * /var's own. Deeper folders (/usr/src/app, /var/www/html, /opt/svc) are the app's.
 */
const SYSTEM_FOLDERS =
  /^\/(|root|home|etc(\/.*)?|bin|sbin|lib\w*|usr|usr\/(local\/)?[^/]+|var|var\/(lib|cache|log|tmp|spool|mail|opt|local|backups|run|lock)|tmp|run|boot|dev|proc|sys|mnt|media)$/;

const removed = (d: FileDiff) => d.after === undefined;
const underNodeModules = (d: FileDiff) => /(^|\/)node_modules(\/|$)/.test(d.path);
const meta = (s: string | undefined) => (s ?? '').split(' ');
/** Same type and mode, another owner. */
const ownerOnly = (d: FileDiff) =>
  d.before !== undefined && d.after !== undefined && meta(d.before)[0] === meta(d.after)[0] && meta(d.before)[2] === meta(d.after)[2];

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const workdirOf = (s: Snapshot) => s.config.WorkingDir || '/';
const startArgv = (s: Snapshot) => [...(s.config.Entrypoint ?? []), ...(s.config.Cmd ?? [])];

const started = new WeakMap<Snapshot, Promise<{ code: number; out: string }>>();

/** How the image's start command behaves in its first 2 seconds: still running (124), or its exit status and output. */
function startFor2s(ctx: EffectContext, s: Snapshot): Promise<{ code: number; out: string }> {
  let result = started.get(s);
  if (!result) {
    const argv = startArgv(s);
    result = !argv.length
      ? Promise.resolve({ code: 0, out: '' })
      : ctx.b
          .runIn(s.container, `timeout 2 ${argv.map(shellQuote).join(' ')} </dev/null 2>&1`, {
            user: s.config.User || undefined,
            workdir: workdirOf(s),
            timeoutMs: 30_000,
          })
          .then((r) => ({ code: r.code, out: r.stdout.trim() }));
    started.set(s, result);
  }
  return result;
}

/** The fixed image's start command still starts: it keeps running, or ends as the original's did. */
async function stillStarts(ctx: EffectContext, sameOutput: boolean): Promise<string[]> {
  const judge = (b: { code: number; out: string }, a: { code: number; out: string }) =>
    (a.code === 0 || a.code === 124 || a.code === b.code) && (!sameOutput || a.out === b.out);
  let before = await startFor2s(ctx, ctx.original);
  let after = await startFor2s(ctx, ctx.fixed);
  // `buildah run` has now and then lost a command's output under load: a difference is confirmed by a second run
  if (!judge(before, after)) {
    started.delete(ctx.original);
    started.delete(ctx.fixed);
    before = await startFor2s(ctx, ctx.original);
    after = await startFor2s(ctx, ctx.fixed);
  }
  const ok = judge(before, after);
  return ok
    ? []
    : [
        `the start command \`${startArgv(ctx.fixed).join(' ')}\` behaves differently: before exit ${before.code} ${JSON.stringify(before.out.slice(0, 120))}, after exit ${after.code} ${JSON.stringify(after.out.slice(0, 120))}`,
      ];
}

/** The program a container starts: readable and executable for `user`, found from `workdir` on the image's PATH. */
async function programProblems(ctx: EffectContext, user: string | undefined): Promise<string[]> {
  const argv0 = startArgv(ctx.fixed)[0];
  if (!argv0) return [];
  const path = envMap(ctx.fixed.config).get('PATH') ?? '/usr/bin:/bin';
  const r = await ctx.b.runIn(ctx.fixed.container, `PATH=${shellQuote(path)}; p=$(command -v -- ${shellQuote(argv0)}) && [ -r "$p" ] && [ -x "$p" ]`, {
    user,
    workdir: workdirOf(ctx.fixed),
  });
  return r.code === 0 ? [] : [`the start program ${argv0} is not found, readable and executable for ${user ?? 'the image user'} in ${workdirOf(ctx.fixed)}`];
}

const nonRootUser: Effect = {
  says: 'runs as a non-root user that can read its app, write its WORKDIR and start its program, which still starts',
  config: ['User'],
  files: (d, ctx) => {
    if (/^etc\/(passwd|group|shadow|gshadow|subuid|subgid)-?$/.test(d.path)) return true;
    const user = ctx.fixed.config.User ?? '';
    if (d.before === undefined && /^home\/[^/]+(\/|$)/.test(d.path)) return true; // the new user's home
    const workdir = workdirOf(ctx.fixed);
    return `/${d.path}` === workdir && !SYSTEM_FOLDERS.test(workdir) && ownerOnly(d) && user !== '';
  },
  async check(ctx) {
    const problems: string[] = [];
    const user = ctx.fixed.config.User ?? '';
    if (!user || /^(root|0)(:|$)/.test(user)) return [`USER is ${JSON.stringify(user)}, not a non-root user`];
    // under load `buildah run` has now and then returned success with no output: ask again before judging
    let id = await ctx.b.runIn(ctx.fixed.container, 'id -u', { user });
    for (let i = 0; i < 2 && id.code === 0 && !id.stdout.trim(); i++) id = await ctx.b.runIn(ctx.fixed.container, 'id -u', { user });
    const uid = id.stdout.trim();
    if (id.code !== 0 || !/^\d+$/.test(uid)) problems.push(`id -u as ${user} failed (exit ${id.code}): ${(id.stderr + id.stdout).trim()}`);
    else if (uid === '0') problems.push(`USER ${user} is uid 0`);
    else if (/^\d+/.test(user) && uid !== user.split(':')[0]) problems.push(`id -u says ${uid}, USER says ${user}`);
    const workdir = workdirOf(ctx.fixed);
    if (workdir !== '/') {
      const w = await ctx.b.runIn(ctx.fixed.container, `test -w ${shellQuote(workdir)}`, { user });
      if (w.code !== 0) problems.push(`WORKDIR ${workdir} is not writable by ${user}`);
      const r = await ctx.b.runIn(ctx.fixed.container, `find ${shellQuote(workdir)} -xdev ! -readable -print 2>&1 | head -n 5`, { user });
      if (r.stdout.trim()) problems.push(`files under ${workdir} are not readable by ${user}: ${r.stdout.trim().split('\n').join(', ')}`);
    }
    problems.push(...(await programProblems(ctx, user)));
    problems.push(...(await stillStarts(ctx, false)));
    return problems;
  },
};

const healthcheck: Effect = {
  says: "declares a HEALTHCHECK whose probe succeeds while the image's own command runs",
  config: ['Healthcheck'],
  async check(ctx) {
    const test = ctx.fixed.config.Healthcheck?.Test ?? [];
    const probe = test[0] === 'CMD-SHELL' ? test[1] : test[0] === 'CMD' ? test.slice(1).map(shellQuote).join(' ') : undefined;
    if (!probe) return [`the HEALTHCHECK test ${JSON.stringify(test)} is not a command`];
    const start = startArgv(ctx.fixed).map(shellQuote).join(' ');
    // under timeout, so the server ends by itself even if the kill below misses it
    const script = `timeout 30 ${start} >/dev/null 2>&1 & pid=$!; ok=1; for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do sleep 0.5; if sh -c ${shellQuote(probe)} >/dev/null 2>&1; then ok=0; break; fi; done; kill $pid 2>/dev/null; exit $ok`;
    const r = await ctx.b.runIn(ctx.fixed.container, script, { user: ctx.fixed.config.User || undefined, timeoutMs: 60_000 });
    return r.code === 0 ? [] : [`the probe \`${probe}\` never succeeded within 10 s of starting \`${startArgv(ctx.fixed).join(' ')}\``];
  },
};

export const EFFECTS: Readonly<Record<string, Effect>> = {
  'final-stage-root-user': nonRootUser,
  'healthcheck-missing': healthcheck,
  'python-env-unbuffered': { says: 'sets PYTHONUNBUFFERED', env: ['PYTHONUNBUFFERED'] },
  'node-env-production': {
    says: 'sets NODE_ENV=production for the container (after the build steps, which keep their devDependencies)',
    env: ['NODE_ENV'],
    check: async (ctx) => (envMap(ctx.fixed.config).get('NODE_ENV') === 'production' ? [] : ['NODE_ENV is not production']),
  },
  'npm-dev-dependencies-in-final-stage': { says: 'leaves devDependencies out of node_modules', files: (d) => removed(d) && underNodeModules(d) },
  'npm-install-instead-of-ci': { says: 'installs exactly the lockfile (npm ci)', files: underNodeModules },
  'apt-no-install-recommends': { says: 'no longer installs recommended packages', packages: 'fewer', files: removed },
  'shell-form-cmd': {
    says: 'starts the same program without /bin/sh -c (same exit and output in its first 2 s)',
    config: ['Cmd', 'Entrypoint'],
    check: async (ctx) => [...(await programProblems(ctx, ctx.fixed.config.User || undefined)), ...(await stillStarts(ctx, true))],
  },
  'cd-instead-of-workdir': { says: 'sets WORKDIR for the later instructions and the container', config: ['WorkingDir'] },
  'pipefail-missing': { says: 'runs later RUNs under bash -o pipefail', config: ['Shell'] },
  'chown-in-separate-layer': { says: 'gives the copied files (and folders COPY creates) their owner in the COPY', files: ownerOnly },
  'dockerignore-missing': { says: 'no longer sends ignored files to the build', files: removed },
  'dockerignore-incomplete': { says: 'no longer sends ignored files to the build', files: removed },
};

/** The differences none of the effects declares, as report lines. */
export function undeclared(d: Differences, effects: readonly Effect[], ctx: EffectContext): string[] {
  const out: string[] = [];
  for (const c of d.config) if (!effects.some((e) => e.config?.includes(c.field))) out.push(`${c.field}: ${c.before || '(none)'} -> ${c.after || '(none)'}`);
  for (const e of d.env) if (!effects.some((x) => x.env?.includes(e.name))) out.push(`Env ${e.name}: ${e.before ?? '(unset)'} -> ${e.after ?? '(unset)'}`);
  const pk = d.packages.filter((p) => !effects.some((e) => e.packages === 'fewer' && p.after === undefined));
  if (pk.length)
    out.push(
      `packages: ${pk
        .slice(0, 8)
        .map((p) => `${p.name} ${p.before ?? '-'} -> ${p.after ?? '-'}`)
        .join(', ')}${pk.length > 8 ? ` … (${pk.length})` : ''}`,
    );
  const fs = d.files.filter((f) => !effects.some((e) => e.files?.(f, ctx)));
  if (fs.length)
    out.push(
      `files: ${fs
        .slice(0, 8)
        .map((f) => `/${f.path} ${f.before ?? '(absent)'} -> ${f.after ?? '(absent)'}`)
        .join(', ')}${fs.length > 8 ? ` … (${fs.length})` : ''}`,
    );
  return out;
}
