// After an edit the server builds the model from the previous version's parse, parsing again only the instructions
// around the edit, and keeps the findings of instruction-scoped rules (Rule.scope) on the instructions the edit left
// as they were. Whatever the edit, the findings (fixes included) and the model must equal those of a fresh lint of
// the same text: random edit sequences over Dockerfiles that exercise continuations, heredocs, `# escape=`, ONBUILD,
// exec forms, stages, suppression comments and what the instruction-scoped rules fire on, typed within a line (the
// common case: the rest of the file is reused) or across lines. A rule declared instruction-scoped that is not (a
// test below declares one) makes these tests fail; each rule declared so is checked against edits of the rest of the
// file. Longer runs: FUZZ_RUNS=2000 FUZZ_SEED=42 npm test (the seed of a failure is printed).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { lint } from '../server/src/engine/lint';
import { buildModel, type DockerfileModel, type Instruction } from '../server/src/engine/model';
import { defineRule, type Report, type Rule } from '../server/src/engine/rule';
import type { ResolvedSettings } from '../server/src/engine/settings';
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
  // what the instruction-scoped rules fire on
  'RUN apt install curl && apt-get upgrade\n',
  'EXPOSE 22 80/TCP\n',
  'RUN curl -fsSL https://example.invalid/i.sh | sh\n',
  'RUN chmod 777 /app && mkdir -m 0777 /data\n',
  'ENV LEGACY some value\n',
  'RUN gem install rails && npm install express\n',
  'RUN yum install httpd && zypper dist-upgrade\n',
  'RUN export A=1\n',
  'RUN useradd -u 12345678 app && sudo ls\n',
  'ADD app.py /app/\n',
  'COPY a b c\n',
  'RUN git config --global http.sslVerify false\n',
  'RUN echo x \\\n\n  && ln -sf /bin/bash /bin/sh\n',
  'ONBUILD EXPOSE 22\n',
  'RUN ["apt-get", "install", "curl"]\n',
  'ENV DB_PASSWORD=hunter2hunter2\n',
  '# seaworthy-ignore apt-missing-yes,ssh-port-exposed\n',
  '# hadolint ignore=DL3015\n',
  'SHELL ["pwsh", "-c"]\n',
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
  '\n# seaworthy-ignore sudo-usage\n',
  '\n# hadolint ignore=DL3014\n',
  'apt-get install x',
  ' | sh',
  ' 22',
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

const everyRuleOn: ResolvedSettings = { severityOf: (r) => r.severity };
const lintOf = (text: string, model: DockerfileModel, ruleList: readonly Rule[] = rules) =>
  lint({ text, model, fileName: 'Dockerfile', dockerignore: { fileName: '.dockerignore', text: '' }, settings: everyRuleOn, today: '2026-01-01' }, ruleList);
/** A lint as the server runs it after an edit: from the previous lint's model, which it builds on. */
const lintAfter = (text: string, previous: DockerfileModel | undefined, ruleList: readonly Rule[] = rules, settings = everyRuleOn) =>
  lint({ text, previous, fileName: 'Dockerfile', dockerignore: { fileName: '.dockerignore', text: '' }, settings, today: '2026-01-01' }, ruleList);

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
      // where the script's start, middle and end are in the document (ShellCheck's findings are placed with it)
      script: i.run.script && {
        text: i.run.script.text,
        at: [0, i.run.script.text.length >> 1, i.run.script.text.length].map((o) => i.run!.script!.toDoc(o, o > 0)),
      },
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

/** Random files and edit sequences: each lint after an edit, from the last one, equals a fresh lint of the text. */
const editedLintsAsFresh = (ruleList: readonly Rule[]) =>
  fc.property(file, fc.array(edit, { minLength: 1, maxLength: 8 }), (start, edits) => {
    let text = start;
    let previous = lintAfter(text, undefined, ruleList).model;
    for (const e of edits) {
      text = applyEdit(text, e);
      const incremental = lintAfter(text, previous, ruleList);
      const fresh = buildModel(text);
      assert.deepEqual(shape(incremental.model), shape(fresh), `the model differs from a fresh build of:\n${JSON.stringify(text)}`);
      assert.deepEqual(seen(incremental), seen(lintOf(text, fresh, ruleList)), `findings differ from a fresh lint of:\n${JSON.stringify(text)}`);
      previous = incremental.model;
    }
  });

