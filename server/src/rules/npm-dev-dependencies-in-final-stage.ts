import { reachesFinalImage } from '../engine/facts/commands';
import { insertAfterWord } from '../engine/fix/edits';
import {
  hasToolOption,
  inlineEnv,
  NPM_CI,
  NPM_INSTALL,
  npmProjectInstall,
  toolCall,
  toolOptionValue,
  usesDevDependencies,
  type ToolCall,
} from '../engine/facts/langPackages';
import { envAt, laterInstructions, type DockerfileModel, type Instruction, type RunCommand } from '../engine/model';
import { defineRule } from '../engine/rule';

/** `npm ci`, or `npm install` of the project's package.json (no package names, not -g). */
function projectInstall(cmd: RunCommand): ToolCall | undefined {
  const call = toolCall(cmd, 'npm');
  const sub = call?.sub?.value ?? '';
  if (!call || hasToolOption(call, '-g', '--global') || toolOptionValue(call, '--location') === 'global') return undefined;
  return NPM_CI.has(sub) || (NPM_INSTALL.has(sub) && call.operands.length === 0) ? call : undefined;
}

/** The command itself leaves devDependencies out: --omit=dev, --production, --only=prod. */
function omitsDev(call: ToolCall): boolean {
  if (toolOptionValue(call, '--include') === 'dev') return false;
  return (
    call.options.some((o) => o.name === '--omit' && o.value === 'dev') ||
    call.options.some((o) => /^--prod(uction)?$/.test(o.name) && (o.value === undefined || o.value === 'true')) ||
    /^prod(uction)?$/.test(toolOptionValue(call, '--only') ?? '')
  );
}

/** What the environment says, from the command line or from ENV/ARG: production, development, or unknown (an expansion). */
function environmentOmitsDev(model: DockerfileModel, ins: Instruction, cmd: RunCommand): boolean | 'unknown' {
  const value = (name: string) => inlineEnv(cmd, name) ?? envAt(model, ins, name);
  const nodeEnv = value('NODE_ENV');
  if (nodeEnv?.includes('$')) return 'unknown';
  return (
    nodeEnv === 'production' ||
    value('NPM_CONFIG_OMIT') === 'dev' ||
    value('npm_config_omit') === 'dev' ||
    /^true$/i.test(value('NPM_CONFIG_PRODUCTION') ?? value('npm_config_production') ?? '')
  );
}

/** `npm prune --omit=dev` (or a production reinstall) after the command, in the same stage. */
function prunedLater(model: DockerfileModel, ins: Instruction, cmd: RunCommand): boolean {
  const scope = ins.stage?.instructions ?? model.instructions;
  const later = scope
    .slice(scope.indexOf(ins))
    .flatMap((i) => (i.run?.commands ?? []).filter((c) => i !== ins || ins.run!.commands.indexOf(c) > ins.run!.commands.indexOf(cmd)));
  return later.some((c) => {
    const call = toolCall(c, 'npm');
    if (!call) return false;
    return (call.sub?.value === 'prune' || projectInstall(c) !== undefined) && omitsDev(call);
  });
}

/** The first later command (this RUN's or a later RUN's, in this stage or one built FROM it) that runs the project's scripts or tools. */
function laterScriptRun(model: DockerfileModel, ins: Instruction, cmd: RunCommand): RunCommand | undefined {
  const own = ins.run!.commands.slice(ins.run!.commands.indexOf(cmd) + 1);
  return [...own, ...laterInstructions(ins, model).flatMap((i) => i.run?.commands ?? [])].find(usesDevDependencies);
}

export default defineRule({
  id: 'npm-dev-dependencies-in-final-stage',
  aliases: [],
  category: 'size',
  severity: 'warning',
  fixable: 'sometimes',
  docs: {
    what: 'Add `--omit=dev` to `npm ci` in a stage that ships, or set `NODE_ENV=production` first. Fires on `npm ci` in a stage that reaches the final image, unless `npm prune --omit=dev` follows in the same stage. `npm install` of the project is left to npm-install-instead-of-ci: its fix, `npm ci`, comes first.',
    why: "devDependencies (compilers, test runners, linters, type definitions) are often larger than the application's runtime dependencies. Shipped in the final image they add size to every pull and add packages whose vulnerabilities scanners report against production. Build in an earlier stage with them, and install only runtime dependencies in the one that ships.",
    example: 'FROM node:22-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nCMD ["node", "server.js"]',
    instead: 'FROM node:22-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY . .\nCMD ["node", "server.js"]',
    fixSafety:
      "Adds `--omit=dev`; not offered when a later step (`npm run build`, `npx tsc`, `yarn build`, in the same stage or one built FROM it) runs the project's scripts, which usually need devDependencies: build in an earlier stage instead. Unsafe: code that requires a devDependency at runtime fails only when it runs.",
  },
  check({ model, report }) {
    for (const ins of model.instructions) {
      if (!ins.run || !reachesFinalImage(model, ins)) continue;
      for (const cmd of ins.run.commands) {
        const call = projectInstall(cmd);
        // `npm install` of the project is npm-install-instead-of-ci's finding (one story per command): once it is
        // `npm ci`, this rule says whether the devDependencies ship
        if (!call || npmProjectInstall(cmd) || omitsDev(call) || environmentOmitsDev(model, ins, cmd) !== false || prunedLater(model, ins, cmd)) continue;
        const sub = call.sub!;
        const script = laterScriptRun(model, ins, cmd);
        const scriptText = script && model.text.slice(model.lines.offsetAt(script.range.start), model.lines.offsetAt(script.range.end));
        report({
          range: cmd.range,
          message: `\`npm ${sub.value}\` installs devDependencies into an image that ships${script ? `; \`${scriptText}\` on line ${script.range.start.line + 1} may need them, so build in an earlier stage and install with --omit=dev in the one that ships` : ''}`,
          // leaving them out would break that later build step
          fix: () =>
            ins.run!.jsonForm || script
              ? undefined
              : { title: 'Add --omit=dev to npm ' + sub.value, safe: false, edits: [insertAfterWord(sub, ' --omit=dev')] },
        });
      }
    }
  },
});
