// Benchmarks: prints figures as tables, each next to a baseline measured in the same run.
//   node scripts/bench.mjs [CORPUS_DIR] [--passes N] [--quick]
// Needs `npm run build` first (the editor and CLI figures use dist/). Never a timed test: figures only.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const quick = args.includes('--quick');
const corpusDir = resolve(args.find((a, i) => !a.startsWith('--') && !['--passes'].includes(args[i - 1])) ?? '../shared/corpus/files');
const passes = Number(opt('--passes', quick ? 3 : 7));
if (!existsSync('dist/server.js')) throw new Error('run `npm run build` first');
const files = readdirSync(corpusDir)
  .filter((f) => statSync(join(corpusDir, f)).isFile())
  .sort();
const texts = files.map((f) => readFileSync(join(corpusDir, f), 'utf8'));
const totalLines = texts.reduce((n, t) => n + t.split('\n').length, 0);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const f2 = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(3));
const table = (title, head, rows) => {
  console.log(`\n## ${title}\n`);
  console.log(`| ${head.join(' | ')} |\n| ${head.map(() => '---').join(' | ')} |`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
};

// ---- 1. throughput in process ----
await build({
  stdin: {
    contents: `export { lint } from './server/src/engine/lint'; export { rules } from './server/src/rules'; export { loadShellParser } from './server/src/host'; export { clearShellCache } from './server/src/engine/model';`,
    resolveDir: '.',
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: 'dist/bench-engine.cjs',
  logLevel: 'warning',
  alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/tree-sitter.cjs' },
});
const engine = await import(pathToFileURL(resolve('dist/bench-engine.cjs')).href);
await engine.loadShellParser();
const { DockerfileParser } = await import('dockerfile-ast');
const utils = await import('dockerfile-utils');
const everyRuleOn = { severityOf: (r) => r.severity };

function measure(fn) {
  for (const t of texts) fn(t); // warm-up
  const perFile = texts.map(() => []);
  const totals = [];
  for (let p = 0; p < passes; p++) {
    engine.clearShellCache(); // every pass parses every RUN body again, as a first lint of these files would
    const start = performance.now();
    texts.forEach((t, i) => {
      const s = performance.now();
      fn(t);
      perFile[i].push(performance.now() - s);
    });
    totals.push(performance.now() - start);
  }
  const fileMedians = perFile.map(median);
  return { total: median(totals), med: median(fileMedians), p99: pct(fileMedians, 99) };
}
const floor = measure((t) => DockerfileParser.parse(t));
const peer = measure((t) => utils.validate(t));
const ours = measure((t) =>
  engine.lint({ text: t, fileName: 'Dockerfile', dockerignore: { fileName: '.dockerignore', text: '' }, settings: everyRuleOn }, engine.rules),
);
const peerRules = Object.keys(utils.ValidationCode ?? {}).filter((k) => Number.isNaN(Number(k))).length;
table(
  `Throughput in process: ${files.length} files, ${totalLines} lines, median of ${passes} passes after a warm-up`,
  ['what', 'rules', 'total ms / pass', 'ms per file (median)', 'ms per file (p99)', '× parse floor'],
  [
    ['dockerfile-ast parse (floor)', '0', f2(floor.total), f2(floor.med), f2(floor.p99), '1.00'],
    ['dockerfile-utils validate', String(peerRules), f2(peer.total), f2(peer.med), f2(peer.p99), (peer.total / floor.total).toFixed(2)],
    ['seaworthy lint, every rule on', String(engine.rules.length), f2(ours.total), f2(ours.med), f2(ours.p99), (ours.total / floor.total).toFixed(2)],
  ],
);
console.log(
  `\nseaworthy / dockerfile-utils: ${(ours.total / peer.total).toFixed(2)}× the time, ${(engine.rules.length / Math.max(1, peerRules)).toFixed(1)}× the rules`,
);

// ---- LSP helpers ----
function lspServer(cmd, argv, initializationOptions) {
  const started = performance.now();
  const child = spawn(cmd, argv, { stdio: ['pipe', 'pipe', 'ignore'] });
  let buf = Buffer.alloc(0);
  let id = 0;
  const pending = new Map();
  const listeners = new Set();
  child.stdout.on('data', (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    for (;;) {
      const sep = buf.indexOf('\r\n\r\n');
      if (sep < 0) return;
      const len = Number(/Content-Length: (\d+)/i.exec(buf.slice(0, sep).toString())[1]);
      if (buf.length < sep + 4 + len) return;
      const msg = JSON.parse(buf.slice(sep + 4, sep + 4 + len).toString());
      buf = buf.slice(sep + 4 + len);
      if (msg.id !== undefined && msg.method === undefined) {
        pending.get(msg.id)?.(msg.result);
        pending.delete(msg.id);
      } else if (msg.id !== undefined)
        send({ jsonrpc: '2.0', id: msg.id, result: msg.method === 'workspace/configuration' ? msg.params.items.map(() => null) : null });
      else for (const l of listeners) l(msg);
    }
  });
  const send = (m) => {
    const s = JSON.stringify(m);
    child.stdin.write(`Content-Length: ${Buffer.byteLength(s)}\r\n\r\n${s}`);
  };
  const request = (method, params) =>
    new Promise((res) => {
      const i = ++id;
      pending.set(i, res);
      send({ jsonrpc: '2.0', id: i, method, params });
    });
  const notify = (method, params) => send({ jsonrpc: '2.0', method, params });
  // the diagnostics of `uri` for `version` or later: a server that says which version it linted (ours does) may still
  // publish an earlier one (ShellCheck's answer for it), which is not the answer to this edit
  const nextDiagnostics = (uri, ms = 10_000, version = 0) =>
    new Promise((res, rej) => {
      const timer = setTimeout(() => {
        listeners.delete(l);
        rej(new Error(`${argv[0]}: no diagnostics for ${uri} within ${ms} ms`));
      }, ms);
      const l = (m) => {
        if (m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && !(typeof m.params.version === 'number' && m.params.version < version)) {
          clearTimeout(timer);
          listeners.delete(l);
          res(m.params);
        }
      };
      listeners.add(l);
    });
  const ready = request('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions }).then(() => {
    notify('initialized', {});
    return performance.now() - started;
  });
  const rssMB = () => {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  };
  const stop = async () => {
    await Promise.race([request('shutdown', null), new Promise((r) => setTimeout(r, 1000))]);
    notify('exit');
    child.kill();
  };
  return { ready, request, notify, nextDiagnostics, rssMB, stop, started };
}

const SERVERS = [
  ['seaworthy (debounce 0)', process.execPath, ['dist/server.js', '--stdio'], { debounceMs: 0 }],
  ['seaworthy (default: linted when idle)', process.execPath, ['dist/server.js', '--stdio'], {}],
  ['dockerfile-language-server-nodejs', process.execPath, ['node_modules/dockerfile-language-server-nodejs/lib/server.js', '--stdio'], {}],
];

/** A Dockerfile of about n lines, made of corpus files (deterministic). */
function fileOfLines(n) {
  const out = [];
  for (let i = 0; out.length < n; i = (i + 7) % texts.length) out.push(...texts[i].replace(/\r/g, '').split('\n'));
  return out.slice(0, n).join('\n') + '\n';
}

// ---- 2. editor latency ----
const sizes = [30, 500, 5000];
const editsFor = { 30: quick ? 40 : 200, 500: quick ? 40 : 200, 5000: quick ? 15 : 60 };
const latencyRows = [];
for (const lines of sizes) {
  const text = fileOfLines(lines);
  const editLine = text.split('\n').findIndex((l) => /^RUN /.test(l));
  for (const [name, cmd, argv, init] of SERVERS) {
    const s = lspServer(cmd, argv, init);
    await s.ready;
    const uri = `file:///tmp/bench/${lines}/Dockerfile`;
    const first = s.nextDiagnostics(uri);
    s.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
    await first;
    const times = [];
    for (let v = 2; v < 2 + editsFor[lines]; v++) {
      const got = s.nextDiagnostics(uri, 10_000, v);
      const t0 = performance.now();
      // type an "x" into a RUN line, then delete it again
      const end = v % 2 ? 5 : 4;
      s.notify('textDocument/didChange', {
        textDocument: { uri, version: v },
        contentChanges: [{ range: { start: { line: editLine, character: 4 }, end: { line: editLine, character: end } }, text: v % 2 ? '' : 'x' }],
      });
      await got;
      times.push(performance.now() - t0);
    }
    await s.stop();
    latencyRows.push([String(lines), name, f2(median(times)), f2(pct(times, 99)), f2(median(times) / lines)]);
  }
}
table('Editor latency: didChange → publishDiagnostics over stdio', ['lines', 'server', 'p50 ms', 'p99 ms', 'ms per line (p50)'], latencyRows);

// ---- 3. start ----
const startRows = [];
for (const [name, cmd, argv, init] of SERVERS.filter((s) => !s[0].includes('default'))) {
  const initMs = [];
  const firstMs = [];
  for (let i = 0; i < (quick ? 3 : 7); i++) {
    const s = lspServer(cmd, argv, init);
    initMs.push(await s.ready);
    const uri = 'file:///tmp/bench/start/Dockerfile';
    const got = s.nextDiagnostics(uri);
    s.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: texts[0] } });
    await got;
    firstMs.push(performance.now() - s.started);
    await s.stop();
  }
  startRows.push([name, f2(median(initMs)), f2(median(firstMs))]);
}
table('Start: spawn → initialize result, spawn → first diagnostics (median)', ['server', 'initialize ms', 'first diagnostics ms'], startRows);

