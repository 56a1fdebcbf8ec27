import { NPM_INSTALL, toolCall } from '../engine/facts/langPackages';
import type { Word } from '../engine/model';
import { defineRule } from '../engine/rule';

const GIT = /^(git(\+(ssh|https?|file))?:\/\/|(github|gitlab|bitbucket|gist):)/;
const TARBALL = /\.(tar|tar\.gz|tgz)$/;
const LOCAL = /^(\.{1,2}(\/|$)|\/|~\/|file:)/;

/** Whether a package spec names a version, tag or commit, or is not a registry name at all. */
function pinnedOrLocal(spec: string): boolean {
  if (LOCAL.test(spec) || TARBALL.test(spec)) return true;
  // git URLs and GitHub shorthands (`user/repo`) are pinned by `#commit`, `#tag` or `#semver:…`
  if (GIT.test(spec) || (!spec.startsWith('@') && spec.includes('/'))) return spec.includes('#');
  // `name@1.2.3`, `@scope/name@^1`; the `@` of a scope does not count
  return spec.slice(1).includes('@');
}

export default defineRule({
  id: 'npm-unpinned-versions',
  aliases: [{ tool: 'hadolint', code: 'DL3016', relation: 'same' }],
  category: 'reproducibility',
  severity: 'information',
  fixable: 'never',
  docs: {
    what: "Pin the version of each package `npm install` names (`npm install -g typescript@5.6.3`). Fires on a package name without `@version`; `npm install`/`npm ci` of the project's own package.json, local folders, tarballs and git URLs with `#ref` are left alone.",
    why: "A bare name installs whatever the registry calls latest at build time: rebuilding the same commit can pull a new major version, a broken release or a compromised one. The project's dependencies are pinned by package-lock.json; packages named on the command line have only the version you write.",
    example: 'FROM node:22-slim\nRUN npm install -g pm2',
    instead: 'FROM node:22-slim\nRUN npm install -g pm2@5.4.2',
  },
  scope: 'instruction',
  checkInstruction(ins, { report }) {
    for (const cmd of ins.run?.commands ?? []) {
      const call = toolCall(cmd, 'npm');
      if (!call?.sub?.value || !NPM_INSTALL.has(call.sub.value)) continue;
      const unpinned = call.operands.filter((w): w is Word & { value: string } => w.value !== undefined && !pinnedOrLocal(w.value));
      for (const w of unpinned) {
        report({ range: w.range, message: `\`${w.value}\` is installed without a version, so each build may get a different release` });
      }
    }
  },
});
