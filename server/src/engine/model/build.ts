// Builds the Dockerfile model from dockerfile-ast, once per text: the only module that reads the parser's objects.
// Everything a rule needs is copied into the plain shapes of types.ts, computed on first use where it is costly.
import { Copy, From, JSONInstruction, Onbuild, PropertyInstruction, Run, type Instruction as AstInstruction } from 'dockerfile-ast';
import { normalizedName, parseImageRef, type ImageRef } from '../imageRef';
import { LineIndex, type Range } from '../text';
import { parseInstructions, type Parsed } from './parse';
import { isPosixShell } from './read';
import { argInBuild, substituteArgs } from './variables';
import { BUILDKIT_OPS, PATTERN_OPS, variableRefs } from '../expand';
import { findStage } from './scope';
import { parseShell, type ShellCommand } from './shell';
import { argumentsRangeOf, continuedSource, isValidJsonArray, jsonArrayWords, scanLeadingFlags, verbatimSource, type ShellSource } from './source';
import type {
  BaseImage,
  BuildOptions,
  Directives,
  DockerfileModel,
  Flag,
  Heredoc,
  Instruction,
  JsonArray,
  KeyValue,
  RunBody,
  RunCommand,
  RunScript,
  Stage,
  VariableRef,
  Word,
} from './types';

type Building<T> = { -readonly [K in keyof T]: T[K] };
type StageBuilder = Building<Stage> & { instructions: Instruction[]; usedBy: number[] };

const WINDOWS_BASE = /(windows|nanoserver|servercore|windowsservercore)/i;
// `# hadolint shell=powershell`, an inline `# comment` may follow
// (the shell's name holds no `#`: `\S+` and the comment's `#` overlapping backtracked quadratically)
const HADOLINT_SHELL_PRAGMA = /^\s*#\s*hadolint\s+shell\s*=\s*([^\s#]+)\s*(?:#.*)?$/;

/**
 * A variable reference the parser found, read again by expand.ts (the one reader of references): the parser takes
 * `${NAME#prefix}`, `${NAME/a/b}` and the other pattern forms for a variable named `NAME#prefix`.
 */
function variableRef(parsedName: string, range: Range, modifier: string | null): VariableRef {
  if (/^\w+$/.test(parsedName)) return { name: parsedName, range, modifier, pattern: null };
  const ref = variableRefs(`\${${parsedName}}`, BUILDKIT_OPS)[0];
  if (!ref?.op) return { name: parsedName, range, modifier, pattern: null };
  return PATTERN_OPS.includes(ref.op)
    ? { name: ref.name, range, modifier: null, pattern: ref.op }
    : { name: ref.name, range, modifier: ref.op.replace(':', ''), pattern: null };
}

/** What an instruction's text says, read once per parser instruction (a parse reuses those an edit left alone). */
type TextFacts = Pick<Instruction, 'keyword' | 'keywordText' | 'range' | 'keywordRange' | 'argumentsRange' | 'flags' | 'isJsonForm' | 'heredocs'> & {
  /** where a RUN's body starts after its flags (the end of the instruction for other keywords), from the instruction's start */
  readonly bodyOffset: number;
};

const textFacts = new WeakMap<AstInstruction, TextFacts>();

