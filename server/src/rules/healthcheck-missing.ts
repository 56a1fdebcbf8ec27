import { baseFamily } from '../engine/facts/baseImage';
import { commandName, effectiveWords, runCommands } from '../engine/facts/commands';
import { packageManager } from '../engine/facts/packageManagers';
import { insertLinesAfter, keyword } from '../engine/fix/edits';
import { shortName } from '../engine/imageRef';
import { rootBase, stageChain, type DockerfileModel, type Instruction, type Stage } from '../engine/model';
import { defineRule, type Fix } from '../engine/rule';
import { historyInstalls } from '../engine/facts/imageConfig';
import { fromBase, stageImage, type StageImage } from '../engine/facts/stageImage';
import { parsePort, programName, PYTHON, startProgram } from '../engine/facts/runtime';

/** Official images built on buildpack-deps (curl and wget included) unless the tag is a slim or alpine variant. */
const FULL_WITH_CURL = new Set([
  'buildpack-deps',
  'node',
  'python',
  'ruby',
  'golang',
  'openjdk',
  'rust',
  'gcc',
  'perl',
  'haskell',
  'elixir',
  'erlang',
  'nginx',
]);

/**
 * The HTTP client the final image is known to have: installed by a RUN of its stages, else shipped by its base: what
 * the base's history installed (and kept) when a registry said (`image`), else what its name tells (full official images).
 */
function httpClient(stage: Stage, image: StageImage): 'curl' | 'wget' | undefined {
  for (const s of stageChain(stage)) {
    for (const cmd of runCommands(s)) {
      const name = commandName(cmd);
      if (!packageManager(name)) continue;
      const words = effectiveWords(cmd).map((w) => (w.value ?? '').split(/[=<>~]/)[0]);
      if (!words.some((w) => w === 'install' || w === 'add' || w === 'in')) continue;
      if (words.includes('curl')) return 'curl';
      if (words.includes('wget')) return 'wget';
    }
  }
  const family = baseFamily(stage, image.config);
  if (family === 'alpine') return 'wget'; // busybox wget
  if (image.config) return historyInstalls(image.config, 'curl') ? 'curl' : historyInstalls(image.config, 'wget') ? 'wget' : undefined;
  const base = rootBase(stage);
  if (base.kind !== 'image') return undefined;
  const tag = base.ref.tag ?? 'latest';
  if (FULL_WITH_CURL.has(shortName(base.ref)) && !/slim|alpine|windows|nanoserver/.test(tag)) return 'curl';
  return undefined;
}

/**
 * Ports where an app in a container serves plain HTTP by convention (web servers, and the defaults of Node, Rails,
 * Phoenix, Flask, Django, Jupyter …). 443/8443 speak TLS; 9000 is as often php-fpm's FastCGI as HTTP.
 */
const HTTP_PORTS = new Set([80, 3000, 4000, 5000, 8000, 8008, 8080, 8081, 8888]);

/** Start commands known to serve HTTP, whatever the port: web servers and the HTTP servers of language runtimes. */
function servesHttp(model: DockerfileModel): boolean {
  const words = startProgram(model)?.words ?? [];
  const name = programName(words[0]) ?? '';
  if (PYTHON.test(name)) return words[1] === '-m' && /^(http\.server|uvicorn|gunicorn|flask|django|aiohttp\.web)$/.test(words[2] ?? '');
  return /^(nginx|httpd|apache2|apache2-foreground|apache2ctl|caddy|lighttpd|gunicorn|uvicorn|hypercorn|http-server|serve)$/.test(name);
}

/** The first exposed TCP port that answers HTTP: HTTP by convention, or any when the start command serves HTTP. */
function httpPort(model: DockerfileModel, ports: readonly string[]): number | undefined {
  const tcp = ports.map((p) => parsePort(p)).filter((p) => p && p.from === p.to && (p.proto ?? 'tcp').toLowerCase() === 'tcp');
  const http = servesHttp(model);
  return tcp.find((p) => http || HTTP_PORTS.has(p!.from))?.from;
}

/** What to probe with when the fix cannot: no port known to serve HTTP, or no HTTP client (none installable in distroless or scratch). */
function probeAdvice(model: DockerfileModel, stage: Stage, image: StageImage, ports: readonly string[]): string {
  if (!httpPort(model, ports)) return " (no port here is known to serve HTTP: probe with the service's own client, e.g. `pg_isready`, `redis-cli ping`)";
  if (httpClient(stage, image)) return '';
  const family = baseFamily(stage, image.config);
  if (family === 'distroless' || family === 'scratch') {
    return ` (${family} has no shell and cannot install curl or wget: copy a static health-check binary from a build stage and run \`HEALTHCHECK CMD ["/healthcheck"]\`, or declare \`HEALTHCHECK NONE\` and rely on your orchestrator's probes)`;
  }
  return ` (the image has no curl or wget to probe with${image.config ? `, and the history of ${fromBase(image)} leaves neither installed` : ''}: install one, or probe with the app itself)`;
}

