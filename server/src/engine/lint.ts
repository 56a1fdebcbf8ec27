// lint(): text + context in, findings out. No I/O, no LSP types: the server, the CLI and the tests call it alike.
import { DEFAULT_MAX_LENGTH, lintIncomplete, looksBinary, tooLargeFinding } from './limits';
import { MAX_SHELL_NESTING } from './model';
import { buildPlatforms, platformsOf, type BuildPlatforms } from './facts/buildPlatforms';
import { buildModel, type BuildOptions, type DockerfileModel, type Instruction } from './model';
import type { BuildFacts, DockerignoreView, Finding, Fix, LintConfig, RegistryFacts, Report, Rule, ShellCheckFacts } from './rule';
import { defaultSettings, type ResolvedSettings } from './settings';
import { secretMasker } from './facts/secrets';
import { checksFailBuild, isSuppressed, readSuppressions } from './suppress';
import { comparePositions } from './text';

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
  /** files longer than this (characters) are not linted; default 1,000,000 */
  readonly maxLength?: number;
  /** what registries said (the host asks them; rules only read this) */
  readonly registry?: RegistryFacts;
  /** the platforms the build is for and the builder's (the per-file context's); default: linux/amd64 and the config's targetPlatforms */
  readonly platforms?: BuildPlatforms;
  /** what ShellCheck said about the RUN scripts (the host runs it; rules only read this) */
  readonly shellcheck?: ShellCheckFacts;
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
  /** rules that threw: reported once by the caller; the other rules' findings are unaffected */
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
  const model = input.model ?? buildModel(input.text, { target: build.target, args: build.args, argsUnknown: build.argsUnknown, contexts: build.contexts });
  const settings = input.settings ?? defaultSettings;
  const suppressions = readSuppressions(model, !input.config?.disableIgnorePragma);
  // `# check=error=true`: what BuildKit's checks find fails the build, so findings of the rules they alias are errors
  const buildkitErrors = checksFailBuild(model);
  const findings: Finding[] = [];
  const suppressed: Finding[] = [];
  const failures: RuleFailure[] = [];
  const today = input.today ?? new Date().toISOString().slice(0, 10);

  for (const rule of rules) {
    const severity = settings.severityOf(rule);
    if (severity === 'off') continue;
    const reports: Report[] = [];
    try {
      rule.check({ model, build: { label: build.label, platforms: build.platforms, context: build.context, assumed: build.assumed }, fileName: input.fileName, config, registry: input.registry ?? NO_FACTS, platforms, shellcheck: input.shellcheck ?? NO_SHELLCHECK, dockerignore: input.dockerignore, today, report: (r) => reports.push(r) });
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
      const finding: Finding = { rule: filed, severity: level, range: r.range, message: r.message, fix: buildFix(r, rule, failures), tags: r.tags ?? [], ...(r.fixNeeds && { fixNeeds: r.fixNeeds }) };
      (isSuppressed(finding, instructionAt(model, r.range.start.line), suppressions) ? suppressed : findings).push(finding);
    }
  }
  for (const ins of model.instructions) {
    if (ins.run?.tooDeep && rules.length > 0) findings.push({ rule: lintIncomplete, severity: 'information', range: ins.keywordRange, message: `The commands of this RUN nest more than ${MAX_SHELL_NESTING} levels deep: Seaworthy did not read them, so no rule checked them`, fix: undefined, tags: [] });
  }
  findings.sort((a, b) => comparePositions(a.range.start, b.range.start) || a.rule.id.localeCompare(b.rule.id));
  return { model, findings: masked(findings, model), suppressed: masked(suppressed, model), failures, platforms };
}

/**
 * The one place messages leave the engine: a secret of the file (see secretMasker) is masked in every message and fix
 * title, whichever rule wrote it, so a rule that quotes a URL or a label value cannot print a password.
 */
function masked(findings: Finding[], model: DockerfileModel): Finding[] {
  const mask = secretMasker(model);
  return findings.map((f) => {
    const message = mask(f.message);
    const title = f.fix && mask(f.fix.title);
    return message === f.message && title === f.fix?.title ? f : { ...f, message, fix: f.fix && { ...f.fix, title: title! } };
  });
}

function buildFix(r: Report, rule: Rule, failures: RuleFailure[]): Fix | undefined {
  if (!r.fix) return undefined;
  try {
    return r.fix();
  } catch (error) {
    failures.push({ rule, error });
    return undefined;
  }
}

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
