// Suppression comments: `# seaworthy-ignore RULE[,RULE…]` above an instruction, `# seaworthy-ignore-file RULE…`
// anywhere, and hadolint's `# hadolint ignore=DL3008,DL3015` / `# hadolint global ignore=…` / `# hadolint stage
// ignore=…` through aliases (ShellCheck's findings: `SC2086`, `shellcheck/SC2086` or `shellcheck` for all of them).
import type { DockerfileModel, Instruction } from './model';
import type { Finding, Rule } from './rule';

export interface Suppressions {
  /** keys suppressed for the whole file */
  readonly file: ReadonlySet<string>;
  /** instruction start line -> keys suppressed for it */
  readonly byInstructionLine: ReadonlyMap<number, ReadonlySet<string>>;
  /** stage index -> keys suppressed for the whole stage, its FROM included */
  readonly byStage: ReadonlyMap<number, ReadonlySet<string>>;
}

// The head of each pragma; the list of keys after it is read by pragmaList (a pattern for head, list and trailing
// comment at once, `([\w\s,./-]+?)\s*(#.*)?$`, backtracked quadratically over a line of blanks).
const LINE_PRAGMA = /^#\s*seaworthy-ignore(?!-file)\s+/i;
const FILE_PRAGMA = /^#\s*seaworthy-ignore-file\s+/i;
const HADOLINT_LINE = /^#\s*hadolint\s+ignore\s*=\s*/i;
const HADOLINT_GLOBAL = /^#\s*hadolint\s+global\s+ignore\s*=\s*/i;
// hadolint's stage pragma names the stage the next FROM below it starts (its cases: above the first FROM covers the
// first stage only; above the second FROM covers the second, not the first)
const HADOLINT_STAGE = /^#\s*hadolint\s+stage\s+ignore\s*=\s*/i;
// BuildKit: `# check=skip=A,B` in the directive block skips for the file; above an instruction, for that instruction
const BUILDKIT_CHECK = /^#\s*check\s*=(?:[^;]*;)*\s*skip\s*=\s*([\w,]+)/i;
/** BuildKit's `# check=error=true` (also `# check=skip=…;error=true`): its checks' warnings fail the build. */
export const checksFailBuild = (model: DockerfileModel): boolean => /(^|;)\s*error\s*=\s*true\s*(;|$)/i.test(model.directives.check ?? '');
/** matches every rule ("skip=all") */
export const ALL = 'all';

const keysOf = (list: string) => list.split(/[\s,]+/).filter(Boolean);

/**
 * The list of keys after a pragma's head, when the line is that pragma. The list may be followed by a comment of its
 * own: `# hadolint ignore=DL3008 # pinned upstream`.
 */
function pragmaList(text: string, head: RegExp): string | undefined {
  const m = head.exec(text);
  if (!m) return undefined;
  const rest = text.slice(m[0].length);
  const hash = rest.indexOf('#');
  const list = hash < 0 ? rest : rest.slice(0, hash);
  return /^[\w\s,./-]+$/.test(list) ? list : undefined;
}

/** The rule keys a comment line names, when it is a line-level pragma. */
export function linePragmaKeys(comment: string, hadolintPragmas = true): string[] | undefined {
  const text = comment.trim();
  const list = pragmaList(text, LINE_PRAGMA) ?? (hadolintPragmas ? pragmaList(text, HADOLINT_LINE) : undefined) ?? BUILDKIT_CHECK.exec(text)?.[1];
  return list === undefined ? undefined : keysOf(list);
}

