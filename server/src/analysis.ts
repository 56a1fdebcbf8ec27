// One analysis per document version: publish, hover and code actions share one parse and one lint.
import { fileURLToPath } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { BudgetExceeded, DEFAULT_LINT_BUDGET_MS, withinBudget } from './budget';
import type { ConfigFile } from './config/configFile';
import type { DocumentSettings } from './config/documentSettings';
import type { BuildInput } from './engine/builds';
import type { LintResult, RuleFailure } from './engine/lint';
import { lintFailed, lintStopped } from './engine/limits';
import { buildModel, type DockerfileModel } from './engine/model';
import type { RegistryFacts, Rule, ShellCheckFacts } from './engine/rule';
import { fileContext, imagesOfBuilds, lintInContext, lintInputOf, type FileContext } from './fileContext';
import type { ImageRef } from './engine/imageRef';
import { reloadParsers, type Host } from './host';

export interface Analysis extends LintResult {
  readonly uri: string;
  readonly version: number;
  readonly enabled: boolean;
  /** the document's settings (one reader: config/documentSettings.ts) */
  readonly settings: DocumentSettings;
  /** lints another text with this document's settings and context (fix-all's rounds) */
  readonly relint: (text: string) => LintResult['findings'];
  /** the rules that ran (enabled and not off) */
  readonly activeRules: readonly Rule[];
  /** the base images each of the file's builds pulls, for its platforms (what registries are asked about) */
  readonly wantedImages: () => { ref: ImageRef; platform: string }[];
}

/**
 * Analyses kept at once. Each holds a model (dockerfile-ast's tree, our instructions, the text's line index); keeping
 * one per open document cost ~150 MB with 860 files open. Diagnostics are published already, and an evicted
 * document is simply analysed again when a hover or code action asks for it.
 */
const KEPT = 32;

export class AnalysisCache {
  private readonly byUri = new Map<string, Analysis>();
  /** what registries said (the server's ImageRegistryFeature fills it); rules read it */
  registry: RegistryFacts | undefined;
  /** what ShellCheck said (the server's ShellCheckFeature fills it); the shellcheck rule reads it */
  shellcheck: ShellCheckFacts | undefined;
  /** settles when the shell parser is loaded: the server starts loading it at spawn and answers `initialize` meanwhile */
  ready: Promise<void> = Promise.resolve();
  /** told what each lint cost (the server logs the slow ones) */
  onLinted: (analysis: Analysis, ms: number) => void = () => undefined;
  /** what one lint may cost (ms) before it is stopped and that version of the document reported as too expensive (see budget.ts) */
  budgetMs = DEFAULT_LINT_BUDGET_MS;
  /** a lint of the document was stopped past the budget */
  onStopped: (uri: string) => void = () => undefined;
  /** a lint of the document failed as a whole (an internal error) */
  onLintFailure: (uri: string, error: unknown) => void = () => undefined;

  constructor(
    private readonly host: Host,
    private readonly settingsFor: (uri: string) => Promise<DocumentSettings>,
    private readonly onRuleFailure: (ruleId: string, error: unknown) => void,
    private readonly onConfig: (config: ConfigFile) => void = () => undefined,
  ) {}

  async current(doc: TextDocument | undefined): Promise<Analysis | undefined> {
    if (!doc) return undefined;
    await this.ready;
    const cached = this.byUri.get(doc.uri);
    if (cached && cached.version === doc.version) {
      this.byUri.delete(doc.uri);
      this.byUri.set(doc.uri, cached);
      return cached;
    }
    const settings = await this.settingsFor(doc.uri);
    const ctx = this.contextOf(doc.uri, settings);
    const builds = await ctx.builds();
    const again = this.byUri.get(doc.uri); // another request may have finished while we awaited settings and builds
    if (again && again.version === doc.version) return again;
    const started = performance.now();
    // the last version's model: the instructions this edit did not touch are not parsed again
    const previous = this.byUri.get(doc.uri)?.model;
    const analysis = this.analyze(doc.uri, doc.version, doc.getText(), settings, ctx, builds, previous);
    this.onLinted(analysis, performance.now() - started);
    this.byUri.delete(doc.uri); // re-inserting moves it to the young end of the map's order
    this.byUri.set(doc.uri, analysis);
    if (this.byUri.size > KEPT) this.byUri.delete(this.byUri.keys().next().value!);
    return analysis;
  }

  /** Lints a text without caching it (files of the workspace that are not open). */
  async detached(uri: string, text: string): Promise<Analysis> {
    await this.ready;
    const settings = await this.settingsFor(uri);
    const ctx = this.contextOf(uri, settings);
    const builds = await ctx.builds();
    const started = performance.now();
    const analysis = this.analyze(uri, 0, text, settings, ctx, builds);
    this.onLinted(analysis, performance.now() - started);
    return analysis;
  }

  /** The same context as the CLI's: the team's config file for this path, then the user's settings; the builds. */
  private contextOf(uri: string, settings: DocumentSettings): FileContext {
    const path = uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
    return fileContext(this.host, { path, fileName: path ?? uri, overrides: settings.overrides, enabled: settings.enabled });
  }

  private analyze(
    uri: string,
    version: number,
    text: string,
    settings: DocumentSettings,
    ctx: FileContext,
    builds: readonly BuildInput[],
    previous?: DockerfileModel,
  ): Analysis {
    if (ctx.config) this.onConfig(ctx.config);
    // a fix is built when a code action or fix-all reads it: one that throws then is reported like a rule that threw
    const onFixFailure = (f: RuleFailure) => this.onRuleFailure(f.rule.id, f.error);
    const input = (t: string) => ({
      ...lintInputOf(ctx, t),
      maxLength: settings.maxLength,
      registry: this.registry,
      shellcheck: this.shellcheck,
      onFixFailure,
    });
    let result: LintResult;
    try {
      result = withinBudget(() => lintInContext(ctx, builds, { ...input(text), previous }), this.budgetMs);
    } catch (e) {
      // stopped wherever it was (past the budget, or by an error such as a stack overflow), tree-sitter's
      // WebAssembly included: that starts afresh before the next parse, and the document says what happened
      this.ready = reloadParsers();
      if (e instanceof BudgetExceeded) this.onStopped(uri);
      else this.onLintFailure(uri, e);
      return {
        model: buildModel(''),
        findings: [e instanceof BudgetExceeded ? lintStopped(this.budgetMs) : lintFailed(e)],
        suppressed: [],
        failures: [],
        platforms: ctx.platforms,
        uri,
        version,
        enabled: settings.enabled,
        settings,
        relint: () => [],
        activeRules: ctx.activeRules,
        wantedImages: () => [],
      };
    }
    for (const f of result.failures) this.onRuleFailure(f.rule.id, f.error);
    const relint = (t: string) => lintInContext(ctx, builds, input(t)).findings;
    const model = result.model;
    const wantedImages = () =>
      imagesOfBuilds(
        ctx,
        builds,
        () => model,
        (build) => buildModel(text, build),
      );
    return { ...result, uri, version, enabled: settings.enabled, settings, relint, activeRules: ctx.activeRules, wantedImages };
  }

  /**
   * The document's analysis is out of date (ShellCheck or a registry answered): the next one is made afresh, from its
   * model (the text is the same: nothing is parsed again, and instruction-scoped rules keep their findings).
   */
  drop(uri: string): void {
    const a = this.byUri.get(uri);
    if (a) this.byUri.set(uri, { ...a, version: Number.NaN });
  }

  /** The document was closed. */
  forget(uri: string): void {
    this.byUri.delete(uri);
  }

  clear(): void {
    this.byUri.clear();
  }
}
