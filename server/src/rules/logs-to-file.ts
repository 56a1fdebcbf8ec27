import { scanScript, shellScript, startInstructions, type Redirect } from '../engine/facts/runtime';
import { defineRule } from '../engine/rule';
import type { Range } from '../engine/text';

// Where output still reaches the container's stdout/stderr, or is deliberately thrown away
const STREAMS = /^\/(dev\/(stdout|stderr|null|tty|fd\/[12])|proc\/(self|1)\/fd\/[12])$/;

/** A redirect of stdout or stderr (`>`, `>>`, `2>`, `&>`, `1>>` …) into a file. */
function logsToFile(r: Redirect): boolean {
  if (!/^(\d*|&)(>>|>\||>)$/.test(r.op) || /^[03-9]/.test(r.op)) return false; // `3>`: another descriptor
  const target = r.target?.value;
  return target !== undefined && target !== '' && !STREAMS.test(target);
}

export default defineRule({
  id: 'logs-to-file',
  aliases: [],
  category: 'runtime',
  severity: 'warning',
  fixable: 'never',
  checklist: { item: 'logs' },
  docs: {
    what: "Let the app write its logs to stdout and stderr: remove the redirect into a file from CMD/ENTRYPOINT. Fires when the command the final image's CMD/ENTRYPOINT leaves running (shell form or `sh -c`: the last command, or one sent to the background) redirects its output into a file (`> /var/log/app.log`, `>> app.log 2>&1`); `/dev/stdout`, `/dev/stderr` and `/dev/null` are fine, and setup steps that write a config file before it are left alone.",
    why: "Docker and every orchestrator collect a container's logs from its stdout and stderr. Output sent into a file inside the container is invisible to `docker logs`, `kubectl logs` and log shippers, is lost with the container, and grows in its writable layer until the disk fills.",
    example: 'FROM python:3.12-slim\nCOPY app.py /app/\nCMD python /app/app.py >> /var/log/app.log 2>&1',
    instead: 'FROM python:3.12-slim\nCOPY app.py /app/\nCMD ["python", "/app/app.py"]',
  },
  check({ model, report }) {
    const { entrypoint, cmd } = startInstructions(model);
    for (const ins of [entrypoint, cmd]) {
      const script = ins && shellScript(model, ins);
      if (!script) continue;
      // the commands that keep running: the last one and those sent to the background; the ones before them are
      // setup steps (`envsubst < tmpl > /etc/nginx/nginx.conf && exec nginx`) that write files on purpose
      const commands = scanScript(script.text);
      const running = commands.filter(
        (c, i) => i === commands.length - 1 || c.next === '&' || (c.next === '|' && commands.slice(i).every((d) => d.next === '|' || d.next === undefined)),
      );
      for (const r of running.flatMap((c) => c.redirects).filter(logsToFile)) {
        const written = script.text.slice(r.start, r.end);
        const range: Range =
          script.docStart === undefined
            ? script.range
            : { start: model.lines.positionAt(script.docStart + r.start), end: model.lines.positionAt(script.docStart + r.end) };
        report({
          range,
          message: `\`${written}\` sends the app's output into a file inside the container, where \`docker logs\` and log collectors never see it`,
        });
      }
    }
  },
});
