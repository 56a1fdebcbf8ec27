// The Dockerfile model: built once per text from dockerfile-ast, shared by every rule, the hover and the fixes.
// Rules query it; none of them calls a parser.
import { DockerfileParser, type Dockerfile, type Instruction as AstInstruction, type JSONInstruction } from 'dockerfile-ast';
import { applyOperator, DEFAULT_OPS, expandVariables } from './expand';
import { parseImageRef, type ImageRef } from './imageRef';
import { parseShell, type ShellCommand } from './shell';
import { LineIndex, type Range } from './text';

export interface Word {
  readonly text: string;
  /** value after quote removal; undefined when it depends on an expansion */
  readonly value: string | undefined;
  readonly range: Range;
}

export interface RunCommand {
  /** literal command name ("apt-get"), or undefined when it is an expansion */
  readonly name: string | undefined;
  readonly words: readonly Word[];
  /** FOO=bar before the command name */
  readonly assignments: readonly Word[];
  readonly range: Range;
  readonly inPipeline: boolean;
  readonly inSubstitution: boolean;
  /** the instruction holding it */
  readonly instruction: Instruction;
}

export interface RunBody {
  readonly commands: readonly RunCommand[];
  /** RUN ["…"] */
  readonly jsonForm: boolean;
  /** the script is a heredoc (RUN <<EOF) */
  readonly fromHeredoc: boolean;
  /** commands are not POSIX shell (SHELL powershell/cmd, Windows base): not parsed */
  readonly foreignShell: boolean;
  /** a `# comment` line sits inside the backslash continuation: fixes that insert text decline */
  readonly hasCommentInContinuation: boolean;
  readonly hasSyntaxError: boolean;
  /** not parsed (no commands): its brackets nest deeper than MAX_SHELL_NESTING */
  readonly tooDeep?: boolean;
  /**
   * The script the shell runs, with a map back to the document; undefined when there is no script we can map
   * (exec form, foreign shell, empty body, a heredoc line that also holds a command, several heredocs).
   */
  readonly script?: RunScript;
}

/** A RUN's shell source as the shell sees it (read by the ShellCheck host, whose findings are mapped back by toDoc). */
export interface RunScript {
  /** continuation lines joined (comment and empty lines inside them dropped, the escape before a newline as a backslash), or the heredoc's content; CR is a space */
  readonly text: string;
  /** the document offset of a script offset; `isEnd` maps a span's end onto the line the span ends on */
  toDoc(offset: number, isEnd?: boolean): number;
}

export interface Heredoc {
  readonly name: string;
  readonly contentRange: Range | null;
}

export interface Flag {
  readonly name: string;
  readonly value: string | null;
  readonly range: Range;
}

export interface Instruction {
  /** upper-case keyword; for ONBUILD triggers, the trigger's keyword */
  readonly keyword: string;
  /** the keyword as written (for style-preserving fixes) */
  readonly keywordText: string;
  readonly range: Range;
  readonly keywordRange: Range;
  /** from the first argument or flag to the end */
  readonly argumentsRange: Range | undefined;
  readonly args: readonly Word[];
  readonly flags: readonly Flag[];
  /** CMD/ENTRYPOINT/RUN/SHELL/HEALTHCHECK in ["exec", "form"] */
  readonly isJsonForm: boolean;
  /** a trigger inside ONBUILD */
  readonly onbuild: boolean;
  readonly run: RunBody | undefined;
  /** heredocs of RUN/COPY/ADD (`<<EOF`) */
  readonly heredocs: readonly Heredoc[];
  readonly stage: Stage | undefined;
  readonly ast: AstInstruction;
}

export type BaseImage =
  | { kind: 'image'; ref: ImageRef; text: string; range: Range }
  | { kind: 'stage'; stage: Stage; text: string; range: Range }
  | { kind: 'scratch'; text: string; range: Range }
  /** contains a variable without a default, or is not a valid reference */
  | { kind: 'unresolved'; text: string; range: Range };

export interface Stage {
  readonly index: number;
  readonly name: string | undefined;
  readonly nameRange: Range | undefined;
  readonly from: Instruction;
  readonly base: BaseImage;
  readonly platform: string | undefined;
  readonly instructions: Instruction[];
  isFinal: boolean;
  /** indexes of later stages that COPY --from (or FROM) this one */
  readonly usedBy: number[];
}

export interface Directives {
  readonly syntax: string | undefined;
  readonly escape: string;
  readonly check: string | undefined;
}

