// OS package managers beyond `apt-get install`: apt subcommands, apk add, and the rpm family (yum, dnf, microdnf,
// zypper) with their subcommand aliases, package operands, cache cleaning and version pins.
import { APT_VALUED, commandName, invocation, operands, type Invocation } from './commands';
import { expandVariables } from '../expand';
import { stageChain, type DockerfileModel, type Instruction, type RunCommand, type Word } from '../model';

export const APT_TOOLS = ['apt-get', 'apt', 'aptitude'];

/** apt subcommands that read the package lists to fetch packages. */
const APT_FETCHING = new Set(['install', 'reinstall', 'upgrade', 'dist-upgrade', 'full-upgrade', 'safe-upgrade', 'build-dep', 'source', 'satisfy', 'download']);

/** The apt/apt-get/aptitude invocation of a command, if it is one. */
export function aptInvocation(cmd: RunCommand): Invocation | undefined {
  return APT_TOOLS.includes(commandName(cmd) ?? '') ? invocation(cmd, APT_VALUED) : undefined;
}

/** Whether an apt invocation fetches packages with the lists; an unknown subcommand (`apt-get $CMD`) may. */
export const aptFetches = (inv: Invocation) => inv.sub === undefined || APT_FETCHING.has(inv.sub);

/** Options of apk that take a separate value (`--virtual .build-deps`, `-X https://…`). */
export const APK_VALUED = ['-X', '--repository', '-t', '--virtual', '-p', '--root', '--arch', '--keys-dir', '--repositories-file', '--cache-dir', '--cache-max-age', '--from'];

export type RpmManager = 'yum' | 'dnf' | 'microdnf' | 'zypper';

const RPM_VALUED: Record<RpmManager, readonly string[]> = {
  yum: ['-c', '--config', '-d', '--debuglevel', '-e', '--errorlevel', '-x', '--exclude', '--enablerepo', '--disablerepo', '--setopt', '--releasever', '--installroot', '--repo', '--repoid', '--downloaddir', '--destdir', '--forcearch', '--rpmverbosity', '--color'],
  dnf: ['-c', '--config', '-d', '--debuglevel', '-e', '--errorlevel', '-x', '--exclude', '--enablerepo', '--disablerepo', '--setopt', '--releasever', '--installroot', '--repo', '--repoid', '--downloaddir', '--destdir', '--forcearch', '--rpmverbosity', '--color', '--repofrompath', '--use-host-config'],
  microdnf: ['--config', '--enablerepo', '--disablerepo', '--setopt', '--releasever', '--installroot', '--repo', '--repoid'],
  zypper: ['-c', '--config', '-R', '--root', '-D', '--reposd-dir', '-C', '--cache-dir', '--raw-cache-dir', '--solv-cache-dir', '--pkg-cache-dir', '-p', '--plus-repo', '--plus-content', '-r', '--repo', '--from', '-t', '--type'],
};

/** Subcommand aliases -> what they do. */
const RPM_ACTIONS = new Map(Object.entries({
  install: 'install', in: 'install', localinstall: 'install', groupinstall: 'install', 'install-new-recommends': 'install', inr: 'install',
  reinstall: 'reinstall', rei: 'reinstall', downgrade: 'install', dg: 'install',
  remove: 'remove', rm: 'remove', erase: 'remove', autoremove: 'remove', groupremove: 'remove',
  update: 'upgrade', up: 'upgrade', upgrade: 'upgrade', 'upgrade-minimal': 'upgrade', 'up-min': 'upgrade', 'update-minimal': 'upgrade', patch: 'upgrade',
  'distro-sync': 'upgrade', dsync: 'upgrade', groupupdate: 'upgrade',
  'dist-upgrade': 'dist-upgrade', dup: 'dist-upgrade',
  clean: 'clean', cc: 'clean',
})); // a Map: the word looked up is the Dockerfile's (`dnf constructor` is no action)

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
  if (manager !== 'yum' && manager !== 'dnf' && manager !== 'microdnf' && manager !== 'zypper') return undefined;
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
  const before = (i: Instruction) => i.range.start.line < ins.range.start.line;
  const declares = (i: Instruction, keyword: string) =>
    i.keyword === keyword && i.keyValues.some((kv) => kv.name === name);
  if (model.instructions.some((i) => before(i) && !i.onbuild && declares(i, 'ARG'))) return true;
  const chain = ins.stage ? stageChain(ins.stage) : [];
  const envScope = ins.stage ? model.instructions.filter((i) => i.stage !== undefined && chain.includes(i.stage)) : model.instructions;
  if (envScope.some((i) => before(i) && declares(i, 'ENV'))) return true;
  // set by the RUN's own script: NAME=…, export NAME, read NAME, for NAME in …
  const body = model.text.slice(model.lines.offsetAt(ins.range.start), model.lines.offsetAt(ins.range.end));
  return new RegExp(`(^|[\\s;&|(])(${name}=|(export|read|local|declare|for)\\s+([-\\w]+\\s+)*${name}\\b)`).test(body);
}