describe('incremental model: an edited document lints as a fresh one', () => {
  useParser();

  it(`${RUNS} random files and edit sequences: the model and findings equal a fresh build's`, () => {
    fc.assert(editedLintsAsFresh(rules), { numRuns: RUNS, seed: SEED });
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
    let previous = lintAfter(text, undefined).model;
    const lines = text.split('\n').length;
    for (const line of [3, Math.floor(lines / 2), lines - 3]) {
      for (const typed of ['x', '\\', '<<EOF', '', '\n', '\nRUN sudo x\n']) {
        const offsets = text.split('\n').slice(0, line).join('\n').length + 1;
        text = text.slice(0, offsets) + typed + text.slice(offsets);
        const incremental = lintAfter(text, previous);
        assert.deepEqual(seen(incremental), seen(lintOf(text, buildModel(text))), `line ${line}, typed ${JSON.stringify(typed)}`);
        previous = incremental.model;
      }
    }
  });
});

describe('findings kept for unchanged instructions', () => {
  useParser();
  const text = 'FROM debian:12\nRUN apt install curl\nEXPOSE 22\nRUN sudo ls\n';
  const codes = (r: ReturnType<typeof lintOf>) => r.findings.map((f) => `${f.range.start.line}:${f.rule.id}`);

  it('a suppression comment added above an unchanged instruction hides its kept finding', () => {
    const before = lintAfter(text, undefined);
    assert.ok(codes(before).includes('2:ssh-port-exposed'));
    const edited = text.replace('EXPOSE', '# seaworthy-ignore ssh-port-exposed\nEXPOSE');
    const after = lintAfter(edited, before.model);
    assert.ok(!codes(after).some((c) => c.endsWith(':ssh-port-exposed')), codes(after).join(' '));
    assert.ok(after.suppressed.some((f) => f.rule.id === 'ssh-port-exposed'));
    assert.ok(codes(after).includes('4:sudo-usage'), 'the finding below moved one line down');
  });

  it('a changed setting applies to kept findings: severity and off', () => {
    const before = lintAfter(text, undefined);
    const sudoAsError: ResolvedSettings = { severityOf: (r) => (r.id === 'sudo-usage' ? 'error' : r.id === 'ssh-port-exposed' ? 'off' : r.severity) };
    const after = lintAfter(text + 'RUN echo\n', before.model, rules, sudoAsError);
    assert.equal(after.findings.find((f) => f.rule.id === 'sudo-usage')?.severity, 'error');
    assert.ok(!after.findings.some((f) => f.rule.id === 'ssh-port-exposed'));
    // and back: a rule off in the last lint has nothing kept, so it runs on every instruction
    const again = lintAfter(text, after.model);
    assert.deepEqual(seen(again), seen(lintOf(text, buildModel(text))));
  });

  it("a kept finding's fix is built for the instruction where it is now", () => {
    const before = lintAfter(text, undefined);
    const after = lintAfter('# a line above\n' + text, before.model);
    const fix = after.findings.find((f) => f.rule.id === 'apt-instead-of-apt-get')?.fix;
    assert.equal(fix?.edits[0].range.start.line, 2);
    assert.deepEqual(seen(after), seen(lintOf('# a line above\n' + text, buildModel('# a line above\n' + text))));
  });
});

/**
 * A rule that reads what is around the instruction (the users set before it), declared instruction-scoped: the
 * mistake the tests here must catch.
 */
const wronglyScoped = defineRule({
  id: 'run-after-user',
  aliases: [],
  category: 'security',
  severity: 'warning',
  fixable: 'never',
  docs: { what: 'A test rule.', why: 'A test rule.', example: 'FROM a\nUSER x\nRUN id', instead: 'FROM a\nRUN id' },
  scope: 'instruction',
  checkInstruction(ins, { model, report }) {
    if (ins.keyword !== 'RUN') return;
    if (model.instructions.some((i) => i.keyword === 'USER' && i.range.start.line < ins.range.start.line))
      report({ range: ins.keywordRange, message: 'RUN after USER' });
  },
});