export interface DockerfileModel {
  readonly text: string;
  readonly lines: LineIndex;
  readonly ast: Dockerfile;
  readonly directives: Directives;
  readonly stages: readonly Stage[];
  readonly finalStage: Stage | undefined;
  /** every instruction, in order, ONBUILD triggers included */
  readonly instructions: readonly Instruction[];
  /** ARG defaults declared before the first FROM */
  readonly globalArgs: ReadonlyMap<string, string | undefined>;
  readonly eol: string;
}

const POSIX_SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'busybox']);
const WINDOWS_BASE = /(windows|nanoserver|servercore|windowsservercore)/i;
// `# hadolint shell=powershell`, an inline `# comment` may follow
// (the shell's name holds no `#`: `\S+` and the comment's `#` overlapping backtracked quadratically)
const HADOLINT_SHELL_PRAGMA = /^\s*#\s*hadolint\s+shell\s*=\s*([^\s#]+)\s*(?:#.*)?$/;

export function buildModel(text: string): DockerfileModel {
  const ast = DockerfileParser.parse(text);
  const lines = new LineIndex(text);
  const escape = ast.getEscapeCharacter();
  const directives: Directives = {
    syntax: ast.getDirective()?.getName() === 'syntax' ? ast.getDirective()?.getValue() : ast.getDirectives().find((d) => d.getName() === 'syntax')?.getValue(),
    escape,
    check: ast.getDirectives().find((d) => d.getName() === 'check')?.getValue(),
  };
  const globalArgs = new Map<string, string | undefined>();
  const stages: Stage[] = [];
  /** the first stage of each name, lower-cased (a FROM names a stage without regard to case) */
  const stagesByName = new Map<string, Stage>();
  /** whether a complete stage ends with a shell that is not POSIX (see stageIsForeign) */
  const foreignAtEnd = new Map<Stage, boolean>();
  const instructions: Instruction[] = [];
  let stage: Stage | undefined;
  let foreignShell = false;
  // hadolint's `# hadolint shell=powershell`: the RUNs after it are in that shell, in this stage and the later ones
  // (read from the lines: on the first line dockerfile-ast takes such a comment for a parser directive)
  const shellPragmas = !text.includes('hadolint') ? [] : text.split(/\r\n|\r|\n/).flatMap((l, line) => {
    const m = HADOLINT_SHELL_PRAGMA.exec(l);
    return m ? [{ line, foreign: !POSIX_SHELLS.has(shellName(m[1])) }] : [];
  });
  let pragmaForeign: boolean | undefined;

  const push = (astIns: AstInstruction, onbuild: boolean): Instruction => {
    memoizeQueries(astIns);
    const keyword = astIns.getKeyword().toUpperCase();
    let run: RunBody | undefined;
    let flags: Flag[];
    let argsRange: Range | undefined;
    let heredocs: Heredoc[];
    if (keyword === 'RUN') {
      // RUN bodies are the longest arguments of a file: scanning their flags ourselves spares dockerfile-ast's
      // tokenisation of the whole body, which the shell parser does anyway
      const scan = scanLeadingFlags(text, lines, astIns, escape);
      flags = scan.flags;
      heredocs = text.slice(scan.bodyStart, scan.end).includes('<<') ? heredocsOf(astIns) : [];
      argsRange = scan.end > scan.bodyStart || flags.length ? { start: flags[0]?.range.start ?? lines.positionAt(scan.bodyStart), end: astIns.getRange().end } : undefined;
      run = runBody(astIns, text, lines, escape, foreignShell, scan.bodyStart, heredocs);
    } else {
      // read from the text like RUN's: dockerfile-ast's getFlags() splits every argument first (identical results on
      // the 4,668 instructions other than RUN that take flags in the corpus, the conformance cases and the fixtures)
      flags = 'getFlags' in astIns ? scanLeadingFlags(text, lines, astIns, escape).flags : [];
      // only COPY and ADD take heredocs (besides RUN); asking dockerfile-ast splits every instruction into arguments
      const range = astIns.getRange();
      heredocs = (keyword === 'COPY' || keyword === 'ADD') && text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end)).includes('<<') ? heredocsOf(astIns) : [];
      argsRange = argumentsRangeOf(text, lines, astIns, escape);
    }
    let args: Word[] | undefined;
    const ins: Instruction = {
      keyword,
      keywordText: astIns.getInstruction(),
      range: astIns.getRange(),
      keywordRange: astIns.getInstructionRange(),
      argumentsRange: argsRange,
      // computed on first use: few rules read the arguments of a RUN as Dockerfile words
      get args() {
        return (args ??= astIns.getArguments().map((a) => ({ text: a.getValue(), value: a.getValue(), range: a.getRange() })));
      },
      flags,
      isJsonForm: isJsonForm(astIns),
      onbuild,
      run,
      heredocs,
      stage,
      ast: astIns,
    };
    // the commands were built before their instruction existed
    for (const c of run?.commands ?? []) (c as { instruction: Instruction }).instruction = ins;
    instructions.push(ins);
    stage?.instructions.push(ins);
    return ins;
  };

  for (const astIns of ast.getInstructions()) {
    const keyword = astIns.getKeyword().toUpperCase();
    while (shellPragmas.length && shellPragmas[0].line < astIns.getRange().start.line) foreignShell = pragmaForeign = shellPragmas.shift()!.foreign;
    if (keyword === 'FROM') {
      const from = astIns as unknown as AstFrom;
      const base = resolveBase(from, globalArgs, stagesByName);
      const nameArg = from.getBuildStage();
      stage = {
        index: stages.length,
        name: nameArg ?? undefined,
        nameRange: from.getBuildStageRange() ?? undefined,
        from: undefined as unknown as Instruction,
        base,
        platform: undefined, // from the FROM's flags, once they are read
        instructions: [],
        isFinal: false,
        usedBy: [],
      };
      (stage as { from: Instruction }).from = push(astIns, false);
      (stage as { platform: string | undefined }).platform = platformOf(stage.from.flags);
      if (base.kind === 'stage') base.stage.usedBy.push(stage.index);
      if (stage.name !== undefined && !stagesByName.has(stage.name.toLowerCase())) stagesByName.set(stage.name.toLowerCase(), stage);
      foreignShell = pragmaForeign ?? (base.kind === 'stage' ? stageIsForeign(base.stage) : imageIsForeign(base));
      stages.push(stage);
      continue;
    }
    if (keyword === 'ARG' && !stage) {
      for (const prop of (astIns as unknown as AstPropertyInstruction).getProperties()) {
        const name = prop.getName();
        if (name) globalArgs.set(name, prop.getValue() ?? undefined);
      }
    }
    if (keyword === 'SHELL') foreignShell = shellIsForeign(astIns);
    if (keyword === 'ONBUILD') {
      push(astIns, false);
      const trigger = (astIns as unknown as { getTriggerInstruction(): AstInstruction | null }).getTriggerInstruction();
      if (trigger) push(trigger, true);
      continue;
    }
    push(astIns, false);
  }

  for (const s of stages) {
    for (const ins of s.instructions) {
      if (ins.keyword !== 'COPY' && !(ins.keyword === 'RUN' && ins.flags.some((f) => f.name === 'mount'))) continue;
      for (const ref of stageReferences(ins)) {
        const target = findStage(stages, ref, s.index);
        if (target && target !== s && !target.usedBy.includes(s.index)) target.usedBy.push(s.index);
      }
    }
  }
  const finalStage = stages.at(-1);
  if (finalStage) finalStage.isFinal = true;
  return { text, lines, ast, directives, stages, finalStage, instructions, globalArgs, eol: text.includes('\r\n') ? '\r\n' : '\n' };

  /**
   * The stage's last SHELL decides, else the stage it is built FROM: known already for every earlier stage, so one
   * step (a recursion down the chain overflowed the stack on thousands of chained stages).
   */
  function stageIsForeign(s: Stage): boolean {
    let foreign = foreignAtEnd.get(s);
    if (foreign !== undefined) return foreign;
    const shell = s.instructions.findLast((i) => i.keyword === 'SHELL');
    // a stage built FROM another was asked about that one at its FROM, when that one was complete
    foreign = shell ? shellIsForeign(shell.ast) : s.base.kind === 'stage' ? foreignAtEnd.get(s.base.stage) ?? false : imageIsForeign(s.base);
    foreignAtEnd.set(s, foreign);
    return foreign;
  }

  /** Windows images run cmd/PowerShell; a backtick escape with an image we cannot resolve almost always means Windows too. */
  function imageIsForeign(b: BaseImage): boolean {
    return WINDOWS_BASE.test(b.text) || (escape === '`' && b.kind === 'unresolved');
  }
}

