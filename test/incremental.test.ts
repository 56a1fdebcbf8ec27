// After an edit the server builds the model from the previous version's parse, parsing again only the instructions
// around the edit. Whatever the edit, the findings (fixes included) and the model must equal those of a fresh lint of
// the same text: random edit sequences over Dockerfiles that exercise continuations, heredocs, `# escape=`, ONBUILD,
// exec forms and stages, typed within a line (the common case: the rest of the file is reused) or across lines.
// Longer runs: FUZZ_RUNS=2000 FUZZ_SEED=42 npm test (the seed of a failure is printed).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { lint } from '../server/src/engine/lint';
import { buildModel, type DockerfileModel } from '../server/src/engine/model';
import { rules } from '../server/src/rules';
import { useParser } from './harness/engine';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

const BLOCKS = [
  'FROM python:3.12 AS base\n',
  'WORKDIR /app\n',
  'COPY requirements.txt .\n',
  'RUN apt-get update && apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/*\n',
  'RUN pip install -r requirements.txt\n',
  'RUN <<EOF\nset -e\nnpm ci\nEOF\n',
  'COPY <<-"END" /etc/app.conf\n\tkey=value\nEND\n',
  'RUN echo one \\\n  # a comment inside\n  && echo two\n',
  'RUN echo a \\\n\n  echo b\n',
  'ENV A=1 B="two words" \\\n    C=3\n',
  'ARG VERSION=1.0\n',
  'LABEL org.opencontainers.image.version=$VERSION\n',
  'ONBUILD RUN apt-get install x\n',
  'SHELL ["/bin/bash", "-o", "pipefail", "-c"]\n',
  'FROM base AS build\n',
  'COPY --from=base /app /app\n',
  'USER root\n',
  'EXPOSE 80 443/tcp\n',
  'HEALTHCHECK CMD wget -q http://localhost/ || exit 1\n',
  'CMD ["python", "app.py"]\n',
  'ENTRYPOINT python app.py\n',
  '# hadolint ignore=DL3008\n',
  '# a comment\n',
  '\n',
  'RUN --mount=type=cache,target=/root/.cache pip install flask==3.0.0\n',
  'ADD https://example.invalid/x.tar.gz /tmp/\n',
];
const PREAMBLES = ['', '# syntax=docker/dockerfile:1\n', '# escape=`\n', '# check=error=true\n'];

// what people type, and what breaks a parser: continuations, heredoc markers, brackets, line breaks of every kind
const PIECES = [
  'x',
  'a',
  ' ',
  '\\',
  '`',
  '\n',
  '\r\n',
  '\r',
  '\n\n',
  '<<EOF',
  '\nEOF\n',
  'EOF',
  '[',
  ']',
  '"',
  "'",
  '$',
  '${A:-',
  '&&',
  ' \\\n',
  '\nFROM alpine\n',
  '\nRUN ',
  '# ',
  '\nONBUILD ',
  '=',
  '--from=base ',
  '\t',
];

interface Edit {
  at: number;
  del: number;
  text: string;
  atLineEnd: boolean;
}
const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  del: fc.oneof(fc.constant(0), fc.nat({ max: 3 }), fc.nat({ max: 30 })),
  text: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 8 }), fc.constant('')),
  // at the end of a line, where a typed escape or heredoc marker changes how the next lines are read
  atLineEnd: fc.boolean(),
});

const file = fc
  .tuple(fc.constantFrom(...PREAMBLES), fc.array(fc.constantFrom(...BLOCKS), { minLength: 1, maxLength: 25 }), fc.boolean())
  .map(([pre, blocks, crlf]) => {
    const t = pre + blocks.join('');
    return crlf ? t.replace(/\n/g, '\r\n') : t;
  });

const everyRuleOn = { severityOf: (r: { severity: 'error' | 'warning' | 'information' | 'hint' }) => r.severity };
const lintOf = (text: string, model: DockerfileModel) =>
  lint({ text, model, fileName: 'Dockerfile', dockerignore: { fileName: '.dockerignore', text: '' }, settings: everyRuleOn, today: '2026-01-01' }, rules);

