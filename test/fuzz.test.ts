// The server survives anything typed: random and adversarial edit sequences over real Dockerfiles. After every step
// the server answers a hover in time and its diagnostics equal a fresh in-process lint of the same text (the server
// builds each version's model from the last one's parse: test/incremental.test.ts tests that in process, faster).
// The lint's cost stays near-linear as hostile inputs grow: the shapes of harness/hostile.ts and random repetitions
// of hostile units in every kind of instruction, linted at n and 4n (4× the time is linear, 16× quadratic).
// CI runs a small count; longer runs: FUZZ_RUNS=2000 FUZZ_SEED=42 npm test (the seed of a failure is printed).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { fixAllText } from '../server/src/engine/fix/fixAll';
import { lint } from '../server/src/engine/lint';
import { plainText } from '../server/src/handlers/diagnostics';
import { applyEdits, LineIndex, type TextEdit } from '../server/src/engine/text';
import { rules } from '../server/src/rules';
import { startServer, type LspClient } from './harness/lspClient';
import { lintEveryRule, useParser } from './harness/engine';
import { ordinaryOfLength, SHAPES, type HostileInput } from './harness/hostile';

const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

const SEEDS = [
  'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN apt-get update && apt-get install curl\nRUN pip install -r requirements.txt\nEXPOSE 8000\nCMD python app.py\n',
  '# syntax=docker/dockerfile:1\nARG BASE=node:22\nFROM ${BASE} AS build\nRUN --mount=type=cache,target=/root/.npm npm ci\nRUN <<EOF\nset -e\nnpm run build\nEOF\nFROM gcr.io/distroless/nodejs22\nCOPY --from=build /app /app\nUSER nonroot\nCMD ["/app/server.js"]\n',
  '# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nSHELL ["powershell", "-Command"]\r\nRUN Invoke-WebRequest `\r\n    -Uri https://example.invalid/x.zip\r\n',
  'FROM alpine:3.20\nRUN apk add curl \\\n  # comment inside\n  wget\nONBUILD RUN apt-get install x\nHEALTHCHECK CMD wget -q http://localhost/ || exit 1\n',
];

const ADVERSARIAL = [
  '["unterminated',
  '[',
  ']',
  '\\',
  '\\\n',
  '`',
  '\n# escape=`\n',
  '\n# escape=\\\n',
  '<<EOF',
  '<<-"END"\n',
  '\nEOF\n',
  '\0',
  '\u0000\u0001',
  '\r\n',
  '\r',
  '\uFEFF',
  '\ud83d',
  '🐳',
  '$(',
  '${',
  '${A:-',
  '"',
  "'",
  '\nFROM ',
  '\nRUN ',
  '\nCOPY --from=',
  ' --mount=type=cache,target=',
  '\nUSER root\n',
  '\nONBUILD ONBUILD ',
  ' && ',
  ' | ',
  '\n\n\n',
  '\t',
  'x'.repeat(3000),
  '\nRUN ' + 'a && '.repeat(400) + 'b\n',
];

interface Step {
  at: number;
  del: number;
  text: string;
  atLineEnd: boolean;
}
const step = fc.record({
  at: fc.nat(),
  del: fc.nat({ max: 40 }),
  text: fc.oneof(fc.constantFrom(...ADVERSARIAL), fc.string({ maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 12 })),
  // typed at the end of a line (nothing deleted): an escape or a heredoc marker there changes how the next lines read
  atLineEnd: fc.boolean(),
});

/** The step as an LSP edit against `text` (offsets clamped, never splitting a surrogate pair's position math). */
function toEdit(text: string, s: Step): TextEdit {
  const index = new LineIndex(text);
  let start = s.at % (text.length + 1);
  if (s.atLineEnd) start = index.lineEnd(s.at % index.lineCount);
  const end = s.atLineEnd ? start : Math.min(text.length, start + s.del);
  return { range: { start: index.positionAt(start), end: index.positionAt(end) }, newText: s.text };
}

const key = (d: { code?: unknown; range: Diagnostic['range']; message: string }) =>
  `${String(d.code)}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`;