/** (`text`, `lines` and `escape` are those of a parse that holds the instruction as it was read: see parse.ts) */
function factsOf(astIns: AstInstruction, text: string, lines: LineIndex, escape: string): TextFacts {
  const kept = textFacts.get(astIns);
  if (kept) return kept;
  memoizeQueries(astIns);
  const keyword = astIns.getKeyword().toUpperCase();
  const range = astIns.getRange();
  const afterKeyword = lines.offsetAt(astIns.getInstructionRange().end);
  const end = lines.offsetAt(range.end);
  let bodyStart = end;
  let flags: Flag[];
  let argumentsRange: Range | undefined;
  let heredocs: Heredoc[];
  if (keyword === 'RUN') {
    // RUN bodies are the longest arguments of a file: scanning their flags ourselves spares dockerfile-ast's
    // tokenisation of the whole body, which the shell parser does anyway
    const scan = scanLeadingFlags(text, lines, afterKeyword, end, escape);
    flags = scan.flags;
    bodyStart = scan.bodyStart;
    heredocs = text.slice(scan.bodyStart, scan.end).includes('<<') ? heredocsOf(astIns) : [];
    argumentsRange =
      scan.end > scan.bodyStart || flags.length ? { start: flags[0]?.range.start ?? lines.positionAt(scan.bodyStart), end: range.end } : undefined;
  } else {
    // read from the text like RUN's: dockerfile-ast's getFlags() splits every argument first
    flags = 'getFlags' in astIns ? scanLeadingFlags(text, lines, afterKeyword, end, escape).flags : [];
    // only COPY and ADD take heredocs (besides RUN); asking dockerfile-ast splits every instruction into arguments
    heredocs = (keyword === 'COPY' || keyword === 'ADD') && text.slice(lines.offsetAt(range.start), end).includes('<<') ? heredocsOf(astIns) : [];
    argumentsRange = argumentsRangeOf(text, lines, afterKeyword, end, escape);
  }
  const facts: TextFacts = {
    keyword,
    keywordText: astIns.getInstruction(),
    range,
    keywordRange: astIns.getInstructionRange(),
    argumentsRange,
    flags,
    isJsonForm: isJsonForm(astIns),
    heredocs,
    bodyOffset: bodyStart - lines.offsetAt(range.start),
  };
  textFacts.set(astIns, facts);
  return facts;
}

/**
 * An instruction of one model: its text's facts, its place (stage, ONBUILD), and what few rules read, computed on
 * first use (a class: an object literal with getters cost a closure per getter and instruction on every lint).
 */
class ModelInstruction implements Instruction {
  readonly keyword: string;
  readonly keywordText: string;
  readonly range: Range;
  readonly keywordRange: Range;
  readonly argumentsRange: Range | undefined;
  readonly flags: readonly Flag[];
  readonly isJsonForm: boolean;
  readonly heredocs: readonly Heredoc[];
  run: RunBody | undefined = undefined;
  readonly #ast: AstInstruction;
  readonly #jsonArrayOf: (ins: JSONInstruction) => JsonArray;
  #args: Word[] | undefined;
  #json: JsonArray | undefined | null;
  #keyValues: KeyValue[] | undefined;

  constructor(
    facts: TextFacts,
    readonly onbuild: boolean,
    readonly stage: Stage | undefined,
    ast: AstInstruction,
    jsonArrayOf: (ins: JSONInstruction) => JsonArray,
  ) {
    this.keyword = facts.keyword;
    this.keywordText = facts.keywordText;
    this.range = facts.range;
    this.keywordRange = facts.keywordRange;
    this.argumentsRange = facts.argumentsRange;
    this.flags = facts.flags;
    this.isJsonForm = facts.isJsonForm;
    this.heredocs = facts.heredocs;
    this.#ast = ast;
    this.#jsonArrayOf = jsonArrayOf;
    this.#json = facts.isJsonForm ? undefined : null;
  }

