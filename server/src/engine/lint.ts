// lint(): text + context in, findings out. No I/O, no LSP types: the server, the CLI and the tests call it alike.
import { DEFAULT_MAX_LENGTH, lintIncomplete, looksBinary, tooLargeFinding } from './limits';
import { MAX_SHELL_NESTING } from './model';
import { buildPlatforms, platformsOf, type BuildPlatforms } from './facts/buildPlatforms';
import { buildModel, type BuildOptions, type DockerfileModel, type Instruction } from './model';
import type { BuildFacts, DockerignoreView, Finding, Fix, FixDeclined, LintConfig, RegistryFacts, Report, Rule, ShellCheckFacts } from './rule';
import { defaultSettings, type ResolvedSettings } from './settings';
import { secretMasker } from './facts/secrets';
import { InstructionFindings } from './reuse';
import { checksFailBuild, isSuppressed, readSuppressions } from './suppress';
import { comparePositions, type Position } from './text';

export interface LintInput {
  readonly text: string;
  /** for messages and .dockerignore naming; never opened here */
  readonly fileName: string;
  /** the .dockerignore that applies (found by the host); undefined: none; null: unknown */
  readonly dockerignore?: DockerignoreView | null;
  /** the build linted for (found by the host): target and args for the model, context and platforms for rules */
  readonly build?: BuildFacts & BuildOptions;
  readonly settings?: ResolvedSettings;
  readonly config?: LintConfig;
  /** a model already built for this text (the server keeps one per document version) */
  readonly model?: DockerfileModel;
  /** the model of an earlier version of the same document: what an edit did not touch is not parsed again */
  readonly previous?: DockerfileModel;
  /** files longer than this (characters) are not linted; default 1,000,000 */
  readonly maxLength?: number;
  /** what registries said (the host asks them; rules only read this) */
  readonly registry?: RegistryFacts;
  /** the platforms the build is for and the builder's (the per-file context's); default: linux/amd64 and the config's targetPlatforms */
  readonly platforms?: BuildPlatforms;
  /** what ShellCheck said about the RUN scripts (the host runs it; rules only read this) */
  readonly shellcheck?: ShellCheckFacts;
  /**
   * told of a fix that threw when it was built, after lint() returned (fixes are built when first read: see
   * Finding.fix); such failures are added to the result's `failures` too
   */
  readonly onFixFailure?: (failure: RuleFailure) => void;
  /** the date to judge end-of-life dates by (YYYY-MM-DD); default: today (UTC) */
  readonly today?: string;
}

const NO_BUILD: BuildFacts & BuildOptions = { platforms: [], context: '.' };
const NO_FACTS: RegistryFacts = { currentDigest: () => undefined, image: () => undefined };
const NO_SHELLCHECK: ShellCheckFacts = { commentsOn: () => undefined };

export interface RuleFailure {
  readonly rule: Rule;
  readonly error: unknown;
}

export interface LintResult {
  readonly model: DockerfileModel;
  readonly findings: readonly Finding[];
  /** findings a suppression comment or directive hid (the checklist shows them as ignored, not as passed) */
  readonly suppressed: readonly Finding[];
  /**
   * rules that threw: reported once by the caller; the other rules' findings are unaffected. A fix is built when it is
   * first read, so a fix that throws is added here then (and told to LintInput.onFixFailure): a caller that reports
   * failures of fixes reads them first (see buildAllFixes)
   */
  readonly failures: readonly RuleFailure[];
  /** the platforms the lint took the build to be for: which base image facts the host asks registries about */
  readonly platforms: BuildPlatforms;
}

