import { baseFamily } from '../engine/facts/baseImage';
import { rootBase } from '../engine/model';
import { NODE, PYTHON, programName, runsUnderDefaultShell, startProgram } from '../engine/facts/runtime';
import { defineRule } from '../engine/rule';
import { initOf, isInitProgram } from '../engine/facts/imageConfig';
import { stageImage } from '../engine/facts/stageImage';

// Language runtimes and their launchers: as PID 1 they ignore SIGTERM (node, python, npm…) or leave zombies behind
const RUNTIMES = /^(java|bun|deno|ruby|rails|puma|unicorn|rackup|php|dotnet|gunicorn|uvicorn|hypercorn|daphne|celery|flask|bundle|elixir|mix|iex|perl)$/;
// Base images whose own ENTRYPOINT already starts an init (s6-overlay, tini, my_init): a CMD runs under it
const BASES_WITH_INIT = /^(lscr\.io\/|[^/]*\/(jenkins|linuxserver|phusion)\/)|s6/;

export default defineRule({
  id: 'no-init-process',
  aliases: [],
  category: 'runtime',
  severity: 'information',
  fixable: 'never',
  checklist: { item: 'signals' },
  needs: ['registry'],
  docs: {
    what: 'Start a language runtime through a small init (`ENTRYPOINT ["tini", "--"]`, `dumb-init`) or run the container with `docker run --init`. Fires when the final image\'s ENTRYPOINT/CMD (exec form, or the command a `sh -c` script or a SHELL ends with) makes node, npm, python, java, gunicorn, uvicorn, ruby, php, dotnet and the like PID 1. Servers built to be PID 1 (nginx, httpd, postgres, redis, haproxy, most Go binaries), images whose base image starts an init (by name: s6-overlay, jenkins, phusion; or, when registries may be asked, by the ENTRYPOINT its config declares: tini, dumb-init, s6-overlay\'s `/init`) and Windows images are left alone, and so is a shell-form CMD under the default shell: `sh` is PID 1 there, which is shell-form-cmd\'s finding.',
    why: 'The kernel gives PID 1 no default signal handling: node and python ignore the SIGTERM of `docker stop` or a Kubernetes rollout unless they handle it themselves, so every stop waits out the grace period and ends in SIGKILL (dropped requests, no cleanup). PID 1 must also reap orphaned child processes; a runtime that spawns workers or shells fills the process table with zombies.',
    example: 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]',
    instead:
      'FROM node:22-slim\nRUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*\nWORKDIR /app\nCOPY . .\nENTRYPOINT ["/usr/bin/tini", "--"]\nCMD ["node", "server.js"]',
    byLanguage: {
      python: {
        example: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD ["python", "app.py"]',
        instead:
          'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*\nWORKDIR /app\nCOPY . .\nENTRYPOINT ["/usr/bin/tini", "--"]\nCMD ["python", "app.py"]',
      },
      java: {
        example: 'FROM eclipse-temurin:21-jre\nCOPY app.jar /app.jar\nCMD ["java", "-jar", "/app.jar"]',
        instead:
          'FROM eclipse-temurin:21-jre\nRUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*\nCOPY app.jar /app.jar\nENTRYPOINT ["/usr/bin/tini", "--"]\nCMD ["java", "-jar", "/app.jar"]',
      },
    },
  },
  check({ model, registry, platforms, report }) {
    // exec form, or the last command of a script a SHELL or `sh -c` runs: either way no init stands in front of it
    const start = startProgram(model);
    if (!start) return;
    // under the default shell form `sh` is PID 1, not the program: that is shell-form-cmd's finding, and its fix (exec
    // form) is what makes the program PID 1, which this rule then looks at
    if (runsUnderDefaultShell(model, start.ins)) return;
    // Windows containers have no PID 1 signal and zombie semantics to work around
    if (model.finalStage && baseFamily(model.finalStage) === 'windows') return;
    const base = model.finalStage && rootBase(model.finalStage);
    if (base?.kind === 'image' && BASES_WITH_INIT.test(`${base.ref.registry ?? ''}/${base.ref.path}`)) return;
    // an ENTRYPOINT the base image declares and this file keeps: when it starts an init, the CMD runs under it
    const image = model.finalStage && stageImage(model, model.finalStage, { registry, platforms });
    if (image?.entrypoint?.origin.from === 'base' && initOf(image.entrypoint.value)) return;
    const program = programName(start.words[0]) ?? '';
    if (isInitProgram(program)) return;
    if (!NODE.test(program) && !PYTHON.test(program) && !RUNTIMES.test(program)) return;
    report({
      range: start.ins.argumentsRange ?? start.ins.range,
      message: `\`${program}\` starts with no init in front of it, so PID 1 ignores SIGTERM unless the app handles it and nothing reaps zombie processes; start it through \`tini\` or \`dumb-init\`, or run the container with \`docker run --init\``,
    });
  },
});
