// Runs ShellCheck: one process for the scripts given (a Dockerfile's, or a batch from many), one temporary file per RUN
// script (each RUN is its own shell, so scripts are never concatenated). A missing binary, a timeout, too much output or anything unexpected means no
// comments, never an error.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findOnPath, isExecutableFile } from '../executables';
import type { ShellCheckComment, ShellCheckJson, ShellCheckLevel } from '../engine/rule';
import { commentsFor, EXCLUDED_CODES, fileFor, type ScriptToRun } from './scripts';

export interface RunOptions {
  /** an absolute path (see findShellCheck) */
  readonly binary: string;
  /** default 10 s, and a quarter of a second more for each script past the first */
  readonly timeoutMs?: number;
  /** stdout beyond this many bytes: the process is killed, no comments (default 8 MB, and 1 MB more per script past the first) */
  readonly maxOutputBytes?: number;
}

/** Why a run gave no comments: the binary is missing or unusable, or this run failed (timeout, output, crash). */
export type RunFailure = 'missing' | 'failed';

const LEVELS = new Set<ShellCheckLevel>(['error', 'warning', 'info', 'style']);

/**
 * The ShellCheck to run: `configured` when given (and allowed), else `shellcheck` from PATH. Only absolute PATH
 * entries are searched, so a `.` on PATH cannot make a workspace's own file run. Undefined when there is none.
 */
export function findShellCheck(configured: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (configured) return isExecutableFile(configured) ? configured : undefined;
  return findOnPath('shellcheck', env);
}

/** `shellcheck --version`'s version line ("0.9.0"), for the log; undefined when it does not answer. */
export function shellCheckVersion(binary: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(binary, ['--version'], { timeout: 5_000, maxBuffer: 64 * 1024 }, (error, stdout) => {
      resolve(error ? undefined : /^version:\s*(\S+)/m.exec(stdout)?.[1]);
    });
  });
}

/** ShellCheck's comments per script (in the order given, placed in each script), or why there are none. */
export async function runShellCheck(scripts: readonly ScriptToRun[], o: RunOptions): Promise<ShellCheckComment[][] | RunFailure> {
  if (scripts.length === 0) return [];
  let dir: string | undefined;
  try {
    dir = mkdtempSync(join(tmpdir(), 'seaworthy-shellcheck-'));
    const files = scripts.map((s, i) => {
      const file = fileFor(s);
      writeFileSync(join(dir!, `${i}.sh`), file.text);
      return { name: `${i}.sh`, layout: file.layout };
    });
    // --norc: a .shellcheckrc in the temporary folder's parents is not the project's; -e: see EXCLUDED_CODES
    const args = ['-f', 'json1', '--norc', '-e', EXCLUDED_CODES.join(','), ...files.map((f) => f.name)];
    const more = scripts.length - 1;
    const out = await collect(o.binary, args, dir, o.timeoutMs ?? 10_000 + 250 * more, o.maxOutputBytes ?? (8 + more) * 1024 * 1024);
    if (out === 'missing' || out === 'failed') return out;
    const byFile = new Map<string, ShellCheckJson[]>();
    for (const c of parseJson1(out)) {
      const list = byFile.get(c.file) ?? [];
      list.push(c);
      byFile.set(c.file, list);
    }
    return scripts.map((s, i) => commentsFor(s, byFile.get(files[i].name) ?? [], files[i].layout));
  } catch {
    return 'failed';
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/** ShellCheck's stdout, or why not. Exit 0 (no comments) and 1 (comments) are answers; anything else is a failure. */
function collect(binary: string, args: string[], cwd: string, timeoutMs: number, maxBytes: number): Promise<string | RunFailure> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (v: string | RunFailure) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(v);
    };
    const child = spawn(binary, args, { cwd, stdio: ['ignore', 'pipe', 'ignore'], windowsHide: true });
    const chunks: Buffer[] = [];
    let size = 0;
    // stop reading too: a process the binary started may hold the pipe open after the binary is killed
    const abandon = () => {
      child.stdout.destroy();
      child.kill('SIGKILL');
      done('failed');
    };
    const timer = setTimeout(abandon, timeoutMs);
    child.stdout.on('data', (b: Buffer) => {
      size += b.length;
      if (size > maxBytes) abandon();
      else chunks.push(b);
    });
    child.on('error', (e: NodeJS.ErrnoException) => done(e.code === 'ENOENT' || e.code === 'EACCES' ? 'missing' : 'failed'));
    child.on('close', (code) => done(code === 0 || code === 1 ? Buffer.concat(chunks).toString('utf8') : 'failed'));
  });
}

/** A comment's fix, when every replacement is well formed (else none: a fix is never guessed). */
function fixOf(fix: unknown): ShellCheckJson['fix'] {
  const list = (fix as { replacements?: unknown } | null)?.replacements;
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const replacements = [];
  for (const r of list as Record<string, unknown>[]) {
    if (![r.line, r.column, r.endLine, r.endColumn].every((n) => Number.isInteger(n)) || typeof r.replacement !== 'string') return undefined;
    replacements.push({
      line: r.line as number,
      column: r.column as number,
      endLine: r.endLine as number,
      endColumn: r.endColumn as number,
      replacement: r.replacement,
    });
  }
  return { replacements };
}

/** The comments of json1 output, checked field by field (anything else is dropped). */
function parseJson1(text: string): (ShellCheckJson & { file: string })[] {
  const doc = JSON.parse(text) as { comments?: unknown };
  if (!Array.isArray(doc.comments)) return [];
  const out: (ShellCheckJson & { file: string })[] = [];
  for (const c of doc.comments as Record<string, unknown>[]) {
    const nums = [c.line, c.column, c.endLine, c.endColumn, c.code];
    if (typeof c.file !== 'string' || !nums.every((n) => Number.isInteger(n)) || !LEVELS.has(c.level as ShellCheckLevel) || typeof c.message !== 'string')
      continue;
    out.push({
      file: c.file,
      line: c.line as number,
      column: c.column as number,
      endLine: c.endLine as number,
      endColumn: c.endColumn as number,
      code: c.code as number,
      level: c.level as ShellCheckLevel,
      message: c.message,
      fix: fixOf(c.fix),
    });
  }
  return out;
}
