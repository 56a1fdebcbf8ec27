// Language package managers (pip, npm, yarn, gem, go): their commands read into subcommand, options and operands,
// and the environment a RUN sees. Shared by the rules that check how language packages are installed.
import { commandName, effectiveWords } from './commands';
import type { Instruction, RunCommand, Word } from '../model';

export type LangTool = 'pip' | 'npm' | 'yarn' | 'gem' | 'go';

export interface ToolOption {
  /** as written, without any `=value`: "--index-url", "-r" */
  readonly name: string;
  /** from `--name=value` or the next word; undefined for a flag or a value with an expansion */
  readonly value: string | undefined;
  readonly word: Word;
}

export interface ToolCall {
  readonly cmd: RunCommand;
  /** the words from the tool on: `python -m pip install x` and `uv pip install x` start at `pip` */
  readonly words: readonly Word[];
  /** the subcommand ("install"), the first operand after the tool's own options */
  readonly sub: Word | undefined;
  /** every option, before and after the subcommand */
  readonly options: readonly ToolOption[];
  /** the arguments after the subcommand that are neither options nor option values, up to `--` */
  readonly operands: readonly Word[];
}

// Options that take the next word as their value. A missing entry makes its value look like a package; the lists
// cover what the tools document for install-like commands.
const VALUED: Record<LangTool, ReadonlySet<string>> = {
  pip: new Set([
    '-r',
    '--requirement',
    '-c',
    '--constraint',
    '-e',
    '--editable',
    '-t',
    '--target',
    '-b',
    '--build',
    '--platform',
    '--python-version',
    '--implementation',
    '--abi',
    '--root',
    '--prefix',
    '--src',
    '--upgrade-strategy',
    '-i',
    '--index-url',
    '--extra-index-url',
    '-f',
    '--find-links',
    '--trusted-host',
    '--progress-bar',
    '--root-user-action',
    '--report',
    '--log',
    '--log-file',
    '--proxy',
    '--retries',
    '--timeout',
    '--exists-action',
    '--cert',
    '--client-cert',
    '--cache-dir',
    '--no-binary',
    '--only-binary',
    '--python',
    '--keyring-provider',
    '--use-feature',
    '--use-deprecated',
    '-C',
    '--config-settings',
    '--global-option',
    '--install-option',
    '--group',
  ]),
  npm: new Set([
    '--loglevel',
    '--registry',
    '--prefix',
    '-C',
    '--cache',
    '--userconfig',
    '--globalconfig',
    '--tag',
    '--omit',
    '--include',
    '--only',
    '--install-strategy',
    '--workspace',
    '-w',
    '--before',
    '--otp',
    '--scope',
    '--location',
    '--script-shell',
    '--fetch-retries',
    '--fetch-timeout',
    '--cafile',
    '--proxy',
    '--https-proxy',
    '--auth-type',
    '--save-prefix',
    '--lockfile-version',
  ]),
  yarn: new Set([
    '--cwd',
    '--modules-folder',
    '--cache-folder',
    '--mutex',
    '--network-timeout',
    '--registry',
    '--global-folder',
    '--link-folder',
    '--use-yarnrc',
  ]),
  gem: new Set([
    '-v',
    '--version',
    '-i',
    '--install-dir',
    '-n',
    '--bindir',
    '-s',
    '--source',
    '--platform',
    '-p',
    '--http-proxy',
    '-P',
    '--trust-policy',
    '-g',
    '--file',
    '--document',
    '--build-root',
    '--target-rbconfig',
    '--config-file',
  ]),
  go: new Set([
    '-C',
    '-p',
    '-asmflags',
    '-buildmode',
    '-compiler',
    '-gccgoflags',
    '-gcflags',
    '-installsuffix',
    '-ldflags',
    '-mod',
    '-modfile',
    '-overlay',
    '-pgo',
    '-pkgdir',
    '-tags',
    '-toolexec',
    '-covermode',
    '-coverpkg',
    '-o',
    '-exec',
  ]),
};