/** The index of the first stage whose FROM is below `line` (stages.length when none is). */
function firstStageBelow(model: DockerfileModel, line: number): number {
  let lo = 0;
  let hi = model.stages.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (model.stages[mid].from.range.start.line > line) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** `hadolintPragmas: false` ignores `# hadolint ignore=` comments (hadolint's disable-ignore-pragma). */
export function readSuppressions(model: DockerfileModel, hadolintPragmas = true): Suppressions {
  const file = new Set<string>();
  const byInstructionLine = new Map<number, Set<string>>();
  const byStage = new Map<number, Set<string>>();
  const starts = new Set(model.instructions.filter((i) => !i.onbuild).map((i) => i.range.start.line));
  const lines = model.lines;
  const directive = model.directives.check && BUILDKIT_CHECK.exec(`# check=${model.directives.check}`);
  if (directive) for (const k of keysOf(directive[1])) file.add(k);
  const directiveLines = directiveLinesOf(model);
  let blockEnd = 0;
  for (let line = 0; line < lines.lineCount; line++) {
    if (directiveLines.has(line)) continue;
    const text = lines.lineText(line).trim();
    if (!text.startsWith('#')) continue;
    const global = pragmaList(text, FILE_PRAGMA) ?? (hadolintPragmas ? pragmaList(text, HADOLINT_GLOBAL) : undefined);
    if (global !== undefined) {
      for (const k of keysOf(global)) file.add(k);
      continue;
    }
    const staged = hadolintPragmas ? pragmaList(text, HADOLINT_STAGE) : undefined;
    if (staged !== undefined) {
      const stage = model.stages[firstStageBelow(model, line)];
      if (stage) {
        const set = byStage.get(stage.index) ?? new Set<string>();
        for (const k of keysOf(staged)) set.add(k);
        byStage.set(stage.index, set);
      }
      continue;
    }
    const keys = linePragmaKeys(text, hadolintPragmas);
    if (!keys) continue;
    // the pragma applies to the next instruction below its block of comment lines (found once per block: looked for
    // from every pragma line, 20,000 pragma lines took 13 s)
    if (blockEnd <= line) {
      blockEnd = line + 1;
      while (blockEnd < lines.lineCount && lines.lineText(blockEnd).trim().startsWith('#')) blockEnd++;
    }
    const next = blockEnd;
    if (!starts.has(next)) continue;
    const set = byInstructionLine.get(next) ?? new Set<string>();
    for (const k of keys) set.add(k);
    byInstructionLine.set(next, set);
  }
  return { file, byInstructionLine, byStage };
}

/** Lines of the parser directives at the top (`# syntax=`, `# escape=`, `# check=`): they are no pragmas. */
const directiveLinesOf = (model: DockerfileModel): Set<number> =>
  new Set(model.directives.all.filter((d) => /^(syntax|escape|check)$/i.test(d.name)).map((d) => d.range.start.line));

/**
 * The comment lines that silence findings of one instruction or one stage (not of the whole file): `# hadolint
 * ignore=`, `# hadolint stage ignore=`, `# seaworthy-ignore` and BuildKit's `# check=skip=` above an instruction.
 */
export function inlinePragmaLines(model: DockerfileModel): number[] {
  const directiveLines = directiveLinesOf(model);
  const out: number[] = [];
  for (let line = 0; line < model.lines.lineCount; line++) {
    const text = model.lines.lineText(line).trim();
    if (!text.startsWith('#') || directiveLines.has(line) || pragmaList(text, FILE_PRAGMA) !== undefined || pragmaList(text, HADOLINT_GLOBAL) !== undefined)
      continue;
    if (pragmaList(text, HADOLINT_STAGE) !== undefined || linePragmaKeys(text)) out.push(line);
  }
  return out;
}

// a per-code rule (shellcheck/SC2086) is also suppressed by its parent's names (`shellcheck`)
const names = (rule: Rule): string[] => [rule.id, ...rule.aliases.map((a) => a.code), ...(rule.parent ? names(rule.parent) : [])];

export function isSuppressed(finding: Finding, owner: Instruction | undefined, s: Suppressions): boolean {
  const keys = names(finding.rule);
  if (s.file.has(ALL) || keys.some((k) => s.file.has(k))) return true;
  if (!owner) return false;
  const hit = (set: ReadonlySet<string> | undefined) => set !== undefined && (set.has(ALL) || keys.some((k) => set.has(k)));
  return hit(s.byInstructionLine.get(owner.range.start.line)) || (owner.stage !== undefined && hit(s.byStage.get(owner.stage.index)));
}
