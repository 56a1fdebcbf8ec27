import { stageChain, substituteArgs, type DockerfileModel, type Instruction } from '../engine/model';
import { defineRule } from '../engine/rule';

// kernel filesystems the runtime mounts over the image at start (what the build put there is hidden), and the
// host's boot files, which a container never uses
const SYSTEM_DIRS = new Set(['proc', 'sys', 'dev', 'boot']);

/** `/a/./b/../c//` -> `/a/c`; undefined for a path that is not absolute. */
function normalize(path: string): string | undefined {
  if (!path.startsWith('/')) return undefined;
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '' && part !== '.') parts.push(part);
  }
  return '/' + parts.join('/');
}

/**
 * The WORKDIR path of each WORKDIR of a stage chain, walked in build order: variables replaced by the ARG defaults
 * and ENV values set before it, relative paths joined to the previous WORKDIR. Undefined when something is unknown.
 */
function resolvedWorkdirs(model: DockerfileModel, chain: readonly Instruction[]): Map<Instruction, string | undefined> {
  const vars = new Map<string, string | undefined>();
  const fromEnv = new Set<string>();
  const out = new Map<Instruction, string | undefined>();
  let workdir: string | undefined;
  for (const ins of chain) {
    if (ins.onbuild) continue;
    if (ins.keyword === 'FROM') {
      // an image's own WORKDIR is unknown; a stage's is carried along
      if (ins.stage?.base.kind !== 'stage') workdir = undefined;
    } else if (ins.keyword === 'ARG' || ins.keyword === 'ENV') {
      for (const kv of ins.keyValues) {
        // ENV wins over an ARG of the same name, whatever their order
        if (ins.keyword === 'ARG' && fromEnv.has(kv.name)) continue;
        if (ins.keyword === 'ENV') fromEnv.add(kv.name);
        const value = kv.value ?? (ins.keyword === 'ARG' ? model.globalArgs.get(kv.name) : '');
        vars.set(kv.name, value === undefined || !value.includes('$') ? value : substituteArgs(value, vars));
      }
    } else if (ins.keyword === 'WORKDIR') {
      const raw = ins.args.map((w) => w.value ?? w.text).join(' ').replace(/^(["'])(.*)\1$/, '$2');
      const path = raw.includes('$') ? substituteArgs(raw, vars) : raw;
      workdir = path === undefined ? undefined : path.startsWith('/') ? normalize(path) : workdir && normalize(`${workdir}/${path}`);
      out.set(ins, workdir);
    }
  }
  return out;
}

export default defineRule({
  id: 'workdir-system-path',
  aliases: [],
  category: 'correctness',
  severity: 'warning',
  fixable: 'never',
  docs: {
    what: 'Give the app a directory of its own (`WORKDIR /app`). Fires on `WORKDIR /` and on a WORKDIR inside /proc, /sys, /dev or /boot, with ARG defaults and ENV values resolved; a path that depends on a value the file does not give is left alone.',
    why: 'With WORKDIR `/`, `COPY . .` spreads the build context over the root filesystem among the system\'s own directories (/etc and /usr, or C:\\Windows), and files the app writes with relative paths land there too. /proc, /sys and /dev are replaced by kernel filesystems when the container starts, so whatever the build put there vanishes at run time; /boot holds the host\'s boot files, which a container never uses.',
    example: 'FROM node:22-slim\nWORKDIR /\nCOPY . .\nCMD ["node", "server.js"]',
    instead: 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]',
  },
  check({ model, report }) {
    const scopes = model.stages.length ? model.stages.map((s) => stageChain(s).reverse().flatMap((c) => c.instructions)) : [model.instructions];
    const reported = new Set<Instruction>();
    for (const chain of scopes) {
      for (const [ins, path] of resolvedWorkdirs(model, chain)) {
        const top = path?.split('/')[1] ?? '';
        if (path === undefined || reported.has(ins) || (path !== '/' && !SYSTEM_DIRS.has(top))) continue;
        // a stage is walked again for every stage built FROM it; report each WORKDIR once
        reported.add(ins);
        const written = ins.args.map((w) => w.text).join(' ');
        report({
          range: { start: ins.args[0].range.start, end: ins.args.at(-1)!.range.end },
          message:
            path === '/'
              ? `\`WORKDIR ${written}\` works in the root of the filesystem: \`COPY . .\` and the app's relative paths write among the system's own directories`
              : `\`WORKDIR ${written}\` is inside /${top}, ${top === 'boot' ? "the host's boot files, which a container never uses" : 'a kernel filesystem mounted over the image at start: what the build puts there vanishes at run time'}`,
        });
      }
    }
  },
});
