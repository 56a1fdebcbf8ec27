// What a registry says about a base image (its config blob and manifest, read by registry/), and what that implies:
// which package manager built it, whether curl/wget/bash are installed, whether /bin/sh is bash, whether its
// ENTRYPOINT starts an init. Pure: the host fetched the facts beforehand; this file only reads them.

/** HEALTHCHECK as a Docker-format config holds it (`Test[0]` is NONE, CMD or CMD-SHELL); durations in nanoseconds. */
export interface ImageHealthcheck {
  readonly test: readonly string[];
  readonly intervalNs?: number;
  readonly timeoutNs?: number;
  readonly startPeriodNs?: number;
  readonly retries?: number;
}

/** One step of the image's history: how a layer (or a config change) was made. */
export interface ImageHistoryStep {
  /** `/bin/sh -c apt-get update && apt-get install -y curl`, `ENV PATH=…`, `# debian.sh …` (shortened when huge) */
  readonly createdBy: string;
  /** a step that changed the config only (ENV, USER …) */
  readonly emptyLayer: boolean;
}

/** The runtime config of one platform of an image: what a stage built FROM it inherits. */
export interface ImageConfig {
  /** `User` as written ("", "root", "10001:10001", "node"); undefined when the config has none (root) */
  readonly user: string | undefined;
  /** "8080/tcp", "53/udp" */
  readonly exposedPorts: readonly string[];
  /** name, value in order */
  readonly env: readonly (readonly [string, string])[];
  readonly entrypoint: readonly string[] | undefined;
  readonly cmd: readonly string[] | undefined;
  readonly workingDir: string | undefined;
  /** Docker format only (OCI configs have no Healthcheck) */
  readonly healthcheck: ImageHealthcheck | undefined;
  /** SHELL (Docker format only): what RUN lines of a stage built FROM it run with */
  readonly shell: readonly string[] | undefined;
  readonly stopSignal: string | undefined;
  readonly labels: Readonly<Record<string, string>>;
  readonly os: string | undefined;
  readonly architecture: string | undefined;
  readonly variant: string | undefined;
  readonly history: readonly ImageHistoryStep[];
}

/** A base image as a registry described it, for one platform. */
export interface ImageFacts {
  /** docker.io/library/python:3.12-slim (or …@sha256: for a reference by digest) */
  readonly name: string;
  /** the digest the reference names (the index's for a multi-platform image) */
  readonly digest: string;
  /**
   * the platforms the image offers: the entries of its index ("linux/amd64", "linux/arm64/v8"), or the one
   * platform of a single-platform image (from its config; empty when the config does not say)
   */
  readonly platforms: readonly string[];
  /** whether `platforms` comes from an index (a multi-platform image) */
  readonly multiPlatform: boolean;
  /** the platform `config` and `compressedSize` are for; undefined when the image does not offer the one asked */
  readonly platform: string | undefined;
  /** sum of the compressed layers of that platform, in bytes */
  readonly compressedSize: number | undefined;
  /** undefined when the image does not offer the platform asked */
  readonly config: ImageConfig | undefined;
}

/** "linux/arm64" matches "linux/arm64/v8": the variant only narrows. */
export const samePlatform = (a: string, b: string): boolean => {
  const [ao, aa, av] = a.toLowerCase().split('/');
  const [bo, ba, bv] = b.toLowerCase().split('/');
  return ao === bo && aa === ba && (!av || !bv || av === bv);
};

/** Whether a config's User runs as root: none, "", root or uid 0 (a group after the colon does not matter). */
export const userIsRoot = (user: string | undefined): boolean => {
  const who = (user ?? '').trim().split(':')[0];
  return who === '' || who === 'root' || who === '0';
};

/** The value of an environment variable the image sets. */
export const imageEnv = (config: ImageConfig, name: string): string | undefined => {
  let value: string | undefined;
  for (const [n, v] of config.env) if (n === name) value = v;
  return value;
};

