import { LAYER_KEYWORDS } from '../engine/facts/layers';
import { defineRule } from '../engine/rule';
import { instructionsBefore } from '../engine/model';

const DEFAULT_MAX = 20;

export default defineRule({
  id: 'too-many-layers',
  aliases: [],
  category: 'size',
  severity: 'information',
  fixable: 'never',
  checklist: { item: 'few-layers', lead: true },
  docs: {
    what: "Keep the final image to at most 20 layer-creating instructions (`RUN`, `COPY`, `ADD`; set `ruleOptions: { too-many-layers: { max: N } }` to change the limit). Fires on the final stage's `FROM` when its stage, together with the stages it is built FROM, has more.",
    why: 'Every layer is pulled, extracted and stacked by the overlay filesystem on each node; dozens of small layers slow pulls and container start, and files deleted in a later layer still ship in the earlier one. Long chains of layers usually mean steps that belong together were split.',
    example: 'FROM alpine:3.20\n' + Array.from({ length: 21 }, (_, i) => `RUN echo ${i + 1} >> /steps`).join('\n'),
    instead: 'FROM alpine:3.20\nRUN for i in $(seq 1 21); do echo "$i" >> /steps; done',
  },
  check({ model, config, report }) {
    const stage = model.finalStage;
    if (!stage) return;
    const option = config.ruleOptions?.['too-many-layers']?.max;
    const max = typeof option === 'number' && option >= 0 ? option : DEFAULT_MAX;
    const layers = instructionsBefore(model, stage).filter((i) => LAYER_KEYWORDS.has(i.keyword)).length;
    if (layers <= max) return;
    report({
      range: stage.from.range,
      message: `The final image is built with ${layers} layer-creating instructions (\`RUN\`, \`COPY\`, \`ADD\`), more than the limit of ${max}; each one is pulled and stacked on every node`,
    });
  },
});
