// The Dockerfile model's public shape: what rules, fixes, the hover and the hosts may read. Nothing here names the
// parsers the model is built with (dockerfile-ast, tree-sitter): they stay behind build.ts.
import type { ImageRef } from '../imageRef';
import type { LineIndex, Range } from '../text';

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
  /** how the shell uses its exit status (and its pipeline's) */
  readonly status: StatusUse;
  /** the instruction holding it */
  readonly instruction: Instruction;
}

/**
 * Where a command's exit status (the status of the pipeline it is part of) goes, from the shell's structure:
 * - `substitution`: inside a $(…) whose status is dropped (an argument of a command, a `for … in` list, a `case`
 *   word, a `[ … ]` operand), or `assigned`: the value of a bare `v=$(…)`, whose status is the statement's; `testedNext`: that
 *   variable is tested by the statement right after it (`v=$(…); [ -n "$v" ]`, `case "$v" in` with a `*)` branch, `if [ … "$v" … ]`).
 * - `orElse`: the left operand of `||` (what happens on failure is written next to it); `condition`: the condition of an
 *   `if`/`elif`/`while`/`until`.
 * - `inSubshell`: inside `( … )`, whose `cd`, `set` and variables end with it.
 */
export interface StatusUse {
  readonly substitution?: 'dropped' | 'assigned';
  readonly assignedName?: string;
  readonly testedNext?: boolean;
  readonly orElse: boolean;
  readonly condition: boolean;
  readonly inSubshell: boolean;
  /** the pipeline it is part of: the same number for every command of one pipeline (its nested ones included) in a RUN */
  readonly pipeline?: number;
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
  /** not parsed (no commands): the shell parser took longer than its allowance for a script of that length */
  readonly tooCostly?: boolean;
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
  /** its delimiter line was found; unclosed, the heredoc runs to the end of the file */
  readonly closed: boolean;
}

export interface Flag {
  readonly name: string;
  /** what follows `=`, as written (quotes kept); null for a flag without `=` */
  readonly value: string | null;
  /** the whole `--name=value` */
  readonly range: Range;
  /** the characters of the value; null for a flag without `=` */
  readonly valueRange: Range | null;
}

/** One `key=value` (or legacy `key value`) pair of ENV, LABEL or ARG. */
export interface KeyValue {
  /** the key without quotes */
  readonly name: string;
  readonly nameRange: Range;
  /** the value after quote removal; null when none is given (`ARG NAME`) */
  readonly value: string | null;
  readonly valueRange: Range | null;
  /** false for the legacy `ENV key value` form */
  readonly hasEquals: boolean;
}

/** A `$NAME` / `${NAME…}` the builder expands in an instruction's arguments. */
export interface VariableRef {
  readonly name: string;
  /** the whole reference, `$` and braces included */
  readonly range: Range;
  /** the operator of `${NAME:-word}` and friends (`-`, `+`, `?`, with or without `:`), or null */
  readonly modifier: string | null;
  /** the operator of BuildKit's pattern forms (`#`, `##`, `%`, `%%`, `/`, `//`): NAME's value is used, trimmed or replaced; or null */
  readonly pattern: string | null;
}

/** The array of an exec-form instruction (`CMD ["node", "server.js"]`). */
export interface JsonArray {
  /** each string with its quotes in `text` and `range`, decoded in `value` */
  readonly words: readonly Word[];
  /** the whole argument text is a JSON array of strings, as the builder requires (else it runs the text in a shell) */
  readonly valid: boolean;
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
  /** RUN/CMD/ENTRYPOINT/SHELL/COPY/ADD/VOLUME written as a `[…]` array */
  readonly isJsonForm: boolean;
  /** the strings of that array; undefined unless isJsonForm */
  readonly json: JsonArray | undefined;
  /** the pairs of ENV, LABEL and ARG, in order (none for other instructions) */
  readonly keyValues: readonly KeyValue[];
  /** the variables the builder expands in the arguments, in order */
  readonly variables: readonly VariableRef[];
  /** a trigger inside ONBUILD */
  readonly onbuild: boolean;
  readonly run: RunBody | undefined;
  /** heredocs of RUN/COPY/ADD (`<<EOF`) */
  readonly heredocs: readonly Heredoc[];
  readonly stage: Stage | undefined;
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
  readonly instructions: readonly Instruction[];
  readonly isFinal: boolean;
  /** indexes of later stages that COPY --from (or FROM) this one */
  readonly usedBy: readonly number[];
}

/** A parser directive line at the top of the file (`# syntax=…`, `# escape=…`, `# check=…`). */
export interface Directive {
  /** as written */
  readonly name: string;
  readonly value: string;
  readonly range: Range;
  readonly valueRange: Range;
}

export interface Directives {
  readonly syntax: string | undefined;
  readonly escape: string;
  readonly check: string | undefined;
  /** every directive line, in order */
  readonly all: readonly Directive[];
}

/** What a build gives a Dockerfile besides its text (docker build --target, --build-arg). */
export interface BuildOptions {
  /** the stage built; undefined: the last; null: set to a value not known here (the last is taken) */
  readonly target?: string | null;
  /** --build-arg values; null: passed, with a value not known here */
  readonly args?: Readonly<Record<string, string | null>>;
  /** the build passes args that cannot be listed: any ARG may have another value than its default */
  readonly argsUnknown?: boolean;
  /**
   * named build contexts (--build-context name=value; Bake's `contexts`, compose's `additional_contexts`): a FROM that
   * names one is built on what it gives, a stage of that name included; null: a value not known here
   */
  readonly contexts?: Readonly<Record<string, string | null>>;
}

export interface DockerfileModel {
  readonly text: string;
  readonly lines: LineIndex;
  readonly directives: Directives;
  readonly stages: readonly Stage[];
  /** the stage the build makes: its target's, else the last */
  readonly finalStage: Stage | undefined;
  /** every instruction, in order, ONBUILD triggers included */
  readonly instructions: readonly Instruction[];
  /** ARG defaults declared before the first FROM */
  readonly globalArgs: ReadonlyMap<string, string | undefined>;
  /** the build this model is for (target and args); {} when none is known */
  readonly build: BuildOptions;
  readonly eol: string;
}