/** The reports of a rule that land on `ins`, with their lines counted from its first line and their fixes. */
function reportsOn(rule: Rule, model: DockerfileModel, ins: Instruction) {
  const made: Report[] = [];
  for (const i of model.instructions) rule.checkInstruction!(i, { model, report: (r) => made.push(r) });
  const first = ins.range.start.line;
  const rel = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) => ({
    start: { line: r.start.line - first, character: r.start.character },
    end: { line: r.end.line - first, character: r.end.character },
  });
  return made
    .filter((r) => r.range.start.line >= first && r.range.start.line <= ins.range.end.line)
    .map((r) => {
      const fix = r.fix?.();
      return {
        range: rel(r.range),
        message: r.message,
        fix: fix && { title: fix.title, edits: fix.edits.map((e) => ({ range: rel(e.range), newText: e.newText })) },
      };
    });
}

/** Another file around one block: other blocks before and after it, edited at random (the block itself is kept). */
const around = fc.record({
  target: fc.constantFrom(...BLOCKS),
  before: fc.array(fc.constantFrom(...BLOCKS), { maxLength: 8 }),
  after: fc.array(fc.constantFrom(...BLOCKS), { maxLength: 8 }),
  before2: fc.array(fc.constantFrom(...BLOCKS), { maxLength: 8 }),
  after2: fc.array(fc.constantFrom(...BLOCKS), { maxLength: 8 }),
});

/** For a rule declared instruction-scoped: another file around an instruction never changes its findings on it. */
const findingsDependOnTheInstructionAlone = (rule: Rule) =>
  fc.property(around, ({ target, before, after, before2, after2 }) => {
    const at = (pre: string[]) => {
      const text = pre.join('') + target;
      const model = buildModel(text + after.join(''));
      return { line: text.split('\n').length - target.split('\n').length, model };
    };
    const one = at(before);
    const other = (() => {
      const pre = before2.join('');
      const text = pre + target + after2.join('');
      return { line: pre.split('\n').length - 1, model: buildModel(text) };
    })();
    const find = (x: { line: number; model: DockerfileModel }) => x.model.instructions.find((i) => !i.onbuild && i.range.start.line === x.line);
    const a = find(one);
    const b = find(other);
    const textOf = (x: { model: DockerfileModel }, i: Instruction) =>
      x.model.text.slice(x.model.lines.offsetAt(i.range.start), x.model.lines.offsetAt(i.range.end));
    // the block read as the same instruction in both files, in a shell of the same kind (else its model differs)
    // the shell of its RUN, or of its ONBUILD's RUN trigger
    const shells = (m: DockerfileModel, i: Instruction) => {
      const next = m.instructions[m.instructions.indexOf(i) + 1];
      return [i.run?.foreignShell, next?.onbuild ? next.run?.foreignShell : undefined];
    };
    if (!a || !b || textOf(one, a) !== textOf(other, b) || shells(one.model, a).join() !== shells(other.model, b).join()) return;
    assert.deepEqual(reportsOn(rule, other.model, b), reportsOn(rule, one.model, a), `${rule.id} on ${JSON.stringify(target)}`);
  });

describe('rules declared instruction-scoped', () => {
  useParser();
  const scoped = rules.filter((r) => r.scope === 'instruction');

  it('every one writes checkInstruction, and its check is that of each instruction', () => {
    assert.ok(scoped.length > 0);
    for (const r of scoped) assert.equal(typeof r.checkInstruction, 'function', r.id);
    for (const r of rules.filter((x) => x.scope !== 'instruction')) assert.equal(r.checkInstruction, undefined, r.id);
  });

  for (const rule of scoped) {
    it(`${rule.id}: its findings on an instruction are the same whatever the rest of the file holds`, () => {
      fc.assert(findingsDependOnTheInstructionAlone(rule), { numRuns: Math.max(20, Math.floor(RUNS / 3)), seed: SEED });
    });
  }

  it('a rule wrongly declared instruction-scoped fails both checks: the findings after edits differ from a fresh lint, and the rest of the file changes its findings', () => {
    const edited = fc.check(editedLintsAsFresh([wronglyScoped]), { numRuns: 500, seed: 7 });
    assert.ok(edited.failed, 'the incremental lint kept a finding that a fresh lint does not have (or lost one)');
    const alone = fc.check(findingsDependOnTheInstructionAlone(wronglyScoped), { numRuns: 200, seed: 7 });
    assert.ok(alone.failed, 'a USER before the RUN changed its findings');
  });
});
