import { npmProjectInstall } from '../engine/facts/langPackages';
import { defineRule } from '../engine/rule';

export default defineRule({
  id: 'npm-install-instead-of-ci',
  aliases: [],
  category: 'reproducibility',
  severity: 'warning',
  fixable: 'sometimes',
  checklist: { item: 'lock-files' },
  docs: {
    what: "Use `npm ci` instead of `npm install` to install a project's dependencies. Fires on `npm install`/`npm i` (and npm's other names for install) without package names (installing a tool with `npm install -g TOOL` is left alone).",
    why: '`npm install` resolves version ranges again and may rewrite package-lock.json, so the image gets whatever was newest at build time, not what you tested. `npm ci` installs exactly the lock file, fails when it is out of date, and is faster.',
    example: 'FROM node:22-slim\nCOPY package.json package-lock.json ./\nRUN npm install',
    instead: 'FROM node:22-slim\nCOPY package.json package-lock.json ./\nRUN npm ci',
    fixSafety:
      'Replaces `install` with `ci`. Unsafe: `npm ci` needs a package-lock.json (or npm-shrinkwrap.json) in sync with package.json and fails the build otherwise.',
  },
  check({ model, report }) {
    for (const ins of model.instructions) {
      for (const cmd of ins.run?.commands ?? []) {
        const call = npmProjectInstall(cmd);
        if (!call) continue;
        const sub = call.sub!;
        report({
          range: cmd.range,
          message: `\`npm ${sub.value}\` may resolve newer versions than package-lock.json; \`npm ci\` installs exactly the lock file`,
          // npm ci may then be told to leave devDependencies out (npm-dev-dependencies-in-final-stage)
          fix: () =>
            ins.run!.jsonForm
              ? undefined
              : { title: 'Use npm ci', safe: false, edits: [{ range: sub.range, newText: 'ci' }], reveals: ['npm-dev-dependencies-in-final-stage'] },
        });
      }
    }
  },
});
