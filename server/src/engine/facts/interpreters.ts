// Programs that run code handed to them (shells, Python, PHP, Node, Perl, Ruby …): the one table of how each takes
// its program, so that "a download fed to an interpreter" is read the same way for every one of them.
import { isPosixShell, type RunCommand, type Word } from '../model';
import { commandName, effectiveWords } from './commands';

interface Interpreter {
  /** options whose value (or the next word) is the program itself: `sh -c CODE`, `perl -e CODE` */
  readonly codeOptions: readonly string[];
  /** options that run something else than a program read from stdin or a file (`python -m module`) */
  readonly otherOptions: readonly string[];
  /** options that take a separate value that is not the program (`node -r module`, `python -W ignore`) */
  readonly valued: readonly string[];
  /** options that make it read its program from stdin even with operands (`bash -s -- args`) */
  readonly stdinOptions: readonly string[];
}

const SHELL: Interpreter = { codeOptions: ['c'], otherOptions: [], valued: ['-o', '+o', '-O', '+O'], stdinOptions: ['-s'] };
const PYTHON: Interpreter = { codeOptions: ['c'], otherOptions: ['m'], valued: ['-W', '-X', '-Q'], stdinOptions: [] };
const PHP: Interpreter = {
  codeOptions: ['r', 'B', 'R', 'F', 'E'],
  otherOptions: ['S', 'l', 'i', 'v', 'm', 'a'],
  valued: ['-d', '-c', '-z', '-t'],
  stdinOptions: [],
};
const NODE: Interpreter = {
  codeOptions: ['e', 'p', '-eval', '-print'],
  otherOptions: ['v', 'h', 'i', 'c', '-check', '-version'],
  valued: ['-r', '--require', '--import', '--loader', '--experimental-loader', '--conditions', '-C', '--env-file', '--input-type', '--stack-size'],
  stdinOptions: [],
};
const PERL: Interpreter = { codeOptions: ['e', 'E'], otherOptions: ['v', 'c'], valued: ['-I', '-M', '-m'], stdinOptions: [] };
const RUBY: Interpreter = { codeOptions: ['e'], otherOptions: ['v', 'c'], valued: ['-r', '-I', '-C', '-E'], stdinOptions: [] };

/** The interpreter a command name is, if any: `python3.12`, `php8.2`, `nodejs`, `/usr/bin/perl` … */
function interpreterOf(name: string): Interpreter | undefined {
  if (isPosixShell(name)) return name === 'busybox' ? undefined : SHELL;
  if (/^(python|pypy)(\d+(\.\d+)?)?$/.test(name)) return PYTHON;
  if (/^php(\d+(\.\d+)?)?(-cli)?$/.test(name)) return PHP;
  if (name === 'node' || name === 'nodejs') return NODE;
  if (/^perl(\d+(\.\d+)*)?$/.test(name)) return PERL;
  if (/^ruby(\d+(\.\d+)*)?$/.test(name)) return RUBY;
  return undefined;
}

/** The command's interpreter name (`bash`, `python3`, `busybox sh` as `sh`), when it is one. */
export function interpreterName(cmd: RunCommand): string | undefined {
  const name = commandName(cmd);
  if (name === 'busybox') {
    const applet = effectiveWords(cmd)[1]?.value;
    return applet && isPosixShell(applet) && applet !== 'busybox' ? applet : undefined;
  }
  return name && interpreterOf(name) ? name : undefined;
}

/** How an interpreter command takes its program: from stdin, from a file operand, from an option's value, or not at all. */
export type ProgramSource = { kind: 'stdin' } | { kind: 'file'; word: Word } | { kind: 'code'; word: Word } | { kind: 'none' };

/** Where the command's interpreter takes its program from; undefined when the command is no interpreter. */
export function programSource(cmd: RunCommand): ProgramSource | undefined {
  const name = interpreterName(cmd);
  if (!name) return undefined;
  const words = effectiveWords(cmd).slice(commandName(cmd) === 'busybox' ? 2 : 1);
  const it = interpreterOf(name)!;
  let stdin = false;
  for (let i = 0; i < words.length; i++) {
    const v = words[i].value ?? words[i].text;
    if (v === '-') return { kind: 'stdin' };
    // `--`: the operands that follow are the script's (php -- args, node -- args read stdin when no file comes first)
    if (v === '--') {
      const next = words[i + 1];
      return stdin || !next || it === PHP ? { kind: 'stdin' } : { kind: 'file', word: next };
    }
    if (it.valued.includes(v)) {
      i++;
      continue;
    }
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const long = v.slice(1, eq < 0 ? undefined : eq);
      if (it.codeOptions.includes(long))
        return v.includes('=') ? { kind: 'code', word: words[i] } : words[i + 1] ? { kind: 'code', word: words[i + 1] } : { kind: 'none' };
      if (it.otherOptions.includes(long)) return { kind: 'none' };
      continue;
    }
    if (v.startsWith('-') || (it === SHELL && v.startsWith('+'))) {
      if (it.stdinOptions.includes(v)) stdin = true;
      const letters = v.slice(1);
      // bundled letters: the first that takes code or runs something else decides (`-ec`, `perl -ne`)
      for (let l = 0; l < letters.length; l++) {
        if (it.codeOptions.includes(letters[l])) {
          const inline = l < letters.length - 1 && it !== SHELL;
          if (inline) return { kind: 'code', word: words[i] };
          // sh -c takes the first operand, wherever it comes: `sh -c -e 'code'` is rare enough to read as the next word
          return words[i + 1] ? { kind: 'code', word: words[i + 1] } : { kind: 'none' };
        }
        if (it.otherOptions.includes(letters[l])) return { kind: 'none' };
        if (it === SHELL && letters[l] === 's') stdin = true;
      }
      continue;
    }
    return stdin ? { kind: 'stdin' } : { kind: 'file', word: words[i] };
  }
  return { kind: 'stdin' };
}
