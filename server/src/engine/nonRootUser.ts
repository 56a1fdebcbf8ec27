// Builds "Add non-root user" for a stage: the user block that fits its base family, placed after the last
// step that needs root and before CMD/ENTRYPOINT.
import { baseFamily, type BaseFamily } from './baseFamily';
import { continued, insertLinesAfter, insertLinesBefore, keyword } from './edits';
import { stageChain, type DockerfileModel, type Instruction, type Stage } from './model';
import type { Fix } from './rule';

/** Fixed ids ≥ 10000: outside the ranges distributions hand out, numeric so Kubernetes runAsNonRoot can verify them. */
export const APP_UID = 10001;
const APP_USER = 'app';

/**
 * The lines to insert. `workdir` is the stage's working directory: the app usually writes there (caches, uploads,
 * SQLite files), so where a shell exists the new user is given that folder.
 */
export function nonRootUserLines(family: BaseFamily, model: DockerfileModel, workdir?: string): string[] {
  const RUN = keyword(model, 'RUN');
  const USER = keyword(model, 'USER');
  const numeric = `${USER} ${APP_UID}:${APP_UID}`;
  const giveWorkdir = workdir && workdir !== '/' && /^\/[\w./-]+$/.test(workdir) ? [`chown ${APP_UID}:${APP_UID} ${workdir}`] : [];
  switch (family) {
    case 'debian':
    case 'rhel':
    case 'suse':
      return [
        `${RUN} ${continued(model, [
          `groupadd --system --gid ${APP_UID} ${APP_USER}`,
          `useradd --system --uid ${APP_UID} --gid ${APP_USER} --no-log-init --create-home --shell /sbin/nologin ${APP_USER}`,
          ...giveWorkdir,
        ])}`,
        numeric,
      ];
    case 'alpine':
      return [
        `${RUN} ${continued(model, [
          `addgroup -S -g ${APP_UID} ${APP_USER}`,
          `adduser -S -D -u ${APP_UID} -G ${APP_USER} -s /sbin/nologin ${APP_USER}`,
          ...giveWorkdir,
        ])}`,
        numeric,
      ];
    case 'node':
      // the official node images ship this user (uid 1000); like the app user above, it is given the working directory
      return [...giveWorkdir.map(() => `${RUN} chown node:node ${workdir}`), `${USER} node`];
    case 'dotnet':
      return [`${USER} $APP_UID`]; // .NET 8+ images define the "app" user and export its uid as APP_UID
    case 'distroless':
      return [`${USER} nonroot:nonroot`]; // no shell to run useradd; distroless ships nonroot (65532)
    case 'scratch':
      return [`${USER} 65534:65534`]; // nobody:nogroup; scratch has no /etc/passwd, so only numeric ids work
    case 'windows':
      return [`${USER} ContainerUser`];
    case 'unknown':
      return [numeric]; // a numeric id needs no /etc/passwd entry; we do not guess a useradd for an unknown base
  }
}

const RUNTIME_ONLY = new Set(['CMD', 'ENTRYPOINT', 'HEALTHCHECK', 'EXPOSE', 'STOPSIGNAL', 'LABEL', 'VOLUME']);

/** The fix, or undefined when the stage gives no safe place for the block. */
export function addNonRootUser(stage: Stage, model: DockerfileModel): Fix | undefined {
  const family = baseFamily(stage);
  const lines = nonRootUserLines(family, model, workdirOf(stage));
  const own = stage.instructions.filter((i) => !i.onbuild && i !== stage.from);
  // after the last step that may need root (RUN, COPY, ADD, USER …); before the runtime-only tail
  let anchor: Instruction = stage.from;
  for (const ins of own) if (!RUNTIME_ONLY.has(ins.keyword)) anchor = ins;
  const firstTail = own.find((i) => i.range.start.line > anchor.range.end.line && RUNTIME_ONLY.has(i.keyword));
  const edit = firstTail ? insertLinesBefore(model, firstTail, lines) : insertLinesAfter(model, anchor, lines);
  return {
    title: `Add non-root user${familyLabel(family)}`,
    safe: false,
    edits: [edit],
    // it reads the stage's WORKDIR and users: in fix-all, after the fixes that add a WORKDIR or move lines
    appliesLast: true,
    // without root: ports below 1024 need a capability; the user's RUN is one more layer, and the WORKDIR chown may
    // follow a COPY that could have set the owner itself
    reveals: ['privileged-port-non-root', 'too-many-layers', 'chown-in-separate-layer'],
  };
}

/** The stage's working directory when it is a plain absolute path (the last WORKDIR of the stage or its bases). */
function workdirOf(stage: Stage): string | undefined {
  for (const s of stageChain(stage)) {
    const w = [...s.instructions].reverse().find((i) => i.keyword === 'WORKDIR' && !i.onbuild);
    if (w) return w.args[0]?.value;
  }
  return undefined;
}

/** How the title names the user the fix adds (no parentheses: the editor may add "(changes behaviour)"). */
function familyLabel(family: BaseFamily): string {
  switch (family) {
    case 'debian': return ' for Debian/Ubuntu';
    case 'rhel': return ' for RHEL/Fedora';
    case 'suse': return ' for SUSE';
    case 'alpine': return ' for Alpine';
    case 'node': return ": the node image's node user";
    case 'dotnet': return ": the .NET image's app user";
    case 'distroless': return ": distroless's nonroot";
    case 'scratch': return ': numeric 65534 for scratch';
    case 'windows': return ': ContainerUser';
    case 'unknown': return `: numeric UID ${APP_UID}`;
  }
}