/** What a user sees of a lint: each finding with its fix. */
const seen = (r: ReturnType<typeof lintOf>) =>
  r.findings.map((f) => ({
    rule: f.rule.id,
    severity: f.severity,
    range: f.range,
    message: f.message,
    fix: f.fix && { title: f.fix.title, safe: f.fix.safe, edits: f.fix.edits },
  }));

/** The model's instructions as rules read them. */
const shape = (m: DockerfileModel) => ({
  directives: m.directives,
  stages: m.stages.map((s) => ({ name: s.name, base: s.base.text, from: s.from.range, count: s.instructions.length, usedBy: s.usedBy, isFinal: s.isFinal })),
  instructions: m.instructions.map((i) => ({
    keyword: i.keyword,
    range: i.range,
    keywordRange: i.keywordRange,
    argumentsRange: i.argumentsRange,
    onbuild: i.onbuild,
    stage: i.stage?.index,
    args: i.args,
    flags: i.flags,
    json: i.json,
    keyValues: i.keyValues,
    variables: i.variables,
    heredocs: i.heredocs,
    run: i.run && {
      commands: i.run.commands.map((c) => ({ name: c.name, words: c.words, range: c.range })),
      script: i.run.script?.text,
      foreignShell: i.run.foreignShell,
      hasSyntaxError: i.run.hasSyntaxError,
    },
  })),
});

function applyEdit(text: string, e: Edit): string {
  let start = e.at % (text.length + 1);
  if (e.atLineEnd) {
    const ends = [...text.matchAll(/\r?\n|\r/g)].map((m) => m.index);
    start = ends.length ? ends[e.at % ends.length] : text.length;
  }
  return text.slice(0, start) + e.text + text.slice(Math.min(text.length, start + (e.atLineEnd ? 0 : e.del)));
}

describe('incremental model: an edited document lints as a fresh one', () => {
  useParser();

  it(`${RUNS} random files and edit sequences: the model and findings equal a fresh build's`, () => {
    fc.assert(
      fc.property(file, fc.array(edit, { minLength: 1, maxLength: 8 }), (start, edits) => {
        let text = start;
        let model = buildModel(text);
        for (const e of edits) {
          text = applyEdit(text, e);
          const incremental = buildModel(text, {}, model);
          const fresh = buildModel(text);
          assert.deepEqual(shape(incremental), shape(fresh), `the model differs from a fresh build of:\n${JSON.stringify(text)}`);
          assert.deepEqual(seen(lintOf(text, incremental)), seen(lintOf(text, fresh)), `findings differ from a fresh lint of:\n${JSON.stringify(text)}`);
          model = incremental;
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('an escape or a heredoc marker typed at the end of any line: the lines after it are read as a fresh build reads them', () => {
    const start = Array.from({ length: 40 }, (_, i) => BLOCKS[(i * 5) % BLOCKS.length]).join('');
    const base = buildModel(start);
    const ends = [...start.matchAll(/\n/g)].map((m) => m.index);
    for (const typed of [' \\', ' <<EOF', ' \\\n']) {
      for (const at of ends) {
        const text = start.slice(0, at) + typed + start.slice(at);
        assert.deepEqual(shape(buildModel(text, {}, base)), shape(buildModel(text)), `typed ${JSON.stringify(typed)} at ${at}`);
      }
    }
  });

  it('typing into one line of a long file gives the findings of a fresh lint, at the top, middle and end', () => {
    const blocks = Array.from({ length: 300 }, (_, i) => BLOCKS[(i * 7) % BLOCKS.length]).join('');
    let text = blocks;
    let model = buildModel(text);
    const lines = text.split('\n').length;
    for (const line of [3, Math.floor(lines / 2), lines - 3]) {
      for (const typed of ['x', '\\', '<<EOF', '']) {
        const offsets = text.split('\n').slice(0, line).join('\n').length + 1;
        text = text.slice(0, offsets) + typed + text.slice(offsets);
        const incremental = buildModel(text, {}, model);
        assert.deepEqual(seen(lintOf(text, incremental)), seen(lintOf(text, buildModel(text))), `line ${line}, typed ${JSON.stringify(typed)}`);
        model = incremental;
      }
    }
  });
});