/** `uv pip install` (clap: no abbreviations; several long names differ from pip's). */
const UV_PIP_VALUED: ReadonlySet<string> = new Set([
  '-r',
  '--requirement',
  '--requirements',
  '-c',
  '--constraint',
  '--constraints',
  '--override',
  '--overrides',
  '--exclude',
  '-b',
  '--build-constraint',
  '--build-constraints',
  '-e',
  '--editable',
  '--extra',
  '--group',
  '--index',
  '--default-index',
  '-i',
  '--index-url',
  '--extra-index-url',
  '-f',
  '--find-links',
  '--index-strategy',
  '--keyring-provider',
  '-C',
  '--config-setting',
  '--config-settings',
  '--config-settings-package',
  '--no-build-isolation-package',
  '--no-binary',
  '--only-binary',
  '-p',
  '--python',
  '--python-version',
  '--python-platform',
  '-t',
  '--target',
  '--prefix',
  '--resolution',
  '--prerelease',
  '--fork-strategy',
  '--exclude-newer',
  '--exclude-newer-package',
  '--link-mode',
  '-P',
  '--upgrade-package',
  '--reinstall-package',
  '--refresh-package',
  '--torch-backend',
  '--python-preference',
  '--cache-dir',
  '--color',
  '--config-file',
  '--directory',
  '--project',
  '--allow-insecure-host',
  '--trusted-host',
  '--dependency-metadata',
  '--extra-build-dependencies',
  '--extra-build-variables',
  '--no-sources-package',
]);

/** `pipx install` (its own options, and those it hands to pip). */
const PIPX_VALUED: ReadonlySet<string> = new Set([
  '--suffix',
  '--pip-args',
  '--spec',
  '--preinstall',
  '--backend',
  '--python',
  '--index-url',
  '-i',
  '--editable',
  '-e',
  '--fetch-python',
]);

const PIP = /^pip(\d+(\.\d+)*)?$/;
const PYTHON = /^python(\d+(\.\d+)*)?$/;

/** Which program reads the options: pip itself, `uv pip` or pipx (tool 'pip'), else the tool. */
type Reader = LangTool | 'uv-pip' | 'pipx';

/** The words from the tool on, when the command runs that tool, and which program reads them. */
function toolWords(cmd: RunCommand, tool: LangTool): { words: readonly Word[]; reader: Reader } | undefined {
  const words = effectiveWords(cmd);
  const raw = words[0]?.value;
  if (raw === undefined) return undefined;
  const name = raw.slice(raw.lastIndexOf('/') + 1);
  if (tool !== 'pip') return name === tool ? { words, reader: tool } : undefined;
  if (PIP.test(name)) return { words, reader: 'pip' };
  if (name === 'pipx') return { words, reader: 'pipx' };
  if (name === 'uv' && words[1]?.value === 'pip') return { words: words.slice(1), reader: 'uv-pip' };
  if (PYTHON.test(name)) {
    const m = words.findIndex((w) => w.value === '-m');
    if (m > 0 && PIP.test(words[m + 1]?.value ?? '')) return { words: words.slice(m + 1), reader: 'pip' };
  }
  return undefined;
}

/** The options that take a value, per program that reads them (engine/facts owns these tables). */
const valuedFor = (reader: Reader): ReadonlySet<string> => (reader === 'uv-pip' ? UV_PIP_VALUED : reader === 'pipx' ? PIPX_VALUED : VALUED[reader]);

/** Programs whose short options bundle (`-qU`) and take attached values (`-rrequirements.txt`), getopt-style. */
const BUNDLING: ReadonlySet<Reader> = new Set(['pip', 'uv-pip', 'pipx', 'gem']);

// one version level only, as the pip-install rules have always read it (`pip3.12`)
const PIP_ONLY = /^pip(\d+(\.\d+)?)?$/;
const PYTHON_ONLY = /^python(\d+(\.\d+)?)?$/;

/**
 * `pip install` or `python -m pip install` (pip itself, not pipx or `uv pip`, whose cache and wheel options differ):
 * the command's words and the index of its `install` word, or undefined.
 */
export function pipInstall(cmd: RunCommand): { words: readonly Word[]; install: number } | undefined {
  const words = effectiveWords(cmd);
  const name = commandName(cmd) ?? '';
  let i = -1;
  if (PIP_ONLY.test(name)) i = 1;
  else if (PYTHON_ONLY.test(name)) {
    const m = words.findIndex((w) => w.value === '-m');
    if (m > 0 && PIP_ONLY.test(words[m + 1]?.value ?? '')) i = m + 2;
  }
  if (i < 0) return undefined;
  while (i < words.length && (words[i].value ?? '').startsWith('-')) i++;
  return words[i]?.value === 'install' ? { words, install: i } : undefined;
}
const text = (w: Word) => w.value ?? w.text;

