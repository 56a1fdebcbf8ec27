// Which RUN scripts ShellCheck reads, in which dialect, and how its json1 positions land in a script. Pure: the
// runner (run.ts), the editor (editor.ts), the CLI and the docs test share it, so they agree on what was asked.
import { isWordList, shellAt, variablesAt, type DockerfileModel, type Instruction } from '../engine/model';
import { baseShIsBash } from '../engine/facts/baseImage';
import type { ShellCheckComment, ShellCheckFacts, ShellCheckJson } from '../engine/rule';

/** ShellCheck's dialects (`-s`, `# shellcheck shell=`). */
export type Dialect = 'sh' | 'bash' | 'dash' | 'ksh';

/** One script as ShellCheck is given it. */
export interface PlannedScript {
  readonly ins: Instruction;
  /** `run.script.text` */
  readonly text: string;
  readonly dialect: Dialect;
  /** the script starts with a shebang naming the dialect: it is written as is (a shebang must stay on line 1) */
  readonly shebang: boolean;
  /** the names the script uses that ARG and ENV define at its RUN (sorted): ShellCheck is told they are set */
  readonly defined: readonly string[];
  /** those of `defined` whose value is a list of words (a default with spaces): their unquoted uses are meant to split */
  readonly lists: readonly string[];
  /**
   * what results are cached under: the same script in the same dialect, with the same names defined and lists, gets
   * the same comments wherever it is
   */
  readonly key: string;
}

/** What running ShellCheck on a script needs: a planned script without its instruction (which holds the whole model). */
export type ScriptToRun = Omit<PlannedScript, 'ins'>;

/** The scripts of a Dockerfile to run, without the model: what work waiting for ShellCheck keeps. */
export const scriptsToRun = (model: DockerfileModel): ScriptToRun[] => scriptsToCheck(model).map(({ ins: _, ...script }) => script);

/**
 * Codes that cannot be right about a RUN script: variables come from ARG, ENV and the base image (SC2154: the
 * base's ENV is not always known), and sourced files exist in the image, not beside the Dockerfile (SC1090, SC1091).
 */
export const EXCLUDED_CODES = ['SC1090', 'SC1091', 'SC2154'];

// a Map: the name looked up is the Dockerfile's (`SHELL ["constructor", "-c"]` is no shell ShellCheck knows)
const SHELLS = new Map<string, Dialect>([
  ['sh', 'sh'],
  ['bash', 'bash'],
  ['dash', 'dash'],
  ['ksh', 'ksh'],
  ['ksh93', 'ksh'],
  ['mksh', 'ksh'],
  // BusyBox's ash and dash are both Almquist shells: dash is the closest dialect ShellCheck knows
  ['ash', 'dash'],
  ['busybox', 'dash'],
]);

const basename = (path: string) => path.replace(/\\/g, '/').split('/').pop()!.toLowerCase();

