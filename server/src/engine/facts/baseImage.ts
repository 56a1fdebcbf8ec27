// Which family a stage's base image belongs to: decides how a user is added, which package manager exists, …
import { commandName, runCommands } from './commands';
import { imagePackageManager, type ImageConfig } from './imageConfig';
import { packageToolOs } from './packageManagers';
import { shortName } from '../imageRef';
import { rootBase, stageChain, type Stage } from '../model';

export type BaseFamily = 'debian' | 'alpine' | 'rhel' | 'suse' | 'distroless' | 'scratch' | 'windows' | 'node' | 'dotnet' | 'unknown';

const DEBIAN_NAMES = new Set([
  'debian',
  'ubuntu',
  'buildpack-deps',
  'python',
  'ruby',
  'golang',
  'openjdk',
  'eclipse-temurin',
  'php',
  'perl',
  'rust',
  'gcc',
  'httpd',
  'nginx',
  'postgres',
  'mysql',
  'redis',
  'mongo',
  'wordpress',
  'maven',
  'gradle',
  'haskell',
  'elixir',
  'erlang',
  'julia',
  'r-base',
  'kali-rolling',
  'kalilinux',
  'parrotsec',
]);
const RHEL_NAMES =
  /^(ubi\d*(-minimal|-micro|-init)?|ubi|rhel\d*|fedora|centos|centos-stream|rockylinux|almalinux|amazonlinux|oraclelinux|oraclelinux\d*|photon|mariner|azurelinux|cbl-mariner|clearlinux)$/;

/**
 * The family of a stage's base: from its name, else from what its config says (`config`: the package manager its
 * history uses, its labels) when a registry was asked, else from the stage's own RUN commands.
 */
export function baseFamily(stage: Stage, config?: ImageConfig): BaseFamily {
  const base = rootBase(stage);
  if (base.kind === 'scratch') return familyFromCommands(stage) ?? 'scratch';
  if (base.kind !== 'image') return familyFromCommands(stage) ?? 'unknown';
  const ref = base.ref;
  const name = shortName(ref);
  const tag = ref.tag ?? '';
  const full = `${ref.registry ?? ''}/${ref.path}`;
  if (/distroless/.test(full)) return 'distroless';
  if (/windows|nanoserver|servercore/i.test(full + ':' + tag)) return 'windows';
  if (/mcr\.microsoft\.com\/dotnet\/(aspnet|runtime|runtime-deps|sdk)/.test(full) && /^(\d+)/.test(tag) && Number(/^(\d+)/.exec(tag)![1]) >= 8) {
    return /alpine/.test(tag) ? 'alpine' : 'dotnet';
  }
  if (name === 'node' && !/alpine/.test(tag)) return 'node';
  if (name === 'node') return 'node';
  if (name === 'alpine' || /alpine/.test(tag)) return 'alpine';
  if (RHEL_NAMES.test(name) || /\/(ubi\d*|rhel\d*)[-/]/.test(full) || /^(registry\.access\.redhat\.com|registry\.redhat\.io)$/.test(ref.registry ?? ''))
    return 'rhel';
  if (/suse|\bsle|bci/.test(full)) return 'suse';
  if (DEBIAN_NAMES.has(name)) return 'debian';
  return (config && familyFromConfig(config)) ?? familyFromCommands(stage) ?? 'unknown';
}

const FAMILY_OF_MANAGER = { apt: 'debian', apk: 'alpine', dnf: 'rhel', zypper: 'suse' } as const;

/** What a base's config says of its family: the package manager its history used, its rootfs, its labels. */
const familyFromConfig = (config: ImageConfig): BaseFamily | undefined => {
  const manager = imagePackageManager(config);
  return manager && FAMILY_OF_MANAGER[manager];
};

// Red Hat's images and the distributions rebuilt from the same sources: their /bin/sh is bash (a link to it)
const SH_IS_BASH_NAMES = /^(ubi\d*(-minimal|-micro|-init)?|rhel\d*|fedora|centos|centos-stream|rockylinux|almalinux|amazonlinux|oraclelinux\d*)$/;

/**
 * Whether the base's /bin/sh is known to be bash from its name: the RHEL family (UBI, RHEL, Fedora, CentOS, Rocky,
 * Alma, Amazon Linux, Oracle Linux). A RUN without SHELL then runs in bash. False when the base is not known so.
 */
export function baseShIsBash(stage: Stage): boolean {
  const base = rootBase(stage);
  if (base.kind !== 'image') return false;
  const ref = base.ref;
  return (
    SH_IS_BASH_NAMES.test(shortName(ref)) ||
    /\/(ubi\d*|rhel\d*)[-/]/.test(`${ref.registry ?? ''}/${ref.path}`) ||
    /^(registry\.access\.redhat\.com|registry\.redhat\.io)$/.test(ref.registry ?? '')
  );
}

/** Evidence from the stage chain's own RUN commands, for images we do not know by name. */
function familyFromCommands(stage: Stage): BaseFamily | undefined {
  for (const s of stageChain(stage)) {
    for (const cmd of runCommands(s)) {
      const os = packageToolOs(commandName(cmd));
      if (os) return os;
    }
  }
  return undefined;
}

/** Base images known to run as a non-root user already (distroless :nonroot tags). */
export function baseRunsAsNonRoot(stage: Stage): boolean {
  const base = rootBase(stage);
  return base.kind === 'image' && /distroless/.test(base.ref.path) && /nonroot/.test(base.ref.tag ?? '');
}

/** The language a base image is made for; rule docs may have an example written in it. */
export type BaseLanguage = 'python' | 'node' | 'go' | 'java' | 'ruby' | 'php' | 'dotnet' | 'rust';

const LANGUAGE_NAMES: readonly [RegExp, BaseLanguage][] = [
  [/^(python\d*(\.\d+)?|pypy\d*)(-debian\d+)?$/, 'python'],
  [/^(node|nodejs\d*)(-debian\d+)?$/, 'node'],
  [/^(golang|go)$/, 'go'],
  [/^(openjdk|eclipse-temurin|amazoncorretto|ibmjava|sapmachine|maven|gradle|java\d*)(-debian\d+)?$/, 'java'],
  [/^(ruby|jruby)$/, 'ruby'],
  [/^php$/, 'php'],
  [/^(aspnet|runtime|sdk|runtime-deps)$/, 'dotnet'],
  [/^rust$/, 'rust'],
];

/** What language the stage's base image is for (`python:3.12-slim`, `gcr.io/distroless/nodejs20-debian12`), if its name says so. */
export function baseLanguage(stage: Stage): BaseLanguage | undefined {
  const base = rootBase(stage);
  if (base.kind !== 'image') return undefined;
  const name = shortName(base.ref);
  // .NET's images have generic names (runtime, sdk): only under a dotnet path
  return LANGUAGE_NAMES.find(([pattern, language]) => pattern.test(name) && (language !== 'dotnet' || /\/dotnet\//.test(`/${base.ref.path}/`)))?.[1];
}

/**
 * A base image for a message, as written, with the image it resolves to when that differs (an ARG with a default):
 * "`${BASE_IMAGE}` (`python`)", else "`python:3.12`".
 */
export function imageNamed(base: { text: string; ref?: { raw: string } }): string {
  return base.ref && base.text.includes('$') && base.ref.raw !== base.text ? `\`${base.text}\` (\`${base.ref.raw}\`)` : `\`${base.text}\``;
}