// dockerfile-ast recomputes an instruction's arguments from the text on every call, and its other queries call that
// again: profiling the corpus put two thirds of lint time there. The text of a model never changes, so each query is
// answered once per instruction and kept on the instance.
const MEMOIZED = ['getArguments', 'getRawArguments', 'getArgumentsRanges', 'getArgumentsRange', 'getFlags', 'getHeredocs', 'getProperties', 'getRange', 'getInstructionRange', 'getKeyword'] as const;

function memoizeQueries(ins: AstInstruction): void {
  const target = ins as unknown as Record<string, unknown>;
  for (const name of MEMOIZED) {
    const original = target[name];
    if (typeof original !== 'function') continue;
    let cached: unknown;
    let done = false;
    target[name] = () => {
      if (!done) {
        cached = (original as () => unknown).call(ins);
        done = true;
      }
      return cached;
    };
  }
}

/** The stage a `--from=` value or FROM names, by name (case-insensitive) or index, defined before `before`. */
export function findStage(stages: readonly Stage[], ref: string, before: number): Stage | undefined {
  const lower = ref.toLowerCase();
  if (/^\d+$/.test(ref)) return stages[Number(ref)];
  return stages.slice(0, before).find((s) => s.name?.toLowerCase() === lower);
}

// rootBase is asked for every instruction: a chain's root is found once and kept for every stage on the way
const rootBases = new WeakMap<Stage, BaseImage>();

