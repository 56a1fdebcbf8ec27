// The package managers of the operating systems images are built on, in one table, and their commands read into
// subcommand, packages and options: apt, apk, the rpm family (yum, dnf, microdnf, tdnf) and zypper, with their
// subcommand aliases, package operands, what a RUN installs and removes again, cache cleaning and version pins.
import { commandName, invocation, operands, runCommands, type Invocation } from './commands';
import { expandVariables } from '../expand';
import { variableAt, type DockerfileModel, type Instruction, type RunCommand, type Stage, type Word } from '../model';

export type PackageManagerKind = 'apt' | 'apk' | 'rpm' | 'zypper';
/** The distribution family a package tool comes with. */
export type PackageOs = 'debian' | 'alpine' | 'rhel' | 'suse';

export interface PackageManager {
  readonly name: string;
  readonly kind: PackageManagerKind;
  /** the distribution family it says the image is; undefined for a family of its own */
  readonly os: PackageOs | undefined;
  /** the subcommand that installs packages */
  readonly install: 'install' | 'add';
  /** takes apt-get's options (-y, --no-install-recommends); aptitude has its own (-R / --without-recommends) */
  readonly aptGetOptions: boolean;
}

const entry = (name: string, kind: PackageManagerKind, os: PackageOs | undefined, aptGetOptions = false): PackageManager => ({
  name,
  kind,
  os,
  install: kind === 'apk' ? 'add' : 'install',
  aptGetOptions,
});

/** Every package manager the rules know, by command name: the one list. */
const PACKAGE_MANAGERS: ReadonlyMap<string, PackageManager> = new Map(
  [
    entry('apt-get', 'apt', 'debian', true),
    entry('apt', 'apt', 'debian', true),
    entry('aptitude', 'apt', 'debian'),
    entry('apk', 'apk', 'alpine'),
    entry('yum', 'rpm', 'rhel'),
    entry('dnf', 'rpm', 'rhel'),
    entry('microdnf', 'rpm', 'rhel'),
    // Photon OS and Azure Linux (CBL-Mariner): dnf's commands and options, but not a RHEL: their core images have no
    // useradd (shadow-utils), so fixes that pick commands by family must not take them for one
    entry('tdnf', 'rpm', undefined),
    entry('zypper', 'zypper', 'suse'),
  ].map((m) => [m.name, m]),
);

/** Tools below the managers that install package files without a repository: they say which distribution runs. */
const PACKAGE_FILE_TOOLS: ReadonlyMap<string, PackageOs> = new Map([
  ['dpkg', 'debian'],
  ['rpm', 'rhel'],
]);

/** The package manager a command name is, if it is one. */
export const packageManager = (name: string | undefined): PackageManager | undefined => (name === undefined ? undefined : PACKAGE_MANAGERS.get(name));

/** The names of the package managers of some kinds. */
export const managersOf = (...kinds: PackageManagerKind[]): string[] => [...PACKAGE_MANAGERS.values()].filter((m) => kinds.includes(m.kind)).map((m) => m.name);

/** The distribution a package tool (a manager, or dpkg/rpm) comes with. */
export const packageToolOs = (name: string | undefined): PackageOs | undefined =>
  packageManager(name)?.os ?? (name === undefined ? undefined : PACKAGE_FILE_TOOLS.get(name));

export const APT_TOOLS: readonly string[] = managersOf('apt');
/** apt-get and apt: the apt tools whose options the apt rules and their fixes write */
export const APT_GET_TOOLS: readonly string[] = [...PACKAGE_MANAGERS.values()].filter((m) => m.aptGetOptions).map((m) => m.name);

/** Options of apt that take a separate value. */
export const APT_VALUED = ['-o', '-t', '-c', '--option', '--target-release', '--config-file'];

/** `apt-get install …` / `apt install …` invocations of a scope (the file, a stage or an instruction). */
export function aptInstalls(scope: DockerfileModel | Stage | Instruction, tools: readonly string[] = APT_GET_TOOLS): Invocation[] {
  return runCommands(scope)
    .filter((c) => tools.includes(commandName(c) ?? ''))
    .map((c) => invocation(c, APT_VALUED))
    .filter((inv) => inv.sub === 'install');
}

/** apt subcommands that read the package lists to fetch packages. */
const APT_FETCHING = new Set(['install', 'reinstall', 'upgrade', 'dist-upgrade', 'full-upgrade', 'safe-upgrade', 'build-dep', 'source', 'satisfy', 'download']);

