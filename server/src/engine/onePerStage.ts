// One CMD, one ENTRYPOINT, one HEALTHCHECK per stage: the check behind multiple-cmd, multiple-entrypoint,
// multiple-healthchecks and BuildKit's umbrella multiple-instructions-disallowed, written once. Each id keeps its rule
// file (metadata and docs, so the docs test, the pages and the README table read it as any other rule); the check
// and the message come from here.
import type { DockerfileModel, Instruction } from './model';
import { defineRule, type Rule } from './rule';

/**
 * Instructions of a kind that only count once per stage (CMD, ENTRYPOINT, HEALTHCHECK) and that a later one of the
 * same kind in the same stage replaces, with the one that replaces each. ONBUILD triggers run in another build.
 */
function replacedInStage(model: DockerfileModel, keyword: string): { ignored: Instruction; by: Instruction }[] {
  const scopes: (readonly Instruction[])[] = model.stages.length ? model.stages.map((s) => s.instructions) : [model.instructions];
  const out: { ignored: Instruction; by: Instruction }[] = [];
  for (const scope of scopes) {
    let previous: Instruction | undefined;
    for (const ins of scope) {
      if (ins.onbuild || ins.keyword !== keyword) continue;
      if (previous) out.push({ ignored: previous, by: ins });
      previous = ins;
    }
  }
  return out;
}

/** What each kind of replaced instruction is in a message. */
const NEVER: Readonly<Record<string, string>> = { CMD: 'never runs', ENTRYPOINT: 'never runs', HEALTHCHECK: 'is never used' };

export interface OnePerStageRule extends Omit<Rule, 'check'> {
  /** the kinds of instruction the rule keeps to one per stage */
  readonly keywords: readonly ('CMD' | 'ENTRYPOINT' | 'HEALTHCHECK')[];
  /** BuildKit's umbrella check: says 'is ignored', as BuildKit does, and marks nothing unnecessary */
  readonly umbrella?: boolean;
}

/** A rule that reports each CMD/ENTRYPOINT/HEALTHCHECK of `keywords` a later one of its kind replaces in its stage. */
export function onePerStageRule({ keywords, umbrella = false, ...meta }: OnePerStageRule): Rule {
  return defineRule({
    ...meta,
    check({ model, report }) {
      const replaced = keywords.flatMap((k) => replacedInStage(model, k)).sort((a, b) => a.ignored.range.start.line - b.ignored.range.start.line);
      for (const { ignored, by } of replaced) {
        // like BuildKit, the earlier one is reported: it is the one that never takes effect
        const where = `the ${by.keywordText} on line ${by.range.start.line + 1} replaces it in the same stage`;
        if (umbrella) report({ range: ignored.keywordRange, message: `This ${by.keyword} is ignored: ${where}` });
        else report({ range: ignored.keywordRange, message: `This ${by.keyword} ${NEVER[by.keyword]}: ${where}`, tags: ['unnecessary'] });
      }
    },
  });
}
