import { stageChain, type Instruction } from '../engine/model';
import { insertLinesAfter, keyword } from '../engine/fix/edits';
import { defineRule } from '../engine/rule';

/** A value to start from for each known label; others get an empty string to fill in. */
const SKELETON: Record<string, string> = {
  'org.opencontainers.image.source': 'https://example.com/your/repository',
  'org.opencontainers.image.version': '$VERSION',
  'org.opencontainers.image.revision': '$REVISION',
};

/** What tooling reads to link an image back to its code and release (GitHub, Renovate, scanners, SBOM tools). */
const OCI_LABELS = ['org.opencontainers.image.source', 'org.opencontainers.image.version', 'org.opencontainers.image.revision'];

export default defineRule({
  id: 'oci-labels-missing',
  aliases: [{ tool: 'hadolint', code: 'DL3049', relation: 'inspired' }],
  category: 'maintainability',
  severity: 'information',
  fixable: 'sometimes',
  checklist: { item: 'oci-labels' },
  defaultOff: true,
  docs: {
    what: 'Label the final image with `org.opencontainers.image.source`, `.version` and `.revision` (or the labels of your `labelSchema`). Fires on a final stage that lacks any of them; labels of the stages it is built FROM count, those of the base image cannot be seen.',
    why: 'Without them nobody can tell from a running image which repository and commit it came from: registries cannot link to the source, Renovate and Dependabot cannot find release notes, and an incident responder has to guess which build is deployed.',
    example: 'FROM node:22-slim\nCOPY . /app\nCMD ["node", "/app/server.js"]',
    instead:
      'FROM node:22-slim\nARG VERSION=dev\nARG REVISION=unknown\nLABEL org.opencontainers.image.source="https://github.com/acme/app" \\\n      org.opencontainers.image.version="$VERSION" \\\n      org.opencontainers.image.revision="$REVISION"\nCOPY . /app\nCMD ["node", "/app/server.js"]',
    fixSafety:
      'Adds, after the final FROM, `ARG VERSION=dev` / `ARG REVISION=unknown` (when the labels use them) and one LABEL with the missing labels: placeholders to fill in (the source URL) or to pass at build time (`--build-arg VERSION=… --build-arg REVISION=$(git rev-parse HEAD)`). Safe for the running app (labels are metadata), but marked unsafe because the placeholder values must be replaced.',
  },
  check({ model, config, report }) {
    const required = config.labelSchema ? Object.keys(config.labelSchema) : OCI_LABELS;
    if (required.length === 0) return;
    const stage = model.finalStage;
    const scope: readonly Instruction[] = stage ? stageChain(stage).flatMap((s) => s.instructions) : model.instructions;
    if (scope.length === 0) return;
    const present = new Set(scope.filter((i) => i.keyword === 'LABEL' && !i.onbuild).flatMap((i) => i.keyValues.map((kv) => kv.name)));
    const missing = required.filter((l) => !present.has(l));
    if (missing.length === 0) return;
    report({
      range: stage ? stage.from.range : scope[0].range,
      message: `The final image has no ${missing.map((l) => `\`${l}\``).join(', ')} label${missing.length > 1 ? 's' : ''}, so it cannot be traced back to its source and release`,
      fix:
        stage && !stage.from.onbuild
          ? () => {
              const args = ['VERSION', 'REVISION'].filter(
                (a) => missing.some((l) => SKELETON[l] === `$${a}`) && !scope.some((i) => i.keyword === 'ARG' && i.keyValues.some((kv) => kv.name === a)),
              );
              const defaults: Record<string, string> = { VERSION: 'dev', REVISION: 'unknown' };
              const esc = model.directives.escape;
              const pairs = missing.map((l) => `${l}="${SKELETON[l] ?? ''}"`);
              const label = `${keyword(model, 'LABEL')} ${pairs.join(` ${esc}${model.eol}      `)}`;
              return {
                title: `Add the missing OCI label${missing.length > 1 ? 's' : ''}`,
                safe: false,
                edits: [insertLinesAfter(model, stage.from, [...args.map((a) => `${keyword(model, 'ARG')} ${a}=${defaults[a]}`), label])],
              };
            }
          : undefined,
    });
  },
});
