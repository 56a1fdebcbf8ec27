// Builds "Add non-root user" for a stage: a user the image already has (the owner its files are copied with, one its
// RUNs create, the one its base ships) or a new one that fits its base family, placed after the last step that needs
// root and before CMD/ENTRYPOINT, with the app's own WORKDIR given to it. Declined, with the reason, where the start
// command manages users itself or the app lives where another user cannot go.
import { baseFamily, type BaseFamily } from '../facts/baseImage';
import { commandName, effectiveWords, runCommands } from '../facts/commands';
import { continued, insertLinesAfter, insertLinesBefore, keyword } from './edits';
import { isUnderBaseWorkdir, stageChain, workdirAt, type DockerfileModel, type Instruction, type Stage } from '../model';
import type { Fix } from '../rule';
import { startInstructions } from '../facts/runtime';
import { historyUser, userIsRoot } from '../facts/imageConfig';
import type { StageImage } from '../facts/stageImage';

/** Fixed ids ≥ 10000: outside the ranges distributions hand out, numeric so Kubernetes runAsNonRoot can verify them. */
export const APP_UID = 10001;
const APP_USER = 'app';

/**
 * Folders of the OS layout, never given to the app's user: the top level (but /srv and /opt, empty and meant for the
 * site's own data and software), anything in /etc, the folders directly in /usr and /usr/local, and /var's own.
 * Deeper folders (/usr/src/app, /var/www/html, /opt/svc) are the app's.
 */
const SYSTEM_FOLDER =
  /^\/(root|home|etc(\/.*)?|bin|sbin|lib\w*|usr|usr\/(local\/)?[^/]+|var|var\/(lib|cache|log|tmp|spool|mail|opt|local|backups|run|lock)|tmp|run|boot|dev|proc|sys|mnt|media)\/?$/;
/** Everyone may write there (mode 1777): nothing to give. */
const WORLD_WRITABLE = /^\/(tmp|var\/tmp|dev\/shm)\/?$/;

/** Start commands that manage users themselves: they start as root and run the app as another user. */
const USER_MANAGERS: readonly [RegExp, string][] = [
  [/^(gosu|su-exec|setpriv|chpst|runuser|su|s6-setuidgid|setuidgid)$/, 'drops privileges itself'],
  [/^supervisord$/, 'starts as root and runs each program as the `user=` of its config'],
  [/^(init|s6-svscan|runsvdir)$/, 'is a service supervisor (s6-overlay, runit) that starts as root and runs each service as its own user'],
];

/** The shell family's lines: a new user, or the chown that gives an existing one the app's folder. */
function newUserLines(family: BaseFamily, model: DockerfileModel, give: string[]): string[] | undefined {
  const RUN = keyword(model, 'RUN');
  const USER = keyword(model, 'USER');
  const numeric = `${USER} ${APP_UID}:${APP_UID}`;
  const chown = give.map((w) => `chown ${APP_UID}:${APP_UID} ${w}`);
  switch (family) {
    case 'debian':
    case 'rhel':
    case 'suse':
      return [
        `${RUN} ${continued(model, [
          `groupadd --system --gid ${APP_UID} ${APP_USER}`,
          `useradd --system --uid ${APP_UID} --gid ${APP_USER} --no-log-init --create-home --shell /sbin/nologin ${APP_USER}`,
          ...chown,
        ])}`,
        numeric,
      ];
    case 'alpine':
      return [
        `${RUN} ${continued(model, [`addgroup -S -g ${APP_UID} ${APP_USER}`, `adduser -S -D -u ${APP_UID} -G ${APP_USER} -s /sbin/nologin ${APP_USER}`, ...chown])}`,
        numeric,
      ];
    default:
      return undefined;
  }
}

