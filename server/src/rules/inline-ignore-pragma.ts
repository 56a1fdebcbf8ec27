import { defineRule } from '../engine/rule';
import { inlinePragmaLines } from '../engine/suppress';

export default defineRule({
  id: 'inline-ignore-pragma',
  // hadolint's DL1001 flags `# hadolint ignore=` only; this rule every inline suppression Seaworthy honours
  aliases: [{ tool: 'hadolint', code: 'DL1001', relation: 'inspired' }],
  category: 'maintainability',
  severity: 'warning',
  fixable: 'never',
  defaultOff: true,
  docs: {
    what: "Keep exceptions out of the Dockerfile: fix the finding, or turn the rule off in the team's configuration file. Off by default; when a team turns it on (`rules: { inline-ignore-pragma: warning }`, or hadolint's `DL1001` in `.hadolint.yaml`), it fires on every comment that silences findings of one instruction or stage: `# hadolint ignore=…`, `# hadolint stage ignore=…`, `# seaworthy-ignore …` and BuildKit's `# check=skip=…` above an instruction. File-wide ones (`# hadolint global ignore=`, `# seaworthy-ignore-file`, the `# check=` directive) are left alone.",
    why: "An inline suppression is a decision nobody reviews again: it outlives the reason it was written for, and a team that keeps its policy in one reviewed place (the configuration file) cannot see it. The suppressions still work while this rule reports them; `disableIgnorePragma` (hadolint's `disable-ignore-pragma`) makes hadolint's ones ineffective.",
    example: 'FROM debian:12\n# hadolint ignore=DL3008\nRUN apt-get install -y --no-install-recommends curl',
    instead: 'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8',
  },
  check({ model, report }) {
    // a comment line inside an instruction (between continuation lines) suppresses nothing
    const inside = (line: number) => model.instructions.some((i) => i.range.start.line < line && i.range.end.line > line);
    for (const line of inlinePragmaLines(model)) {
      if (inside(line)) continue;
      const text = model.lines.lineText(line);
      const start = text.length - text.trimStart().length;
      const end = text.trimEnd().length;
      report({
        range: { start: { line, character: start }, end: { line, character: end } },
        message: `\`${text.trim()}\` silences findings inline; this team keeps its exceptions in the configuration file`,
      });
    }
  },
});
