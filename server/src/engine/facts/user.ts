// Who the image runs as: the one reading of "runs as root" for the rules and fixes that care.
import { userAt, type DockerfileModel, type Stage } from '../model';
import { baseRunsAsNonRoot } from './baseImage';
import { userIsRoot } from './imageConfig';
import type { StageImage } from './stageImage';

/** `root`, `0`, `root:…` or `0:…`. */
export const isRootUser = (user: string): boolean => /^(root|0)(:.*)?$/.test(user.trim());

/**
 * Whether the image a stage builds starts its process as root: its last USER (in the stage or a stage it is built
 * FROM), else what its base image does: its config's User when a registry said (`image`), else what its name tells
 * (distroless :nonroot). Undefined when the USER depends on a variable.
 */
export function runsAsRoot(model: DockerfileModel, stage: Stage, image?: StageImage): boolean | undefined {
  const user = userAt(model, stage);
  if (!user && image?.user?.origin.from === 'base') return userIsRoot(image.user.value);
  if (!user) return !baseRunsAsNonRoot(stage);
  if (isRootUser(user.user)) return true;
  return user.user.includes('$') ? undefined : false;
}