export function lint(input: LintInput, rules: readonly Rule[]): LintResult {
  const config = input.config ?? {};
  const build = input.build ?? NO_BUILD;
  // a build that lists its platforms (compose, Bake, a workflow, builds: in .seaworthy.yaml) is for those; else the
  // per-file context's (the team's targetPlatforms, else the builder's)
  const platforms = platformsOf(build, input.platforms ?? buildPlatforms('linux/amd64', undefined, config.targetPlatforms), config.targetPlatforms);
  const maxLength = input.maxLength ?? DEFAULT_MAX_LENGTH;
  if (input.text.length > maxLength || looksBinary(input.text)) {
    const model = buildModel('');
    if (looksBinary(input.text) || rules.length === 0) return { model, findings: [], suppressed: [], failures: [], platforms };
    const message = `This file has ${input.text.length.toLocaleString('en-US')} characters, over the limit of ${maxLength.toLocaleString('en-US')}: Seaworthy did not lint it`;
    return { model, findings: [tooLargeFinding(message)], suppressed: [], failures: [], platforms };
  }
  const model =
    input.model ?? buildModel(input.text, { target: build.target, args: build.args, argsUnknown: build.argsUnknown, contexts: build.contexts }, input.previous);
  const settings = input.settings ?? defaultSettings;
  const suppressions = readSuppressions(model, !input.config?.disableIgnorePragma);
  // `# check=error=true`: what BuildKit's checks find fails the build, so findings of the rules they alias are errors
  const buildkitErrors = checksFailBuild(model);
  const findings: Finding[] = [];
  const suppressed: Finding[] = [];
  const failures: RuleFailure[] = [];
  const today = input.today ?? new Date().toISOString().slice(0, 10);
  // the one place messages leave the engine: a secret of the file (see secretMasker) is masked in every message and
  // fix title, whichever rule wrote it, so a rule that quotes a URL or a label value cannot print a password
  const mask = secretMasker(model);
  const tail = openTail(model);
  // instruction-scoped rules keep their findings on the instructions an edit left as they were
  const reuse = new InstructionFindings(model, input.previous);
  let returned = false;
  const fixFailed = (failure: RuleFailure) => {
    failures.push(failure);
    if (returned) input.onFixFailure?.(failure);
    pendingFixFailure?.(failure);
  };
  for (const rule of rules) {
    const severity = settings.severityOf(rule);
    if (severity === 'off') continue;
    let reports: Report[] = [];
    try {
      if (rule.checkInstruction) reports = reuse.reports(rule);
      else
        rule.check({
          model,
          build: { label: build.label, platforms: build.platforms, context: build.context, assumed: build.assumed },
          fileName: input.fileName,
          config,
          registry: input.registry ?? NO_FACTS,
          platforms,
          shellcheck: input.shellcheck ?? NO_SHELLCHECK,
          dockerignore: input.dockerignore,
          today,
          report: (r) => reports.push(r),
        });
    } catch (error) {
      failures.push({ rule, error });
      continue;
    }
    for (const r of reports) {
      // a finding filed under a per-code rule (shellcheck/SC2086) takes that rule's setting
      const filed = r.rule ?? rule;
      const configured = filed === rule ? severity : settings.severityOf(filed);
      // a finding's own level applies while the rule keeps its default; a level the user set wins
      const own = r.severity && configured === filed.severity ? r.severity : configured;
      if (own === 'off') continue;
      const level = buildkitErrors && filed.aliases.some((a) => a.tool === 'buildkit') ? 'error' : own;
      const fields = {
        rule: filed,
        severity: level,
        range: r.range,
        message: mask(r.message),
        tags: r.tags ?? [],
        ...(r.fixNeeds && { fixNeeds: r.fixNeeds }),
        ...(r.fixDeclined && { fixDeclined: { title: r.fixDeclined.title, reason: mask(r.fixDeclined.reason) } }),
      };
      const at = instructionAt(model, r.range.start.line);
      const placed = r.fix && placeFix(r.fix, at, tail, mask);
      const finding = placed?.declined
        ? { ...fields, fix: undefined, fixDeclined: placed.declined }
        : placed
          ? withFixOnDemand(fields, placed.build, mask, (error) => fixFailed({ rule, error }))
          : { ...fields, fix: undefined };
      (isSuppressed(finding, at, suppressions) ? suppressed : findings).push(finding);
    }
  }
  for (const ins of model.instructions) {
    if (ins.run?.tooCostly && rules.length > 0)
      findings.push({
        rule: lintIncomplete,
        severity: 'information',
        range: ins.keywordRange,
        message: mask(
          'The shell parser stopped on this RUN: its script is shaped so that reading it would take far longer than its length calls for (quadratic error recovery), so Seaworthy did not read its commands and no rule checked them',
        ),
        fix: undefined,
        tags: [],
      });
    if (ins.run?.tooDeep && rules.length > 0)
      findings.push({
        rule: lintIncomplete,
        severity: 'information',
        range: ins.keywordRange,
        message: mask(`The commands of this RUN nest more than ${MAX_SHELL_NESTING} levels deep: Seaworthy did not read them, so no rule checked them`),
        fix: undefined,
        tags: [],
      });
  }
  findings.sort((a, b) => comparePositions(a.range.start, b.range.start) || a.rule.id.localeCompare(b.rule.id));
  reuse.keep();
  returned = true;
  return { model, findings, suppressed, failures, platforms };
}

