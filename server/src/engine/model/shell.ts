// Parses RUN bodies (and other shell text) into commands with their words, using tree-sitter-bash.
//
// Why tree-sitter-bash (web-tree-sitter) and not sh-syntax (mvdan/sh compiled to WASM): measured on the
// 2,568 RUN bodies of ../shared/corpus/files on this machine, tree-sitter parsed all of them in ~240 ms
// (after a 56 ms start) while sh-syntax took ~15,600 ms (after 380 ms), because every sh-syntax call is
// asynchronous and marshals the whole AST as JSON across the WASM boundary. tree-sitter also parses
// synchronously once loaded, which keeps `lint()` synchronous and pure, and it recovers from errors
// (a half-typed RUN still yields its commands) where sh-syntax rejects the whole body.
import { Language, Parser, type Node, type ParseOptions } from 'web-tree-sitter';
import type { StatusUse } from './types';

export interface ShellWord {
  /** the word as written (quotes included) */
  readonly text: string;
  /** the word after quote removal, or undefined when it depends on an expansion ($VAR, $(…), globs kept) */
  readonly value: string | undefined;
  /** offsets in the shell source */
  readonly start: number;
  readonly end: number;
}

export interface ShellCommand {
  /** words[0] is the command name; assignments before it (FOO=bar cmd) are not words */
  readonly words: readonly ShellWord[];
  readonly assignments: readonly ShellWord[];
  readonly start: number;
  readonly end: number;
  /** part of a `a | b` pipeline */
  readonly inPipeline: boolean;
  /** inside $(…) or `…` */
  readonly inSubstitution: boolean;
  /** how the shell uses this command's exit status (and its pipeline's): see StatusUse */
  readonly status: StatusUse;
}

export interface ShellParse {
  readonly commands: readonly ShellCommand[];
  /** the parser recovered from a syntax error somewhere in the text */
  readonly hasError: boolean;
  /** not parsed: brackets nest deeper than MAX_SHELL_NESTING */
  readonly tooDeep?: boolean;
  /** not parsed: the parser ran past its allowance (see shellParseAllowanceMs) */
  readonly tooCostly?: boolean;
}

/**
 * How long the shell parser may take on a script of `length` characters before it is stopped, ms: half of it in wall
 * time, then the other half in the CPU time of the clock given to initShellParser (see parseUncached). Real scripts
 * parse at about a microsecond per character; tree-sitter's error recovery on some hostile texts (thousands of `))`
 * or `>>`) is quadratic and took 7 s for 24 KB. Twenty times a real script's cost, plus a floor for a loaded machine.
 */
export const shellParseAllowanceMs = (length: number): number => 150 + length * 0.02;

/**
 * Deeper nesting of `$(`, `${`, `(` and `{` than this is not parsed. tree-sitter's cost grows with the square of the
 * depth (80 KB of `${${${…` took 20 s) and 2,000 levels of `$(` overflowed the stack; scripts people write stay
 * under ten.
 */
export const MAX_SHELL_NESTING = 100;

/** How deep brackets nest in shell text (quotes not considered: an over-estimate, which is what a limit needs). */
function nestingDepth(source: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 40 /* ( */ || c === 123 /* { */) max = Math.max(max, ++depth);
    else if ((c === 41 /* ) */ || c === 125) /* } */ && depth > 0) depth--;
  }
  return max;
}

let parser: Parser | undefined;
let loaded: { runtime: Uint8Array; bash: Uint8Array } | undefined;
/** what the parse allowance is measured with, ms (see initShellParser) */
let clock: () => number = () => performance.now();

/**
 * Loads the parser once; the host hands in the bytes of both WASM files (the engine does no I/O), and the clock the
 * parse allowance is measured with: the process's CPU time, so that a parse is never stopped because other processes
 * had the CPU (on a loaded machine, wall time stopped ordinary scripts and their findings went missing). Without
 * one: wall time.
 */
