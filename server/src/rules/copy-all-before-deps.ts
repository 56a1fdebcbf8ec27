import { broadCopies, dependencyInstalls } from '../engine/context';
import { defineRule } from '../engine/rule';

export default defineRule({
  id: 'copy-all-before-deps',
  aliases: [],
  category: 'size',
  severity: 'warning',
  fixable: 'never',
  docs: {
    what: 'Copy the dependency manifests and install dependencies before `COPY . .`. Fires when a stage copies the whole context and installs dependencies (npm, yarn, pnpm, pip -r, poetry, uv, pipenv, go mod, bundler, composer, maven) after it.',
    why: 'Every edit to any source file invalidates the `COPY . .` layer and every layer after it, so each build downloads and installs all dependencies again: minutes per build in CI, and a new multi-hundred-MB layer to push and pull on every deploy.',
    example: 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "server.js"]',
    instead: 'FROM node:22-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nCMD ["node", "server.js"]',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const copy = broadCopies(stage)[0];
      if (!copy) continue;
      const after = dependencyInstalls(stage).find(({ cmd }) => cmd.range.start.line > copy.ins.range.end.line);
      if (!after) continue;
      report({
        range: copy.ins.range,
        message: `\`${after.cmd.words.map((w) => w.text).join(' ')}\` runs after copying the whole context, so any source change reinstalls every ${after.ecosystem} dependency`,
      });
    }
  },
});