/** pip's long options, its general ones and `pip install`'s (pip 23-25). */
const PIP_LONG_OPTIONS = [
  '--help',
  '--debug',
  '--isolated',
  '--require-virtualenv',
  '--python',
  '--verbose',
  '--version',
  '--quiet',
  '--log',
  '--no-input',
  '--keyring-provider',
  '--proxy',
  '--retries',
  '--resume-retries',
  '--timeout',
  '--exists-action',
  '--trusted-host',
  '--cert',
  '--client-cert',
  '--cache-dir',
  '--no-cache-dir',
  '--disable-pip-version-check',
  '--no-color',
  '--no-python-version-warning',
  '--use-feature',
  '--use-deprecated',
  '--requirement',
  '--constraint',
  '--no-deps',
  '--pre',
  '--editable',
  '--dry-run',
  '--target',
  '--platform',
  '--python-version',
  '--implementation',
  '--abi',
  '--user',
  '--root',
  '--prefix',
  '--src',
  '--upgrade',
  '--upgrade-strategy',
  '--force-reinstall',
  '--ignore-installed',
  '--ignore-requires-python',
  '--no-build-isolation',
  '--use-pep517',
  '--no-use-pep517',
  '--check-build-dependencies',
  '--break-system-packages',
  '--config-settings',
  '--global-option',
  '--install-option',
  '--compile',
  '--no-compile',
  '--no-warn-script-location',
  '--no-warn-conflicts',
  '--no-binary',
  '--only-binary',
  '--prefer-binary',
  '--require-hashes',
  '--progress-bar',
  '--root-user-action',
  '--report',
  '--group',
  '--no-clean',
  '--index-url',
  '--extra-index-url',
  '--no-index',
  '--find-links',
  '--build',
];

/**
 * The pip long option an option word names, spelled out (`--no-cache` is `--no-cache-dir`): pip's option parser
 * accepts any unique prefix of a long option. The word as given when it is no prefix of one, or of several.
 */
export function pipLongOption(name: string): string {
  if (!name.startsWith('--') || PIP_LONG_OPTIONS.includes(name)) return name;
  const matches = PIP_LONG_OPTIONS.filter((o) => o.startsWith(name));
  return matches.length === 1 ? matches[0] : name;
}

/** Reads a command of a language package manager; undefined when the command is not that tool. */
export function toolCall(cmd: RunCommand, tool: LangTool): ToolCall | undefined {
  const found = toolWords(cmd, tool);
  if (!found) return undefined;
  const { words, reader } = found;
  const valued = valuedFor(reader);
  const options: ToolOption[] = [];
  const operands: Word[] = [];
  let sub: Word | undefined;
  for (let i = 1; i < words.length; i++) {
    const t = text(words[i]);
    if (t === '--') break; // the rest is for someone else (gem's build arguments, a script's arguments)
    if (BUNDLING.has(reader) && /^-[A-Za-z]/.test(t) && t.length > 2) {
      // `-qU`, `-rrequirements.txt`, `-qr file`: flags up to the first that takes a value, which takes the rest or the next word
      let j = 1;
      for (; j < t.length; j++) {
        const name = `-${t[j]}`;
        if (!valued.has(name)) {
          options.push({ name, value: undefined, word: words[i] });
          continue;
        }
        const rest = t.slice(j + 1).replace(/^=/, '');
        const takesNext = !rest && i + 1 < words.length;
        options.push({ name, value: rest ? (words[i].value === undefined ? undefined : rest) : takesNext ? words[i + 1].value : undefined, word: words[i] });
        if (takesNext) i++;
        break;
      }
      continue;
    }
    if (t.startsWith('-') && t !== '-') {
      const eq = t.indexOf('=');
      const given = eq > 0 ? t.slice(0, eq) : t;
      // pip's parser accepts any unique prefix of a long option; uv's and pipx's readers are not pip's
      const name = reader === 'pip' ? pipLongOption(given) : given;
      const takesNext = eq < 0 && (valued.has(name) || valued.has(name.replace(/^--/, '-'))) && i + 1 < words.length;
      const value = eq > 0 ? (words[i].value === undefined ? undefined : t.slice(eq + 1)) : takesNext ? words[i + 1].value : undefined;
      options.push({ name, value, word: words[i] });
      if (takesNext) i++;
    } else if (!sub) sub = words[i];
    else operands.push(words[i]);
  }
  return { cmd, words, sub, options, operands };
}