/** The user the base image ships, for families that have one (no shell to add a user in distroless and scratch). */
function shippedUser(family: BaseFamily): { user: string; shell: boolean } | undefined {
  switch (family) {
    case 'node':
      return { user: 'node', shell: true }; // the official node images ship it (uid 1000)
    case 'dotnet':
      return { user: '$APP_UID', shell: true }; // .NET 8+ images define "app" and export its uid as APP_UID
    case 'distroless':
      return { user: 'nonroot:nonroot', shell: false }; // 65532
    case 'scratch':
      return { user: '65534:65534', shell: false }; // nobody:nogroup; no /etc/passwd, so only numeric ids work
    case 'windows':
      return { user: 'ContainerUser', shell: false };
    case 'unknown':
      return { user: `${APP_UID}:${APP_UID}`, shell: false }; // a numeric id needs no /etc/passwd entry; no useradd guessed
    default:
      return undefined;
  }
}

interface CreatedUser {
  name: string;
  uid?: string;
  gid?: string;
}

/** A value option of useradd/adduser/groupadd/addgroup (`-u 977`, `--uid=977`, `--uid 977`). */
function optionValue(words: readonly string[], names: readonly string[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    for (const n of names) {
      if (words[i] === n) return words[i + 1];
      if (n.startsWith('--') && words[i].startsWith(`${n}=`)) return words[i].slice(n.length + 1);
    }
  }
  return undefined;
}

/** Users the stage chain's RUNs create (useradd, adduser), with their numeric ids where the command gives them. */
function createdUsers(chain: readonly Stage[]): CreatedUser[] {
  const groups = new Map<string, string>();
  const users: CreatedUser[] = [];
  for (const s of [...chain].reverse()) {
    for (const cmd of runCommands(s)) {
      const name = commandName(cmd);
      const words = effectiveWords(cmd).map((w) => w.value ?? '');
      const last = words.at(-1) ?? '';
      if (!/^[a-z_][a-z0-9_.-]*\$?$/i.test(last) || words.length < 2) continue;
      if (name === 'groupadd' || name === 'addgroup') {
        const gid = optionValue(words, ['-g', '--gid']);
        if (gid) groups.set(last, gid);
      } else if (name === 'useradd' || name === 'adduser') {
        const uid = optionValue(words, ['-u', '--uid']);
        const group = optionValue(words, ['-g', '--gid', '-G', '--ingroup']);
        users.push({ name: last, uid, gid: group && (/^\d+$/.test(group) ? group : groups.get(group)) });
      }
    }
  }
  return users;
}

/** The non-root owner the stage chain gives its files: `COPY/ADD --chown=x[:y]`, `RUN chown x[:y] …` (the last one). */
function fileOwner(chain: readonly Stage[]): string | undefined {
  let owner: string | undefined;
  for (const s of [...chain].reverse()) {
    for (const ins of s.instructions) {
      if (ins.onbuild) continue;
      if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
        const v = ins.flags.find((f) => f.name === 'chown')?.value;
        if (v) owner = v;
      }
      for (const cmd of ins.run?.commands ?? []) {
        if (commandName(cmd) !== 'chown') continue;
        const spec = effectiveWords(cmd)
          .slice(1)
          .map((w) => w.value ?? '$')
          .find((w) => !w.startsWith('-'));
        if (spec) owner = spec;
      }
    }
  }
  if (!owner || owner.includes('$') || /^(root|0)(:|$)/.test(owner)) return undefined;
  // a numeric owner without a group: Docker gives the same number as the group
  return /^\d+$/.test(owner) ? `${owner}:${owner}` : owner;
}

/** The stage's working directory where the file says which it is (workdirAt: variables expanded, relative paths joined). */
function workdirOf(model: DockerfileModel, stage: Stage): string | undefined {
  const workdir = workdirAt(model, stage);
  return workdir === undefined || isUnderBaseWorkdir(workdir) ? undefined : workdir;
}

/** A word of a CMD/ENTRYPOINT line without the JSON quotes, brackets and commas around it. */
function trimPunctuation(word: string): string {
  const edge = (c: string | undefined) => c !== undefined && `"'[],`.includes(c);
  let start = 0;
  let end = word.length;
  while (start < end && edge(word[start])) start++;
  while (end > start && edge(word[end - 1])) end--;
  return word.slice(start, end);
}