/** The apt/apt-get/aptitude invocation of a command, if it is one. */
export function aptInvocation(cmd: RunCommand): Invocation | undefined {
  return APT_TOOLS.includes(commandName(cmd) ?? '') ? invocation(cmd, APT_VALUED) : undefined;
}

/** Whether an apt invocation fetches packages with the lists; an unknown subcommand (`apt-get $CMD`) may. */
export const aptFetches = (inv: Invocation) => inv.sub === undefined || APT_FETCHING.has(inv.sub);

export interface PackageInstall {
  readonly cmd: RunCommand;
  readonly manager: PackageManagerKind;
  /** the package operands, as written (version suffixes kept) */
  readonly packages: readonly Word[];
  /** apk add --virtual NAME / -t NAME: the name `apk del` removes them by */
  readonly virtualName: string | undefined;
}

/** options of the package managers that take a separate value (so the value is not read as a package) */
const VALUED = [
  '-o',
  '-t',
  '-c',
  '--option',
  '--target-release',
  '--config-file',
  '--virtual',
  '--repository',
  '-X',
  '--root',
  '-p',
  '--setopt',
  '--enablerepo',
  '--disablerepo',
  '--installroot',
  '--releasever',
];

const managerOf = (name: string | undefined): PackageManagerKind | undefined => packageManager(name)?.kind;

/** Operands after the subcommand, options and their values skipped. */
function packageWords(words: readonly Word[], from: number): Word[] {
  const out: Word[] = [];
  for (let i = from; i < words.length; i++) {
    const v = words[i].value ?? words[i].text;
    if (v.startsWith('-')) {
      if (VALUED.includes(v)) i++;
      continue;
    }
    out.push(words[i]);
  }
  return out;
}

/** `apt-get install`, `apk add`, `yum/dnf/zypper install` invocations of a scope, with their packages. */
export function packageInstalls(scope: DockerfileModel | Stage): PackageInstall[] {
  const out: PackageInstall[] = [];
  for (const cmd of runCommands(scope)) {
    const pm = packageManager(commandName(cmd));
    if (!pm) continue;
    const manager = pm.kind;
    const inv = invocation(cmd, VALUED);
    if (inv.sub !== pm.install) continue;
    const vIndex = inv.words.findIndex((w) => w.value === '--virtual' || w.value === '-t');
    const inline = inv.words.find((w) => w.value?.startsWith('--virtual='))?.value?.slice('--virtual='.length);
    const virtualName = manager === 'apk' ? (inline ?? (vIndex > 0 ? inv.words[vIndex + 1]?.value : undefined)) : undefined;
    out.push({ cmd, manager, packages: packageWords(inv.words, inv.subIndex + 1), virtualName });
  }
  return out;
}

/** The name a package word installs: `gcc=4:12.2` -> `gcc`, `musl-dev>1.2` -> `musl-dev`. */
export const packageName = (w: Word): string | undefined => w.value?.split(/[=<>~]/)[0];

/**
 * Names removed again in the same RUN as `install` (apt-get purge/remove, apk del, yum/dnf remove/erase), or
 * `undefined` when a removal names a variable (`apt-get purge $buildDeps`) or follows `apt-mark auto`: then any
 * package may be removed.
 */
export function removedInSameRun(install: PackageInstall): Set<string> | undefined {
  const removed = new Set<string>();
  const run = install.cmd.instruction.run?.commands ?? [];
  let markedAuto = false;
  for (const cmd of run) {
    const manager = managerOf(commandName(cmd));
    if (commandName(cmd) === 'apt-mark' && invocation(cmd).sub === 'auto') markedAuto = true;
    if (!manager) continue;
    const inv = invocation(cmd, VALUED);
    // the docker-library idiom: `apt-mark auto '.*'; apt-mark manual $saved; apt-get purge --auto-remove` removes
    // everything this RUN installed that nothing kept
    if (manager === 'apt' && markedAuto && (inv.sub === 'autoremove' || inv.words.some((w) => w.value === '--auto-remove'))) return undefined;
    const subs = manager === 'apk' ? ['del'] : manager === 'apt' ? ['purge', 'remove', 'autoremove'] : ['remove', 'erase', 'autoremove'];
    if (!subs.includes(inv.sub ?? '')) continue;
    for (const w of packageWords(inv.words, inv.subIndex + 1)) {
      if (w.value === undefined) return undefined;
      removed.add(w.value);
    }
  }
  return removed;
}

