// What lint needs to know about one file besides its text, found the same way by the CLI and the language server:
// the team's config file for its path, the settings (the config file's, then the user's on top), the rules that run
// and the builds it is linted for (build files name its context, target and args), each with the .dockerignore of its
// context, read only when a rule that runs needs it.
import { dirname, relative, resolve, sep } from 'node:path';
import type { SeveritySetting } from '../../shared/src/settings';
import { rulesFor, type ConfigFile } from './config/configFile';
import { lintBuilds, type BuildInput } from './engine/builds';
import { buildPlatforms, imagesToAsk, platformsOf, type BuildPlatforms } from './engine/facts/buildPlatforms';
import type { ImageRef } from './engine/imageRef';
import type { DockerfileModel } from './engine/model';
import type { LintInput, LintResult } from './engine/lint';
import { hostPlatform } from './registry/client';
import { anyNeeds, type LintConfig, type Rule } from './engine/rule';
import { resolveSettings, type ResolvedSettings } from './engine/settings';
import type { Host } from './host';
import { rules, rulesByKey } from './rules';

export interface FileContext {
  /** the name findings are reported under */
  readonly fileName: string;
  /** the team's config file that applies (.seaworthy.yaml, .hadolint.yaml), if any */
  readonly config: ConfigFile | undefined;
  readonly settings: ResolvedSettings;
  /** the rules that run: enabled, and not off */
  readonly activeRules: readonly Rule[];
  /**
   * the builds the file is linted for (compose, Bake, workflows, the config's `builds:`; else the one assumed), each
   * with the .dockerignore of its context; found on the first call (build files are read then), the same after
   */
  readonly builds: () => Promise<readonly BuildInput[]>;
  readonly lintConfig: LintConfig | undefined;
  /** the platforms the build is for (which platform of each base image is read) and the builder's */
  readonly platforms: BuildPlatforms;
}

export interface FileContextOptions {
  /** the file on disk (for the config file and the .dockerignore); undefined for an unsaved or virtual document */
  readonly path: string | undefined;
  /** the name findings are reported under (default: the path) */
  readonly fileName?: string;
  /** severities given by the user (settings, --rule, --ignore): over the config file's */
  readonly overrides: Readonly<Record<string, SeveritySetting>>;
  /** the CLI's --config: this file instead of the nearest one */
  readonly explicitConfig?: string;
  /** what the environment adds to the team's configuration (HADOLINT_* variables) */
  readonly extraLintConfig?: LintConfig;
  /** false: Seaworthy is turned off for the file, no rule runs */
  readonly enabled?: boolean;
}

export function fileContext(host: Host, o: FileContextOptions): FileContext {
  const config = o.path ? host.configFor(o.path, o.explicitConfig) : undefined;
  const fromConfig =
    config && o.path
      ? rulesFor(
          config,
          relative(dirname(resolve(config.path)), resolve(o.path))
            .split(sep)
            .join('/'),
        )
      : {};
  const { settings } = resolveSettings({ ...fromConfig, ...o.overrides }, rulesByKey);
  const activeRules = o.enabled === false ? [] : rules.filter((r) => settings.severityOf(r) !== 'off');
  const path = o.path;
  let builds: Promise<readonly BuildInput[]> | undefined;
  const unknown: readonly BuildInput[] = [{ dockerignore: null, platforms: [], context: '.' }];
  const extra = o.extraLintConfig && Object.keys(o.extraLintConfig).length ? o.extraLintConfig : undefined;
  const lintConfig = extra ? { ...config?.lint, ...extra } : config?.lint;
  // the builder is this machine; the targets: the team's targetPlatforms, else the builder's (a build that names
  // platforms, in compose, Bake or a workflow, is linted for its own: platformsOf in lint())
  const platforms = buildPlatforms(hostPlatform(), undefined, lintConfig?.targetPlatforms);
  return {
    fileName: o.fileName ?? path ?? '',
    config,
    settings,
    activeRules,
    lintConfig,
    platforms,
    builds: () => (builds ??= path ? host.buildInputsFor(path, config, anyNeeds(activeRules, 'dockerignore')) : Promise.resolve(unknown)),
  };
}

/** The lint input for a text in a file's context (the caller adds the facts it gathered: registry, ShellCheck, model). */
export const lintInputOf = (ctx: FileContext, text: string): Omit<LintInput, 'dockerignore'> => ({
  text,
  fileName: ctx.fileName,
  settings: ctx.settings,
  config: ctx.lintConfig,
  platforms: ctx.platforms,
});

/** Lints a text in a file's context for each of its builds (findings merged: see engine/builds.ts). */
export const lintInContext = (ctx: FileContext, builds: readonly BuildInput[], input: Omit<LintInput, 'dockerignore'>): LintResult =>
  lintBuilds(input, builds, ctx.activeRules);

/**
 * The base images a file's builds pull, each for the platforms it is built for: what the host asks registries about,
 * the same in the CLI and the editor. A build with its own target, args or contexts is read in a model of its own (its
 * args may name other images than the defaults); the others share `model`, the file's model without them.
 */
export function imagesOfBuilds(
  ctx: Pick<FileContext, 'platforms' | 'lintConfig'>,
  builds: readonly BuildInput[],
  model: () => DockerfileModel,
  modelFor: (build: BuildInput) => DockerfileModel,
): { ref: ImageRef; platform: string }[] {
  if (builds.length === 0) return imagesToAsk(model(), ctx.platforms);
  const seen = new Set<string>();
  const out: { ref: ImageRef; platform: string }[] = [];
  for (const b of builds) {
    const plain = b.target === undefined && !b.argsUnknown && !Object.keys(b.args ?? {}).length && !b.contexts;
    for (const wanted of imagesToAsk(plain ? model() : modelFor(b), platformsOf(b, ctx.platforms, ctx.lintConfig?.targetPlatforms))) {
      const key = `${wanted.ref.raw} ${wanted.platform}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(wanted);
    }
  }
  return out;
}
