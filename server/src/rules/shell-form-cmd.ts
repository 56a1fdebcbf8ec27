import type { Instruction } from '../engine/model';
import { defineRule, type Fix } from '../engine/rule';
import { initOf, initSignalsGroup } from '../engine/facts/imageConfig';
import { runsUnderDefaultShell } from '../engine/facts/runtime';
import { stageImage } from '../engine/facts/stageImage';

// Characters that need a shell to mean what they mean: splitting them into exec-form words would change what runs.
const NEEDS_SHELL = /[$`"'\\|&;<>(){}*?~#\[\]=]/;

function toExecForm(ins: Instruction): Fix | undefined {
  const words = ins.args.map((a) => a.value ?? '');
  if (!ins.argumentsRange || words.length === 0 || words.some((w) => NEEDS_SHELL.test(w))) return undefined;
  if (ins.argumentsRange.start.line !== ins.argumentsRange.end.line) return undefined;
  return {
    title: `Convert ${ins.keyword} to exec form`,
    safe: false,
    edits: [{ range: ins.argumentsRange, newText: `[${words.map((w) => JSON.stringify(w)).join(', ')}]` }],
    // the app becomes PID 1, which is the point; whether it reaps children and handles signals is no-init-process's
    reveals: ['no-init-process'],
  };
}

export default defineRule({
  id: 'shell-form-cmd',
  aliases: [
    { tool: 'hadolint', code: 'DL3025', relation: 'inspired' },
    { tool: 'buildkit', code: 'JSONArgsRecommended', relation: 'same' },
  ],
  category: 'runtime',
  severity: 'warning',
  fixable: 'sometimes',
  checklist: { item: 'exec-form' },
  needs: ['registry'],
  docs: {
    what: 'Write CMD and ENTRYPOINT in exec form (`CMD ["node", "server.js"]`). Fires on the shell form in the final stage, unless the stage sets its own SHELL, or, when registries may be asked, a CMD runs under an init the base image\'s ENTRYPOINT starts and that signals the whole process group (dumb-init, s6-overlay, `tini -g`).',
    why: 'The shell form runs your app as a child of `/bin/sh -c`. The shell becomes PID 1 and does not forward SIGTERM, so `docker stop` and Kubernetes wait out the grace period and then SIGKILL the app: no graceful shutdown, dropped requests, slow rollouts.',
    example: 'FROM node:22-slim\nCMD node server.js',
    instead: 'FROM node:22-slim\nCMD ["node", "server.js"]',
    byLanguage: {
      python: { example: 'FROM python:3.12-slim\nCMD python app.py', instead: 'FROM python:3.12-slim\nCMD ["python", "app.py"]' },
      java: {
        example: 'FROM eclipse-temurin:21-jre\nCOPY app.jar /app.jar\nCMD java -jar /app.jar',
        instead: 'FROM eclipse-temurin:21-jre\nCOPY app.jar /app.jar\nCMD ["java", "-jar", "/app.jar"]',
      },
    },
    fixSafety:
      'Rewrites the words as a JSON array when every word is plain text (no variables, quotes, pipes, && or globs, on one line). Unsafe: the app then runs without a shell, which is the point, but also without shell features, and as PID 1, where no-init-process may then ask for an init.',
  },
  check({ model, registry, platforms, report }) {
    const stage = model.finalStage;
    const scope = stage ? stage.instructions : model.instructions;
    // the ENTRYPOINT a shell-form CMD runs under, when the base image declares it: an init in front of the shell
    // changes who gets SIGTERM
    const image = stage && stageImage(model, stage, { registry, platforms });
    const entrypoint = image?.entrypoint?.origin.from === 'base' ? image.entrypoint : undefined;
    const init = entrypoint && initOf(entrypoint.value);
    for (const ins of scope) {
      if ((ins.keyword !== 'CMD' && ins.keyword !== 'ENTRYPOINT') || ins.onbuild || !runsUnderDefaultShell(model, ins)) continue;
      const underInit = ins.keyword === 'CMD' && init && entrypoint;
      // dumb-init, s6-overlay and `tini -g` signal the shell's whole process group: the app gets SIGTERM too
      if (underInit && initSignalsGroup(entrypoint.value, (name) => image!.env(name)?.value)) continue;
      const starter = underInit ? `\`${init}\` (the ENTRYPOINT of the base image \`${image!.base?.name}\`)` : undefined;
      report({
        range: ins.argumentsRange ?? ins.range,
        message: starter
          ? `CMD in shell form runs the app under \`/bin/sh -c\`, which ${starter} starts: the shell, not the app, receives SIGTERM${/^(tini|tini-static|docker-init|catatonit)$/.test(init ?? '') ? ` (\`${init} -g\` would signal both)` : ''}`
          : `${ins.keyword} in shell form makes \`/bin/sh -c\` PID 1, so the app does not receive SIGTERM`,
        fix: () => toExecForm(ins),
      });
    }
  },
});
