import { stageChain } from '../engine/model';
import { defineRule } from '../engine/rule';

export default defineRule({
  id: 'base-image-digest-stale',
  aliases: [],
  category: 'reproducibility',
  severity: 'information',
  fixable: 'sometimes',
  checklist: { item: 'base-digest' },
  needs: ['registry'],
  docs: {
    what: 'Update a pinned digest when its tag has moved on. Fires on a `FROM image:tag@sha256:…` whose tag names another digest in its registry now (asked only when `seaworthy.network` allows it).',
    why: 'A digest pin freezes the base image, security fixes included: once the publisher rebuilds `3.12-slim` for a CVE, your builds keep the old, vulnerable bytes until someone updates the pin. Seeing the drift is what turns a pin from "frozen forever" into "updated on purpose".',
    example: 'FROM python:3.12-slim@sha256:0000000000000000000000000000000000000000000000000000000000000000\nCMD ["python"]',
    instead: 'FROM python:3.12-slim@sha256:1111111111111111111111111111111111111111111111111111111111111111\nCMD ["python"]',
    registryAnswers: { 'python:3.12-slim': 'sha256:1111111111111111111111111111111111111111111111111111111111111111' },
    fixSafety: 'Not safe: the new digest is a different image (usually the same release rebuilt with fixes); rebuild and test before shipping.',
  },
  check({ model, registry, report }) {
    const final = model.finalStage;
    if (!final) return;
    for (const stage of model.stages) {
      const base = stage.base;
      if (base.kind !== 'image' || !base.ref.digest || !base.ref.tag) continue;
      const current = registry.currentDigest(base.ref);
      if (!current || current === base.ref.digest) continue;
      const tagged = base.ref.raw.slice(0, base.ref.raw.indexOf('@'));
      const written = model.text.slice(model.lines.offsetAt(base.range.start), model.lines.offsetAt(base.range.end));
      const reaches = stageChain(final).includes(stage);
      report({
        range: base.range,
        message: `\`${tagged}\` names ${current.slice(0, 19)}… now, not the pinned ${base.ref.digest.slice(0, 19)}…${reaches ? '' : ' (a build stage)'}`,
        // a reference written out in the FROM is updated there; one that comes from an ARG is left to `Pin`
        fix:
          written === base.ref.raw
            ? () => ({ title: 'Update digest', safe: false, edits: [{ range: base.range, newText: `${tagged}@${current}` }] })
            : undefined,
      });
    }
  },
});
