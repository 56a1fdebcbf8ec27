// Small readings of the model's text that many rules and fixes share.
import type { Range } from '../text';
import type { DockerfileModel, Instruction } from './types';

/** The text of a range of the model's text. */
export const textOf = (model: DockerfileModel, r: Range): string => model.text.slice(model.lines.offsetAt(r.start), model.lines.offsetAt(r.end));

/** The document range of offsets [start, end) inside a word whose range holds exactly `text`; else the whole range. */
export function rangeInside(model: DockerfileModel, whole: Range, text: string, start: number, end: number): Range {
  const at = model.lines.offsetAt(whole.start);
  if (model.text.slice(at, model.lines.offsetAt(whole.end)) !== text) return whole;
  return { start: model.lines.positionAt(at + start), end: model.lines.positionAt(at + end) };
}

/** `"x"` or `'x'` -> `x`: the quotes of a whole word. */
export const unquote = (s: string): string => s.replace(/^(["'])(.*)\1$/, '$2');

/** An instruction's `--name=value` flag: its value without surrounding quotes, and its whole text as written. */
export function flagValue(ins: Instruction, name: string): { value: string; text: string; range: Range } | undefined {
  const flag = ins.flags.find((f) => f.name === name);
  if (!flag || flag.value === null) return undefined;
  return { value: unquote(flag.value), text: `--${flag.name}=${flag.value}`, range: flag.range };
}

const POSIX_SHELLS: ReadonlySet<string> = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'busybox']);

/** `C:\\Windows\\powershell.exe` -> `powershell`, `/bin/bash` -> `bash` */
export const shellName = (program: string): string =>
  program
    .replace(/\\/g, '/')
    .split('/')
    .pop()!
    .toLowerCase()
    .replace(/\.exe$/, '');

/** Whether a program (a path or a name) is a POSIX shell, not cmd.exe or PowerShell. */
export const isPosixShell = (program: string): boolean => POSIX_SHELLS.has(shellName(program));
