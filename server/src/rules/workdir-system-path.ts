import { isUnderBaseWorkdir, workdirSetBy } from '../engine/model';
import { defineRule } from '../engine/rule';

// kernel filesystems the runtime mounts over the image at start (what the build put there is hidden), and the
// host's boot files, which a container never uses
const SYSTEM_DIRS = new Set(['proc', 'sys', 'dev', 'boot']);

export default defineRule({
  id: 'workdir-system-path',
  aliases: [],
  category: 'correctness',
  severity: 'warning',
  fixable: 'never',
  docs: {
    what: 'Give the app a directory of its own (`WORKDIR /app`). Fires on `WORKDIR /` and on a WORKDIR inside /proc, /sys, /dev or /boot, with ARG defaults and ENV values resolved; a path that depends on a value the file does not give is left alone.',
    why: "With WORKDIR `/`, `COPY . .` spreads the build context over the root filesystem among the system's own directories (/etc and /usr, or C:\\Windows), and files the app writes with relative paths land there too. /proc, /sys and /dev are replaced by kernel filesystems when the container starts, so whatever the build put there vanishes at run time; /boot holds the host's boot files, which a container never uses.",
    example: 'FROM node:22-slim\nWORKDIR /\nCOPY . .\nCMD ["node", "server.js"]',
    instead: 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]',
  },
  check({ model, report }) {
    for (const ins of model.instructions) {
      if (ins.keyword !== 'WORKDIR' || ins.onbuild) continue;
      const path = workdirSetBy(model, ins);
      const top = path?.split('/')[1] ?? '';
      if (path === undefined || isUnderBaseWorkdir(path) || (path !== '/' && !SYSTEM_DIRS.has(top))) continue;
      const written = ins.args.map((w) => w.text).join(' ');
      report({
        range: { start: ins.args[0].range.start, end: ins.args.at(-1)!.range.end },
        message:
          path === '/'
            ? `\`WORKDIR ${written}\` works in the root of the filesystem: \`COPY . .\` and the app's relative paths write among the system's own directories`
            : `\`WORKDIR ${written}\` is inside /${top}, ${top === 'boot' ? "the host's boot files, which a container never uses" : 'a kernel filesystem mounted over the image at start: what the build puts there vanishes at run time'}`,
      });
    }
  },
});
