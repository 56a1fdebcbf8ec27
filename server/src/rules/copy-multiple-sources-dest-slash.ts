import type { Instruction } from '../engine/model';
import { defineRule, type Fix } from '../engine/rule';
import type { Range } from '../engine/text';

const BOOLEAN_FLAGS = new Set(['link', 'parents', 'keep-git-dir', 'unpack']);

interface Arg {
  value: string;
  range: Range;
  /** where a `/` goes: before a closing quote, else at the end */
  slashAt: Range['end'];
}

/** Sources and destination of COPY/ADD, in shell or JSON form. */
function operands(ins: Instruction): Arg[] {
  if (ins.json) {
    return ins.json.words.map((w) => ({ value: w.value ?? '', range: w.range, slashAt: { line: w.range.end.line, character: w.range.end.character - 1 } }));
  }
  return ins.args.map((a) => {
    const quoted = /^(["']).*\1$/.test(a.text);
    return {
      value: quoted ? a.text.slice(1, -1) : a.text,
      range: a.range,
      slashAt: quoted ? { line: a.range.end.line, character: a.range.end.character - 1 } : a.range.end,
    };
  });
}

export default defineRule({
  id: 'copy-multiple-sources-dest-slash',
  aliases: [{ tool: 'hadolint', code: 'DL3021', relation: 'same' }],
  category: 'correctness',
  severity: 'error',
  fixable: 'sometimes',
  docs: {
    what: 'End the destination with `/` when COPY or ADD has more than one source (`COPY a b /app/`). Fires on several sources and a destination without a trailing slash.',
    why: 'Docker only copies several files into a directory, and it only knows the destination is one when it ends with `/`: the build stops with "When using COPY with more than one source file, the destination must be a directory and end with a /".',
    example: 'FROM node:22-slim\nCOPY package.json package-lock.json /app',
    instead: 'FROM node:22-slim\nCOPY package.json package-lock.json /app/',
    fixSafety: 'Safe: a trailing slash is what makes the command valid; the files land where the author meant.',
  },
  scope: 'instruction',
  checkInstruction(ins, { report }) {
    if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || ins.heredocs.length > 0) return;
    // `--from build` (no =) makes `build` look like a source; syntax-error reports the flag
    if (ins.flags.some((f) => f.value === null && !BOOLEAN_FLAGS.has(f.name))) return;
    const args = operands(ins);
    if (args.length < 3) return;
    const dest = args.at(-1)!;
    // `.` and `..` are directories to BuildKit; a variable's value is unknown here
    if (dest.value.endsWith('/') || dest.value === '.' || dest.value === '..' || dest.value.includes('$')) return;
    const fix = (): Fix => ({ title: `Add / to ${dest.value}`, safe: true, edits: [{ range: { start: dest.slashAt, end: dest.slashAt }, newText: '/' }] });
    report({
      range: dest.range,
      message: `${ins.keyword} has ${args.length - 1} sources but its destination \`${dest.value}\` does not end with \`/\`, so the build fails`,
      fix,
    });
  },
});
