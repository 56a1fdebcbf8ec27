// The places that name a stage (FROM, COPY --from, RUN --mount from=), read once for the rules about stages.
import type { DockerfileModel, Instruction, Stage } from '../model';
import type { Range } from '../text';

/** A place that names a stage: `COPY --from=x`, `RUN --mount=…,from=x`, or the image of `FROM x`. */
export interface StageReference {
  readonly ins: Instruction;
  /** the name or index as written */
  readonly value: string;
  /** the range of the value only */
  readonly range: Range;
  readonly kind: 'copy' | 'mount' | 'from';
}

/** Every `--from=` of a COPY or ADD and every `from=` of a RUN --mount, with the range of the value. */
export function flagStageReferences(model: DockerfileModel, ins: Instruction): StageReference[] {
  const out: StageReference[] = [];
  if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
    for (const f of ins.flags) {
      if (f.name === 'from' && f.valueRange && f.value) out.push({ ins, value: f.value, range: f.valueRange, kind: 'copy' });
    }
  }
  if (ins.keyword === 'RUN') {
    for (const f of ins.flags) {
      if (f.name !== 'mount' || !f.value || f.range.start.line !== f.range.end.line) continue;
      const m = /(?:^|,)from=([^,]+)/.exec(f.value);
      if (!m) continue;
      const at = model.lines.offsetAt(f.range.start) + '--mount='.length + m.index + m[0].indexOf('=') + 1;
      out.push({ ins, value: m[1], range: { start: model.lines.positionAt(at), end: model.lines.positionAt(at + m[1].length) }, kind: 'mount' });
    }
  }
  return out;
}

/** Every place in the file that refers to `stage` by name (FROM, COPY --from, RUN --mount from=). */
export function referencesTo(model: DockerfileModel, stage: Stage): StageReference[] {
  if (!stage.name) return [];
  const name = stage.name.toLowerCase();
  const out: StageReference[] = [];
  for (const later of model.stages.slice(stage.index + 1)) {
    if (later.base.kind === 'stage' && later.base.stage === stage) out.push({ ins: later.from, value: later.base.text, range: later.base.range, kind: 'from' });
  }
  for (const ins of model.instructions) {
    if (!ins.stage || ins.stage.index <= stage.index) continue;
    for (const ref of flagStageReferences(model, ins)) if (ref.value.toLowerCase() === name) out.push(ref);
  }
  return out;
}