export async function initShellParser(wasm: { runtime: Uint8Array; bash: Uint8Array }, cpuClock?: () => number): Promise<void> {
  if (cpuClock) clock = cpuClock;
  if (parser) return;
  loaded = wasm;
  await Parser.init({ wasmBinary: wasm.runtime } as object);
  const bash = await Language.load(wasm.bash);
  const p = new Parser();
  p.setLanguage(bash);
  parser = p;
}

/**
 * Starts the parser afresh in a new WebAssembly instance: after a lint was stopped by its time budget, possibly in the
 * middle of tree-sitter's code, whose memory may then be half-updated. Parsed results already kept stay valid.
 */
export async function reloadShellParser(): Promise<void> {
  if (!loaded) return;
  parser = undefined;
  await initShellParser(loaded);
}

const EMPTY: ShellParse = { commands: [], hasError: false };

// Parses are kept by source text: an edit re-parses only the RUN body it touched, and bodies repeated across files
// (`apt-get update`) are parsed once. Results are immutable data, so sharing them is safe.
const MAX_CACHED = 4096;
const cache = new Map<string, ShellParse>();

/** Forgets cached parses (benchmarks call it so that every pass does the full work). */
export function clearShellCache(): void {
  cache.clear();
}

/** Parses shell text synchronously. Needs initShellParser() to have finished. */
export function parseShell(source: string): ShellParse {
  const hit = cache.get(source);
  if (hit) return hit;
  const parsed = parseUncached(source);
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(source, parsed);
  return parsed;
}

function parseUncached(source: string): ShellParse {
  if (!parser) throw new Error('shell parser used before initShellParser() finished');
  if (!source.trim()) return EMPTY;
  if (nestingDepth(source) > MAX_SHELL_NESTING) return { commands: [], hasError: true, tooDeep: true };
  const started = performance.now();
  const allowance = shellParseAllowanceMs(source.length);
  // Past half the allowance in wall time, the parse is stopped once the process has also spent the other half in CPU
  // time since: a process paused by a loaded machine is not stopped for it. The CPU clock is read only then (a read costs
  // a system call, tens of microseconds: reading it at every progress callback cost a tenth of a corpus lint).
  let cpuFrom: number | undefined;
  // a progress callback that returns true cancels the parse (web-tree-sitter's typing says void, which a boolean fits)
  const stopLate: NonNullable<ParseOptions['progressCallback']> = () => {
    if (performance.now() - started <= allowance / 2) return false;
    const cpu = clock();
    cpuFrom ??= cpu;
    return cpu - cpuFrom > allowance / 2;
  };
  const tree = parser.parse(source, null, { progressCallback: stopLate });
  if (!tree) {
    // cancelled: the next parse must start afresh, not resume this one
    parser.reset();
    return { commands: [], hasError: true, tooCostly: true };
  }
  try {
    const commands: ShellCommand[] = [];
    collect(tree.rootNode, false, false, commands);
    commands.sort((a, b) => a.start - b.start);
    return { commands, hasError: tree.rootNode.hasError };
  } finally {
    tree.delete();
  }
}

/**
 * The commands under a node. A loop over a stack of nodes, not a recursion: `a && b && …` nests one level per `&&`,
 * and 5,000 of them overflowed the stack. `inArgument`: the node is inside a command's words, where only $(…) holds
 * commands of its own.
 */
