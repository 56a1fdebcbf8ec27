// How the final image runs: what it starts (ENTRYPOINT/CMD), as whom, with which environment and ports.
// Shared by the runtime rules (no-init-process, logs-to-file, python-env-unbuffered, expose-invalid, …).
import { baseFamily } from './baseImage';
import { shortName } from '../imageRef';
import { instructionsBefore, isPosixShell, rootBase, shellAt, type DockerfileModel, type Instruction, type Stage } from '../model';
import type { Range } from '../text';

/**
 * The instructions whose effect reaches the final image, root stage first (the final stage and the stages it is
 * built FROM); ONBUILD triggers left out. A file without FROM counts as one final stage.
 */
export const finalImageInstructions = (model: DockerfileModel): Instruction[] => instructionsBefore(model, 'end');

/** The ENTRYPOINT and CMD the final image starts with; an ENTRYPOINT clears the CMD set before it, as Docker does. */
export function startInstructions(model: DockerfileModel): { entrypoint?: Instruction; cmd?: Instruction } {
  let entrypoint: Instruction | undefined;
  let cmd: Instruction | undefined;
  for (const ins of finalImageInstructions(model)) {
    if (ins.keyword === 'ENTRYPOINT') {
      entrypoint = ins;
      cmd = undefined;
    } else if (ins.keyword === 'CMD') cmd = ins;
  }
  return { entrypoint, cmd };
}

/**
 * A CMD/ENTRYPOINT in shell form that the default `/bin/sh -c` runs (no SHELL in its stage's chain): the shell is PID 1,
 * not the app. shell-form-cmd tells that story; rules about what PID 1 is leave such a command to it.
 */
export function runsUnderDefaultShell(model: DockerfileModel, ins: Instruction): boolean {
  if (ins.isJsonForm || ins.args.length === 0) return false;
  return shellAt(model, ins) === undefined;
}

/** The strings of an exec-form CMD/ENTRYPOINT (`["node", "server.js"]`), or undefined for the shell form. */
export function execArgv(ins: Instruction): string[] | undefined {
  return ins.json?.valid ? ins.json.words.map((w) => w.value ?? '') : undefined;
}

/** The program as the kernel starts it: `/usr/local/bin/node` -> `node`. */
export const programName = (word: string | undefined): string | undefined => (word === undefined ? undefined : word.slice(word.lastIndexOf('/') + 1));

/** The full command line the final image runs, in exec form: ENTRYPOINT words then CMD words; undefined when a shell runs it. */
export function startArgv(model: DockerfileModel): { argv: string[]; ins: Instruction } | undefined {
  const { entrypoint, cmd } = startInstructions(model);
  if (entrypoint) {
    const ep = execArgv(entrypoint);
    if (!ep) return undefined;
    const rest = cmd ? execArgv(cmd) : [];
    return rest ? { argv: [...ep, ...rest], ins: ep.length > 0 || !cmd ? entrypoint : cmd } : undefined;
  }
  const argv = cmd && execArgv(cmd);
  return argv ? { argv, ins: cmd! } : undefined;
}

/** Whether a shell-form CMD/ENTRYPOINT of the final image runs under a POSIX shell (not cmd.exe or PowerShell). */
function posixShell(model: DockerfileModel, ins: Instruction): boolean {
  if (model.directives.escape !== '\\' || (model.finalStage && baseFamily(model.finalStage) === 'windows')) return false;
  const shell = shellAt(model, ins);
  const argv = shell && execArgv(shell.ins);
  return !shell || (argv !== undefined && argv.length > 0 && isPosixShell(argv[0]));
}

export interface ShellScript {
  readonly text: string;
  /** document offset of text[0] when the script is the instruction's own text (shell form); undefined for `sh -c "…"` */
  readonly docStart: number | undefined;
  /** where to report on the script as a whole */
  readonly range: Range;
}

