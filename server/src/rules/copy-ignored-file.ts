import { isWithin, parseDockerignore } from '../engine/facts/layers';
import { normalizePath } from '../engine/model';
import { defineRule } from '../engine/rule';

/** A name no real .dockerignore singles out: the context root counts as excluded only when such a file would be. */
const ANY_FILE = 'seaworthy-probe';

export default defineRule({
  id: 'copy-ignored-file',
  aliases: [{ tool: 'buildkit', code: 'CopyIgnoredFile', relation: 'same' }],
  category: 'correctness',
  severity: 'warning',
  fixable: 'never',
  needs: ['dockerignore'],
  docs: {
    what: 'Copy only files the `.dockerignore` lets into the build context. Fires on a `COPY`/`ADD` source (not `--from`) that the `.dockerignore` excludes.',
    why: 'Excluded files never reach the builder: the `COPY` fails with "not found", or a wildcard silently copies nothing, and the image ships without the file you meant to add.',
    example: 'FROM alpine:3.20\nCOPY config.yaml /etc/app/config.yaml',
    exampleFiles: { '.dockerignore': '.git\n*.yaml\n' },
    instead: 'FROM alpine:3.20\nCOPY config.yaml /etc/app/config.yaml',
    insteadFiles: { '.dockerignore': '.git\n' },
  },
  check({ model, dockerignore, report }) {
    if (!dockerignore) return;
    const ignore = parseDockerignore(dockerignore.text);
    for (const ins of model.instructions) {
      if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || ins.isJsonForm || ins.heredocs.length > 0) continue;
      if (ins.flags.some((f) => f.name === 'from')) continue;
      for (const src of ins.args.slice(0, -1)) {
        const v = src.value ?? '';
        if (v.includes('$') || /^[a-z][a-z0-9+.-]*:\/\//i.test(v) || v.startsWith('git@')) continue;
        const path = normalizePath(v).replace(/^\//, '') || '.';
        // a `!` pattern may re-include files below the source (or one we cannot place): then the copy still has content
        const reincluded = ignore.negations.some((n) => path === '.' || /[*?[\\]/.test(n) || isWithin(n, path));
        if (reincluded) continue;
        const excluded = path === '.' ? ignore.ignores(ANY_FILE) : ignore.ignores(path);
        if (!excluded) continue;
        report({
          range: src.range,
          message: `\`${src.text}\` is excluded by ${dockerignore.path ?? dockerignore.fileName}, so \`${ins.keyword}\` finds nothing to copy`,
        });
      }
    }
  },
});