/** The shell commands of the history (RUN steps), without the `/bin/sh -c` and `#(nop)` wrappers; config-only steps left out. */
export function historyCommands(config: ImageConfig): string[] {
  const out: string[] = [];
  for (const step of config.history) {
    let text = step.createdBy.trim();
    if (/^\/bin\/sh -c #\(nop\)/.test(text)) continue; // Docker's legacy builder: ENV, COPY, CMD … (no shell ran)
    text = text.replace(/^(?:RUN )?(?:\|\d+ (?:[^\s=]+=\S* )*)?(?:\/bin\/(?:ba)?sh -c |\/bin\/sh -o pipefail -c |cmd \/S \/C |powershell -Command )/, '');
    if (/^(ENV|LABEL|ARG|USER|WORKDIR|EXPOSE|CMD|ENTRYPOINT|HEALTHCHECK|SHELL|STOPSIGNAL|VOLUME|ONBUILD|COPY|ADD) /.test(text)) continue; // BuildKit's history
    if (text.startsWith('#') || !text) continue; // a note such as "# debian.sh --arch amd64 …" (the rootfs tarball)
    out.push(text.replace(/ # buildkit$/, ''));
  }
  return out;
}

const INSTALLERS = /(?:^|[\s;&|(])(?:apt-get|apt|aptitude|apk|dnf|yum|microdnf|tdnf|zypper|pacman)\b([^;&|]*)/g;
const INSTALL_VERBS = /\b(install|add|in|-S|-Sy|-Syu)\b/;

/** Package names a history command hands to a package manager's install (apt-get install -y curl …). */
function installedPackages(command: string): string[] {
  const names: string[] = [];
  for (const m of command.replace(/\\\n/g, ' ').matchAll(INSTALLERS)) {
    const args = m[1];
    if (!INSTALL_VERBS.test(args)) continue;
    for (const word of args.split(/\s+/)) {
      if (!word || word.startsWith('-') || word.startsWith('$')) continue;
      const bare = word.replace(/^['"]|['"]$/g, '');
      const version = bare.search(/[=<>~]/);
      names.push(version === -1 ? bare : bare.slice(0, version));
    }
  }
  return names;
}

// Removing packages: by name, or wholesale (apt-mark auto + autoremove, apk's virtual packages): what a step installs
// to build something (python's images install wget to fetch the sources) and removes again.
const REMOVES =
  /(?:^|[\s;&|(])(?:(?:apt-get|apt|aptitude)\s+(?:-\S+\s+)*(?:purge|remove|autoremove)|apt-mark\s+auto|apk\s+(?:-\S+\s+)*del|(?:dnf|yum|microdnf|tdnf)\s+(?:-\S+\s+)*(?:remove|erase|autoremove)|zypper\s+(?:-\S+\s+)*(?:rm|remove)|--auto-remove)\b/;

/**
 * Whether the base's history installs `tool` (curl, wget, bash …) with a package manager and keeps it: a step that
 * also removes packages (the build-dependency dance) does not count, nor a later step that names it in a removal.
 */
export function historyInstalls(config: ImageConfig, tool: string): boolean {
  let kept = false;
  for (const c of historyCommands(config)) {
    const removes = REMOVES.test(c);
    if (installedPackages(c).includes(tool)) kept = !removes;
    else if (removes && new RegExp(`(^|\\s)${tool.replace(/[.+]/g, '\\$&')}(\\s|$|;)`).test(c)) kept = false;
  }
  return kept;
}

export type PackageManagerName = 'apt' | 'apk' | 'dnf' | 'zypper';

/**
 * The package manager the base was built with: the one its history uses (the last one wins: a multi-stage base ends
 * with its final steps), else what its first layer (the OS tarball) or its labels say.
 */
export function imagePackageManager(config: ImageConfig): PackageManagerName | undefined {
  let found: PackageManagerName | undefined;
  for (const c of historyCommands(config)) {
    if (/(?:^|[\s;&|(])(?:apt-get|apt|dpkg)\s/.test(c)) found = 'apt';
    else if (/(?:^|[\s;&|(])apk\s+(add|update|upgrade|del|info)\b/.test(c)) found = 'apk';
    else if (/(?:^|[\s;&|(])(?:dnf|yum|microdnf|tdnf)\s/.test(c)) found = 'dnf';
    else if (/(?:^|[\s;&|(])zypper\s/.test(c)) found = 'zypper';
  }
  if (found) return found;
  const all = config.history.map((s) => s.createdBy).join('\n');
  if (/alpine-minirootfs|alpine-make-rootfs/.test(all)) return 'apk';
  if (/debian\.sh|debuerreotype/.test(all)) return 'apt';
  const label = (name: string) => config.labels[name]?.toLowerCase() ?? '';
  const refName = label('org.opencontainers.image.ref.name');
  if (refName === 'ubuntu' || refName === 'debian') return 'apt';
  if (
    /red hat|rockylinux|almalinux|centos|fedora|oracle/.test(`${label('vendor')} ${label('com.redhat.component')} ${label('org.opencontainers.image.vendor')}`)
  )
    return 'dnf';
  return undefined;
}

/**
 * Whether /bin/sh is bash in the base: a RHEL-family base (its /bin/sh is bash), or one whose history links it so.
 * Debian's /bin/sh is dash, Alpine's busybox ash: RUN lines there are checked as POSIX sh.
 */
export function shIsBash(config: ImageConfig): boolean {
  if (historyCommands(config).some((c) => /\bln\s+(?:-[a-zA-Z]+\s+)*(?:(?:\/usr)?\/bin\/)?bash\s+\/bin\/sh\b/.test(c))) return true;
  return imagePackageManager(config) === 'dnf';
}

/** A user the base creates in its history (useradd/adduser) other than root: `node`, `app` … (the last one). */
export function historyUser(config: ImageConfig): string | undefined {
  let user: string | undefined;
  for (const c of historyCommands(config)) {
    for (const m of c.matchAll(/(?:^|[\s;&|(])(useradd|adduser)\b([^;&|]*)/g)) {
      const words = m[2].trim().split(/\s+/).filter(Boolean);
      const name = words
        .filter(
          (w, i) =>
            !w.startsWith('-') &&
            !(i > 0 && /^-(u|g|G|s|d|h|c|k|K|p|e|f|-uid|-gid|-shell|-home|-home-dir|-comment|-groups|-ingroup|-gecos|-password)$/.test(words[i - 1])),
        )
        .pop();
      if (name && /^[a-z_][a-z0-9_-]*\$?$/i.test(name) && name !== 'root') user = name;
    }
  }
  return user;
}

/** Programs that reap zombies and forward signals when they are PID 1. */
const INITS = /^(tini|tini-static|dumb-init|catatonit|s6-svscan|init|my_init|runsvdir|runit|supervisord|systemd|docker-init|pid1)$/;

/** Whether a program (its name, as `programName` gives it) is an init: PID 1 duty done for the app. */
export const isInitProgram = (program: string): boolean => INITS.test(program);

/** The init an ENTRYPOINT starts (tini, dumb-init, s6-overlay's /init …), or undefined. */
export function initOf(entrypoint: readonly string[] | undefined): string | undefined {
  const first = entrypoint?.[0];
  if (!first) return undefined;
  if (first === '/init') return 's6-overlay /init';
  const program = first.slice(first.lastIndexOf('/') + 1);
  return isInitProgram(program) ? program : undefined;
}

/**
 * Whether the init an ENTRYPOINT starts passes signals to every process of its group, so a shell between it and the
 * app does not swallow SIGTERM: dumb-init (setsid mode, its default), s6-overlay and phusion's my_init; tini and
 * catatonit only with `-g` (tini also with TINI_KILL_PROCESS_GROUP set).
 */
export function initSignalsGroup(entrypoint: readonly string[], env: (name: string) => string | undefined): boolean {
  const init = initOf(entrypoint);
  if (!init) return false;
  if (init === 'dumb-init') return !entrypoint.includes('--single-child') && !entrypoint.includes('-c');
  if (init === 's6-overlay /init' || init === 'my_init') return true;
  if (/^(tini|tini-static|docker-init|catatonit)$/.test(init)) {
    const flags = entrypoint.slice(1, entrypoint.indexOf('--') === -1 ? undefined : entrypoint.indexOf('--'));
    return flags.some((f) => /^-[a-zA-Z]*g/.test(f)) || (init !== 'catatonit' && !!env('TINI_KILL_PROCESS_GROUP'));
  }
  return false;
}

/** What a registry says about an image, written by hand: rule docs' examples and tests ("python:3.12-slim" -> this). */
export interface ImageAnswer {
  readonly user?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly exposedPorts?: readonly string[];
  readonly entrypoint?: readonly string[];
  readonly cmd?: readonly string[];
  readonly workingDir?: string;
  /** Docker's form: ["CMD", "curl", …], ["CMD-SHELL", "…"] or ["NONE"] */
  readonly healthcheck?: readonly string[];
  readonly labels?: Readonly<Record<string, string>>;
  /** created_by of each step */
  readonly history?: readonly string[];
  /** the platforms of its index; one platform (linux/amd64) when not given */
  readonly platforms?: readonly string[];
  /** compressed size of each platform's layers, in bytes */
  readonly compressedSize?: number;
}

/** The facts a registry would give for an answered image on `platform`. */
export function factsFromAnswer(name: string, a: ImageAnswer, platform: string): ImageFacts {
  const platforms = a.platforms ?? ['linux/amd64'];
  const offered = platforms.find((p) => p === platform) ?? platforms.find((p) => samePlatform(p, platform));
  const [os, architecture, variant] = (offered ?? '').split('/');
  const config: ImageConfig | undefined =
    offered === undefined
      ? undefined
      : {
          user: a.user,
          exposedPorts: a.exposedPorts ?? [],
          env: Object.entries(a.env ?? {}),
          entrypoint: a.entrypoint,
          cmd: a.cmd,
          workingDir: a.workingDir,
          healthcheck: a.healthcheck ? { test: a.healthcheck } : undefined,
          shell: undefined,
          stopSignal: undefined,
          labels: a.labels ?? {},
          os,
          architecture,
          variant,
          history: (a.history ?? []).map((createdBy) => ({ createdBy, emptyLayer: false })),
        };
  return {
    name,
    digest: `sha256:${'0'.repeat(64)}`,
    platforms,
    multiPlatform: platforms.length > 1,
    platform: offered,
    compressedSize: offered === undefined ? undefined : a.compressedSize,
    config,
  };
}

/** 42.0 MB, 1.2 GB: sizes in messages and the hover (1 KB = 1024 B). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}
