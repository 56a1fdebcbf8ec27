// Who the image runs as: the one reading of "runs as root" for the rules and fixes that care.
import { expandAt, stageChain, unquote, userAt, type DockerfileModel, type Instruction, type Stage } from '../model';
import { baseRunsAsNonRoot } from './baseImage';
import { userIsRoot } from './imageConfig';
import type { StageImage } from './stageImage';
import { runCommands } from './commands';
import { startInstructions } from './runtime';

/** Programs that start as root and run the app as another user: an entrypoint drops privileges with them. */
const PRIVILEGE_DROPPER = /\b(gosu|su-exec|setpriv|chpst|runuser|s6-setuidgid|setuidgid)\b/;

/** The text names a privilege dropper (a package, a download URL, a path, a command) or `chroot --userspec`. */
export const namesDropper = (text: string): boolean => PRIVILEGE_DROPPER.test(text) || (/\bchroot\b/.test(text) && text.includes('--userspec'));

/**
 * The image has a program that drops privileges: a RUN of the stage (or a stage it is built FROM) installs, fetches
 * or runs gosu, su-exec, setpriv, chpst, runuser, s6-setuidgid or `chroot --userspec`, or a COPY/ADD brings one in.
 */
export function hasPrivilegeDropper(stage: Stage): boolean {
  return stageChain(stage).some(
    (s) =>
      runCommands(s).some((c) => namesDropper(c.words.map((w) => w.text).join(' '))) ||
      s.instructions.some((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && namesDropper(i.args.map((a) => a.text).join(' '))),
  );
}

/**
 * The image starts as root on purpose and drops privileges at start: its CMD/ENTRYPOINT names a privilege dropper, or
 * it has one and an ENTRYPOINT (usually a script the Dockerfile cannot show) that can use it.
 */
export function dropsPrivilegesAtStart(model: DockerfileModel, stage: Stage): boolean {
  const { entrypoint, cmd } = startInstructions(model);
  const text = (ins: typeof cmd) => ins?.args.map((a) => a.text).join(' ') ?? '';
  // the start command names the dropper itself (`CMD ["gosu", "app", …]`, `chroot --userspec=app / …`)
  if (namesDropper(`${text(entrypoint)} ${text(cmd)}`)) return true;
  return entrypoint !== undefined && hasPrivilegeDropper(stage);
}

/** `root`, `0`, `root:…` or `0:…`. */
export const isRootUser = (user: string): boolean => /^(root|0)(:.*)?$/.test(user.trim());

/** The USER in effect for the image a stage builds, as written and with its variables expanded where they have values. */
export interface UserInEffect {
  readonly ins: Instruction;
  /** as written (`$USER_ID:$USER_ID`) */
  readonly user: string;
  /** the user the builder sets: variables expanded with their ENV/ARG values at the USER line; undefined when one has none */
  readonly resolved: string | undefined;
}

/** The last USER of a stage (or a stage it is built FROM), expanded the builder's way; undefined when none is set. */
export function userInEffect(model: DockerfileModel, stage: Stage): UserInEffect | undefined {
  const found = userAt(model, stage);
  if (!found) return undefined;
  // the builder expands USER when it runs the instruction: ARGs in scope there count, though the image keeps none
  const resolved = found.user.includes('$') ? expandAt(model, found.ins, found.user) : found.user;
  return { ins: found.ins, user: found.user, resolved: resolved === undefined ? undefined : unquote(resolved.trim()) };
}

/**
 * Whether the image a stage builds starts its process as root: its last USER (in the stage or a stage it is built
 * FROM, `$VAR` read as the builder reads it: `ARG UID=0` … `USER $UID`), else what its base image does: its config's
 * User when a registry said (`image`), else what its name tells (distroless :nonroot). Undefined when the USER
 * depends on a variable without a value.
 */
export function runsAsRoot(model: DockerfileModel, stage: Stage, image?: StageImage): boolean | undefined {
  const user = userInEffect(model, stage);
  if (!user && image?.user?.origin.from === 'base') return userIsRoot(image.user.value);
  if (!user) return !baseRunsAsNonRoot(stage);
  return user.resolved === undefined ? undefined : isRootUser(user.resolved);
}
