// Which RUN scripts ShellCheck reads, in which dialect, and how its json1 positions land in a script. Pure: the
// runner (run.ts), the editor (editor.ts), the CLI and the docs test share it, so they agree on what was asked.
import { shellAt, type DockerfileModel, type Instruction } from '../engine/model';
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
  /** what results are cached under: the same script in the same dialect gets the same comments wherever it is */
  readonly key: string;
}

/**
 * Codes that cannot be right about a RUN script: variables come from ARG, ENV and the base image (SC2154), and
 * sourced files exist in the image, not beside the Dockerfile (SC1090, SC1091).
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
    // the default SHELL, ["/bin/sh", "-c"], is checked as POSIX sh: /bin/sh is dash on Debian and Ubuntu, BusyBox
    // ash on Alpine, bash on RHEL-likes, and base images change; what POSIX promises holds on all of them
    const shell = shellAt(model, ins)?.words[0];
    dialect = shell === undefined ? 'sh' : SHELLS.get(basename(shell).replace(/\.exe$/, ''));
  }
  return dialect && { ins, text: script.text, dialect, shebang, key: `${dialect}\0${script.text}` };
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

/** The file ShellCheck reads for a script, and how many lines it adds above it. */
export function fileFor(p: PlannedScript): { text: string; linesAbove: number } {
  // `-s` would set one dialect for every file of the process; ShellCheck's own directive sets it per file
  return p.shebang ? { text: p.text, linesAbove: 0 } : { text: `# shellcheck shell=${p.dialect}\n${p.text}`, linesAbove: 1 };
}

/**
 * json1 positions -> offsets in the script. ShellCheck counts lines by \n and columns in characters (code points; a
 * tab is one, verified against 0.9.0), 1-based, end exclusive; JavaScript strings count UTF-16 units.
 */
export function toScriptComments(script: string, comments: readonly ShellCheckJson[], linesAbove = 0): ShellCheckComment[] {
  const starts = [0];
  for (let i = script.indexOf('\n'); i >= 0; i = script.indexOf('\n', i + 1)) starts.push(i + 1);
  const offset = (line: number, column: number): number => {
    const l = Math.min(Math.max(line - 1, 0), starts.length - 1);
    const end = l + 1 < starts.length ? starts[l + 1] - 1 : script.length;
    let at = starts[l];
    for (let c = 1; c < column && at < end; c++) at += (script.codePointAt(at) ?? 0) > 0xffff ? 2 : 1;
    return at;
  };
  const out: ShellCheckComment[] = [];
  for (const c of comments) {
    const line = c.line - linesAbove;
    if (line < 1) continue; // about the directive we added
    const start = offset(line, c.column);
    const end = Math.max(start, offset(c.endLine - linesAbove, c.endColumn));
    const fix = c.fix && fixIn(script, c.fix.replacements.map((r) => ({ line: r.line - linesAbove, start: offset(r.line - linesAbove, r.column), end: offset(r.endLine - linesAbove, r.endColumn), text: r.replacement })));
    out.push({ start, end, level: c.level, code: c.code, message: c.message, ...(fix ? { fix } : {}) });
  }
  return out;
}

/**
 * ShellCheck's replacements as script edits, or undefined when applying them could go wrong in a Dockerfile: one that
 * spans or inserts a line break (RUN lines are joined by continuations), touches the directive line we added, or
 * meets another at the same place (their order would be a guess).
 */
function fixIn(script: string, edits: { line: number; start: number; end: number; text: string }[]): { start: number; end: number; text: string }[] | undefined {
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
      return json && toScriptComments(planned.text, json);
    },
  };
}