/** The dialect a script is checked in; undefined for scripts ShellCheck cannot read (zsh, python, a foreign SHELL). */
export function planScript(model: DockerfileModel, ins: Instruction): PlannedScript | undefined {
  const script = ins.run?.script;
  if (!script || ins.onbuild || ins.run!.jsonForm || ins.run!.foreignShell || script.text.trim() === '') return undefined;
  let dialect: Dialect | undefined;
  let shebang = false;
  if (ins.run!.fromHeredoc && script.text.startsWith('#!')) {
    // BuildKit runs a heredoc with a shebang by that interpreter
    const firstLine = script.text.split('\n', 1)[0];
    const words = firstLine.slice(2).trim().split(/\s+/);
    const program = basename(words[0] ?? '') === 'env' ? words.slice(1).find((w) => !w.startsWith('-')) : words[0];
    dialect = SHELLS.get(basename(program ?? ''));
    shebang = true;
  } else {
    // the default SHELL, ["/bin/sh", "-c"], is checked as POSIX sh (/bin/sh is dash on Debian and Ubuntu, BusyBox
    // ash on Alpine, and base images change: what POSIX promises holds on all of them), but as bash on a base whose
    // /bin/sh is known to be bash (the RHEL family), where `[[` and other bashisms work; so is `SHELL ["/bin/sh", "-c"]`
    const shell = shellAt(model, ins)?.words[0];
    dialect = shell === undefined ? 'sh' : SHELLS.get(basename(shell).replace(/\.exe$/, ''));
    if (dialect === 'sh' && ins.stage && baseShIsBash(ins.stage)) dialect = 'bash';
  }
  if (!dialect) return undefined;
  const { defined, lists } = variablesUsed(model, ins, script.text);
  return { ins, text: script.text, dialect, shebang, defined, lists, key: `${dialect}\0${defined.join(' ')}\0${lists.join(' ')}\0${script.text}` };
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The names in `text` after `$` or `${` (`${#NAME}`, `${!NAME}` too). */
function namesIn(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\$\{?[#!]?([A-Za-z_][A-Za-z0-9_]*)/g)) out.add(m[1]);
  return out;
}

/**
 * The names `text` uses that ARG or ENV set at `ins`, and which of them hold a list of words. Only used names are
 * told (the file stays short, and ShellCheck's guesses at misspelt names do not change for names the script never
 * uses).
 */
function variablesUsed(model: DockerfileModel, ins: Instruction, text: string): { defined: string[]; lists: string[] } {
  const used = namesIn(text);
  if (used.size === 0) return { defined: [], lists: [] };
  const defined: string[] = [];
  const lists: string[] = [];
  for (const [name, v] of variablesAt(model, ins)) {
    if (!used.has(name) || !NAME.test(name)) continue;
    defined.push(name);
    if (v.value !== undefined && isWordList(v.value)) lists.push(name);
  }
  return { defined: defined.sort(), lists: lists.sort() };
}

/** Every script of a Dockerfile ShellCheck reads, in document order. */
export function scriptsToCheck(model: DockerfileModel): PlannedScript[] {
  const out: PlannedScript[] = [];
  for (const ins of model.instructions) {
    if (ins.keyword !== 'RUN') continue;
    const planned = planScript(model, ins);
    if (planned) out.push(planned);
  }
  return out;
}

/** Where the lines added to a script sit in the file ShellCheck reads: after `keep` lines of the script, `added` of them. */
export interface Layout {
  readonly keep: number;
  readonly added: number;
}

/**
 * The file ShellCheck reads for a script, and where the lines it adds are. `-s` would set one dialect for every file
 * of the process; ShellCheck's own directive sets it per file (a shebang says it already, and stays on line 1). The
 * names ARG and ENV define are exported on a line of their own (`export NAME …` declares without a value, so
 * ShellCheck knows they are set, e.g. no "UID is undefined in POSIX sh", and still warns about splitting them).
 */
export function fileFor(p: ScriptToRun): { text: string; layout: Layout } {
  const lines = p.defined.length ? [`export ${p.defined.join(' ')}`] : [];
  if (!p.shebang) lines.unshift(`# shellcheck shell=${p.dialect}`);
  if (lines.length === 0) return { text: p.text, layout: { keep: 0, added: 0 } };
  if (!p.shebang) return { text: `${lines.join('\n')}\n${p.text}`, layout: { keep: 0, added: lines.length } };
  const eol = p.text.indexOf('\n');
  const first = eol < 0 ? p.text : p.text.slice(0, eol);
  const rest = eol < 0 ? '' : p.text.slice(eol + 1);
  return { text: `${first}\n${lines.join('\n')}\n${rest}`, layout: { keep: 1, added: lines.length } };
}

/** Codes about splitting an unquoted expansion: meant when every name it expands holds a list of words. */
const SPLITTING = new Set([2086, 2046]);

/** ShellCheck's json1 answer for a planned script (its file laid out as fileFor says), placed in the script. */
export function commentsFor(p: ScriptToRun, comments: readonly ShellCheckJson[], layout: Layout): ShellCheckComment[] {
  const lists = new Set(p.lists);
  return toScriptComments(p.text, comments, layout).filter((c) => {
    if (lists.size === 0 || !SPLITTING.has(c.code)) return true;
    const names = namesIn(p.text.slice(c.start, c.end));
    return names.size === 0 || ![...names].every((n) => lists.has(n));
  });
}

/**
 * json1 positions -> offsets in the script. ShellCheck counts lines by \n and columns in characters (code points; a
 * tab is one, verified against 0.9.0), 1-based, end exclusive; JavaScript strings count UTF-16 units.
 */
export function toScriptComments(script: string, comments: readonly ShellCheckJson[], layout: Layout = { keep: 0, added: 0 }): ShellCheckComment[] {
  const starts = [0];
  for (let i = script.indexOf('\n'); i >= 0; i = script.indexOf('\n', i + 1)) starts.push(i + 1);
  const offset = (line: number, column: number): number => {
    const l = Math.min(Math.max(line - 1, 0), starts.length - 1);
    const end = l + 1 < starts.length ? starts[l + 1] - 1 : script.length;
    let at = starts[l];
    for (let c = 1; c < column && at < end; c++) at += (script.codePointAt(at) ?? 0) > 0xffff ? 2 : 1;
    return at;
  };
  // a line of the file -> the script's, 0 for a line we added
  const lineOf = (line: number) => (line <= layout.keep ? line : line <= layout.keep + layout.added ? 0 : line - layout.added);
  const out: ShellCheckComment[] = [];
  for (const c of comments) {
    const line = lineOf(c.line);
    const endLine = lineOf(c.endLine);
    if (line < 1 || endLine < 1) continue; // about a line we added
    const start = offset(line, c.column);
    const end = Math.max(start, offset(endLine, c.endColumn));
    const fix =
      c.fix &&
      fixIn(
        script,
        c.fix.replacements.map((r) => ({
          line: Math.min(lineOf(r.line), lineOf(r.endLine)),
          start: offset(lineOf(r.line), r.column),
          end: offset(lineOf(r.endLine), r.endColumn),
          text: r.replacement,
        })),
      );
    out.push({ start, end, level: c.level, code: c.code, message: c.message, ...(fix ? { fix } : {}) });
  }
  return out;
}

/**
 * ShellCheck's replacements as script edits, or undefined when applying them could go wrong in a Dockerfile: one that
 * spans or inserts a line break (RUN lines are joined by continuations), touches a line we added, or
 * meets another at the same place (their order would be a guess).
 */
function fixIn(
  script: string,
  edits: { line: number; start: number; end: number; text: string }[],
): { start: number; end: number; text: string }[] | undefined {
  if (edits.some((e) => e.line < 1 || e.end < e.start || e.text.includes('\n') || script.slice(e.start, e.end).includes('\n'))) return undefined;
  const sorted = edits.map(({ start, end, text }) => ({ start, end, text })).sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) if (sorted[i].start < sorted[i - 1].end || sorted[i].start === sorted[i - 1].start) return undefined;
  return sorted;
}

/** Facts read from results cached by key. */
export const factsFrom = (lookup: (key: string) => readonly ShellCheckComment[] | undefined): ShellCheckFacts => ({
  commentsOn(model, ins) {
    const planned = planScript(model, ins);
    return planned && lookup(planned.key);
  },
});

/** Facts from canned json1 answers per script text (the shellcheck rule's docs example). */
export function factsFromAnswers(answers: Readonly<Record<string, readonly ShellCheckJson[]>>): ShellCheckFacts {
  return {
    commentsOn(model, ins) {
      const planned = planScript(model, ins);
      const json = planned && answers[planned.text];
      return json && commentsFor(planned, json, { keep: 0, added: 0 });
    },
  };
}
