// Questions about where an instruction stands: the stage a reference names, the stages an image is built from.
import type { BaseImage, DockerfileModel, Instruction, Stage } from './types';

/** The stage a `--from=` value or FROM names, by name (case-insensitive) or index, defined before `before`. */
export function findStage<S extends Stage>(stages: readonly S[], ref: string, before: number): S | undefined {
  const lower = ref.toLowerCase();
  if (/^\d+$/.test(ref)) return stages[Number(ref)];
  return stages.slice(0, before).find((s) => s.name?.toLowerCase() === lower);
}

// rootBase is asked for every instruction: a chain's root is found once and kept for every stage on the way
const rootBases = new WeakMap<Stage, BaseImage>();

/** The stage the final image is built from in the end (follows FROM <stage>) and the first image base. */
export function rootBase(stage: Stage): BaseImage {
  let s = stage;
  const walked: Stage[] = [];
  const seen = new Set<Stage>();
  let root = rootBases.get(s);
  while (root === undefined) {
    if (s.base.kind !== 'stage' || seen.has(s)) root = s.base;
    else {
      seen.add(s);
      walked.push(s);
      s = s.base.stage;
      root = rootBases.get(s);
    }
  }
  for (const w of walked) rootBases.set(w, root);
  return root;
}

/**
 * Stages followed down a chain of FROM <stage> at most. Rules walk the chain of every stage, so a file of n stages each
 * built on the one before costs n² without a limit (4,000 such stages took minutes); real files have a handful.
 */
export const MAX_STAGE_CHAIN = 32;

/**
 * Stages whose content reaches the final image: the final stage and the stages it is built FROM (the nearest
 * MAX_STAGE_CHAIN of them).
 */
export function stageChain(stage: Stage): Stage[] {
  const chain = [stage];
  const seen = new Set(chain); // not chain.includes(), which made each call quadratic
  let s = stage;
  while (s.base.kind === 'stage' && !seen.has(s.base.stage) && chain.length < MAX_STAGE_CHAIN) {
    s = s.base.stage;
    chain.push(s);
    seen.add(s);
  }
  return chain;
}

/**
 * Stages built FROM `stage`, directly or through others (at most MAX_STAGE_CHAIN deep, as stageChain looks the other
 * way), in file order: they start from its last layer.
 */
export function stagesBuiltFrom(stage: Stage, stages: readonly Stage[]): Stage[] {
  const found = new Set<Stage>();
  let level = [stage];
  for (let depth = 1; depth < MAX_STAGE_CHAIN && level.length; depth++) {
    const next: Stage[] = [];
    for (const s of level) {
      for (const i of s.usedBy) {
        const built = stages[i];
        if (built && built.base.kind === 'stage' && built.base.stage === s && !found.has(built)) {
          found.add(built);
          next.push(built);
        }
      }
    }
    level = next;
  }
  return [...found].sort((a, b) => a.index - b.index);
}

/** The instructions that run after `ins` on top of its result: the rest of its stage, then the stages built FROM it. */
export function laterInstructions(ins: Instruction, model: DockerfileModel): Instruction[] {
  const stage = ins.stage;
  if (!stage) return [];
  const rest = stage.instructions.filter((i) => !i.onbuild && i.range.start.line > ins.range.end.line);
  return [...rest, ...stagesBuiltFrom(stage, model.stages).flatMap((s) => s.instructions.filter((i) => !i.onbuild))];
}
