import { stageChain, type Instruction } from '../engine/model';
import { defineRule } from '../engine/rule';

const unquote = (s: string) => s.replace(/^(["'])(.*)\1$/, '$2').replace(/^["']/, '');
// /abs, C:\ or C:/ (Windows), or a variable we cannot see through
const isAbsolute = (p: string) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || /^[A-Za-z]:$/.test(p) || p.startsWith('$') || p.startsWith('\\');

export default defineRule({
  id: 'workdir-relative',
  aliases: [
    { tool: 'hadolint', code: 'DL3000', relation: 'inspired' },
    { tool: 'buildkit', code: 'WorkdirRelativePath', relation: 'same' },
  ],
  category: 'correctness',
  severity: 'warning',
  fixable: 'never',
  docs: {
    what: 'Give WORKDIR an absolute path. Fires on a relative WORKDIR when no absolute WORKDIR was set before it in the stage or the stages it is built from.',
    why: 'A relative WORKDIR is resolved against whatever directory the base image left behind, so the same Dockerfile puts files in different places when the base image changes its own WORKDIR, and COPY/RUN paths silently move with it.',
    example: 'FROM node:22-slim\nWORKDIR app\nCOPY . .',
    instead: 'FROM node:22-slim\nWORKDIR /app\nCOPY . .',
  },
  check({ model, report }) {
    const seenAbsolute = new Set<Instruction>();
    const absoluteBefore = (ins: Instruction) => {
      const chain = ins.stage ? stageChain(ins.stage) : [];
      return chain.some((s) =>
        s.instructions.some((i) => i.keyword === 'WORKDIR' && !i.onbuild && i.range.start.line < ins.range.start.line && seenAbsolute.has(i)),
      );
    };
    for (const ins of model.instructions) {
      if (ins.keyword !== 'WORKDIR' || ins.onbuild) continue;
      const path = unquote(ins.args[0]?.value ?? '');
      if (!path) continue;
      if (isAbsolute(path)) {
        seenAbsolute.add(ins);
        continue;
      }
      if (absoluteBefore(ins)) continue;
      report({
        range: ins.args[0].range,
        message: `\`WORKDIR ${path}\` is relative to whatever directory the base image left; the files land somewhere else when it changes`,
      });
    }
  },
});