/** The stage the final image is built from in the end (follows FROM <stage>) and the first image base. */
export function rootBase(stage: Stage): BaseImage {
  let s = stage;
  const walked: Stage[] = [];
  const seen = new Set<Stage>();
  let root = rootBases.get(s);
  while (root === undefined) {
    if (s.base.kind !== 'stage' || seen.has(s)) root = s.base;
    else {
      seen.add(s);
      walked.push(s);
      s = s.base.stage;
      root = rootBases.get(s);
    }
  }
  for (const w of walked) rootBases.set(w, root);
  return root;
}

/**
 * Stages followed down a chain of FROM <stage> at most. Rules walk the chain of every stage, so a file of n stages each
 * built on the one before costs n² without a limit (4,000 such stages took minutes); real files have a handful.
 */
export const MAX_STAGE_CHAIN = 32;

/**
 * Stages whose content reaches the final image: the final stage and the stages it is built FROM (the nearest
 * MAX_STAGE_CHAIN of them).
 */
export function stageChain(stage: Stage): Stage[] {
  const chain = [stage];
  const seen = new Set(chain); // not chain.includes(), which made each call quadratic
  let s = stage;
  while (s.base.kind === 'stage' && !seen.has(s.base.stage) && chain.length < MAX_STAGE_CHAIN) {
    s = s.base.stage;
    chain.push(s);
    seen.add(s);
  }
  return chain;
}

/**
 * Stages built FROM `stage`, directly or through others (at most MAX_STAGE_CHAIN deep, as stageChain looks the other
 * way), in file order: they start from its last layer.
 */
export function stagesBuiltFrom(stage: Stage, stages: readonly Stage[]): Stage[] {
  const found = new Set<Stage>();
  let level = [stage];
  for (let depth = 1; depth < MAX_STAGE_CHAIN && level.length; depth++) {
    const next: Stage[] = [];
    for (const s of level) {
      for (const i of s.usedBy) {
        const built = stages[i];
        if (built && built.base.kind === 'stage' && built.base.stage === s && !found.has(built)) {
          found.add(built);
          next.push(built);
        }
      }
    }
    level = next;
  }
  return [...found].sort((a, b) => a.index - b.index);
}

/** The instructions that run after `ins` on top of its result: the rest of its stage, then the stages built FROM it. */
export function laterInstructions(ins: Instruction, model: DockerfileModel): Instruction[] {
  const stage = ins.stage;
  if (!stage) return [];
  const rest = stage.instructions.filter((i) => !i.onbuild && i.range.start.line > ins.range.end.line);
  return [...rest, ...stagesBuiltFrom(stage, model.stages).flatMap((s) => s.instructions.filter((i) => !i.onbuild))];
}

function stageReferences(ins: Instruction): string[] {
  const refs: string[] = [];
  for (const f of ins.flags) {
    if (f.name === 'from' && f.value) refs.push(f.value);
    if (f.name === 'mount' && f.value) {
      const m = /(?:^|,)from=([^,]+)/.exec(f.value);
      if (m) refs.push(m[1]);
    }
  }
  return refs;
}

