// Hostile inputs (issue 23): for each shape of test/harness/hostile.ts, the lint time at a few sizes, the growth ratio
// (time at 2n / time at n: ~2 is linear, ~4 quadratic, more is worse) and the ratio to an ordinary Dockerfile of the
// same size linted in the same process. Each measurement runs in a child process killed after --kill seconds.
//   node scripts/bench-hostile.mjs [--kill 60] [--only NAME] [--quick]
// Every rule is on (the defaults-off ones too), so no rule escapes. Figures only: never a timed test.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const bundle = resolve('dist/bench-hostile.cjs');

async function child(shapeName, n) {
  const m = await import(pathToFileURL(bundle).href);
  await m.loadShellParser();
  const shape = m.SHAPES.find((s) => s.name === shapeName);
  const input = shape.make(n);
  const everyRuleOn = { severityOf: (r) => r.severity };
  const run = (text, i = input) =>
    m.lint(
      { text, fileName: 'Dockerfile', dockerignore: { fileName: '.dockerignore', text: i.dockerignore ?? '' }, config: i.config ?? {}, settings: everyRuleOn },
      m.rules,
    );
  const time = (fn) => {
    // the median of up to 5 runs, fewer when one run is slow (a second is plenty to see a shape)
    const times = [];
    for (let i = 0; i < 5 && times.reduce((a, b) => a + b, 0) < 1000; i++) {
      m.clearShellCache();
      const t = performance.now();
      fn();
      times.push(performance.now() - t);
    }
    return times.sort((a, b) => a - b)[Math.floor((times.length - 1) / 2)];
  };
  const ordinary = m.ordinaryOfLength(input.text.length);
  // warm-up: the JIT has compiled the rules before anything is timed
  for (const start = performance.now(); performance.now() - start < 300; ) run(m.ordinaryOfLength(2000), {});
  const base = time(() => run(ordinary, {}));
  let failures = [];
  const ms = time(() => {
    failures = run(input.text).failures.map((f) => f.rule.id);
  });
  process.stdout.write(JSON.stringify({ ms, base, bytes: input.text.length, failures }));
}

function measure(shapeName, n, killSeconds) {
  return new Promise((done) => {
    const p = spawn(process.execPath, [process.argv[1], '--child', shapeName, String(n)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => {
      out += d;
    });
    p.stderr.on('data', (d) => {
      err += d;
    });
    const timer = setTimeout(() => p.kill('SIGKILL'), killSeconds * 1000);
    p.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal) done({ killed: true });
      else if (code !== 0) done({ crashed: (/(RangeError[^\n]*|Error[^\n]*)/.exec(err)?.[1] ?? `exit ${code}`).slice(0, 80) });
      else done(JSON.parse(out));
    });
  });
}

async function main() {
  await build({
    stdin: {
      contents: `export { lint } from './server/src/engine/lint'; export { rules } from './server/src/rules'; export { loadShellParser } from './server/src/host'; export { clearShellCache } from './server/src/engine/shell'; export { SHAPES, ordinaryOfLength } from './test/harness/hostile';`,
      resolveDir: '.',
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: bundle,
    logLevel: 'warning',
    alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/tree-sitter.cjs' },
  });
  const { SHAPES } = await import(pathToFileURL(bundle).href);
  const kill = Number(opt('--kill', 60));
  const only = opt('--only');
  const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(ms >= 10 ? 0 : 1)} ms`);
  console.log(`## Hostile inputs: lint time (every rule on), killed after ${kill} s\n`);
  console.log('| shape | n | bytes | time | ordinary file of that size | × ordinary | growth (2n / n) |\n| --- | --- | --- | --- | --- | --- | --- |');
  for (const shape of SHAPES) {
    if (only && !shape.name.includes(only)) continue;
    const sizes = args.includes('--quick') ? shape.sizes.slice(0, 2) : shape.sizes;
    let previous;
    for (const n of sizes) {
      const r = await measure(shape.name, n, kill);
      const bytes = shape.make(n).text.length;
      const time = r.killed
        ? `> ${kill} s`
        : r.crashed
          ? `crash: ${r.crashed}`
          : fmt(r.ms) + (r.failures.length ? ` (rules threw: ${r.failures.join(', ')})` : '');
      const growth =
        previous?.ms !== undefined && r.ms !== undefined
          ? (r.ms / Math.max(previous.ms, 0.05)).toFixed(1)
          : r.killed && previous?.ms !== undefined
            ? `> ${((kill * 1000) / Math.max(previous.ms, 0.05)).toFixed(0)}`
            : '';
      console.log(
        `| ${shape.name} | ${n} ${shape.unit} | ${bytes} | ${time} | ${r.base !== undefined ? fmt(r.base) : ''} | ${r.ms !== undefined ? (r.ms / r.base).toFixed(1) : ''} | ${growth} |`,
      );
      previous = r;
      // a killed size makes larger sizes pointless
      if (r.killed) break;
    }
  }
}

if (args[0] === '--child') await child(args[1], Number(args[2]));
else await main();