function collect(root: Node, inPipelineAtRoot: boolean, inSubstitutionAtRoot: boolean, out: ShellCommand[]): void {
  interface Item {
    node: Node;
    inPipeline: boolean;
    inSubstitution: boolean;
    inArgument: boolean;
    status: StatusUse;
  }
  const TOP: StatusUse = { orElse: false, condition: false, inSubshell: false };
  const stack: Item[] = [{ node: root, inPipeline: inPipelineAtRoot, inSubstitution: inSubstitutionAtRoot, inArgument: false, status: TOP }];
  const push = (
    node: Node,
    inPipeline: boolean,
    inSubstitution: boolean,
    inArgument: boolean,
    status: StatusUse,
    statusOf?: (child: Node, index: number) => StatusUse,
  ) => {
    // pushed in reverse so that children come off the stack in order
    const children = node.namedChildren;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) stack.push({ node: child, inPipeline, inSubstitution, inArgument, status: statusOf ? statusOf(child, i) : status });
    }
  };
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { node, inPipeline, inSubstitution, inArgument, status } = item;
    const type = node.type;
    if (inArgument) {
      // the status of a $(…) inside a word is dropped: the command's own status is the one that counts
      if (type === 'command_substitution')
        push(node, false, true, false, {
          ...status,
          substitution: 'dropped',
          assignedName: undefined,
          testedNext: undefined,
          orElse: false,
          condition: false,
          pipeline: undefined,
        });
      else if (node.childCount > 0) push(node, false, false, true, status);
      continue;
    }
    if (type === 'declaration_command' || type === 'unset_command') {
      // export/declare/readonly/local/unset: a builtin with assignments as its words
      const words: ShellWord[] = [
        { text: node.firstChild?.text ?? '', value: node.firstChild?.text, start: node.startIndex, end: node.firstChild?.endIndex ?? node.startIndex },
      ];
      for (const child of node.namedChildren) if (child) words.push(child.type === 'variable_assignment' ? assignmentWord(child) : toWord(child));
      out.push({ words, assignments: [], start: node.startIndex, end: node.endIndex, inPipeline, inSubstitution, status });
      continue;
    }
    if (type === 'command') {
      out.push(toCommand(node, inPipeline, inSubstitution, status));
      // arguments may hold $(…) with commands of their own
      push(node, false, false, true, status);
      continue;
    }
    if (type === 'command_substitution') {
      // not inside a word: the value of a bare assignment (below), or a `for … in $(…)` / `case $(…) in` word
      const assigned = status.substitution === 'assigned' && !inSubstitution;
      push(
        node,
        false,
        true,
        false,
        assigned
          ? { ...status, pipeline: undefined }
          : { ...status, substitution: 'dropped', assignedName: undefined, testedNext: undefined, orElse: false, condition: false, pipeline: undefined },
      );
      continue;
    }
    if (type === 'variable_assignment') {
      // a bare `v=$(…)` statement: its status is the substitution's
      const name = node.childForFieldName('name')?.text ?? '';
      push(node, false, inSubstitution, false, { ...status, substitution: 'assigned', assignedName: name, testedNext: testedNext(node, name) });
      continue;
    }
    if (type === 'list') {
      // `a || b`: the operands before `||` have their failure handled by what follows it
      const orAt = node.children.findIndex((c) => c?.type === '||');
      push(node, inPipeline, inSubstitution, false, status, (child) =>
        orAt >= 0 && child.startIndex < node.children[orAt]!.startIndex ? { ...status, orElse: true } : status,
      );
      continue;
    }
    if (type === 'pipeline' || type === 'negated_command' || type === 'redirected_statement') {
      push(
        node,
        inPipeline || type === 'pipeline',
        inSubstitution,
        false,
        type === 'pipeline' && status.pipeline === undefined ? { ...status, pipeline: node.startIndex } : status,
      );
      continue;
    }
    const inner: StatusUse = { ...status, orElse: false, condition: false, inSubshell: status.inSubshell || type === 'subshell' };
    if (type === 'if_statement' || type === 'elif_clause' || type === 'while_statement') {
      const conditions = new Set(node.childrenForFieldName('condition').map((c) => c?.id));
      push(node, inPipeline, inSubstitution, false, inner, (child) => (conditions.has(child.id) ? { ...inner, condition: true } : inner));
      continue;
    }
    push(node, inPipeline, inSubstitution, false, inner);
  }
}

const TEST_NAMES = new Set(['[', 'test', '[[']);

