// `seaworthy`: the same engine as the editor, for terminals and CI.
import { readFileSync } from 'node:fs';
import { loadShellParser, Host } from '../host';
import { ruleSummary } from '../engine/docs';
import { lint } from '../engine/lint';
import { rules } from '../rules';
import { discover, UsageError } from './discover';
import { formatJson, formatTty, type FileResult } from './format';

const USAGE = `Usage:
  seaworthy lint [--format tty|json] [--no-network] PATH...   lint Dockerfiles (folders are searched)
  seaworthy rules [--format tty|json]                         list the rules
  seaworthy --version | --help

Exit status: 0 no finding at warning or above, 1 some, 2 usage or I/O error.`;

interface Options {
  format: 'tty' | 'json';
  paths: string[];
  debug: boolean;
}

function parseOptions(args: readonly string[]): Options {
  const o: Options = { format: 'tty', paths: [], debug: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--format' || a === '-f' || a.startsWith('--format=')) {
      const v = a.includes('=') ? a.split('=')[1] : args[++i];
      if (v !== 'tty' && v !== 'json') throw new UsageError(`unknown format "${v ?? ''}" (expected tty or json)`);
      o.format = v;
    } else if (a === '--no-network') {
      // lint never asks a registry; accepted so CI scripts can say so explicitly
    } else if (a === '--debug') o.debug = true;
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
    else o.paths.push(a);
  }
  return o;
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE + '\n');
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write('0.1.0\n');
    return 0;
  }
  const o = parseOptions(rest);
  if (command === 'rules') {
    const list = rules.map((r) => ({ id: r.id, aliases: r.aliases.map((a) => a.code), category: r.category, severity: r.severity, summary: ruleSummary(r), fixable: r.fixable !== 'never' }));
    process.stdout.write(o.format === 'json' ? JSON.stringify(list, null, 2) + '\n' : list.map((r) => `${r.id.padEnd(32)} ${r.severity.padEnd(12)} ${r.summary}`).join('\n') + '\n');
    return 0;
  }
  if (command !== 'lint') throw new UsageError(`unknown command "${command}"`);
  if (o.paths.length === 0) throw new UsageError('lint needs at least one PATH');
  const files = discover(o.paths);
  await loadShellParser();
  const host = new Host();
  const results: FileResult[] = [];
  let failed = false;
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      process.stderr.write(`seaworthy: ${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})\n`);
      failed = true;
      continue;
    }
    const result = lint({ text, fileName: file, dockerignore: host.dockerignoreFor(file) }, rules);
    for (const f of result.failures) process.stderr.write(`seaworthy: rule ${f.rule.id} failed on ${file} and was skipped: ${String(f.error)}\n`);
    results.push({ file, findings: result.findings });
  }
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
  process.stdout.write((o.format === 'json' ? formatJson(results) : formatTty(results, color)) + '\n');
  if (failed) return 2;
  return results.some((r) => r.findings.some((f) => f.severity === 'error' || f.severity === 'warning')) ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e) => {
    if (e instanceof UsageError) process.stderr.write(`seaworthy: ${e.message}\n${e.message.includes('no such') || e.message.includes('no Dockerfile') ? '' : '\n' + USAGE + '\n'}`);
    else process.stderr.write(`seaworthy: ${process.argv.includes('--debug') && e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 2;
  },
);
