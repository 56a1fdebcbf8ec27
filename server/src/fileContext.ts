// What lint needs to know about one file besides its text, found the same way by the CLI and the language server:
// the team's config file for its path, the settings (the config file's, then the user's on top), the rules that run
// and the .dockerignore that applies, read only when a rule that runs needs it.
import { dirname, relative, resolve, sep } from 'node:path';
import type { SeveritySetting } from '../../shared/src/settings';
import { rulesFor, type ConfigFile } from './config/configFile';
import { buildPlatforms, type BuildPlatforms } from './engine/facts/buildPlatforms';
import type { LintInput } from './engine/lint';
import { hostPlatform } from './registry/client';
import { anyNeeds, type DockerignoreView, type LintConfig, type Rule } from './engine/rule';
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
  /** the .dockerignore that applies: undefined when there is none, null when it is unknown or no rule needs it */
  readonly dockerignore: DockerignoreView | undefined | null;
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
  const fromConfig = config && o.path ? rulesFor(config, relative(dirname(resolve(config.path)), resolve(o.path)).split(sep).join('/')) : {};
  const { settings } = resolveSettings({ ...fromConfig, ...o.overrides }, rulesByKey);
  const activeRules = o.enabled === false ? [] : rules.filter((r) => settings.severityOf(r) !== 'off');
  const dockerignore = o.path && anyNeeds(activeRules, 'dockerignore') ? host.dockerignoreFor(o.path) : null;
  const extra = o.extraLintConfig && Object.keys(o.extraLintConfig).length ? o.extraLintConfig : undefined;
  const lintConfig = extra ? { ...config?.lint, ...extra } : config?.lint;
  // the builder is this machine; the targets: the platforms of a build that uses this Dockerfile (compose, bake, a
  // workflow: where the build context helper passes them), else the team's targetPlatforms, else the builder's
  const platforms = buildPlatforms(hostPlatform(), undefined, lintConfig?.targetPlatforms);
  return { fileName: o.fileName ?? o.path ?? '', config, settings, activeRules, dockerignore, lintConfig, platforms };
}

/** The lint input for a text in a file's context (the caller adds the facts it gathered: registry, ShellCheck, model). */
export const lintInputOf = (ctx: FileContext, text: string): LintInput => ({ text, fileName: ctx.fileName, dockerignore: ctx.dockerignore, settings: ctx.settings, config: ctx.lintConfig, platforms: ctx.platforms });