/** Which of an install's packages its own RUN removes again (by name, or through their apk virtual group). */
export function removedAgain(install: PackageInstall): (pkg: Word) => boolean {
  const removed = removedInSameRun(install);
  if (removed === undefined) return () => true;
  if (install.virtualName !== undefined && removed.has(install.virtualName)) return () => true;
  return (pkg) => removed.has(packageName(pkg) ?? '');
}

/** Options of apk that take a separate value (`--virtual .build-deps`, `-X https://…`). */
export const APK_VALUED = [
  '-X',
  '--repository',
  '-t',
  '--virtual',
  '-p',
  '--root',
  '--arch',
  '--keys-dir',
  '--repositories-file',
  '--cache-dir',
  '--cache-max-age',
  '--from',
];

export type RpmManager = 'yum' | 'dnf' | 'microdnf' | 'tdnf' | 'zypper';

// yum's options that take a value; dnf (and tdnf) add two of their own
const YUM_VALUED = [
  '-c',
  '--config',
  '-d',
  '--debuglevel',
  '-e',
  '--errorlevel',
  '-x',
  '--exclude',
  '--enablerepo',
  '--disablerepo',
  '--setopt',
  '--releasever',
  '--installroot',
  '--repo',
  '--repoid',
  '--downloaddir',
  '--destdir',
  '--forcearch',
  '--rpmverbosity',
  '--color',
];
const DNF_VALUED = [...YUM_VALUED, '--repofrompath', '--use-host-config'];

const RPM_VALUED: Record<RpmManager, readonly string[]> = {
  yum: YUM_VALUED,
  dnf: DNF_VALUED,
  tdnf: DNF_VALUED,
  microdnf: ['--config', '--enablerepo', '--disablerepo', '--setopt', '--releasever', '--installroot', '--repo', '--repoid'],
  zypper: [
    '-c',
    '--config',
    '-R',
    '--root',
    '-D',
    '--reposd-dir',
    '-C',
    '--cache-dir',
    '--raw-cache-dir',
    '--solv-cache-dir',
    '--pkg-cache-dir',
    '-p',
    '--plus-repo',
    '--plus-content',
    '-r',
    '--repo',
    '--from',
    '-t',
    '--type',
  ],
};

const isRpmManager = (name: string | undefined): name is RpmManager => {
  const kind = packageManager(name)?.kind;
  return (kind === 'rpm' || kind === 'zypper') && Object.hasOwn(RPM_VALUED, name!);
};

/** Subcommand aliases -> what they do. */
const RPM_ACTIONS = new Map(
  Object.entries({
    install: 'install',
    in: 'install',
    localinstall: 'install',
    groupinstall: 'install',
    'install-new-recommends': 'install',
    inr: 'install',
    reinstall: 'reinstall',
    rei: 'reinstall',
    downgrade: 'install',
    dg: 'install',
    remove: 'remove',
    rm: 'remove',
    erase: 'remove',
    autoremove: 'remove',
    groupremove: 'remove',
    update: 'upgrade',
    up: 'upgrade',
    upgrade: 'upgrade',
    'upgrade-minimal': 'upgrade',
    'up-min': 'upgrade',
    'update-minimal': 'upgrade',
    patch: 'upgrade',
    'distro-sync': 'upgrade',
    dsync: 'upgrade',
    groupupdate: 'upgrade',
    'dist-upgrade': 'dist-upgrade',
    dup: 'dist-upgrade',
    clean: 'clean',
    cc: 'clean',
  }),
); // a Map: the word looked up is the Dockerfile's (`dnf constructor` is no action)

/** Subcommands of yum/dnf (`group install …`, `module enable …`) whose action is the next word. */
const RPM_GROUPS = new Set(['group', 'groups', 'module']);

export interface RpmInvocation {
  readonly manager: RpmManager;
  readonly inv: Invocation;
  /** 'install' | 'reinstall' | 'remove' | 'upgrade' | 'dist-upgrade' | 'clean', or the subcommand as written */
  readonly action: string | undefined;
  /** the word that names the action ("install" in `dnf module install`) */
  readonly actionWord: Word | undefined;
  /** `dnf module …`, `yum group …`/`groupinstall`, or a plain package command */
  readonly kind: 'module' | 'group' | 'package';
  /** the operands after the action word */
  readonly operands: readonly Word[];
}

