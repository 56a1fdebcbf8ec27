import { textOf, type DockerfileModel, type Instruction, type KeyValue } from '../engine/model';
import { defineRule, type Fix } from '../engine/rule';

/** `key=value`, quoting a value with blanks; declines where quotes or escapes would need rewriting. */
function toKeyValue(model: DockerfileModel, kv: KeyValue): Fix | undefined {
  if (!kv.valueRange || kv.valueRange.start.line !== kv.nameRange.end.line || kv.valueRange.end.line !== kv.valueRange.start.line) return undefined;
  const raw = textOf(model, kv.valueRange);
  let quote: boolean;
  if (/^"[^"\\`]*"$/.test(raw) || /^'[^']*'$/.test(raw) || !/\s/.test(raw)) quote = false;
  else if (!/["'\\`]/.test(raw)) quote = true;
  else return undefined;
  // the value itself is never rewritten (nor repeated in the title: it may be a secret)
  const between = { start: kv.nameRange.end, end: kv.valueRange.start };
  return {
    title: `Write ${kv.name}=… with an equals sign`,
    safe: true,
    edits: quote
      ? [
          { range: between, newText: '="' },
          { range: { start: kv.valueRange.end, end: kv.valueRange.end }, newText: '"' },
        ]
      : [{ range: between, newText: '=' }],
  };
}

const legacyPair = (ins: Instruction): KeyValue | undefined => ins.keyValues.find((kv) => !kv.hasEquals && kv.valueRange !== null);

export default defineRule({
  id: 'legacy-env-format',
  aliases: [{ tool: 'buildkit', code: 'LegacyKeyValueFormat', relation: 'same' }],
  category: 'maintainability',
  severity: 'warning',
  fixable: 'sometimes',
  docs: {
    what: 'Write `ENV key=value` and `LABEL key=value`, not the legacy `ENV key value`. Fires on an ENV or LABEL in the whitespace-separated form.',
    why: 'In the legacy form everything after the key is one value, so `ENV PATH /app/bin PYTHONUNBUFFERED 1` sets PATH to `/app/bin PYTHONUNBUFFERED 1` instead of two variables. BuildKit warns on it in every build, and the form may be removed.',
    example: 'FROM python:3.12-slim\nENV PYTHONUNBUFFERED 1',
    instead: 'FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1',
    fixSafety:
      'Safe: the key gets the same value, quoted when it contains blanks. Declines when the value spans lines or holds quotes or escape characters that would need rewriting.',
  },
  scope: 'instruction',
  checkInstruction(ins, { model, report }) {
    if (ins.keyword !== 'ENV' && ins.keyword !== 'LABEL') return;
    const kv = legacyPair(ins);
    if (!kv || !kv.valueRange) return;
    report({
      range: { start: kv.nameRange.start, end: kv.valueRange.end },
      message: `\`${ins.keyword} ${kv.name} …\` uses the legacy form: everything after \`${kv.name}\` becomes its value`,
      fix: () => toKeyValue(model, kv),
    });
  },
});
