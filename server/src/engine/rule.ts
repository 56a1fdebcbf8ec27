// The rule API: what a rule file exports, what it is given, what it reports.
import type { ChecklistPart } from './checklist';
import type { BaseLanguage } from './facts/baseImage';
import type { BuildPlatforms } from './facts/buildPlatforms';
import type { ImageAnswer, ImageFacts } from './facts/imageConfig';
import type { ImageRef } from './imageRef';
import type { DockerfileModel, Instruction } from './model';
import type { Position, Range, TextEdit } from './text';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type Category = 'security' | 'reproducibility' | 'size' | 'runtime' | 'correctness' | 'maintainability';

export interface Alias {
  readonly tool: 'hadolint' | 'buildkit' | 'shellcheck';
  readonly code: string;
  /** 'same': the same check; 'inspired': overlaps, with different edges (see the rule's docs) */
  readonly relation: 'same' | 'inspired';
}

/** The four-part documentation: hover card, docs page, README table and SARIF help all come from it. */
export interface RuleDocs {
  /** what the rule checks; its first sentence says what to do */
  readonly what: string;
  readonly why: string;
  /** a Dockerfile that fires the rule */
  readonly example: string;
  /** the same Dockerfile written so the rule is silent */
  readonly instead: string;
  /**
   * the example and its fix written for images of one language (a Python example on a Python image): the hover shows
   * the one for the file's base image; each must fire and be silent like the main pair
   */
  readonly byLanguage?: Readonly<Partial<Record<BaseLanguage, { readonly example: string; readonly instead: string }>>>;
  /** the team configuration `example` and `instead` are linted with (rules that only act when configured) */
  readonly exampleConfig?: LintConfig;
  /** files that go with `example` in its build context (e.g. a .dockerignore that lets .git through) */
  readonly exampleFiles?: Readonly<Record<string, string>>;
  /** files that go with `instead` in its build context (e.g. the .dockerignore) */
  readonly insteadFiles?: Readonly<Record<string, string>>;
  /** for fixable rules: what the fix does and why it is safe or not */
  readonly fixSafety?: string;
  /** for rules that read registry facts: what the registry answers in the example (`image:tag` -> digest) */
  readonly registryAnswers?: Readonly<Record<string, string>>;
  /** for rules that read base image facts: what the registry says about the example's base images (`image:tag` -> config …) */
  readonly imageAnswers?: Readonly<Record<string, ImageAnswer>>;
  /** for the shellcheck rule: what ShellCheck answers on the example's RUN scripts (script text -> its json1 comments) */
  readonly shellcheckAnswers?: Readonly<Record<string, readonly ShellCheckJson[]>>;
  /** where the rule is documented in full (per-code rules of an external tool: its wiki page) */
  readonly url?: string;
}

/** A fix is data: a title naming the result, whether it is safe, and edits against the linted text. */
export interface Fix {
  readonly title: string;
  /** true = the built image behaves the same and every byte of user text outside the edits is kept */
  readonly safe: boolean;
  readonly edits: readonly TextEdit[];
  /**
   * rules whose findings the fix may bring to light, because the problem they describe was hidden by the one fixed
   * (a non-root user cannot bind port 80; exec form makes the app PID 1): the fix proof allows them, the docs say why
   */
  readonly reveals?: readonly string[];
  /**
   * a file of the build (only .dockerignore fixes use it), `relativePath` from the Dockerfile's folder (`../.dockerignore`
   * for a build context above it): created with `text`, or, with `appendAt` (the end of the file as the rule saw it),
   * `text` is added there to the existing file; never part of fix-all
   */
  readonly createFile?: { readonly relativePath: string; readonly text: string; readonly appendAt?: Position };
  /** a quick fix to apply by hand only: fix-all never applies it, not even with unsafe fixes (ShellCheck's quoting) */
  readonly quickFixOnly?: boolean;
  /** fix-all applies it after every other fix, to the text they left: it reads the whole stage (WORKDIR, users, files) */
  readonly appliesLast?: boolean;
}

export type Tag = 'unnecessary' | 'deprecated';

export interface Report {
  readonly range: Range;
  readonly message: string;
  /** builds the fix; returns undefined to decline (declining beats damaging) */
  readonly fix?: () => Fix | undefined;
  /** without a fix: one can be built once this fact is known (the base image's digest, from the registry) */
  readonly fixNeeds?: Need;
  readonly tags?: readonly Tag[];
  /** files the finding under another rule than the reporting one: a per-code rule of an external tool (shellcheck/SC2086) */
  readonly rule?: Rule;
  /** a level for this finding instead of the rule's (a setuid shell is worse than a setuid tool); a user's setting wins */
  readonly severity?: Severity;
  /** no fix here, and why: the fix a user would look for (by its title) and the reason it is not offered */
  readonly fixDeclined?: FixDeclined;
}