/**
 * Substitutes ${VAR}, $VAR, ${VAR:-x} and ${VAR:+x} with ARG defaults; undefined when a variable has no value. Longer
 * than MAX_EXPANSION characters, the result is cut just past it.
 */
export function substituteArgs(text: string, args: ReadonlyMap<string, string | undefined>): string | undefined {
  return expandVariables(text, DEFAULT_OPS, (ref) => applyOperator(ref, args.get(ref.name)));
}

interface AstFrom extends AstInstruction {
  getImage(): string | null;
  getImageRange(): Range | null;
  getBuildStage(): string | null;
  getBuildStageRange(): Range | null;
}
interface AstPropertyInstruction extends AstInstruction {
  getProperties(): { getName(): string; getValue(): string | null }[];
}

/** FROM's --platform value, read as dockerfile-ast's getPlatformFlag() does: only when it is the one flag */
const platformOf = (flags: readonly Flag[]): string | undefined => (flags.length === 1 && flags[0].name === 'platform' ? flags[0].value ?? undefined : undefined);

function resolveBase(from: AstFrom, globalArgs: ReadonlyMap<string, string | undefined>, stagesByName: ReadonlyMap<string, Stage>): BaseImage {
  const text = from.getImage() ?? '';
  const range = from.getImageRange() ?? from.getRange();
  const resolved = text.includes('$') ? substituteArgs(text, globalArgs) : text;
  if (resolved === undefined || resolved === '') return { kind: 'unresolved', text, range };
  if (resolved.toLowerCase() === 'scratch') return { kind: 'scratch', text, range };
  const stage = stagesByName.get(resolved.toLowerCase());
  if (stage) return { kind: 'stage', stage, text, range };
  const ref = parseImageRef(resolved);
  return ref ? { kind: 'image', ref, text, range } : { kind: 'unresolved', text, range };
}

/**
 * From the first character after the keyword (blanks, escaped newlines and comment lines inside the continuation
 * skipped) to the end: read from the text, because dockerfile-ast's argument ranges split every instruction into
 * argument objects first, which costs more than many rules together.
 */
function argumentsRangeOf(text: string, lines: LineIndex, ins: AstInstruction, escape: string): Range | undefined {
  const end = lines.offsetAt(ins.getRange().end);
  let at = lines.offsetAt(ins.getInstructionRange().end);
  for (;;) {
    while (at < end && (text[at] === ' ' || text[at] === '\t')) at++;
    if (text[at] === escape && (text[at + 1] === '\n' || (text[at + 1] === '\r' && text[at + 2] === '\n') || (text[at + 1] === '\r' && text[at + 2] !== '\n'))) {
      at += text[at + 1] === '\r' && text[at + 2] === '\n' ? 3 : 2;
      // whole comment lines inside a continuation are not arguments
      for (;;) {
        let p = at;
        while (p < end && (text[p] === ' ' || text[p] === '\t')) p++;
        if (text[p] !== '#') break;
        while (p < end && text[p] !== '\n' && text[p] !== '\r') p++;
        at = p + (text[p] === '\r' && text[p + 1] === '\n' ? 2 : 1);
      }
      continue;
    }
    break;
  }
  return at < end ? { start: lines.positionAt(at), end: ins.getRange().end } : undefined;
}

function isJsonForm(ins: AstInstruction): boolean {
  if (!('getJSONStrings' in ins)) return false;
  const json = ins as unknown as JSONInstruction;
  return json.getOpeningBracket() !== null && json.getClosingBracket() !== null;
}

function shellIsForeign(ins: AstInstruction): boolean {
  const strings = 'getJSONStrings' in ins ? (ins as unknown as JSONInstruction).getJSONStrings() : [];
  const first = strings[0]?.getJSONValue();
  return first ? !POSIX_SHELLS.has(shellName(first)) : false;
}

/** `C:\\Windows\\powershell.exe` -> `powershell`, `/bin/bash` -> `bash` */
const shellName = (program: string): string => program.replace(/\\/g, '/').split('/').pop()!.toLowerCase().replace(/\.exe$/, '');

