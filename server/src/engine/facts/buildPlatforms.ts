// Which platforms a build is for, and which platform of each base image it pulls: what the host asks registries
// about, and which answer a rule reads.
import type { ImageRef } from '../imageRef';
import type { DockerfileModel, Stage } from '../model';

/** The platforms of a build: what it targets (--platform, the build file's `platforms`, targetPlatforms) and where it runs. */
export interface BuildPlatforms {
  /** the platforms the image is built for, in order (the first one is what a single-platform look uses) */
  readonly targets: readonly string[];
  /** the builder's own platform ($BUILDPLATFORM) */
  readonly build: string;
  /** where `targets` comes from: a build that uses this Dockerfile, the team's targetPlatforms, or only the builder */
  readonly source: 'build' | 'config' | 'builder';
}

/**
 * The platforms a build is for: the build's own `platforms` (a compose, bake or workflow file that builds this
 * Dockerfile), else the team's `targetPlatforms`, else the builder's platform, as BuildKit without --platform.
 */
export function buildPlatforms(build: string, fromBuild: readonly string[] | undefined, fromConfig: readonly string[] | undefined): BuildPlatforms {
  const source = fromBuild?.length ? 'build' : fromConfig?.length ? 'config' : 'builder';
  const targets = source === 'build' ? fromBuild! : source === 'config' ? fromConfig! : [build];
  return { targets: [...new Set(targets.map((p) => p.trim().toLowerCase()).filter(Boolean))], build, source };
}

/**
 * The platforms a stage's base is pulled for: FROM --platform as written when it is literal, the builder's for
 * $BUILDPLATFORM, else each target (no flag, $TARGETPLATFORM, or a variable we cannot know).
 */
export function stagePlatforms(stage: Stage, platforms: BuildPlatforms): readonly string[] {
  const flag = stage.platform?.trim();
  if (!flag) return platforms.targets;
  if (/^\$\{?BUILDPLATFORM\}?$/.test(flag)) return [platforms.build];
  if (!flag.includes('$')) return [flag.toLowerCase()];
  return platforms.targets;
}

/** The images a file's stages are built FROM, each with the platforms it is pulled for (what the host asks about). */
export function imagesToAsk(model: DockerfileModel, platforms: BuildPlatforms): { ref: ImageRef; platform: string }[] {
  const out: { ref: ImageRef; platform: string }[] = [];
  for (const stage of model.stages) {
    if (stage.base.kind !== 'image') continue;
    for (const platform of stagePlatforms(stage, platforms)) out.push({ ref: stage.base.ref, platform });
  }
  return out;
}

/**
 * The platforms a build is for: those it lists (compose, Bake, a workflow, builds: in .seaworthy.yaml), else `given`
 * (the per-file context's: the team's targetPlatforms, else the builder's). base-image-platform-missing and the base
 * image facts read these.
 */
export function platformsOf(build: { readonly platforms: readonly string[] }, given: BuildPlatforms, targetPlatforms?: readonly string[]): BuildPlatforms {
  return build.platforms.length > 0 ? buildPlatforms(given.build, build.platforms, targetPlatforms) : given;
}