/** The shell script a CMD/ENTRYPOINT runs: its shell form, or the script of `["sh", "-c", "…"]`. */
export function shellScript(model: DockerfileModel, ins: Instruction): ShellScript | undefined {
  if (!ins.argumentsRange) return undefined;
  if (!ins.isJsonForm) {
    if (!posixShell(model, ins)) return undefined;
    const start = model.lines.offsetAt(ins.argumentsRange.start);
    return { text: model.text.slice(start, model.lines.offsetAt(ins.argumentsRange.end)), docStart: start, range: ins.argumentsRange };
  }
  const argv = execArgv(ins) ?? [];
  const c = argv.findIndex((a, i) => i > 0 && /^-[abd-z]*c[a-z]*$/.test(a));
  if (argv.length === 0 || !isPosixShell(argv[0]) || c < 0 || c + 1 >= argv.length) return undefined;
  return { text: argv[c + 1], docStart: undefined, range: ins.argumentsRange };
}

export interface ScriptWord {
  readonly text: string;
  /** after quote removal; undefined when it holds an expansion */
  readonly value: string | undefined;
  readonly start: number;
  readonly end: number;
}

export interface Redirect {
  /** `>`, `>>`, `2>`, `&>`, `2>&` … as written */
  readonly op: string;
  readonly target: ScriptWord | undefined;
  readonly start: number;
  readonly end: number;
}

export interface ScriptCommand {
  readonly words: readonly ScriptWord[];
  readonly redirects: readonly Redirect[];
  /** the operator that ends it: `&&`, `||`, `;`, `&`, `|`, or undefined at the end of the script */
  readonly next: string | undefined;
}

const REDIRECT = /^(\d*|&)(>>|>\||>&|>|<<<|<<|<&|<>|<)/;

/**
 * Splits a shell script into simple commands with their redirects and the operator after each. A small quote-aware
 * scanner: enough to see `a & b`, `x > file.log` and `service … start && tail -f` in a CMD, which the model does not
 * parse (only RUN bodies are). Offsets are into `text`; `\` + newline (a Docker continuation) counts as a blank.
 */
export function scanScript(text: string): ScriptCommand[] {
  const commands: ScriptCommand[] = [];
  let words: ScriptWord[] = [];
  let redirects: Redirect[] = [];
  let pendingRedirect: { op: string; start: number } | undefined;
  const endCommand = (next: string | undefined) => {
    if (pendingRedirect) redirects.push({ ...pendingRedirect, target: undefined, end: pendingRedirect.start + pendingRedirect.op.length });
    pendingRedirect = undefined;
    if (words.length || redirects.length) commands.push({ words, redirects, next });
    else if (next && commands.length && commands[commands.length - 1].next === undefined) (commands[commands.length - 1] as { next?: string }).next = next;
    words = [];
    redirects = [];
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === ' ' || ch === '\t' || ch === '\r' || (ch === '\\' && text[i + 1] === '\n')) {
      i += ch === '\\' ? 2 : 1;
      continue;
    }
    if (ch === '\n' || ch === ';') {
      endCommand(';');
      i++;
      continue;
    }
    if (ch === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    const redirect = REDIRECT.exec(text.slice(i, i + 8));
    if (redirect && (redirect[1] !== '&' || text[i + 1] === '>')) {
      if (pendingRedirect) redirects.push({ ...pendingRedirect, target: undefined, end: i });
      pendingRedirect = { op: redirect[0], start: i };
      i += redirect[0].length;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '&&' || two === '||' || two === '|&') {
      endCommand(two === '|&' ? '|' : two);
      i += 2;
      continue;
    }
    if (ch === '|' || ch === '&' || ch === '(' || ch === ')') {
      endCommand(ch === '(' || ch === ')' ? ';' : ch);
      i++;
      continue;
    }
    const word = readWord(text, i);
    i = word.end;
    // `{ a; b; }` groups: the braces are reserved words, not commands
    if (!pendingRedirect && words.length === 0 && (word.text === '{' || word.text === '}')) continue;
    if (pendingRedirect) {
      redirects.push({ ...pendingRedirect, target: word, end: word.end });
      pendingRedirect = undefined;
    } else words.push(word);
  }
  endCommand(undefined);
  return commands;
}