/** Builds the shell source of a RUN with a map back to document offsets, then parses it. */
function runBody(ins: AstInstruction, text: string, lines: LineIndex, escape: string, foreignShell: boolean, bodyStart: number, heredocs: readonly Heredoc[]): RunBody {
  const base = { jsonForm: false, fromHeredoc: false, foreignShell, hasCommentInContinuation: false, hasSyntaxError: false };
  const finish = (body: Omit<RunBody, 'commands'>, commands: RunCommand[]): RunBody => ({ ...body, commands });
  if (isJsonForm(ins)) {
    const json = ins as unknown as JSONInstruction;
    const open = lines.offsetAt(json.getOpeningBracket()!.getRange().start);
    const close = lines.offsetAt(json.getClosingBracket()!.getRange().end);
    const words = jsonArrayWords(text, open, close).map((w) => ({ text: w.text, value: w.value, range: { start: lines.positionAt(w.start), end: lines.positionAt(w.end) } }));
    const cmd = words.length ? [{ name: words[0].value, words, assignments: [], range: { start: words[0].range.start, end: words.at(-1)!.range.end }, inPipeline: false, inSubstitution: false, instruction: undefined as unknown as Instruction }] : [];
    return finish({ ...base, jsonForm: true }, cmd);
  }
  if (foreignShell) return finish(base, []);
  const end = lines.offsetAt(ins.getRange().end);
  if (bodyStart >= end) return finish(base, []);
  let source: ShellSource;
  let fromHeredoc = false;
  let mapped = true;
  if (heredocs.length > 0 && text.startsWith('<<', bodyStart)) {
    const content = heredocs[0].contentRange;
    if (!content) return finish({ ...base, fromHeredoc: true }, []);
    fromHeredoc = true;
    source = verbatimSource(text, lines.offsetAt(content.start), lines.offsetAt(content.end));
    // `RUN <<EOF` alone on its line runs the heredoc as the script; `RUN <<EOF bash -e` or `<<A <<B` do something else
    mapped = heredocs.length === 1 && HEREDOC_ONLY.test(text.slice(bodyStart, lines.lineEnd(lines.positionAt(bodyStart).line)));
  } else {
    source = heredocs.length > 0 ? verbatimSource(text, bodyStart, end) : continuedSource(text, lines, bodyStart, end, escape);
  }
  const parsed = parseShell(source.text);
  const toRange = (s: number, e: number): Range => ({ start: lines.positionAt(source.toDoc(s)), end: lines.positionAt(source.toDoc(e, true)) });
  const commands: RunCommand[] = parsed.commands.map((c: ShellCommand) => ({
    name: c.words[0]?.value,
    words: c.words.map((w) => ({ text: w.text, value: w.value, range: toRange(w.start, w.end) })),
    assignments: c.assignments.map((w) => ({ text: w.text, value: w.value, range: toRange(w.start, w.end) })),
    range: toRange(c.start, c.end),
    inPipeline: c.inPipeline,
    inSubstitution: c.inSubstitution,
    instruction: undefined as unknown as Instruction,
  }));
  const script: RunScript | undefined = mapped ? { text: source.text, toDoc: source.toDoc } : undefined;
  return finish({ ...base, fromHeredoc, hasCommentInContinuation: source.droppedComment, hasSyntaxError: parsed.hasError, tooDeep: parsed.tooDeep, script }, commands);
}