/** The statement right after `node` (a bare assignment) tests the variable `name`. */
function testedNext(node: Node, name: string): boolean {
  let at: Node | null = node;
  // the right operand of the list it is the left of, or the next statement
  while (at && at.parent?.type === 'list' && at.parent.lastNamedChild?.id === at.id) at = at.parent;
  let next: Node | null = at?.parent?.type === 'list' ? at.parent.lastNamedChild : (at?.nextNamedSibling ?? null);
  while (next && next.type === 'comment') next = next.nextNamedSibling;
  // `[ -n "$v" ] && …`: the first operand of a following list
  while (next && next.type === 'list') next = next.firstNamedChild;
  if (!next || !/^[A-Za-z_]\w*$/.test(name)) return false;
  // a `case` tests it when it has a catch-all branch (`*)`, where the empty value goes)
  const catchAll =
    next.type === 'case_statement' &&
    next.namedChildren.some((item) => item?.type === 'case_item' && item.childrenForFieldName('value').some((v) => v?.text === '*'));
  const test =
    next.type === 'test_command' ||
    catchAll ||
    next.type === 'if_statement' ||
    (next.type === 'command' && TEST_NAMES.has(next.childForFieldName('name')?.text ?? ''));
  if (!test) return false;
  const subject =
    next.type === 'if_statement'
      ? next
          .childrenForFieldName('condition')
          .map((c) => c?.text ?? '')
          .join(' ')
      : next.type === 'case_statement'
        ? (next.childForFieldName('value')?.text ?? '')
        : next.text;
  return mentions(subject, name);
}

/** `$name` or `${name…}` occurs in the text. */
function mentions(text: string, name: string): boolean {
  for (let i = text.indexOf('$'); i >= 0; i = text.indexOf('$', i + 1)) {
    const at = text[i + 1] === '{' ? i + 2 : i + 1;
    if (text.startsWith(name, at) && !/\w/.test(text[at + name.length] ?? '')) return true;
  }
  return false;
}

function toCommand(node: Node, inPipeline: boolean, inSubstitution: boolean, status: StatusUse): ShellCommand {
  const words: ShellWord[] = [];
  const assignments: ShellWord[] = [];
  for (const child of node.namedChildren) {
    if (!child) continue;
    switch (child.type) {
      case 'variable_assignment':
        assignments.push(assignmentWord(child));
        break;
      case 'command_name':
        words.push(toWord(child.firstNamedChild ?? child));
        break;
      case 'file_redirect':
      case 'heredoc_redirect':
      case 'herestring_redirect':
      case 'comment':
        break;
      default:
        words.push(toWord(child));
    }
  }
  return { words, assignments, start: node.startIndex, end: node.endIndex, inPipeline, inSubstitution, status };
}

/** NAME=value as one word whose value is `NAME=<value after quote removal>` */
function assignmentWord(node: Node): ShellWord {
  const name = node.childForFieldName('name')?.text ?? '';
  const value = node.childForFieldName('value');
  const literal = value ? literalValue(value) : '';
  return { text: node.text, value: literal === undefined ? undefined : `${name}=${literal}`, start: node.startIndex, end: node.endIndex };
}

function toWord(node: Node): ShellWord {
  return { text: node.text, value: literalValue(node), start: node.startIndex, end: node.endIndex };
}

/** The value of a word after quote removal, when it is static text. */
function literalValue(node: Node): string | undefined {
  switch (node.type) {
    case 'word':
    case 'number':
      return unescapeWord(node.text);
    case 'raw_string':
      return node.text.slice(1, -1);
    case 'string': {
      let value = '';
      for (const child of node.namedChildren) {
        if (!child) continue;
        if (child.type !== 'string_content') return undefined;
        value += child.text.replace(/\\([$`"\\\n])/g, '$1');
      }
      return value;
    }
    case 'concatenation': {
      let value = '';
      for (const child of node.namedChildren) {
        const part = child ? literalValue(child) : undefined;
        if (part === undefined) return undefined;
        value += part;
      }
      return value;
    }
    default:
      return undefined;
  }
}

function unescapeWord(text: string): string {
  return text.includes('\\') ? text.replace(/\\\n/g, '').replace(/\\(.)/g, '$1') : text;
}
