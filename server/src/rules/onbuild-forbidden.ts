import { defineRule } from '../engine/rule';

const FORBIDDEN = new Set(['ONBUILD', 'FROM', 'MAINTAINER']);

export default defineRule({
  id: 'onbuild-forbidden',
  aliases: [{ tool: 'hadolint', code: 'DL3043', relation: 'same' }],
  category: 'correctness',
  severity: 'error',
  fixable: 'never',
  docs: {
    what: 'Do not put `ONBUILD`, `FROM` or `MAINTAINER` behind `ONBUILD`. Fires on those three triggers.',
    why: 'Docker refuses them as triggers: the image cannot be built, or the images built on it cannot, depending on the builder.',
    example: 'FROM node:22-slim\nONBUILD FROM node:22-slim',
    instead: 'FROM node:22-slim\nONBUILD COPY package*.json ./',
  },
  scope: 'instruction',
  checkInstruction(ins, { report }) {
    if (!ins.onbuild || !FORBIDDEN.has(ins.keyword)) return;
    report({ range: ins.keywordRange, message: `\`ONBUILD ${ins.keywordText}\` is not allowed: Docker rejects ${ins.keyword} as a trigger` });
  },
});