function readWord(text: string, start: number): ScriptWord {
  let i = start;
  let value: string | undefined = '';
  let depth = 0;
  while (i < text.length) {
    const ch = text[i];
    if (depth === 0 && /[\s;&|<>()]/.test(ch)) break;
    if (ch === '\\' && text[i + 1] === '\n') break;
    if (ch === '\\') {
      if (value !== undefined) value += text[i + 1] ?? '';
      i += 2;
    } else if (ch === "'") {
      const close = text.indexOf("'", i + 1);
      const end = close < 0 ? text.length : close;
      if (value !== undefined) value += text.slice(i + 1, end);
      i = end + 1;
    } else if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\\') j++;
        else if (text[j] === '$' || text[j] === '`') value = undefined;
        j++;
      }
      if (value !== undefined) value += text.slice(i + 1, j).replace(/\\([$`"\\])/g, '$1');
      i = j + 1;
    } else if (ch === '$' || ch === '`') {
      value = undefined;
      if (text[i + 1] === '(' || text[i + 1] === '{') {
        depth++;
        i += 2;
      } else i++;
    } else if (depth > 0 && (ch === ')' || ch === '}')) {
      depth--;
      i++;
    } else {
      if (value !== undefined) value += ch;
      i++;
    }
  }
  // always consume a character, so the scanner moves on even over text it does not understand
  const end = Math.max(start + 1, Math.min(i, text.length));
  return { text: text.slice(start, end), value, start, end };
}

/** The short name of the image the final stage is built on (`python`, `node`, `nodejs20-debian12`), if known. */
export function finalBaseName(model: DockerfileModel): { name: string; path: string } | undefined {
  const stage: Stage | undefined = model.finalStage;
  const base = stage && rootBase(stage);
  return base?.kind === 'image' ? { name: shortName(base.ref), path: base.ref.path } : undefined;
}

export interface PortSpec {
  /** the port (or range) part as written, without the protocol */
  readonly ports: string;
  readonly from: number;
  readonly to: number;
  /** the protocol as written, after the slash */
  readonly proto: string | undefined;
  /** offset of the protocol within the word */
  readonly protoOffset: number;
}

/** Reads an EXPOSE word (`80`, `8000-8010/udp`); undefined when it is not a port or range (variables included). */
export function parsePort(word: string): PortSpec | undefined {
  const m = /^(\d+)(?:-(\d+))?(?:\/([A-Za-z]*))?$/.exec(word);
  if (!m) return undefined;
  const ports = m[2] ? `${m[1]}-${m[2]}` : m[1];
  return { ports, from: Number(m[1]), to: Number(m[2] ?? m[1]), proto: m[3], protoOffset: ports.length + 1 };
}

/**
 * The words from the program that ends up running on: `env X=1 node`, `gosu app node`, `exec node` are `node …`.
 * These wrappers replace themselves with the program (exec), so that program is the one PID 1 becomes.
 */
export function programWords(argv: readonly string[]): readonly string[] {
  let words = argv;
  for (let guard = 0; guard < 4 && words.length > 0; guard++) {
    const name = programName(words[0]);
    let i: number;
    if (name === 'exec' || name === 'nohup') i = 1;
    else if (name === 'env') for (i = 1; i < words.length && (words[i].startsWith('-') || words[i].includes('=')); i++);
    else if (name === 'gosu' || name === 'su-exec') i = 2;
    else if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) for (i = 0; i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]); i++);
    else break;
    words = words.slice(i);
  }
  return words;
}

/** The program (and its words) the final image's start command runs, from the exec form or a shell script's last command. */
export function startProgram(model: DockerfileModel): { words: readonly string[]; ins: Instruction } | undefined {
  const exec = startArgv(model);
  if (exec) {
    const script = shellScript(model, exec.ins);
    if (!script) return { words: programWords(exec.argv), ins: exec.ins };
  }
  const { entrypoint, cmd } = startInstructions(model);
  const ins = entrypoint ?? cmd;
  const script = ins && shellScript(model, ins);
  if (!ins || !script) return undefined;
  const last = scanScript(script.text)
    .filter((c) => c.words.length > 0)
    .at(-1);
  if (!last || last.words.some((w) => w.value === undefined)) return undefined;
  return { words: programWords(last.words.map((w) => w.value!)), ins };
}

/** Programs that start an interpreter or a language runtime's server. */
export const PYTHON = /^(python|pypy)(\d+(\.\d+)?)?$/;
export const NODE = /^(node|nodejs|npm|npx|yarn|pnpm)$/;
