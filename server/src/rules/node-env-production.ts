import { insertLinesAfter, keyword } from '../engine/fix/edits';
import { finalBaseName, NODE, programName, startInstructions, startProgram } from '../engine/facts/runtime';
import { defineRule } from '../engine/rule';
import { envAt } from '../engine/model';
import { fromBase, stageImage } from '../engine/facts/stageImage';

/** node, node:22-alpine, cimg/node, chainguard/node, distroless nodejs22-debian12 … */
const NODE_BASE = /^(node|nodejs)(\d+)?(-|$)/;

export default defineRule({
  id: 'node-env-production',
  aliases: [],
  category: 'runtime',
  severity: 'information',
  fixable: 'sometimes',
  needs: ['registry'],
  docs: {
    what: 'Set `ENV NODE_ENV=production` in a Node.js image that runs the app. Fires when the final stage is built on a node image, its CMD/ENTRYPOINT runs node, npm, yarn, pnpm or npx, and no ENV in it or the stages it is built FROM sets NODE_ENV (any value counts: a deliberate `development` is left alone). When registries may be asked, a base image whose ENV sets `NODE_ENV=production` counts too, and one that sets another value is named.',
    why: 'Express, Next.js and many libraries switch on NODE_ENV: without `production` they keep verbose errors with stack traces in responses, skip view caching and run several times slower; `npm install`/`npm ci` run later also install devDependencies.',
    example: 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]',
    instead: 'FROM node:22-slim\nENV NODE_ENV=production\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]',
    fixSafety:
      'Inserts `ENV NODE_ENV=production` after the last RUN of the final stage (after its FROM when it has none), so the build steps (`npm ci`, `npm run build`) keep their devDependencies and only the container runs in production mode. Unsafe: it changes how the app and its libraries behave, which is the point but deserves a look.',
  },
  check({ model, registry, platforms, report }) {
    const stage = model.finalStage;
    const base = finalBaseName(model);
    if (!stage || !base || !NODE_BASE.test(base.name) || envAt(model, 'end', 'NODE_ENV') !== undefined) return;
    // what the base image's config sets (when a registry said): production is what this rule asks for
    const image = stageImage(model, stage, { registry, platforms });
    const inherited = image.env('NODE_ENV')?.value;
    if (inherited === 'production') return;
    const start = startProgram(model);
    // distroless nodejs images start node themselves: their CMD names only the script
    const distroless = /distroless\/nodejs/.test(base.path) && !startInstructions(model).entrypoint;
    const program = programName(start?.words[0]) ?? '';
    if (!start || !(NODE.test(program) || distroless)) return;
    const script = start.ins.isJsonForm ? '' : model.text.slice(model.lines.offsetAt(start.ins.range.start), model.lines.offsetAt(start.ins.range.end));
    if (script.includes('NODE_ENV=')) return; // set on the command line
    report({
      range: start.ins.argumentsRange ?? start.ins.range,
      message:
        inherited === undefined
          ? `This ${start.ins.keyword} runs Node.js (\`${programName(start.words[0])}\`) without \`NODE_ENV=production\`, so its libraries run in development mode: slower, with stack traces in error responses`
          : `This ${start.ins.keyword} runs Node.js (\`${programName(start.words[0])}\`) with \`NODE_ENV=${inherited}\` from ${fromBase(image)}, so its libraries run in development mode: slower, with stack traces in error responses`,
      // after the final stage's last RUN: the build steps (npm ci, npm run build) keep their devDependencies, the
      // container runs in production mode
      fix: () => {
        const lastRun = [...stage.instructions].reverse().find((i) => i.keyword === 'RUN' && !i.onbuild) ?? stage.from;
        return {
          title: 'Add ENV NODE_ENV=production',
          safe: false,
          edits: [insertLinesAfter(model, lastRun, [`${keyword(model, 'ENV')} NODE_ENV=production`])],
        };
      },
    });
  },
});
