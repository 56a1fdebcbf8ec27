// Which findings changed between two `seaworthy lint --format json` runs over the same files (e.g. the corpus before
// and after a rule change): per rule, how many findings each run has, how many appeared and disappeared, and a sample
// of each to read by hand.
//
//   node dist/cli.js lint --format json ../shared/corpus/files > before.json     (on the old build)
//   node dist/cli.js lint --format json ../shared/corpus/files > after.json      (on the new one)
//   node scripts/corpus-diff.mjs before.json after.json [--samples N] [--rule ID] [--messages]
//
// A finding is the same in both runs when its file, rule, start and message match; with --messages off (the default
// compares messages too) a changed wording shows as one removal and one addition.
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : fallback;
};
const samples = Number(option('--samples', '5'));
const only = option('--rule', undefined);
const ignoreMessages = args.includes('--ignore-messages') ? (args.splice(args.indexOf('--ignore-messages'), 1), true) : false;
const [beforePath, afterPath] = args;
if (!beforePath || !afterPath) {
  process.stderr.write('usage: node scripts/corpus-diff.mjs before.json after.json [--samples N] [--rule ID] [--ignore-messages]\n');
  process.exit(2);
}

const read = (path) => {
  const byRule = new Map();
  for (const file of JSON.parse(readFileSync(path, 'utf8'))) {
    for (const f of file.findings) {
      if (only && f.rule !== only) continue;
      const key = `${file.file}\0${f.line}:${f.column}\0${ignoreMessages ? '' : f.message}`;
      if (!byRule.has(f.rule)) byRule.set(f.rule, new Map());
      byRule.get(f.rule).set(key, { file: file.file, line: f.line, column: f.column, message: f.message });
    }
  }
  return byRule;
};

const before = read(beforePath);
const after = read(afterPath);
const ids = [...new Set([...before.keys(), ...after.keys()])].sort();
const rows = [];
const details = [];
for (const id of ids) {
  const b = before.get(id) ?? new Map();
  const a = after.get(id) ?? new Map();
  const added = [...a.keys()].filter((k) => !b.has(k)).map((k) => a.get(k));
  const removed = [...b.keys()].filter((k) => !a.has(k)).map((k) => b.get(k));
  if (!added.length && !removed.length) continue;
  rows.push(`| ${id} | ${b.size} | ${a.size} | +${added.length} | -${removed.length} |`);
  const show = (list, sign) => list.slice(0, samples).map((f) => `  ${sign} ${f.file.split('/').pop()}:${f.line}:${f.column} ${f.message}`);
  details.push(
    `### ${id}`,
    ...show(added, '+'),
    ...(added.length > samples ? [`  + … ${added.length - samples} more`] : []),
    ...show(removed, '-'),
    ...(removed.length > samples ? [`  - … ${removed.length - samples} more`] : []),
    '',
  );
}
const total = (m) => [...m.values()].reduce((n, r) => n + r.size, 0);
process.stdout.write(
  [
    `findings: ${total(before)} before, ${total(after)} after; ${rows.length} rule(s) changed`,
    '',
    '| rule | before | after | appeared | disappeared |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    ...details,
  ].join('\n') + '\n',
);
