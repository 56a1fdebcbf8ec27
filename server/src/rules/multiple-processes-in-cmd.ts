import { programName, programWords, scanScript, shellScript, startInstructions, type ScriptCommand } from '../engine/facts/runtime';
import { defineRule } from '../engine/rule';

// A process supervisor is a deliberate choice to run several services: its config says what runs
const SUPERVISORS = /^(supervisord|s6-svscan|runsvdir|runit|circusd|honcho|forego|overmind|pm2-runtime|concurrently|tini|dumb-init)$/;
// Commands that only keep the container alive once the real work has gone to the background
const keepsAlive = (w: readonly string[]) =>
  (programName(w[0]) === 'tail' && w.some((a) => /^-[a-zA-Z]*[fF]/.test(a))) || (programName(w[0]) === 'sleep' && /^(infinity|inf)$/.test(w[1] ?? ''));
/** `service nginx start`, `/etc/init.d/nginx start`, `systemctl start nginx`, `rc-service nginx start` */
const startsService = (w: readonly string[]) =>
  (/^(service|rc-service)$/.test(programName(w[0]) ?? '') && /^(start|restart)$/.test(w[2] ?? '')) ||
  (/^\/etc\/init\.d\//.test(w[0] ?? '') && /^(start|restart)$/.test(w[1] ?? '')) ||
  (programName(w[0]) === 'systemctl' && /^(start|restart)$/.test(w[1] ?? ''));

/** The processes a start script leaves running, when it starts more than one (or one and then only waits). */
function processesStarted(commands: readonly ScriptCommand[]): string[] {
  const named = commands.map((c) => ({ c, w: programWords(c.words.map((x) => x.value ?? x.text)) })).filter((x) => x.w.length > 0 && x.w[0] !== 'wait');
  if (named.some((x) => SUPERVISORS.test(programName(x.w[0]) ?? ''))) return [];
  const label = (w: readonly string[]) => w.slice(0, startsService(w) ? 3 : 2).join(' ');
  // in the background (`a &`) or daemonised by an init script: both outlive the command that started them
  const detached = named.filter((x) => x.c.next === '&' || startsService(x.w));
  if (detached.length === 0) return [];
  const last = named.at(-1)!;
  const foreground = detached.includes(last) ? [] : [last];
  if (detached.length + foreground.length < 2 && !keepsAlive(last.w)) return [];
  return [...detached, ...foreground].map((x) => label(x.w));
}

export default defineRule({
  id: 'multiple-processes-in-cmd',
  aliases: [],
  category: 'runtime',
  severity: 'warning',
  fixable: 'never',
  docs: {
    what: "Run one process per container: split the services into containers of their own (or use a supervisor such as supervisord on purpose). Fires when the final image's CMD/ENTRYPOINT script starts several services (`service a start && service b start`), sends one to the background beside another (`a & b`), or starts a service and then keeps the container alive with `tail -f` or `sleep infinity`.",
    why: 'The container lives and dies with its main process. When a background service or one started by `service … start` crashes, nothing restarts it and the container still looks healthy; `docker stop` signals only the shell, so the services are killed without a clean shutdown; their logs and resources cannot be watched or scaled apart.',
    example:
      'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends nginx php-fpm && rm -rf /var/lib/apt/lists/*\nCMD service php8.2-fpm start && nginx -g "daemon off;"',
    instead:
      'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends nginx && rm -rf /var/lib/apt/lists/*\nCMD ["nginx", "-g", "daemon off;"]',
  },
  check({ model, report }) {
    const { entrypoint, cmd } = startInstructions(model);
    for (const ins of [entrypoint, cmd]) {
      const script = ins && shellScript(model, ins);
      if (!script) continue;
      const processes = processesStarted(scanScript(script.text));
      if (processes.length === 0) continue;
      report({
        range: script.range,
        message: `${ins.keyword} starts several processes (${processes.map((p) => `\`${p}\``).join(', ')}): when one dies the container does not notice, and \`docker stop\` shuts none of them down cleanly`,
      });
    }
  },
});
