import { stageChain } from '../engine/model';
import { defineRule } from '../engine/rule';

export default defineRule({
  id: 'base-image-not-digest-pinned',
  aliases: [],
  category: 'reproducibility',
  severity: 'information',
  fixable: 'never',
  docs: {
    what: 'Pin the base image of the final image by digest (`image:tag@sha256:…`). Fires on a tagged FROM without a digest in a stage that reaches the final image.',
    why: 'Tags are mutable: a publisher (or an attacker with their credentials) can point `3.12-slim` at a new image at any time. A digest names exact bytes, so every build and every rollback gets the image you reviewed; keeping the tag beside it keeps it readable and lets tools update it.',
    example: 'FROM python:3.12-slim\nCMD ["python"]',
    instead: 'FROM python:3.12-slim@sha256:2d2e3e7f4a91a37bc0a6e3bd8f1ed4b1fe2bd3aa1e5d3b11e2c4a1c0e6d0f2b1\nCMD ["python"]',
  },
  check({ model, report }) {
    const final = model.finalStage;
    if (!final) return;
    for (const stage of stageChain(final)) {
      const base = stage.base;
      if (base.kind !== 'image' || base.ref.digest) continue;
      report({ range: base.range, message: `\`${base.text}\` is pinned by tag only; the image behind the tag can change between builds` });
    }
  },
});
