import { shortName } from '../engine/imageRef';
import type { DockerfileModel, Stage } from '../engine/model';
import { defineRule, type Fix } from '../engine/rule';
import { flagStageReferences, type StageReference } from '../engine/facts/stageReferences';

/** `--from=<n>` and `--mount=…,from=<n>` references that name an earlier stage by its number. */
function indexReferences(model: DockerfileModel): { ref: StageReference; target: Stage }[] {
  const out: { ref: StageReference; target: Stage }[] = [];
  for (const ins of model.instructions) {
    // an ONBUILD trigger counts the stages of the Dockerfile that builds on this image, not ours
    if (ins.onbuild || !ins.stage) continue;
    for (const ref of flagStageReferences(model, ins)) {
      // a number past the current stage is copy-from-unknown-stage's business, the current one copy-from-own-stage's
      if (/^\d+$/.test(ref.value) && Number(ref.value) < ins.stage.index) out.push({ ref, target: model.stages[Number(ref.value)] });
    }
  }
  return out;
}

/**
 * A name for each unnamed stage referenced by number: the image's short name (`golang`), else `build`, made unique.
 * Names a FROM or a `--from` already uses as an image are avoided, so that no reference changes meaning.
 */
function plannedNames(model: DockerfileModel, targets: readonly Stage[]): Map<Stage, string> {
  const taken = new Set(['scratch', 'context']);
  for (const s of model.stages) {
    if (s.name) taken.add(s.name.toLowerCase());
    taken.add(s.base.text.toLowerCase());
    if (s.base.kind === 'image') taken.add(s.base.ref.raw.toLowerCase());
  }
  for (const ins of model.instructions) for (const ref of flagStageReferences(model, ins)) taken.add(ref.value.toLowerCase());
  const names = new Map<Stage, string>();
  for (const stage of targets) {
    if (stage.name || names.has(stage)) continue;
    const fromImage =
      stage.base.kind === 'image'
        ? shortName(stage.base.ref)
            .replace(/[^a-z0-9._-]/g, '-')
            .replace(/^[^a-z]+/, '')
        : '';
    const base = fromImage || 'build';
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
    taken.add(name);
    names.set(stage, name);
  }
  return names;
}

export default defineRule({
  id: 'copy-from-stage-index',
  aliases: [],
  category: 'maintainability',
  severity: 'warning',
  fixable: 'sometimes',
  docs: {
    what: 'Name the stage (`FROM … AS build`) and copy from it by name (`COPY --from=build`). Fires on `COPY --from=<number>` and `RUN --mount=…,from=<number>` that name an earlier stage by its position.',
    why: 'A stage number counts FROM lines: add a stage above it or move one, and `--from=0` silently copies from a different stage. The build still succeeds, with the wrong files in the image. A name stays attached to its stage and says what the stage is for.',
    example: 'FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\n\nFROM gcr.io/distroless/static\nCOPY --from=0 /app /app',
    instead: 'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\n\nFROM gcr.io/distroless/static\nCOPY --from=build /app /app',
    fixSafety:
      'Safe: gives the stage a name when it has none (from its image, e.g. `AS golang`, avoiding every name the file already uses) and rewrites every `--from=<number>` that points at that stage; the same files are copied.',
  },
  check({ model, report }) {
    const found = indexReferences(model);
    const names = plannedNames(
      model,
      found.map((f) => f.target),
    );
    for (const { ref, target } of found) {
      const what = ref.kind === 'mount' ? `from=${ref.value}` : `--from=${ref.value}`;
      report({
        range: ref.range,
        message: `\`${what}\` names stage ${ref.value} (\`${target.base.text}\`) by its position: adding or moving a stage above it silently changes what is copied`,
        fix: () => nameTheStage(target, target.name ?? names.get(target)!, found),
      });
    }
  },
});

/** Adds ` AS <name>` to the stage's FROM when it has no name, and points every numeric reference to it at the name. */
function nameTheStage(stage: Stage, name: string, found: readonly { ref: StageReference; target: Stage }[]): Fix | undefined {
  const edits = found.filter((f) => f.target === stage).map((f) => ({ range: f.ref.range, newText: name }));
  if (!stage.name) {
    // the name goes right after the image: decline when anything else follows it on the FROM line
    if (stage.from.args.at(-1)?.range.end.character !== stage.base.range.end.character || stage.from.args.at(-1)?.range.end.line !== stage.base.range.end.line)
      return undefined;
    const as = stage.from.keywordText === stage.from.keywordText.toLowerCase() ? 'as' : 'AS';
    edits.unshift({ range: { start: stage.base.range.end, end: stage.base.range.end }, newText: ` ${as} ${name}` });
  }
  return { title: `Copy from stage \`${name}\` by name`, safe: true, edits };
}
