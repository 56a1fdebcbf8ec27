import { commandName, effectiveWords } from '../engine/facts/commands';
import { packageManager } from '../engine/facts/packageManagers';
import type { RunCommand } from '../engine/model';
import { defineRule } from '../engine/rule';

/** The package manager a command installs with, when it downloads packages. */
function installer(cmd: RunCommand): string | undefined {
  const name = commandName(cmd) ?? '';
  const args = effectiveWords(cmd)
    .slice(1)
    .map((w) => w.value ?? '');
  const sub = args.find((a) => !a.startsWith('-'));
  if (sub !== undefined && packageManager(name)?.install === sub) return name;
  if (/^pip(\d+(\.\d+)?)?$/.test(name) && sub === 'install') return 'pip';
  if (
    (name === 'npm' && (sub === 'ci' || sub === 'install' || sub === 'i')) ||
    (name === 'yarn' && (sub === undefined || sub === 'install')) ||
    (name === 'pnpm' && sub === 'install')
  )
    return name;
  if (name === 'go' && ((sub === 'mod' && args.includes('download')) || sub === 'build' || sub === 'install')) return 'go';
  return undefined;
}

export default defineRule({
  id: 'package-cache-mount',
  aliases: [],
  category: 'size',
  severity: 'information',
  fixable: 'never',
  defaultOff: true,
  docs: {
    what: 'Give package installs a BuildKit cache mount (`RUN --mount=type=cache,target=…`). Fires, in a Dockerfile that opts into BuildKit syntax (`# syntax=docker/dockerfile:1…`), on a `RUN` that installs with an OS package manager (apt, apk, yum/dnf, zypper), pip, npm/yarn/pnpm or go without any `--mount=type=cache`. Off by default: turn it on when your builds run on BuildKit.',
    why: 'Without a cache mount every cache miss downloads every package again, and the download cache is either shipped in the layer or deleted by hand. A cache mount keeps the downloads on the builder between builds and out of the image.',
    example: '# syntax=docker/dockerfile:1\nFROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt',
    instead:
      '# syntax=docker/dockerfile:1\nFROM python:3.12-slim\nCOPY requirements.txt .\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt',
  },
  check({ model, report }) {
    if (!/(^|\/)dockerfile:1/.test(model.directives.syntax ?? '')) return;
    for (const ins of model.instructions) {
      if (!ins.run || ins.flags.some((f) => f.name === 'mount' && /(^|,)type=cache(,|$)/.test(f.value ?? ''))) continue;
      const cmd = ins.run.commands.find((c) => installer(c) !== undefined);
      if (!cmd) continue;
      report({
        range: cmd.range,
        message: `\`${installer(cmd)}\` downloads every package again on each cache miss; a \`--mount=type=cache\` keeps the downloads on the builder and out of the layer`,
      });
    }
  },
});