/** Why the start command needs root: it manages users itself (an ENTRYPOINT the base image declares included). */
function userManager(model: DockerfileModel, image: StageImage | undefined): string | undefined {
  const { entrypoint, cmd } = startInstructions(model);
  const starts: [string, string[]][] = [];
  for (const ins of [entrypoint, cmd]) {
    if (!ins) continue;
    starts.push([
      `its ${ins.keyword}`,
      ins.isJsonForm
        ? ins.args.map((a) => a.value ?? '')
        : model.text.slice(model.lines.offsetAt((ins.argumentsRange ?? ins.range).start), model.lines.offsetAt(ins.range.end)).split(/[\s;&|]+/),
    ]);
  }
  if (image?.entrypoint?.origin.from === 'base') starts.push(['the ENTRYPOINT of its base image', [...image.entrypoint.value]]);
  for (const [what, words] of starts) {
    for (const w of words) {
      const name = trimPunctuation(w);
      const base = name.slice(name.lastIndexOf('/') + 1);
      for (const [re, does] of USER_MANAGERS) {
        if (re.test(base) && (base !== 'init' || name === '/init')) return `${what} runs \`${base === 'init' ? '/init' : base}\`, which ${does}`;
      }
    }
  }
  return undefined;
}

/**
 * A non-root user the base image defines, when a registry said what it is: the User its config runs as (a stage that
 * switched to root goes back to it), else the last user its history creates (useradd/adduser).
 */
function baseUser(image: StageImage | undefined): string | undefined {
  const config = image?.config;
  if (!config) return undefined;
  if (config.user && !userIsRoot(config.user)) return config.user;
  return historyUser(config);
}

/** Where the app's files sit where no other user can read them: root's home. */
function appInRootHome(stage: Stage, workdir: string | undefined): string | undefined {
  if (workdir && /^\/root(\/|$)/.test(workdir))
    return `its WORKDIR is ${workdir}, in root's home (mode 700), which another user cannot enter: give the app a folder of its own (e.g. WORKDIR /app) first`;
  for (const s of stageChain(stage)) {
    for (const ins of s.instructions) {
      if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || ins.onbuild) continue;
      const dest = ins.args.at(-1)?.value ?? '';
      if (/^\/root(\/|$)/.test(dest))
        return `it copies files to ${dest}, in root's home (mode 700), which another user cannot enter: copy them to a folder of their own (e.g. /app) first`;
    }
  }
  return undefined;
}

const RUNTIME_ONLY = new Set(['CMD', 'ENTRYPOINT', 'HEALTHCHECK', 'EXPOSE', 'STOPSIGNAL', 'LABEL', 'VOLUME']);

/**
 * The fix, or why there is none (the reason the finding's message gives). With what a registry said about the base
 * (`image`): its family from its history when its name says nothing, a user it defines, its working directory, and an
 * ENTRYPOINT of its that manages users.
 */
