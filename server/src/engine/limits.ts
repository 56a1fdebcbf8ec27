// Inputs too big or not text: one clear finding (or none), never a frozen editor.
import type { Finding, Rule } from './rule';

/** Characters above which a file is not linted (configurable by the caller). */
export const DEFAULT_MAX_LENGTH = 1_000_000;

/** Not a rule of the catalogue: the finding that says a file was skipped, with a card of its own. */
const fileSkipped: Rule = {
  id: 'file-too-large',
  aliases: [],
  category: 'correctness',
  severity: 'information',
  fixable: 'never',
  docs: {
    what: 'Split the file or raise the limit: Seaworthy skips files larger than its size limit. Fires once, on the first line.',
    why: 'Linting runs on every keystroke; a multi-megabyte file (usually generated, or not a Dockerfile at all) would make the editor wait.',
    example: '# a generated Dockerfile of several megabytes',
    instead: '# the same file split into stages or generated smaller',
  },
  check: () => undefined,
};

/** Not a rule of the catalogue either: a part of the file Seaworthy did not lint, and why. */
export const lintIncomplete: Rule = {
  id: 'lint-incomplete',
  aliases: [],
  category: 'correctness',
  severity: 'information',
  fixable: 'never',
  docs: {
    what: 'Simplify the part this points at, or lint it elsewhere: Seaworthy did not lint it, because it passes a limit that keeps every lint fast (commands nested more than 100 levels deep, or a lint that ran past its time budget in the editor).',
    why: 'A linter runs on every keystroke and on repositories just cloned; a few hundred hostile bytes must not freeze the editor or CI, so work past these limits is skipped and said, never left to run.',
    example: 'RUN echo $(echo $(echo $(… a hundred levels deep …)))',
    instead: 'RUN echo hello',
  },
  check: () => undefined,
};

/** A NUL byte near the start means a binary file opened as a Dockerfile: nothing to lint. */
export const looksBinary = (text: string): boolean => text.slice(0, 8000).includes('\0') && !/^\s*(#|FROM|ARG)/i.test(text);

/** The one finding of a file that was not linted for its size. */
export const tooLargeFinding = (message: string): Finding => ({
  rule: fileSkipped,
  severity: 'information',
  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  message,
  fix: undefined,
  tags: [],
});

const atFileStart = (message: string): Finding => ({
  rule: lintIncomplete,
  severity: 'information',
  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  message,
  fix: undefined,
  tags: [],
});

/** The one finding of a lint that was stopped past its time budget (the caller stops it; the engine cannot). */
export const lintStopped = (budgetMs: number): Finding =>
  atFileStart(
    `Linting this file took more than ${(budgetMs / 1000).toLocaleString('en-US', { maximumFractionDigits: 3 })} s, so Seaworthy stopped: no rule checked this version of it`,
  );

/** The one finding of a lint that failed as a whole (not one rule: those are skipped and reported by lint()). */
export const lintFailed = (error: unknown): Finding =>
  atFileStart(
    `Seaworthy could not lint this file (internal error: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}): no rule checked this version of it`,
  );
