import { imageNamed } from '../engine/facts/baseImage';
import { defineRule } from '../engine/rule';

export default defineRule({
  id: 'base-image-untagged',
  aliases: [{ tool: 'hadolint', code: 'DL3006', relation: 'same' }],
  category: 'reproducibility',
  severity: 'warning',
  fixable: 'never',
  checklist: { item: 'base-tag', lead: true },
  docs: {
    what: 'Give every base image an explicit tag (`python:3.12-slim`, not `python`). Fires on a FROM image with neither tag nor digest.',
    why: 'An untagged image means `:latest`, which moves whenever the publisher pushes: the same Dockerfile builds a different OS, runtime or major version next week, and a rollback rebuilds something you never tested.',
    example: 'FROM node\nCMD ["node", "server.js"]',
    instead: 'FROM node:22-bookworm-slim\nCMD ["node", "server.js"]',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const base = stage.base;
      if (base.kind !== 'image' || base.ref.tag || base.ref.digest) continue;
      report({ range: base.range, message: `${imageNamed(base)} has no tag, so it means \`:latest\` and changes under you; pin a release tag` });
    }
  },
});
