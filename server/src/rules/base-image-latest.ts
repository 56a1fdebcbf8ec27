import { imageNamed } from '../engine/facts/baseImage';
import { defineRule } from '../engine/rule';

export default defineRule({
  id: 'base-image-latest',
  aliases: [{ tool: 'hadolint', code: 'DL3007', relation: 'same' }],
  category: 'reproducibility',
  severity: 'warning',
  fixable: 'never',
  checklist: { item: 'base-tag' },
  docs: {
    what: 'Replace `:latest` with a release tag. Fires on a FROM image tagged `latest` without a digest.',
    why: '`latest` is whatever was pushed last: builds stop being reproducible, caches are invalidated at random, and an upstream major upgrade lands in production without anyone choosing it.',
    example: 'FROM debian:latest\nRUN echo hello',
    instead: 'FROM debian:12-slim\nRUN echo hello',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const base = stage.base;
      if (base.kind !== 'image' || base.ref.tag !== 'latest' || base.ref.digest) continue;
      report({ range: base.range, message: `${imageNamed(base)} changes whenever a new image is pushed; pin a release tag` });
    }
  },
});