/** Whether any of the option names is given (`--name`, `--name=value`, or a bundled short flag such as `-gU`). */
export function hasToolOption(call: ToolCall, ...names: string[]): boolean {
  return call.options.some(
    (o) => names.includes(o.name) || (/^-[A-Za-z]{2,}$/.test(o.name) && names.some((n) => /^-[A-Za-z]$/.test(n) && o.name.includes(n[1]))),
  );
}

/** The value of the last of these options that is given, if any. */
export const toolOptionValue = (call: ToolCall, ...names: string[]): string | undefined => call.options.filter((o) => names.includes(o.name)).at(-1)?.value;

/** Whether the RUN mounts a cache or tmpfs on a target the test accepts (the cache then never reaches a layer). */
export function cacheMountCovers(ins: Instruction, target: RegExp): boolean {
  return ins.flags.some((f) => {
    if (f.name !== 'mount' || !/(^|,)type=(cache|tmpfs)(,|$)/.test(f.value ?? '')) return false;
    const m = /(?:^|,)(?:target|dst|destination)=([^,]*)/.exec(f.value ?? '');
    return m !== null && target.test(m[1]);
  });
}

/**
 * The value a command sets for a variable on its own line: `NAME=v cmd`, `env NAME=v cmd`, or an earlier
 * `export NAME=v` in the same RUN. Undefined when it does not set it (or sets it from an expansion).
 */
export function inlineEnv(cmd: RunCommand, name: string): string | undefined {
  const valueOf = (words: readonly Word[]) => {
    const w = words.filter((x) => (x.value ?? '').startsWith(`${name}=`)).at(-1);
    return w?.value?.slice(name.length + 1);
  };
  const own = valueOf(cmd.assignments) ?? valueOf(cmd.words.slice(0, cmd.words.length - effectiveWords(cmd).length));
  if (own !== undefined) return own;
  const run = cmd.instruction.run?.commands ?? [];
  const exported = run.slice(0, run.indexOf(cmd)).filter((c) => c.name === 'export' && !c.inSubstitution);
  return exported
    .map((c) => valueOf(c.words.slice(1)))
    .filter((v) => v !== undefined)
    .at(-1);
}

/** npm's names for `install` (its aliases and accepted misspellings); `ci` and its aliases take no package names. */
/**
 * A command that runs the project's scripts or tools, which devDependencies usually provide: `npm run build`,
 * `npm test`, `npx tsc`, `yarn build`, `pnpm run …`, `node_modules/.bin/…`.
 */
export function usesDevDependencies(cmd: RunCommand): boolean {
  const words = effectiveWords(cmd);
  const name = (words[0]?.value ?? '').replace(/^.*\//, '');
  if ((words[0]?.value ?? '').includes('node_modules/.bin/')) return true;
  const sub = words.slice(1).find((w) => !(w.value ?? '').startsWith('-'))?.value ?? '';
  switch (name) {
    case 'npx':
      return true;
    case 'npm':
      return ['run', 'run-script', 'rum', 'urn', 'test', 't', 'tst', 'exec', 'x', 'start', 'stop', 'restart'].includes(sub);
    case 'yarn':
    case 'pnpm':
      // every subcommand but installing, adding and removing runs a script or a tool
      return sub !== '' && !['install', 'i', 'add', 'remove', 'rm', 'ci', 'fetch', 'prune', 'config', 'cache', 'set', 'global'].includes(sub);
    default:
      return false;
  }
}

export const NPM_INSTALL: ReadonlySet<string> = new Set(['install', 'i', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall', 'add']);
export const NPM_CI: ReadonlySet<string> = new Set(['ci', 'clean-install', 'ic', 'install-clean', 'isntall-clean']);

/**
 * `npm install` of the project's package.json (an alias of install, no package names, not global): npm-install-instead-of-ci's
 * finding. Other npm rules leave the command to it; after its fix (`npm ci`) they look at it again.
 */
export function npmProjectInstall(cmd: RunCommand): ToolCall | undefined {
  const call = toolCall(cmd, 'npm');
  if (!call || !NPM_INSTALL.has(call.sub?.value ?? '') || call.operands.length > 0) return undefined;
  return hasToolOption(call, '-g', '--global') || toolOptionValue(call, '--location') === 'global' ? undefined : call;
}