/** A fix the rule does not offer for this finding: editors show it greyed out with the reason (LSP's disabled code action). */
export interface FixDeclined {
  readonly title: string;
  readonly reason: string;
}

/** What the host found beside the Dockerfile: the .dockerignore that applies to its build context. */
export interface DockerignoreView {
  /** ".dockerignore" or "<Dockerfile>.dockerignore" */
  readonly fileName: string;
  /** where it is, relative to the Dockerfile's folder with / (`../../.dockerignore` for a context above); default: fileName */
  readonly path?: string;
  readonly text: string;
  /**
   * Why fixes must not write to it, when they must not: a symlink that leaves the build context (it would change a
   * file elsewhere), or bytes that are not UTF-8 (`text` holds U+FFFD for them, and writing it back would lose them).
   */
  readonly notEditable?: string;
}

/** What a team configured (.seaworthy.yaml / .hadolint.yaml, resolved by the host); every field is optional. */
export interface LintConfig {
  /** registries base images may come from (base-image-untrusted-registry); unset = any */
  readonly trustedRegistries?: readonly string[];
  /** label name -> expected type: text, url, semver, hash, rfc3339, email, spdx (label-invalid) */
  readonly labelSchema?: Readonly<Record<string, string>>;
  /** labels not in labelSchema are findings too */
  readonly strictLabels?: boolean;
  /** per-rule options, e.g. { "too-many-layers": { "max": 20 } } */
  readonly ruleOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** base images the team allows (globs such as "python:*", "gcr.io/distroless/*"); unset = any */
  readonly allowedBaseImages?: readonly string[];
  /** `# hadolint ignore=` comments are not honoured (hadolint's disable-ignore-pragma) */
  readonly disableIgnorePragma?: boolean;
  /** the platforms the team builds for (linux/amd64, linux/arm64): base images must offer each */
  readonly targetPlatforms?: readonly string[];
}

/**
 * What registries said, asked by the host beforehand (rules never ask): the digest a tag names now, and what a base
 * image is (its config, platforms and size). Empty when the network is off, the workspace is untrusted or nothing was
 * asked yet; rules then judge from the text alone, as they always did.
 */
export interface RegistryFacts {
  /** the digest `ref`'s tag names now, or undefined when unknown */
  currentDigest(ref: ImageRef): string | undefined;
  /** what the image `ref` names is for `platform` ("linux/amd64"), or undefined when unknown */
  image(ref: ImageRef, platform: string): ImageFacts | undefined;
}

export type ShellCheckLevel = 'error' | 'warning' | 'info' | 'style';

/** One comment as ShellCheck's `-f json1` prints it: 1-based lines; columns count characters (a tab is one); ends exclusive. */
export interface ShellCheckJson {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly level: ShellCheckLevel;
  readonly code: number;
  readonly message: string;
  /** ShellCheck's own fix, when it has one (json1 positions, like the comment's) */
  readonly fix?: {
    readonly replacements: readonly {
      readonly line: number;
      readonly column: number;
      readonly endLine: number;
      readonly endColumn: number;
      readonly replacement: string;
    }[];
  } | null;
}

/** A ShellCheck comment placed in a RUN's `run.script.text` (offsets into that string). */
export interface ShellCheckComment {
  readonly start: number;
  readonly end: number;
  readonly level: ShellCheckLevel;
  readonly code: number;
  readonly message: string;
  /** ShellCheck's fix as replacements of script offsets, in order and apart; absent when it has none we can apply */
  readonly fix?: readonly { readonly start: number; readonly end: number; readonly text: string }[];
}

/**
 * What ShellCheck said about RUN scripts, asked by the host beforehand (rules never run it). Undefined for a RUN it
 * was not asked about (off, not installed, not done yet, a script that cannot be mapped); the rule stays silent then.
 */
export interface ShellCheckFacts {
  commentsOn(model: DockerfileModel, ins: Instruction): readonly ShellCheckComment[] | undefined;
}

/**
 * The build a Dockerfile is linted for, as build files describe it (compose, Bake, workflows, `builds:` in
 * .seaworthy.yaml; host.ts reads them). Its target and args are in the model (`model.build`).
 */
export interface BuildFacts {
  /** how messages name it ("compose service api"); undefined when no build file names the Dockerfile */
  readonly label?: string;
  /** the platforms it builds for (linux/amd64 …); empty when none is given */
  readonly platforms: readonly string[];
  /** the build context, relative to the Dockerfile's folder with / ('.': that folder) */
  readonly context: string;
  /**
   * no build file names the Dockerfile, so its folder is taken for the context; `ancestorDockerignore` (relative like
   * `context`) is a folder above it, up to the repository's root, that has a .dockerignore: perhaps the real context
   */
  readonly assumed?: { readonly ancestorDockerignore?: string };
}