const HEREDOC_ONLY = /^<<-?(["']?)[\w.-]+\1[ \t]*$/;

/**
 * The strings of an exec-form array with their offsets, read from the text itself: dockerfile-ast's
 * getJSONValue() drops spaces inside strings ("hi there" -> "hithere") and mis-ranges escaped quotes.
 */
function jsonArrayWords(text: string, open: number, close: number): { text: string; value: string; start: number; end: number }[] {
  const out: { text: string; value: string; start: number; end: number }[] = [];
  for (let i = open + 1; i < close; i++) {
    if (text[i] !== '"') continue;
    let j = i + 1;
    while (j < close && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
    const raw = text.slice(i, j + 1);
    let value: string;
    try {
      value = JSON.parse(raw.replace(/\\\r?\n/g, '')) as string;
    } catch {
      value = raw.slice(1, -1);
    }
    out.push({ text: raw, value, start: i, end: j + 1 });
    i = j;
  }
  return out;
}

function heredocsOf(ins: AstInstruction): Heredoc[] {
  const list = (ins as unknown as { getHeredocs(): { getName(): string; getContentRange(): Range | null }[] }).getHeredocs();
  return list.map((h) => ({ name: h.getName(), contentRange: h.getContentRange() }));
}

/**
 * The `--flag[=value]` words that open a RUN, read from the text the way the builder reads them (whitespace, escaped
 * newlines and the comment or empty lines inside a continuation separate them), and where the command starts.
 */
export function scanLeadingFlags(text: string, lines: LineIndex, ins: AstInstruction, escape: string): { flags: Flag[]; bodyStart: number; end: number } {
  const end = lines.offsetAt(ins.getRange().end);
  let i = lines.offsetAt(ins.getInstructionRange().end);
  const flags: Flag[] = [];
  const atLineEnd = (j: number) => {
    while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
    return j >= end || text[j] === '\n' || text[j] === '\r';
  };
  const skipBlank = () => {
    for (;;) {
      while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
      // an escaped blank in the middle of a line separates words too (dockerfile-ast and hadolint read it so)
      if (i + 1 < end && text[i] === escape && (text[i + 1] === ' ' || text[i + 1] === '\t') && !atLineEnd(i + 1)) {
        i += 2;
        continue;
      }
      if (i < end && text[i] === escape && atLineEnd(i + 1) && i + 1 < end) {
        // an escaped newline: continue on the next line, skipping comment and empty lines as the builder does
        let line = lines.positionAt(i).line + 1;
        i = lines.lineStart(line);
        while (line < lines.lineCount && i < end && /^\s*(#.*)?$/.test(lines.lineText(line)) && lines.lineStart(line + 1) <= end && line + 1 < lines.lineCount) i = lines.lineStart(++line);
        continue;
      }
      return;
    }
  };
  for (;;) {
    skipBlank();
    if (!text.startsWith('--', i)) break;
    let j = i;
    while (j < end && !/\s/.test(text[j]) && !(text[j] === escape && atLineEnd(j + 1))) j++;
    const token = text.slice(i + 2, j);
    const eq = token.indexOf('=');
    flags.push({ name: eq < 0 ? token : token.slice(0, eq), value: eq < 0 ? null : token.slice(eq + 1), range: { start: lines.positionAt(i), end: lines.positionAt(j) } });
    i = j;
  }
  return { flags, bodyStart: Math.min(i, end), end };
}

interface ShellSource {
  text: string;
  toDoc(offset: number, isEnd?: boolean): number;
  droppedComment: boolean;
}

function verbatimSource(text: string, start: number, end: number): ShellSource {
  // CR would become part of words in bash; a space keeps offsets identical
  return { text: text.slice(start, end).replace(/\r/g, ' '), toDoc: (o) => start + o, droppedComment: false };
}

/**
 * The instruction's text with Docker's line continuations applied the way the builder does: comment lines and
 * empty lines inside a continuation are dropped, the escape character before a newline becomes a backslash.
 */
function continuedSource(text: string, lines: LineIndex, start: number, end: number, escape: string): ShellSource {
  const srcStarts: number[] = [];
  const docStarts: number[] = [];
  let out = '';
  let droppedComment = false;
  const emit = (docFrom: number, docTo: number) => {
    srcStarts.push(out.length);
    docStarts.push(docFrom);
    out += text.slice(docFrom, docTo).replace(/\r/g, ' ');
  };
  let lineNo = lines.positionAt(start).line;
  let at = start;
  let continued = false;
  while (at < end) {
    const lineEnd = Math.min(lines.lineEnd(lineNo), end);
    const content = text.slice(at, lineEnd);
    if (continued && (/^\s*#/.test(content) || /^\s*$/.test(content)) && lineEnd < end) {
      if (/^\s*#/.test(content)) droppedComment = true;
    } else {
      const m = new RegExp(`${escapeRegExp(escape)}[ \\t]*$`).exec(content);
      continued = m !== null && lineEnd < end;
      if (continued) {
        emit(at, at + m!.index);
        srcStarts.push(out.length);
        docStarts.push(at + m!.index);
        out += '\\\n';
      } else {
        emit(at, lineEnd);
      }
    }
    lineNo++;
    at = lines.lineStart(lineNo);
    if (lineNo >= lines.lineCount) break;
  }
  const toDoc = (o: number, isEnd = false): number => {
    let lo = 0;
    let hi = srcStarts.length - 1;
    const key = isEnd && o > 0 ? o - 1 : o;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (srcStarts[mid] <= key) lo = mid;
      else hi = mid - 1;
    }
    return docStarts[lo] + (o - srcStarts[lo]);
  };
  return { text: out, toDoc, droppedComment };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