/**
 * Where the file ends inside an instruction that is still open: the last instruction's heredoc has no delimiter line,
 * or its last line ends with the escape character. Text added at the end of such a file joins that instruction.
 */
function openTail(model: DockerfileModel): Position | undefined {
  const last = model.instructions.at(-1);
  if (!last) return undefined;
  const trimmed = model.text.trimEnd();
  const lastLine = trimmed.slice(Math.max(trimmed.lastIndexOf('\n'), trimmed.lastIndexOf('\r')) + 1).trimStart();
  const open = last.heredocs.some((h) => !h.closed) || (!lastLine.startsWith('#') && trimmed.endsWith(model.directives.escape));
  return open ? model.lines.positionAt(trimmed.length) : undefined;
}

/**
 * Fixes that cannot be placed are declined (the fix is built for its title only):
 * - in a RUN whose script does not parse as shell (an unclosed `${`, `done done`): what the rules read of it is the
 *   parser's guess, so an edit may land inside the broken part, where it changes nothing the shell runs (`&& rm -rf
 *   /var/lib/apt/lists/*` appended inside an unclosed `${` was appended again on every round of fix-all);
 * - an edit at the end of a file that ends inside an open instruction (`tail`, see openTail): the lines added would
 *   become part of that heredoc or continued line (Add non-root user wrote its USER into an unclosed heredoc).
 * Returns the fix's builder (the fix already built, when it had to be looked at) and, for a fix that cannot be
 * placed, why it is declined.
 */
function placeFix(
  build: () => Fix | undefined,
  at: Instruction | undefined,
  tail: Position | undefined,
  mask: (text: string) => string,
): { build: () => Fix | undefined; declined?: FixDeclined } {
  const brokenScript = at?.run?.hasSyntaxError === true && !at.run.foreignShell;
  if (!brokenScript && !tail) return { build };
  let fix: Fix | undefined;
  try {
    fix = build();
  } catch {
    // built again when read, which says why it failed (withFixOnDemand)
    return { build };
  }
  const built = () => fix;
  if (!fix) return { build: built };
  const reason = brokenScript
    ? 'this RUN does not parse as a shell script, so where the edit would land cannot be known: correct the script first'
    : tail && fix.edits.some((e) => comparePositions(e.range.end, tail) >= 0)
      ? 'the file ends inside an instruction that is not finished (a heredoc without its closing line, or a line ending with the escape character), so lines added at the end would become part of it: finish that instruction first'
      : undefined;
  return reason === undefined ? { build: built } : { build: built, declined: { title: mask(fix.title), reason } };
}

/**
 * A finding whose `fix` is built the first time it is read, then kept: most lints (every keystroke in the editor) never
 * show a fix, and building them all cost more than some rules' checks. A fix that throws is undefined, and said.
 */
function withFixOnDemand(
  fields: Omit<Finding, 'fix'>,
  build: NonNullable<Report['fix']>,
  mask: (text: string) => string,
  failed: (error: unknown) => void,
): Finding {
  let fix: Fix | undefined;
  let built = false;
  return Object.defineProperty(fields, 'fix', {
    enumerable: true,
    get(): Fix | undefined {
      if (built) return fix;
      built = true;
      try {
        const f = build();
        fix = f && mask(f.title) !== f.title ? { ...f, title: mask(f.title) } : f;
      } catch (error) {
        failed(error);
      }
      return fix;
    },
  }) as Finding;
}

/**
 * Builds every fix of the findings now (hosts that print fixes); `failed` is told of each that throws (which the
 * result of a single lint also adds to its `failures`).
 */
export function buildAllFixes(result: Pick<LintResult, 'findings'>, failed?: (failure: RuleFailure) => void): void {
  pendingFixFailure = failed;
  try {
    for (const f of result.findings) void f.fix;
  } finally {
    pendingFixFailure = undefined;
  }
}

/** who buildAllFixes tells of a fix that throws, while it builds them */
let pendingFixFailure: ((failure: RuleFailure) => void) | undefined;

/** The (top-level) instruction covering a line. */
export function instructionAt(model: DockerfileModel, line: number): Instruction | undefined {
  const list = model.instructions;
  let lo = 0;
  let hi = list.length - 1;
  let found: Instruction | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const ins = list[mid];
    if (ins.range.start.line <= line) {
      if (!ins.onbuild) found = ins;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found && found.range.end.line >= line ? found : undefined;
}
