// Who the image runs as: the one reading of "runs as root" for the rules and fixes that care.
import { expandAt, unquote, userAt, type DockerfileModel, type Instruction, type Stage } from '../model';
import { baseRunsAsNonRoot } from './baseImage';
import { userIsRoot } from './imageConfig';
import type { StageImage } from './stageImage';

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