export interface RuleContext {
  readonly model: DockerfileModel;
  /** the build linted for: its context, platforms, name */
  readonly build: BuildFacts;
  readonly fileName: string;
  readonly config: LintConfig;
  readonly registry: RegistryFacts;
  /** the platforms the build is for, and the builder's: which platform of a base image `registry.image` is asked for */
  readonly platforms: BuildPlatforms;
  readonly shellcheck: ShellCheckFacts;
  /** undefined: none exists; null: unknown (e.g. an unsaved file), rules that need it stay silent */
  readonly dockerignore: DockerignoreView | undefined | null;
  /** the date of the lint (YYYY-MM-DD, UTC): rules that compare with a calendar (end of life) read it, never the clock */
  readonly today: string;
  report(report: Report): void;
}

/** What a rule may read beyond the Dockerfile's text (see RuleContext): registry answers, ShellCheck's, the .dockerignore. */
export type Need = 'registry' | 'shellcheck' | 'dockerignore';

/** Whether any of the rules needs a fact from outside the text. */
export const anyNeeds = (rules: readonly Rule[], need: Need): boolean => rules.some((r) => r.needs?.includes(need));

export interface Rule {
  /** kebab-case, equals the file name */
  readonly id: string;
  readonly aliases: readonly Alias[];
  readonly category: Category;
  readonly severity: Severity;
  readonly fixable: 'never' | 'sometimes' | 'always';
  /** off unless a user turns it on (rules that need configuration or are opinionated) */
  readonly defaultOff?: boolean;
  /**
   * facts from outside the text the rule reads through its context: the hosts gather each only while an active rule
   * needs it (ask registries about pinned digests, run ShellCheck, read the .dockerignore)
   */
  readonly needs?: readonly Need[];
  /** the production checklist item the rule answers (engine/checklist.ts lists the items) */
  readonly checklist?: ChecklistPart;
  /** its findings point at a credential (their range's text is the secret): reports identify them by the masked message */
  readonly pointsAtSecrets?: boolean;
  /** per-code rules of an external tool (shellcheck/SC2086): the rule that reports them; its setting and suppressions cover them */
  readonly parent?: Rule;
  readonly docs: RuleDocs;
  /**
   * what its findings depend on (default 'file'). 'instruction': those on an instruction depend only on that
   * instruction's own text and model, never on ENV/ARG, the stage, its base image or shell, other instructions,
   * settings, config or the file's context; the rule says so by writing `checkInstruction` instead of `check`, and
   * after an edit lint() keeps its findings on the instructions the edit left as they were. 'stage': on what one stage
   * holds; re-run on every lint, like 'file'.
   */
  readonly scope?: Scope;
  check(ctx: RuleContext): void;
  /** instruction-scoped rules: the check of one instruction (an ONBUILD trigger is one, after its ONBUILD) */
  readonly checkInstruction?: (ins: Instruction, ctx: InstructionContext) => void;
}

export type Scope = 'instruction' | 'stage' | 'file';

/** What an instruction-scoped rule is given: the model for the instruction's text, and where to report. */
export interface InstructionContext {
  readonly model: DockerfileModel;
  report(report: Report): void;
}

/** A rule that looks at one instruction at a time: see Rule.scope. */
export type InstructionRuleSpec = Omit<Rule, 'check' | 'checkInstruction' | 'scope'> & {
  readonly scope: 'instruction';
  checkInstruction(ins: Instruction, ctx: InstructionContext): void;
};

/**
 * Fills in `check` of an instruction-scoped rule (each instruction in turn); otherwise identity. Exists for type
 * inference and so that `grep defineRule` finds every rule.
 */
export const defineRule = (rule: Rule | InstructionRuleSpec): Rule => {
  if (rule.scope !== 'instruction' || 'check' in rule) return rule as Rule;
  const checkInstruction = rule.checkInstruction;
  return {
    ...rule,
    checkInstruction,
    check(ctx) {
      for (const ins of ctx.model.instructions) checkInstruction(ins, ctx);
    },
  };
};

export interface Finding {
  readonly rule: Rule;
  readonly severity: Severity;
  readonly range: Range;
  readonly message: string;
  readonly fix: Fix | undefined;
  readonly tags: readonly Tag[];
  /** the fix can be built once this fact is known (the editor offers to ask for it) */
  readonly fixNeeds?: Need;
  /** the fix a user would look for is not offered here, and why */
  readonly fixDeclined?: FixDeclined;
}
