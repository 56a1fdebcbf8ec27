// What every engine-level test needs: the parser loaded, and lint() narrowed to one rule.
import { before } from 'node:test';
import { lint, type LintResult } from '../../server/src/engine/lint';
import type { HostileInput } from './hostile';
import { buildPlatforms } from '../../server/src/engine/facts/buildPlatforms';
import { factsFromAnswer, type ImageAnswer } from '../../server/src/engine/facts/imageConfig';
import type { DockerignoreView, Finding, LintConfig, RegistryFacts, Rule, ShellCheckJson } from '../../server/src/engine/rule';
import { factsFromAnswers } from '../../server/src/shellcheck/scripts';
import { loadShellParser } from '../../server/src/host';
import { rules } from '../../server/src/rules';

/** Registers a before() hook that loads tree-sitter; call once at the top of a test file. */
export function useParser(): void {
  before(loadShellParser);
}

/** Tests of one rule run it even when it is off by default. */
const everyRuleOn = { severityOf: (rule: Rule) => rule.severity };

export interface LintOptions {
  /** what .seaworthy.yaml would configure */
  config?: LintConfig;
  /** the .dockerignore beside the file; default: an empty one exists (so dockerignore-missing stays quiet) */
  dockerignore?: string | null;
  /** what registries answer: `image:tag` as written -> the digest the tag names now */
  registry?: Readonly<Record<string, string>>;
  /** what registries say about base images: `image:tag` as written -> its config, platforms, size */
  images?: Readonly<Record<string, ImageAnswer>>;
  /** the builder's platform (default linux/amd64) */
  buildPlatform?: string;
  /** what ShellCheck answers: RUN script text -> its json1 comments */
  shellcheck?: Readonly<Record<string, readonly ShellCheckJson[]>>;
  /** the date of the lint (YYYY-MM-DD); default: today */
  today?: string;
}

export const registryFacts = (answers: Readonly<Record<string, string>> = {}, images: Readonly<Record<string, ImageAnswer>> = {}): RegistryFacts => ({
  currentDigest: (ref) => answers[ref.digest ? ref.raw.slice(0, ref.raw.indexOf('@')) : ref.raw],
  image: (ref, platform) => (Object.hasOwn(images, ref.raw) ? factsFromAnswer(ref.raw, images[ref.raw], platform) : undefined),
});

const ignoreView = (o: LintOptions): DockerignoreView | undefined =>
  o.dockerignore === null ? undefined : { fileName: '.dockerignore', text: o.dockerignore ?? '' };

/** The findings of `ruleList` on `text`, as lint() makes them with the options' context (`settings`: none for the defaults). */
function lintWith(ruleList: readonly Rule[], settings: typeof everyRuleOn | undefined, text: string, o: LintOptions): Finding[] {
  return [
    ...lint(
      {
        text,
        fileName: 'Dockerfile',
        dockerignore: ignoreView(o),
        config: o.config,
        settings,
        registry: registryFacts(o.registry, o.images),
        platforms: o.buildPlatform ? buildPlatforms(o.buildPlatform, undefined, o.config?.targetPlatforms) : undefined,
        shellcheck: factsFromAnswers(o.shellcheck ?? {}),
        today: o.today,
      },
      ruleList,
    ).findings,
  ];
}

export const lintWithOnly = (rule: Rule, text: string, o: LintOptions = {}): Finding[] => lintWith([rule], everyRuleOn, text, o);

export const lintAll = (text: string, o: LintOptions = {}): Finding[] => lintWith(rules, undefined, text, o);

/** A hostile input (harness/hostile.ts) linted with every rule on, off-by-default ones included. */
export const lintEveryRule = (input: HostileInput): LintResult =>
  lint(
    {
      text: input.text,
      fileName: 'Dockerfile',
      dockerignore: { fileName: '.dockerignore', text: input.dockerignore ?? '' },
      config: input.config,
      settings: everyRuleOn,
    },
    rules,
  );