// ---- 4. memory ----
const memRows = [];
for (const [name, cmd, argv, init] of SERVERS.filter((s) => !s[0].includes('default'))) {
  const s = lspServer(cmd, argv, init);
  await s.ready;
  const base = s.rssMB();
  const openedAt = performance.now();
  const all = files.map((f, i) => {
    const uri = `file:///tmp/bench/mem/${i}/${f}`;
    // every file at once is a flood, not a keystroke: generous deadline, and the time it took is a figure of its own
    const got = s.nextDiagnostics(uri, 120_000);
    s.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: texts[i] } });
    return got;
  });
  await Promise.all(all);
  memRows.push([name, f2(base), f2(s.rssMB()), f2((performance.now() - openedAt) / 1000)]);
  await s.stop();
}
table(
  `Memory: server RSS (MB) after initialize and after opening all ${files.length} files`,
  ['server', 'RSS idle', 'RSS all open', 's until every file had diagnostics'],
  memRows,
);

// ---- 5. whole CLI process and sizes ----
const cliTimes = [];
const cliOwnTimes = [];
const cliJobsTimes = [];
const jobs = Math.max(2, availableParallelism());
const nodeTimes = [];
const peerCliTimes = [];
for (let i = 0; i < (quick ? 2 : 5); i++) {
  let t = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  nodeTimes.push(performance.now() - t);
  t = performance.now();
  spawnSync(process.execPath, ['scripts/bench-peer-cli.cjs', corpusDir], { maxBuffer: 1 << 28 });
  peerCliTimes.push(performance.now() - t);
  t = performance.now();
  spawnSync(process.execPath, ['dist/cli.js', 'lint', '--format', 'json', corpusDir], { maxBuffer: 1 << 28 });
  cliTimes.push(performance.now() - t);
  t = performance.now();
  spawnSync(process.execPath, ['dist/cli.js', 'lint', '--no-shellcheck', '--format', 'json', corpusDir], { maxBuffer: 1 << 28 });
  cliOwnTimes.push(performance.now() - t);
  t = performance.now();
  spawnSync(process.execPath, ['dist/cli.js', 'lint', '--no-shellcheck', '--jobs', String(jobs), '--format', 'json', corpusDir], { maxBuffer: 1 << 28 });
  cliJobsTimes.push(performance.now() - t);
}
table(
  `Whole CLI process over ${corpusDir} (median)`,
  ['what', 'ms', 'ms per file'],
  [
    ['node -e 0 (process floor)', f2(median(nodeTimes)), ''],
    [
      `dockerfile-utils validate, one process over the ${files.length} files, JSON out (scripts/bench-peer-cli.cjs)`,
      f2(median(peerCliTimes)),
      f2(median(peerCliTimes) / files.length),
    ],
    [`seaworthy lint --format json (${files.length} files; ShellCheck too when it is on PATH)`, f2(median(cliTimes)), f2(median(cliTimes) / files.length)],
    [`seaworthy lint --no-shellcheck --format json (${files.length} files)`, f2(median(cliOwnTimes)), f2(median(cliOwnTimes) / files.length)],
    [
      `seaworthy lint --no-shellcheck --jobs ${jobs} --format json (${availableParallelism()} CPUs)`,
      f2(median(cliJobsTimes)),
      f2(median(cliJobsTimes) / files.length),
    ],
  ],
);
// issue 20's target: the whole CLI at most 1.5× dockerfile-utils' whole process (each round's pair measured back to back)
const cliRatios = cliOwnTimes.map((t, i) => t / peerCliTimes[i]);
console.log(
  `\nseaworthy lint --no-shellcheck / dockerfile-utils, whole process: per round ${cliRatios.map((r) => `${r.toFixed(2)}×`).join(', ')}; median ${median(cliRatios).toFixed(2)}× (target ≤ 1.5×)`,
);
// issue 20's target: the CLI with ShellCheck at most 3× the time without it (each round's pair measured back to back)
const scRatios = cliTimes.map((t, i) => t / cliOwnTimes[i]);
console.log(
  `ShellCheck's cost: with / without, per round ${scRatios.map((r) => `${r.toFixed(2)}×`).join(', ')}; median ${median(scRatios).toFixed(2)}× (target ≤ 3×)\n`,
);
const size = (p) => (existsSync(p) ? `${(statSync(p).size / 1024).toFixed(1)} KB` : 'not built');
table(
  'Sizes',
  ['artifact', 'size'],
  [
    ['dist/client.js', size('dist/client.js')],
    ['dist/server.js', size('dist/server.js')],
    ['dist/cli.js', size('dist/cli.js')],
    [
      'dist/*.wasm',
      `${(
        readdirSync('dist')
          .filter((f) => f.endsWith('.wasm'))
          .reduce((n, f) => n + statSync(join('dist', f)).size, 0) / 1024
      ).toFixed(1)} KB`,
    ],
    ['seaworthy.vsix (npm run package)', size('seaworthy.vsix')],
  ],
);
