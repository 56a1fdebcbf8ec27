import { historyCommands } from '../engine/facts/imageConfig';
import { stageImage, type StageImage } from '../engine/facts/stageImage';
import { dropsPrivilegesAtStart, hasPrivilegeDropper, namesDropper, runsAsRoot, userInEffect } from '../engine/facts/user';
import { unquote } from '../engine/model';
import { nonRootUserFix } from '../engine/fix/nonRootUser';
import { defineRule } from '../engine/rule';

/** A base whose history installs a privilege dropper and whose ENTRYPOINT the stage keeps (postgres, redis …). */
const baseDropsPrivileges = (image: StageImage): boolean =>
  image.config !== undefined && image.entrypoint?.origin.from === 'base' && historyCommands(image.config).some(namesDropper);

export default defineRule({
  id: 'final-stage-root-user',
  aliases: [{ tool: 'hadolint', code: 'DL3002', relation: 'inspired' }],
  category: 'security',
  severity: 'warning',
  fixable: 'sometimes',
  checklist: { item: 'non-root' },
  needs: ['registry'],
  docs: {
    what: "Switch the final stage to a non-root user with `USER` before CMD/ENTRYPOINT. Fires when the final stage (or the stage it is built from) never sets USER, or its last USER is root or 0, also through a variable (`ARG UID=0` … `USER $UID`, `USER ${UID:-0}`, `ENV NAME=root` … `USER $NAME`); images that install gosu, su-exec (or setpriv, chpst, runuser, s6-setuidgid, `chroot --userspec`) to drop privileges at start are left alone: without USER, or with `USER root` when an ENTRYPOINT (or a CMD naming the dropper) starts the container. When registries may be asked, the base image's config decides for a stage that never sets USER: silent when its `User` is not root, named in the message when it runs as root.",
    why: "A process running as root inside the container is root on the host's kernel: one exploited bug or mis-mounted volume and the attacker owns files and capabilities far beyond the app. Kubernetes `runAsNonRoot` and many admission policies refuse such images outright.",
    example: 'FROM python:3.12-slim\nCOPY . /app\nCMD ["python", "/app/main.py"]',
    instead:
      'FROM python:3.12-slim\nCOPY . /app\nRUN groupadd --system --gid 10001 app \\\n    && useradd --system --uid 10001 --gid app --no-log-init app\nUSER 10001:10001\nCMD ["python", "/app/main.py"]',
    byLanguage: {
      node: {
        example: 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]',
        instead: 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN chown node:node /app\nUSER node\nCMD ["node", "server.js"]',
      },
    },
    fixSafety:
      "Switches to a user the image already has, when it has one: the owner its files are copied or chowned to (`COPY --chown=977:977` gives `USER 977:977`), else a user its RUNs create, else the one the base ships (`USER node` for node images, `USER nonroot:nonroot` for distroless, `USER 65534:65534` for scratch); otherwise adds one that fits the base (useradd on Debian/Ubuntu/RHEL, adduser on Alpine). The app's own WORKDIR is given to that user (`chown`, not recursive); a system folder never is. Placed before CMD/ENTRYPOINT; in fix-all it comes last. Not offered, and the message says why (editors that support it show the action greyed out with the reason), where the start command manages users itself (gosu, su-exec, setpriv, supervisord, s6-overlay's /init) or the app lives in /root or a system folder. Unsafe: the app then runs without root and may fail to write where it used to, or to bind a port below 1024 (privileged-port-non-root then says so); an entrypoint script that drops privileges itself is not visible in the Dockerfile, so check it before applying. When a registry said what the base is, a user its config or history defines is reused, its family comes from its history when its name says nothing, its WORKDIR is the one given to the user, and an ENTRYPOINT of its that manages users declines the fix.",
  },
  check({ model, registry, platforms, report }) {
    const stage = model.finalStage;
    if (!stage) return;
    const image = stageImage(model, stage, { registry, platforms });
    if (runsAsRoot(model, stage, image) !== true) return;
    const inEffect = userInEffect(model, stage);
    const lastUser = inEffect?.ins;
    const user = inEffect?.user ?? '';
    // `USER $UID` with `ARG UID=0`: say what it comes to, since the line does not show it
    const shown = inEffect && inEffect.resolved !== unquote(inEffect.user) ? `\`${user}\` (that is \`${inEffect.resolved}\`)` : `\`${user}\``;
    // Images built to start as root and drop to a service user in their entrypoint (the official postgres, redis, mongo
    // images) have gosu, su-exec or the like: starting as root is then their design, not an oversight, whether they
    // leave USER unset or say `USER root` to undo a base image's USER.
    if (baseDropsPrivileges(image) || (!lastUser ? hasPrivilegeDropper(stage) : dropsPrivilegesAtStart(model, stage))) return;
    const inFinal = lastUser?.stage === stage;
    const plan = nonRootUserFix(stage, model, image);
    const declined = 'declined' in plan ? ` (no quick fix: ${plan.declined})` : '';
    const fixDeclined = 'declined' in plan ? { title: 'Add non-root user', reason: `Not offered: ${plan.declined}` } : undefined;
    report({
      // the FROM keyword, not the whole line: the image reference there carries findings of its own
      range: lastUser && inFinal ? lastUser.range : stage.from.keywordRange,
      message: lastUser
        ? `The final image runs as ${shown}: a compromise of the app is a compromise as root${declined}`
        : image.base && image.config
          ? `\`${image.base.name}\` runs as root (${image.config.user?.trim() ? `its config says User \`${image.config.user}\`` : 'its config has no User'}) and this stage never sets USER${declined}`
          : `The final stage never sets USER, so the container runs as root${declined}`,
      // without root: ports below 1024 need a capability; the user's RUN is one more layer, and the WORKDIR chown may
      // follow a COPY that could have set the owner itself
      fix: () => ('fix' in plan ? { ...plan.fix, reveals: ['privileged-port-non-root', 'too-many-layers', 'chown-in-separate-layer'] } : undefined),
      fixDeclined,
    });
  },
});
