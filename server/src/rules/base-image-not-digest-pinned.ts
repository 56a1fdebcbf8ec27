import { imageNamed } from '../engine/facts/baseImage';
import { stageChain } from '../engine/model';
import { defineRule } from '../engine/rule';

export default defineRule({
  id: 'base-image-not-digest-pinned',
  aliases: [],
  category: 'reproducibility',
  severity: 'information',
  fixable: 'sometimes',
  checklist: { item: 'base-digest', lead: true },
  needs: ['registry'],
  docs: {
    what: 'Pin the base image of the final image by digest (`image:tag@sha256:…`). Fires on a tagged FROM without a digest in a stage that reaches the final image.',
    why: 'Tags are mutable: a publisher (or an attacker with their credentials) can point `3.12-slim` at a new image at any time. A digest names exact bytes, so every build and every rollback gets the image you reviewed; keeping the tag beside it keeps it readable and lets tools update it.',
    example: 'FROM python:3.12-slim\nCMD ["python"]',
    instead: 'FROM python:3.12-slim@sha256:2d2e3e7f4a91a37bc0a6e3bd8f1ed4b1fe2bd3aa1e5d3b11e2c4a1c0e6d0f2b1\nCMD ["python"]',
    fixSafety:
      'It writes the digest the tag names right now (the tag stays beside it), so the next build uses the image it would have used anyway. It is still left out of fix-all: a pin freezes the base image, security fixes included, which is a decision for the team (base-image-digest-stale then tells when the tag moves on). The quick fix edits the file directly once the registry has been asked; before that it runs "Seaworthy: Pin Base Image Digest", which asks it.',
  },
  check({ model, registry, report }) {
    const final = model.finalStage;
    if (!final) return;
    for (const stage of stageChain(final)) {
      const base = stage.base;
      if (base.kind !== 'image' || base.ref.digest) continue;
      const digest = registry.currentDigest(base.ref);
      const written = model.text.slice(model.lines.offsetAt(base.range.start), model.lines.offsetAt(base.range.end));
      report({
        range: base.range,
        message: `${imageNamed(base)} is pinned by tag only; the image behind the tag can change between builds`,
        fix:
          digest && written === base.ref.raw
            ? () => ({ title: 'Pin base image digest', safe: false, edits: [{ range: base.range, newText: `${base.ref.raw}@${digest}` }] })
            : undefined,
        // not asked yet: the editor offers the command that asks the registry
        fixNeeds: digest ? undefined : 'registry',
      });
    }
  },
});