describe('fuzzing the server with edits', () => {
  useParser();
  let client: LspClient;
  before(async () => {
    client = await startServer({ debounceMs: 0 });
    // the fresh lint below has no ShellCheck facts; ShellCheck's answers (cached per script, so sometimes already in the
    // first publish of a version) are compared in the ShellCheck tests
    client.settings.seaworthy = { ...(client.settings.seaworthy as object), shellcheck: { enable: false, path: '' } };
  });
  after(async () => client.close());

  it(`${RUNS} random edit sequences: no crash, hover in time, diagnostics = a fresh lint`, async () => {
    let doc = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: SEEDS.length - 1 }), fc.array(step, { minLength: 1, maxLength: 6 }), fc.nat(), async (seedIndex, steps, hoverAt) => {
        const uri = `file:///tmp/seaworthy-fuzz/${++doc}/Dockerfile`;
        let text = SEEDS[seedIndex];
        await client.open(uri, text);
        let version = 1;
        for (const s of steps) {
          const edit = toEdit(text, s);
          text = applyEdits(text, [edit]);
          version++;
          const v = version;
          const published = client.diagnostics(uri, (p) => p.version === v, 10_000);
          await client.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri, version },
            contentChanges: [{ range: edit.range, text: edit.newText }],
          });
          const got = (await published).diagnostics.map(key).sort();
          const expected = lint({ text, fileName: '/tmp/x/Dockerfile', dockerignore: undefined }, rules)
            .findings.map((f) => key({ code: f.rule.id, range: f.range, message: plainText(f.message) }))
            .sort();
          assert.deepEqual(got, expected, `diagnostics differ from a fresh lint of:\n${JSON.stringify(text)}`);
          const index = new LineIndex(text);
          const hover = client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: index.positionAt(hoverAt % (text.length + 1)) });
          const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('hover took over 2 s')), 2000));
          await Promise.race([hover, timeout]);
        }
        await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      }),
      { numRuns: RUNS, seed: SEED },
    );
    assert.equal(client.child.exitCode, null, 'the server exited');
  });

  it('a 100,000-line file gets one "skipped" diagnostic; a binary file gets none; both are answered at once', async () => {
    const big = 'FROM debian:12\n' + 'RUN echo hello\n'.repeat(100_000);
    const diags = await client.open('file:///tmp/seaworthy-fuzz/big/Dockerfile', big);
    assert.deepEqual(
      diags.map((d) => [d.code, d.severity]),
      [['file-too-large', 3]],
    );
    assert.match(diags[0].message, /1,500,015 characters, over the limit of 1,000,000/);
    const nul = await client.open('file:///tmp/seaworthy-fuzz/nul/Dockerfile', '\0\x7fELF'.repeat(10_000));
    assert.deepEqual(nul, []);
    assert.equal(client.child.exitCode, null);
  });
});

// ---- cost ratios ----

