import { stageChain, type DockerfileModel, type Instruction } from '../engine/model';
import { defineRule } from '../engine/rule';
import type { Range } from '../engine/text';

/** The destination of a COPY as written, with its range; undefined when it cannot be read. */
function destination(model: DockerfileModel, ins: Instruction): { path: string; range: Range } | undefined {
  if (ins.isJsonForm && ins.argumentsRange) {
    const text = model.text.slice(model.lines.offsetAt(ins.argumentsRange.start), model.lines.offsetAt(ins.argumentsRange.end));
    const open = text.indexOf('[');
    try {
      const list: unknown = JSON.parse(text.slice(open, text.lastIndexOf(']') + 1));
      return Array.isArray(list) && typeof list.at(-1) === 'string' ? { path: list.at(-1) as string, range: ins.argumentsRange } : undefined;
    } catch {
      return undefined;
    }
  }
  // heredoc content lines are arguments too: the destination is the last word on the instruction's own line
  const words = ins.heredocs.length ? ins.args.filter((a) => a.range.start.line === ins.range.start.line) : ins.args;
  if (words.length < 2) return undefined;
  let first = words.length - 1;
  const last = words[first].text;
  // "a b" is split at the blank: join the words back up to the one that opens the quote
  const quote = /["']$/.exec(last)?.[0];
  if (quote && !last.startsWith(quote)) while (first > 0 && !words[first].text.startsWith(quote)) first--;
  const text = model.text.slice(model.lines.offsetAt(words[first].range.start), model.lines.offsetAt(words.at(-1)!.range.end));
  return { path: text, range: { start: words[first].range.start, end: words.at(-1)!.range.end } };
}

const unquote = (p: string) => p.replace(/^["']|["']$/g, '');
// /abs, C:\ or C:/ (Windows), or a variable we cannot see through
const isAbsolute = (p: string) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('$');

/** A WORKDIR before this instruction, in its stage or in a stage it is built FROM. */
function workdirBefore(model: DockerfileModel, ins: Instruction): boolean {
  const scopes = ins.stage ? stageChain(ins.stage).map((s) => s.instructions) : [model.instructions];
  return scopes.some((scope) =>
    scope.some((i) => i.keyword === 'WORKDIR' && !i.onbuild && (i.stage !== ins.stage || i.range.start.line < ins.range.start.line)),
  );
}

export default defineRule({
  id: 'copy-relative-without-workdir',
  aliases: [{ tool: 'hadolint', code: 'DL3045', relation: 'same' }],
  category: 'correctness',
  severity: 'warning',
  fixable: 'never',
  docs: {
    what: 'Set WORKDIR before a COPY to a relative destination, or give COPY an absolute destination. Fires when no WORKDIR comes before the COPY in its stage or the stages it is built FROM (ONBUILD triggers are left alone: the image that runs them decides their directory).',
    why: 'A relative destination is resolved against the working directory the base image left behind. When the base image changes it (or the stage is rebased), the files land somewhere else and the CMD no longer finds them, with a build that still succeeds.',
    example: 'FROM node:22-slim\nCOPY package.json .\nCMD ["node", "server.js"]',
    instead: 'FROM node:22-slim\nWORKDIR /app\nCOPY package.json .\nCMD ["node", "server.js"]',
  },
  check({ model, report }) {
    for (const ins of model.instructions) {
      if (ins.keyword !== 'COPY' || ins.onbuild) continue;
      const dest = destination(model, ins);
      if (!dest || isAbsolute(unquote(dest.path)) || workdirBefore(model, ins)) continue;
      report({
        range: dest.range,
        message: `COPY to the relative \`${unquote(dest.path)}\` lands in whatever working directory the base image left, since no WORKDIR is set`,
      });
    }
  },
});