  // few rules read the arguments of a RUN as Dockerfile words
  get args(): readonly Word[] {
    return (this.#args ??= this.#ast.getArguments().map((a) => ({ text: a.getValue(), value: a.getValue(), range: a.getRange() })));
  }

  get json(): JsonArray | undefined {
    if (this.#json === undefined) this.#json = this.#ast instanceof JSONInstruction ? this.#jsonArrayOf(this.#ast) : null;
    return this.#json ?? undefined;
  }

  get keyValues(): readonly KeyValue[] {
    const k = this.keyword;
    return (this.#keyValues ??= this.#ast instanceof PropertyInstruction && (k === 'ENV' || k === 'LABEL' || k === 'ARG') ? keyValuesOf(this.#ast) : []);
  }

  get variables(): readonly VariableRef[] {
    return variableRefsOf(this.#ast);
  }
}

/** What each model was parsed from: the next version of the same document reuses it (see parse.ts). */
const parses = new WeakMap<DockerfileModel, Parsed>();

/**
 * The shell reading of each RUN, kept with its parser instruction: one that the next parse reuses (parse.ts: same
 * text at the same place) is not read again, unless its shell changed kind. Its commands are kept without the
 * instruction they belong to (which is the model's): the model they were read for is not held.
 */
const runBodies = new WeakMap<
  AstInstruction,
  { readonly body: Omit<RunBody, 'commands'>; readonly commands: readonly Omit<RunCommand, 'instruction'>[]; readonly at: number }
>();

/** `at`: the document offset the instruction starts at now (its script maps to offsets from there) */
function keptRunBody(astIns: AstInstruction, ins: Instruction, foreign: boolean, at: number): RunBody | undefined {
  const kept = runBodies.get(astIns);
  if (!kept || kept.body.foreignShell !== foreign) return undefined;
  const moved = at - kept.at;
  const script = kept.body.script;
  const body =
    moved === 0 || !script ? kept.body : { ...kept.body, script: { text: script.text, toDoc: (o: number, isEnd?: boolean) => script.toDoc(o, isEnd) + moved } };
  return { ...body, commands: kept.commands.map((c) => ({ ...c, instruction: ins })) };
}

function keepRunBody(astIns: AstInstruction, run: RunBody, at: number): RunBody {
  const { commands, ...body } = run;
  runBodies.set(astIns, { body, commands: commands.map(({ instruction, ...c }) => c), at });
  return run;
}

/**
 * The model of a Dockerfile for a build (`build`: its target and args; none: the last stage and the ARG defaults).
 * `previous`: the model of an earlier version of the same document (the editor's last one): the instructions an edit
 * did not touch are not parsed again. The model is the same either way.
 */
export function buildModel(text: string, build: BuildOptions = {}, previous?: DockerfileModel): DockerfileModel {
  const lines = new LineIndex(text);
  const parsed = parseInstructions(text, lines, previous && parses.get(previous));
  const escape = parsed.escape;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const all = parsed.directives;
  const directives: Directives = {
    syntax: parsed.firstSyntax ?? all.find((d) => d.name === 'syntax')?.value,
    escape,
    check: all.find((d) => d.name === 'check')?.value,
    all,
  };
  const globalArgs = new Map<string, string | undefined>();
  const stages: StageBuilder[] = [];
  /** the first stage of each name, lower-cased (a FROM names a stage without regard to case) */
  const stagesByName = new Map<string, Stage>();
  /** whether a complete stage ends with a shell that is not POSIX (see stageIsForeign) */
  const foreignAtEnd = new Map<Stage, boolean>();
  const instructions: Instruction[] = [];
  // the parser's instruction behind each of ours, for the few facts read while the model is built
  const astOf = new Map<Instruction, AstInstruction>();
  let stage: StageBuilder | undefined;
  let foreignShell = false;
  // hadolint's `# hadolint shell=powershell`: the RUNs after it are in that shell, in this stage and the later ones
  // (read from the lines: on the first line dockerfile-ast takes such a comment for a parser directive)
  // (only the lines that hold `hadolint` are read: an ignore pragma in a long file is no reason to read all of it)
  const shellPragmas: { line: number; foreign: boolean }[] = [];
  for (let at = text.indexOf('hadolint'); at >= 0; ) {
    const line = lines.positionAt(at).line;
    const m = HADOLINT_SHELL_PRAGMA.exec(lines.lineText(line));
    if (m) shellPragmas.push({ line, foreign: !isPosixShell(m[1]) });
    if (line + 1 >= lines.lineCount) break;
    at = text.indexOf('hadolint', lines.lineStart(line + 1));
  }
  let pragmaForeign: boolean | undefined;

  const push = (astIns: AstInstruction, onbuild: boolean): Instruction => {
    const facts = factsOf(astIns, text, lines, escape);
    const ins = new ModelInstruction(facts, onbuild, stage, astIns, jsonArrayOf);
    if (facts.keyword === 'RUN') {
      // the same text as when it was read, perhaps further on in the document (an edit before it, on the same lines)
      const at = lines.offsetAt(facts.range.start);
      ins.run = keptRunBody(astIns, ins, foreignShell, at) ?? keepRunBody(astIns, runBody(ins, foreignShell, at + facts.bodyOffset, facts.heredocs), at);
    }
    astOf.set(ins, astIns);
    instructions.push(ins);
    stage?.instructions.push(ins);
    return ins;
  };

  /** The strings of an exec-form array, read from the text between the brackets dockerfile-ast found. */
  function jsonArrayOf(astIns: JSONInstruction): JsonArray {
    const open = lines.offsetAt(astIns.getOpeningBracket()!.getRange().start);
    const close = lines.offsetAt(astIns.getClosingBracket()!.getRange().end);
    const words = jsonArrayWords(text, open, close, escape).map((w) => ({
      text: w.text,
      value: w.value,
      range: { start: lines.positionAt(w.start), end: lines.positionAt(w.end) },
    }));
    return { words, valid: isValidJsonArray(text.slice(open, lines.offsetAt(astIns.getRange().end)), escape, eol) };
  }

  /** Builds the shell source of a RUN with a map back to document offsets, then parses it. */
  function runBody(ins: ModelInstruction, foreign: boolean, bodyStart: number, heredocs: readonly Heredoc[]): RunBody {
    const base = { jsonForm: false, fromHeredoc: false, foreignShell: foreign, hasCommentInContinuation: false, hasSyntaxError: false };
    const finish = (body: Omit<RunBody, 'commands'>, commands: Building<RunCommand>[]): RunBody => {
      // the commands were built before their instruction was complete
      for (const c of commands) c.instruction = ins;
      return { ...body, commands };
    };
    if (ins.isJsonForm) {
      const words = ins.json!.words;
      const cmd: Building<RunCommand>[] = words.length
        ? [
            {
              name: words[0].value,
              words,
              assignments: [],
              range: { start: words[0].range.start, end: words.at(-1)!.range.end },
              inPipeline: false,
              inSubstitution: false,
              status: { orElse: false, condition: false, inSubshell: false },
              instruction: ins,
            },
          ]
        : [];
      return finish({ ...base, jsonForm: true }, cmd);
    }
    if (foreign) return finish(base, []);
    const end = lines.offsetAt(ins.range.end);
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
    const commands: Building<RunCommand>[] = parsed.commands.map((c: ShellCommand) => ({
      name: c.words[0]?.value,
      words: c.words.map((w) => ({ text: w.text, value: w.value, range: toRange(w.start, w.end) })),
      assignments: c.assignments.map((w) => ({ text: w.text, value: w.value, range: toRange(w.start, w.end) })),
      range: toRange(c.start, c.end),
      inPipeline: c.inPipeline,
      inSubstitution: c.inSubstitution,
      status: c.status,
      instruction: ins,
    }));
    const script: RunScript | undefined = mapped ? { text: source.text, toDoc: source.toDoc } : undefined;
    return finish(
      {
        ...base,
        fromHeredoc,
        hasCommentInContinuation: source.droppedComment,
        hasSyntaxError: parsed.hasError,
        tooDeep: parsed.tooDeep,
        tooCostly: parsed.tooCostly,
        script,
      },
      commands,
    );
  }

  for (const astIns of parsed.instructions) {
    const keyword = astIns.getKeyword().toUpperCase();
    while (shellPragmas.length && shellPragmas[0].line < astIns.getRange().start.line) foreignShell = pragmaForeign = shellPragmas.shift()!.foreign;
    if (keyword === 'FROM' && astIns instanceof From) {
      const base = resolveBase(astIns, inBuild(globalArgs), stagesByName, build.contexts);
      const nameArg = astIns.getBuildStage();
      const next: StageBuilder = {
        index: stages.length,
        name: nameArg ?? undefined,
        nameRange: astIns.getBuildStageRange() ?? undefined,
        from: undefined!, // the FROM instruction belongs to the stage it opens: set just below
        base,
        platform: undefined,
        instructions: [],
        isFinal: false,
        usedBy: [],
      };
      stage = next;
      next.from = push(astIns, false);
      next.platform = platformOf(next.from.flags);
      if (base.kind === 'stage') stages[base.stage.index].usedBy.push(next.index);
      if (next.name !== undefined && !stagesByName.has(next.name.toLowerCase())) stagesByName.set(next.name.toLowerCase(), next);
      foreignShell = pragmaForeign ?? (base.kind === 'stage' ? stageIsForeign(base.stage) : imageIsForeign(base));
      stages.push(next);
      continue;
    }
    if (keyword === 'ARG' && !stage && astIns instanceof PropertyInstruction) {
      for (const prop of astIns.getProperties()) {
        const name = prop.getName();
        if (name) globalArgs.set(name, prop.getValue() ?? undefined);
      }
    }
    if (keyword === 'SHELL') foreignShell = shellIsForeign(astIns);
    if (keyword === 'ONBUILD' && astIns instanceof Onbuild) {
      push(astIns, false);
      const trigger = astIns.getTriggerInstruction();
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
        if (target && target !== s && !target.usedBy.includes(s.index)) stages[target.index].usedBy.push(s.index);
      }
    }
  }
  // --target: that stage is the image built (BuildKit matches stage names without regard to case); a target that
  // names no stage fails the build, so the last stage stays the one judged
  const target = typeof build.target === 'string' ? build.target.toLowerCase() : undefined;
  const finalStage = (target !== undefined ? stages.find((s) => s.name?.toLowerCase() === target) : undefined) ?? stages.at(-1);
  if (finalStage) finalStage.isFinal = true;
  const model: DockerfileModel = { text, lines, directives, stages, finalStage, instructions, globalArgs, build, eol };
  parses.set(model, parsed);
  return model;

  /** The global ARGs as FROM sees them in this build: --build-arg values over the defaults. */
  function inBuild(declared: ReadonlyMap<string, string | undefined>): ReadonlyMap<string, string | undefined> {
    if (!build.argsUnknown && !build.args) return declared;
    return new Map([...declared].map(([name, value]) => [name, argInBuild(build, name, value)]));
  }

  /**
   * The stage's last SHELL decides, else the stage it is built FROM: known already for every earlier stage, so one
   * step (a recursion down the chain overflowed the stack on thousands of chained stages).
   */
  function stageIsForeign(s: Stage): boolean {
    let foreign = foreignAtEnd.get(s);
    if (foreign !== undefined) return foreign;
    const shell = s.instructions.findLast((i) => i.keyword === 'SHELL');
    // a stage built FROM another was asked about that one at its FROM, when that one was complete
    foreign = shell ? shellIsForeign(astOf.get(shell)!) : s.base.kind === 'stage' ? (foreignAtEnd.get(s.base.stage) ?? false) : imageIsForeign(s.base);
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
const MEMOIZED = [
  'getArguments',
  'getRawArguments',
  'getArgumentsRanges',
  'getArgumentsRange',
  'getFlags',
  'getHeredocs',
  'getProperties',
  'getRange',
  'getInstructionRange',
  'getKeyword',
] as const;

const memoized = new WeakSet<AstInstruction>();

function memoizeQueries(ins: AstInstruction): void {
  // an instruction reused from the previous parse (parse.ts) is memoized already
  if (memoized.has(ins)) return;
  memoized.add(ins);
  for (const name of MEMOIZED) {
    const original: unknown = Reflect.get(ins, name);
    if (typeof original !== 'function') continue;
    let cached: unknown;
    let done = false;
    Reflect.set(ins, name, () => {
      if (!done) {
        cached = original.call(ins);
        done = true;
      }
      return cached;
    });
  }
}

/** The variable references of each parser instruction: plain data, shared by the models of the parses that reuse it. */
const variableRefsKept = new WeakMap<AstInstruction, VariableRef[]>();

function variableRefsOf(ins: AstInstruction): VariableRef[] {
  let refs = variableRefsKept.get(ins);
  if (!refs) variableRefsKept.set(ins, (refs = variablesOf(ins).map((v) => variableRef(v.getName(), v.getRange(), v.getModifier()))));
  return refs;
}

/** What dockerfile-ast's getVariables() asks of the file; the model reads neither answer (see variablesOf). */
const NO_RESOLUTION = { resolveVariable: () => undefined };

/**
 * The variables dockerfile-ast finds in an instruction's arguments, without what it works out for each besides its
 * name, range and modifier: its value in the file and whether it is a build argument. That walks the stage's ENV and
 * ARG instructions for every variable (a tenth of a 5,000-line file's lint), and for an instruction reused from the
 * previous parse (parse.ts) walks that parse's file, whose stages may chain into a loop (a stack overflow).
 */
function variablesOf(ins: AstInstruction): ReturnType<AstInstruction['getVariables']> {
  const file: unknown = Reflect.get(ins, 'dockerfile');
  Reflect.set(ins, 'dockerfile', NO_RESOLUTION);
  Reflect.set(ins, 'isBuildVariable', () => false);
  try {
    return ins.getVariables();
  } finally {
    Reflect.set(ins, 'dockerfile', file);
    Reflect.deleteProperty(ins, 'isBuildVariable');
  }
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

/** FROM's --platform value, read as dockerfile-ast's getPlatformFlag() does: only when it is the one flag */
const platformOf = (flags: readonly Flag[]): string | undefined =>
  flags.length === 1 && flags[0].name === 'platform' ? (flags[0].value ?? undefined) : undefined;

function resolveBase(
  from: From,
  globalArgs: ReadonlyMap<string, string | undefined>,
  stagesByName: ReadonlyMap<string, Stage>,
  contexts: BuildOptions['contexts'],
): BaseImage {
  const text = from.getImage() ?? '';
  const range = from.getImageRange() ?? from.getRange();
  const resolved = text.includes('$') ? substituteArgs(text, globalArgs) : text;
  if (resolved === undefined || resolved === '') return { kind: 'unresolved', text, range };
  // a named context of that name replaces the image, or the stage (BuildKit): `docker-image://REF` is that image;
  // another build's result (`target:`, `service:`), a folder, a Git or HTTP source is no image a registry describes
  const named = contexts ? namedContext(contexts, resolved) : undefined;
  if (named !== undefined) {
    const image = named !== null && named.startsWith('docker-image://') ? parseImageRef(named.slice('docker-image://'.length)) : undefined;
    return image ? { kind: 'image', ref: image, text, range } : { kind: 'unresolved', text, range };
  }
  if (resolved.toLowerCase() === 'scratch') return { kind: 'scratch', text, range };
  const stage = stagesByName.get(resolved.toLowerCase());
  if (stage) return { kind: 'stage', stage, text, range };
  const ref = parseImageRef(resolved);
  return ref ? { kind: 'image', ref, text, range } : { kind: 'unresolved', text, range };
}

/** The value of the named context a FROM names: by the name as written, or as the same image reference (`alpine` = `docker.io/library/alpine:latest`). */
function namedContext(contexts: Readonly<Record<string, string | null>>, from: string): string | null | undefined {
  if (Object.hasOwn(contexts, from)) return contexts[from];
  const ref = parseImageRef(from);
  if (!ref) return undefined;
  const key = (r: ImageRef) => {
    const n = normalizedName(r);
    return `${n.registry}/${n.repository}:${r.tag ?? (r.digest ? '' : 'latest')}@${r.digest ?? ''}`;
  };
  const wanted = key(ref);
  for (const [name, value] of Object.entries(contexts)) {
    const other = parseImageRef(name);
    if (other && key(other) === wanted) return value;
  }
  return undefined;
}

function keyValuesOf(ins: PropertyInstruction): KeyValue[] {
  return ins.getProperties().map((p) => ({
    name: p.getName(),
    nameRange: p.getNameRange(),
    value: p.getValue(),
    valueRange: p.getValueRange(),
    hasEquals: p.getAssignmentOperator() === '=',
  }));
}

function isJsonForm(ins: AstInstruction): boolean {
  return ins instanceof JSONInstruction && ins.getOpeningBracket() !== null && ins.getClosingBracket() !== null;
}

function shellIsForeign(ins: AstInstruction): boolean {
  const first = ins instanceof JSONInstruction ? ins.getJSONStrings()[0]?.getJSONValue() : undefined;
  return first ? !isPosixShell(first) : false;
}

const HEREDOC_ONLY = /^<<-?(["']?)[\w.-]+\1[ \t]*$/;

function heredocsOf(ins: AstInstruction): Heredoc[] {
  // Run and Copy make getHeredocs() public; Add inherits it from Instruction, where it is protected
  const list =
    ins instanceof Run || ins instanceof Copy
      ? ins.getHeredocs()
      : Reflect.apply(Reflect.get(ins, 'getHeredocs') as () => ReturnType<Run['getHeredocs']>, ins, []);
  return list.map((h) => ({ name: h.getName(), contentRange: h.getContentRange(), closed: h.getDelimiterRange() !== null }));
}