/** The yum/dnf/microdnf/zypper invocation of a command, with its action normalised. */
export function rpmInvocation(cmd: RunCommand): RpmInvocation | undefined {
  const manager = commandName(cmd);
  if (!isRpmManager(manager)) return undefined;
  const valued = RPM_VALUED[manager];
  const inv = invocation(cmd, valued);
  let ops = operands(inv, valued);
  let actionWord = inv.subIndex >= 0 ? inv.words[inv.subIndex] : undefined;
  let kind: RpmInvocation['kind'] = inv.sub?.startsWith('group') ? 'group' : 'package';
  if (manager !== 'zypper' && RPM_GROUPS.has(inv.sub ?? '')) {
    kind = inv.sub === 'module' ? 'module' : 'group';
    actionWord = ops[0];
    ops = ops.slice(1);
  }
  const written = actionWord?.value;
  const action = written === undefined ? undefined : (RPM_ACTIONS.get(written) ?? written);
  return { manager, inv, action, actionWord, kind, operands: ops };
}

/** All rpm-family invocations of one RUN. */
export const rpmInvocations = (ins: Instruction): RpmInvocation[] => (ins.run?.commands ?? []).flatMap((c) => rpmInvocation(c) ?? []);

/** Cache directories a cache or tmpfs mount of the RUN keeps out of the layer. */
export function cacheMountTargets(ins: Instruction): string[] {
  return ins.flags
    .filter((f) => f.name === 'mount' && f.value && /(^|,)type=(cache|tmpfs)(,|$)/.test(f.value))
    .flatMap((f) => /(?:^|,)(?:target|dst|destination)=([^,]+)/.exec(f.value!)?.[1]?.replace(/(?<!\/)\/+$/, '') ?? []);
}

/**
 * The text a package word has once the shell expands it, for version checks; undefined when that is unknown:
 * a command substitution, or a variable some ARG (any stage: a build argument may set it), an ENV of the stage
 * chain or the RUN itself may set. A variable nothing declares expands to nothing, as the shell does.
 */
export function expandedPackage(word: Word, ins: Instruction, model: DockerfileModel): string | undefined {
  if (word.value !== undefined) return word.value;
  if (/\$\(|`/.test(word.text)) return undefined;
  const expanded = expandVariables(word.text, 'any', (ref) => (isDeclared(ref.name, ins, model) ? undefined : ''));
  return expanded?.replace(/["'\\]/g, '');
}

function isDeclared(name: string, ins: Instruction, model: DockerfileModel): boolean {
  if (variableAt(model, ins, name)) return true;
  // an ARG of any stage above counts too, as hadolint reads it (its DL3033/DL3041 cases): not BuildKit's scoping, but
  // a pin written as `pkg-${version}` is meant to be set by a build argument
  if (
    model.instructions.some((i) => i.keyword === 'ARG' && !i.onbuild && i.range.start.line < ins.range.start.line && i.keyValues.some((kv) => kv.name === name))
  )
    return true;
  // set by the RUN's own script: NAME=…, export NAME, read NAME, for NAME in …
  const body = model.text.slice(model.lines.offsetAt(ins.range.start), model.lines.offsetAt(ins.range.end));
  return new RegExp(`(^|[\\s;&|(])(${name}=|(export|read|local|declare|for)\\s+([-\\w]+\\s+)*${name}\\b)`).test(body);
}

/**
 * Directories a command fills with package lists and caches that the image does not need at run time: apt's lists
 * (`apt-get update`), apk's index and cache (`apk update`, `apk add` without --no-cache), yum/dnf's cache, pip's
 * and npm's caches in root's home (`home`: the home of the user the RUN runs as, when known).
 */
export function cachesWritten(cmd: RunCommand, home: string | undefined): string[] {
  const name = commandName(cmd);
  const pm = packageManager(name);
  const inv = invocation(cmd, VALUED);
  const has = (...options: string[]) => inv.words.some((w) => options.includes(w.value ?? ''));
  if (pm?.kind === 'apt') return inv.sub === 'update' ? ['/var/lib/apt/lists'] : [];
  if (pm?.kind === 'apk') return inv.sub === 'update' || (inv.sub === 'add' && !has('--no-cache')) ? ['/var/cache/apk'] : [];
  if (pm?.kind === 'rpm' && ['install', 'update', 'upgrade', 'makecache', 'groupinstall'].includes(inv.sub ?? '')) {
    return name === 'yum' ? ['/var/cache/yum'] : name === 'dnf' ? ['/var/cache/dnf'] : [];
  }
  if (home === undefined) return [];
  if (/^pip(\d+(\.\d+)?)?$/.test(name ?? '') && inv.sub === 'install' && !has('--no-cache-dir')) return [`${home}/.cache/pip`];
  if (name === 'npm' && ['install', 'i', 'ci'].includes(inv.sub ?? '')) return [`${home}/.npm`];
  return [];
}