/** The HEALTHCHECK after `anchor` (the EXPOSE of this stage, else its FROM) probing the first of `ports` that serves HTTP. */
function addHealthcheck(model: DockerfileModel, stage: Stage, image: StageImage, ports: readonly string[], anchor: Instruction): Fix | undefined {
  const port = httpPort(model, ports);
  const client = httpClient(stage, image);
  if (!port || !client) return undefined;
  const url = `http://localhost:${port}/`;
  const probe = client === 'curl' ? `curl -fsS ${url} || exit 1` : `wget -q --spider ${url} || exit 1`;
  return {
    title: `Add a HEALTHCHECK that probes port ${port} with ${client}`,
    safe: false,
    edits: [
      insertLinesAfter(model, anchor, [
        `${keyword(model, 'HEALTHCHECK')} --interval=30s --timeout=3s --start-period=10s --retries=3 ${keyword(model, 'CMD')} ${probe}`,
      ]),
    ],
  };
}

export default defineRule({
  id: 'healthcheck-missing',
  // hadolint's DL3057 asks every final image for a HEALTHCHECK; this rule only images that serve a port
  aliases: [{ tool: 'hadolint', code: 'DL3057', relation: 'inspired' }],
  category: 'runtime',
  severity: 'information',
  fixable: 'sometimes',
  needs: ['registry'],
  checklist: { item: 'healthcheck' },
  docs: {
    what: "Declare a HEALTHCHECK for an image that serves a port (or `HEALTHCHECK NONE` to say you rely on your orchestrator's probes). Fires on a final stage that EXPOSEs a port without any HEALTHCHECK. When registries may be asked, what the base image's config declares counts too: its HEALTHCHECK (the rule is then silent) and its exposed ports. hadolint's DL3057 (off by default there) asks every final image for one; this rule only asks images that serve a port, since a batch job or CLI image has nothing to probe.",
    why: 'Without a health check, Docker, Compose and Swarm consider a container healthy as long as its process exists: a deadlocked server keeps receiving traffic and is never restarted.',
    example: 'FROM nginx:1.27\nEXPOSE 80',
    instead: 'FROM nginx:1.27\nEXPOSE 80\nHEALTHCHECK --interval=30s --timeout=3s CMD curl -fsS http://localhost/ || exit 1',
    byLanguage: {
      python: {
        example: 'FROM python:3.12\nCOPY . /app\nEXPOSE 8000\nCMD ["python", "/app/server.py"]',
        instead:
          'FROM python:3.12\nCOPY . /app\nEXPOSE 8000\nHEALTHCHECK --interval=30s --timeout=3s CMD curl -fsS http://localhost:8000/health || exit 1\nCMD ["python", "/app/server.py"]',
      },
      node: {
        example: 'FROM node:22\nCOPY . /app\nEXPOSE 3000\nCMD ["node", "/app/server.js"]',
        instead:
          'FROM node:22\nCOPY . /app\nEXPOSE 3000\nHEALTHCHECK --interval=30s --timeout=3s CMD curl -fsS http://localhost:3000/health || exit 1\nCMD ["node", "/app/server.js"]',
      },
    },
    fixSafety:
      'Adds `HEALTHCHECK … CMD curl -fsS http://localhost:<port>/ || exit 1` after the EXPOSE, with `wget -q --spider` on Alpine (busybox has wget, not curl). Offered only for a port that serves HTTP: a TCP port HTTP servers use by convention (80, 3000, 4000, 5000, 8000, 8008, 8080, 8081, 8888), or any exposed TCP port when the start command is an HTTP server (nginx, httpd, gunicorn, uvicorn, `python -m http.server` …); never for a database or other TCP/UDP service, where an HTTP probe would always fail (the message says to probe with the service\'s own client). And only when the image is known to have the tool: installed by a RUN of the final image\'s stages, or shipped by the base: installed (and not removed again) by a step of its history when a registry said, else as its name tells (full official images such as `node:22`, `python:3.12`, `nginx`). Otherwise install curl or wget first, or probe with the app itself; distroless and scratch images have no shell and nothing can be installed in them: copy a static health-check binary from a build stage (`HEALTHCHECK CMD ["/healthcheck"]`), or declare `HEALTHCHECK NONE`. Not safe: an app that answers `/` with an error status would be marked unhealthy, so point the URL at its health endpoint.',
  },
  check({ model, registry, platforms, report }) {
    const stage = model.finalStage;
    if (!stage) return;
    const image = stageImage(model, stage, { registry, platforms });
    // a HEALTHCHECK of the file, or one the base image declares (NONE included: it says probes are someone else's)
    if (image.healthcheck) return;
    const exposed = image.exposedPorts.find((p) => p.origin.from === 'file')?.origin;
    if (exposed?.from === 'file') {
      const expose = exposed.ins;
      const ports = expose.args.map((a) => a.value ?? '');
      report({
        range: expose.range,
        message: `The image serves ${expose.args.map((a) => a.value).join(' ')} but declares no HEALTHCHECK${image.config ? ` (nor does ${fromBase(image)})` : ''}, so a hung server still counts as healthy${probeAdvice(model, stage, image, ports)}`,
        fix: () => addHealthcheck(model, stage, image, ports, expose.stage === stage ? expose : stage.from),
      });
      return;
    }
    // ports only the base image exposes (known when a registry said)
    const ports = image.exposedPorts.map((p) => p.value);
    if (ports.length === 0) return;
    report({
      range: stage.from.keywordRange,
      message: `The image serves ${ports.join(', ')} (exposed by ${fromBase(image)}) but neither it nor this file declares a HEALTHCHECK, so a hung server still counts as healthy${probeAdvice(model, stage, image, ports)}`,
      fix: () => addHealthcheck(model, stage, image, ports, stage.from),
    });
  },
});