export function nonRootUserFix(stage: Stage, model: DockerfileModel, image?: StageImage): { fix: Fix } | { declined: string } {
  const manager = userManager(model, image);
  if (manager) return { declined: `${manager}: switching to another user first would break it` };
  const workdir = image?.workdir?.value ?? workdirOf(model, stage);
  const rootHome = appInRootHome(stage, workdir);
  if (rootHome) return { declined: rootHome };
  const family = baseFamily(stage, image?.config);
  // the app's folder goes to the user (it usually writes there: caches, uploads, SQLite files); system folders never do
  const appFolder = workdir && workdir !== '/' && /^\/[\w./-]+$/.test(workdir) && !WORLD_WRITABLE.test(workdir) ? workdir : undefined;
  if (appFolder && SYSTEM_FOLDER.test(appFolder))
    return {
      declined: `its WORKDIR ${appFolder} is a system folder, which the fix never gives to the app's user: give the app a folder of its own (e.g. WORKDIR /app) first`,
    };
  const chain = stageChain(stage);
  const USER = keyword(model, 'USER');
  const RUN = keyword(model, 'RUN');
  const shell = family === 'debian' || family === 'rhel' || family === 'suse' || family === 'alpine' || shippedUser(family)?.shell === true;
  // a user the image already has: the owner of its files, else one its RUNs create and never switch to, else one its
  // base defines (when a registry said)
  const created = createdUsers(chain).at(-1);
  const owner = fileOwner(chain) ?? (created && (created.uid && created.gid ? `${created.uid}:${created.gid}` : created.name));
  const inherited = owner ? undefined : baseUser(image);
  let lines: string[] | undefined;
  let label: string;
  if (owner) {
    lines = [...(appFolder && shell ? [`${RUN} chown ${owner} ${appFolder}`] : []), `${USER} ${owner}`];
    label = `: the image's user ${owner}`;
  } else if (inherited) {
    // the chown needs /bin/sh: a known family's, or one the stage's own shell-form RUNs already use
    const hasShell = shell || chain.some((s) => s.instructions.some((i) => i.keyword === 'RUN' && !i.onbuild && !i.isJsonForm));
    lines = [...(appFolder && hasShell && /^[\w.:-]+$/.test(inherited) ? [`${RUN} chown ${inherited} ${appFolder}`] : []), `${USER} ${inherited}`];
    label = `: the base image's user ${inherited}`;
  } else {
    const shipped = shippedUser(family);
    if (shipped) {
      lines = [
        ...(appFolder && shipped.shell && !shipped.user.includes('$') ? [`${RUN} chown ${shipped.user}:${shipped.user.split(':')[0]} ${appFolder}`] : []),
        `${USER} ${shipped.user}`,
      ];
      label = familyLabel(family);
    } else {
      lines = newUserLines(family, model, appFolder ? [appFolder] : []);
      label = familyLabel(family);
    }
  }
  if (!lines) return { declined: 'no user block is known for this base' };
  const own = stage.instructions.filter((i) => !i.onbuild && i !== stage.from);
  // after the last step that may need root (RUN, COPY, ADD, USER …); before the runtime-only tail
  let anchor: Instruction = stage.from;
  for (const ins of own) if (!RUNTIME_ONLY.has(ins.keyword)) anchor = ins;
  const firstTail = own.find((i) => i.range.start.line > anchor.range.end.line && RUNTIME_ONLY.has(i.keyword));
  const edit = firstTail ? insertLinesBefore(model, firstTail, lines) : insertLinesAfter(model, anchor, lines);
  return {
    fix: {
      title: `Add non-root user${label}`,
      safe: false,
      edits: [edit],
      // it reads the stage's WORKDIR and users: in fix-all, after the fixes that add a WORKDIR or move lines
      appliesLast: true,
    },
  };
}

/** The fix, or undefined when the stage gives no safe place or way for it (see nonRootUserFix for the reason). */
export function addNonRootUser(stage: Stage, model: DockerfileModel, image?: StageImage): Fix | undefined {
  const plan = nonRootUserFix(stage, model, image);
  return 'fix' in plan ? plan.fix : undefined;
}

/** How the title names the user the fix switches to (no parentheses: the editor may add "(changes behaviour)"). */
function familyLabel(family: BaseFamily): string {
  switch (family) {
    case 'debian':
      return ' for Debian/Ubuntu';
    case 'rhel':
      return ' for RHEL/Fedora';
    case 'suse':
      return ' for SUSE';
    case 'alpine':
      return ' for Alpine';
    case 'node':
      return ": the node image's node user";
    case 'dotnet':
      return ": the .NET image's app user";
    case 'distroless':
      return ": distroless's nonroot";
    case 'scratch':
      return ': numeric 65534 for scratch';
    case 'windows':
      return ': ContainerUser';
    case 'unknown':
      return `: numeric UID ${APP_UID}`;
  }
}