/** The best of five timings of a lint with every rule on, ms (the best is the one least disturbed by the machine). */
function lintMs(input: HostileInput): number {
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    lintEveryRule(input);
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/**
 * Whether the cost of 4n is near-linear in the cost of n: a ratio under 10 (linear is 4, quadratic 16), or so cheap
 * (under 100 ms) that the ratio is noise on a shared machine. Every size stays under 2 s.
 */
function assertNearLinear(what: string, small: HostileInput, large: HostileInput): void {
  const [t1, t4] = [lintMs(small), lintMs(large)];
  assert.ok(t4 < 2000, `${what}: ${large.text.length} bytes took ${t4.toFixed(0)} ms`);
  assert.ok(
    t4 < 100 || t4 / Math.max(t1, 1) < 10,
    `${what}: ${small.text.length} bytes took ${t1.toFixed(1)} ms, 4× as many ${t4.toFixed(1)} ms (${(t4 / Math.max(t1, 1)).toFixed(1)}×)`,
  );
}

// Units that made a rule super-linear once (dashes, dots, `${`, `$(`, backslashes, &&, quotes …) or might, and every
// kind of place they can stand in.
const UNITS = [
  'a-',
  'a.',
  '${',
  '$(',
  '\\',
  ' && ',
  ' | ',
  '"',
  "'",
  '`',
  '#',
  '=',
  'a=b ',
  '/',
  '//',
  '-',
  ':',
  '@',
  '[',
  '{',
  '(',
  ')',
  '<',
  '>',
  '*',
  '*a',
  'x ',
  '\t',
  '$a',
  ',',
  ';',
  'AKIA',
  'http://',
  '--',
  '-o',
  '.git#',
  '0.',
  'ENV ',
  '\\\n',
  '<<',
  ':_auth=',
  'read -r ',
  'cat ',
  'yarn ',
  'gpg ',
];
const PLACES: readonly ((unit: string) => HostileInput)[] = [
  (u) => ({ text: `FROM alpine:3.20\nRUN echo ${u}\n` }),
  (u) => ({ text: `FROM alpine:3.20\nRUN apt-get install ${u}\n` }),
  (u) => ({ text: `FROM alpine:3.20\nRUN curl -fsSL ${u} | sh\n` }),
  (u) => ({ text: `FROM alpine:3.20\nRUN <<EOF\n${u}\nEOF\n` }),
  (u) => ({ text: `FROM alpine:3.20\nENV A=${u}\n` }),
  (u) => ({ text: `FROM alpine:3.20\nLABEL a="${u}"\n`, config: { labelSchema: { a: 'email' } } }),
  (u) => ({ text: `FROM alpine:3.20\nCOPY ${u} /x/\n`, dockerignore: `${u}\n` }),
  (u) => ({ text: `FROM alpine:3.20\n# ${u}\nRUN true\n` }),
  (u) => ({ text: `FROM ${u}\n`, config: { allowedBaseImages: [`*${u}*`], trustedRegistries: ['docker.io'] } }),
  (u) => ({ text: `ARG A=${u}\nFROM alpine:$A\n` }),
  (u) => ({ text: `FROM alpine:3.20\nHEALTHCHECK CMD ${u}\n` }),
  (u) => ({ text: `FROM alpine:3.20\nWORKDIR ${u}\nUSER ${u}\nEXPOSE ${u}\n` }),
  (u) => ({ text: `FROM alpine:3.20\nRUN chmod ${u} /x && sed -i 's/${u}/${u}/' f\n` }),
];

describe('fix-all on mangled files', () => {
  useParser();
  const lintText = (text: string) => lint({ text, fileName: 'Dockerfile', dockerignore: { fileName: '.dockerignore', text: '' } }, rules).findings;
  const comments = (text: string) =>
    text
      .split(/\r\n|\r|\n/)
      .map((l) => l.trim())
      .filter((l) => /^#\s*\w/.test(l) && !/^#\s*(syntax|escape|check)\s*=/i.test(l));

  it(`${RUNS * 8} random edit sequences: fix-all (safe, and with unsafe fixes) reaches its fixed point, keeps every comment, and a second fix-all changes nothing`, () => {
    fc.assert(
      fc.property(fc.nat({ max: SEEDS.length - 1 }), fc.array(step, { minLength: 1, maxLength: 4 }), fc.boolean(), (seedIndex, steps, unsafe) => {
        let text = SEEDS[seedIndex];
        for (const s of steps) text = applyEdits(text, [toEdit(text, s)]);
        const include = unsafe ? (f: { fix?: unknown }) => f.fix !== undefined : undefined;
        const once = fixAllText(text, lintText, include);
        assert.ok(once.rounds < 50, `fix-all took ${once.rounds} rounds on ${JSON.stringify(text)}`);
        for (const c of comments(text)) assert.ok(once.text.includes(c), `fix-all lost the comment ${JSON.stringify(c)} of ${JSON.stringify(text)}`);
        assert.equal(fixAllText(once.text, lintText, include).text, once.text, `a second fix-all changed ${JSON.stringify(once.text)}`);
      }),
      { numRuns: RUNS * 8, seed: SEED },
    );
  });
});

describe('the cost of a lint grows near-linearly with hostile inputs', () => {
  useParser();
  before(() => {
    lintMs({ text: ordinaryOfLength(20_000) });
  }); // the JIT warmed up

  for (const shape of SHAPES) {
    it(`${shape.name}: ${shape.sizes[0]} and ${4 * shape.sizes[0]} ${shape.unit}`, () => {
      assertNearLinear(shape.name, shape.make(shape.sizes[0]), shape.make(4 * shape.sizes[0]));
    });
  }

  it(`${RUNS} random hostile units repeated in random places: near-linear`, () => {
    fc.assert(
      fc.property(fc.constantFrom(...PLACES), fc.constantFrom(...UNITS), fc.constantFrom(...UNITS), (place, a, b) => {
        // a and b alternate, so that units combine (`a-.`, `${$(` …); about 6 KB and 24 KB
        const unit = a + b;
        const n = Math.ceil(6000 / unit.length);
        assertNearLinear(`${JSON.stringify(unit)} in ${JSON.stringify(place('UNIT').text)}`, place(unit.repeat(n)), place(unit.repeat(4 * n)));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
