// One Dockerfile, several builds: compose services, Bake targets or workflow steps may build it with different
// contexts, targets and args. It is linted once per build and the findings are merged: a finding every build has is
// reported once as it is; one only some builds have names them ("… (compose service api-debug)").
import type { BuildPlatforms } from './facts/buildPlatforms';
import { lint, type LintInput, type LintResult, type RuleFailure } from './lint';
import type { BuildOptions } from './model';
import type { BuildFacts, DockerignoreView, Finding, Rule } from './rule';
import { comparePositions } from './text';

/** A build as the engine sees it (host.ts finds the build files and the .dockerignore of each build's context). */
export interface BuildInput extends BuildFacts, BuildOptions {
  /** the .dockerignore of its context: undefined = none, null = unknown */
  readonly dockerignore: DockerignoreView | null | undefined;
}

/**
 * Lints `input` for each build and merges the findings (identical findings once). With no build, or one, this is
 * lint() itself. `input.model` (built without a build's target and args) is used for the builds that have neither.
 */
export function lintBuilds(input: Omit<LintInput, 'dockerignore' | 'build'>, builds: readonly BuildInput[], rules: readonly Rule[]): LintResult {
  const lintFor = ({ dockerignore, ...build }: BuildInput) => {
    const plain = build.target === undefined && !build.args && !build.argsUnknown && !build.contexts;
    return lint({ ...input, model: plain ? input.model : undefined, dockerignore, build }, rules);
  };
  if (builds.length === 0) return lint(input, rules);
  if (builds.length === 1) return lintFor(builds[0]);
  const results = builds.map(lintFor);
  const labels = builds.map((b, i) => b.label ?? `build ${i + 1}`);
  const failures = new Map<Rule, RuleFailure>();
  for (const r of results) for (const f of r.failures) if (!failures.has(f.rule)) failures.set(f.rule, f);
  return {
    model: results[0].model,
    findings: merged(
      results.map((r) => r.findings),
      labels,
    ),
    suppressed: merged(
      results.map((r) => r.suppressed),
      labels,
    ),
    failures: [...failures.values()],
    platforms: allPlatforms(results.map((r) => r.platforms)),
  };
}

const keyOf = (f: Finding): string =>
  JSON.stringify([f.rule.id, f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character, f.severity, f.message]);

/** The findings of all builds, each once; those not every build has end with the names of the builds that have them. */
export function merged(perBuild: readonly (readonly Finding[])[], labels: readonly string[]): Finding[] {
  const seen = new Map<string, { finding: Finding; builds: number[] }>();
  perBuild.forEach((findings, b) => {
    for (const f of findings) {
      const key = keyOf(f);
      const entry = seen.get(key);
      if (!entry) seen.set(key, { finding: f, builds: [b] });
      else if (!entry.builds.includes(b)) entry.builds.push(b);
    }
  });
  const out: Finding[] = [];
  for (const { finding, builds } of seen.values()) {
    out.push(builds.length === perBuild.length ? finding : { ...finding, message: `${finding.message} (${builds.map((b) => labels[b]).join('; ')})` });
  }
  return out.sort((a, b) => comparePositions(a.range.start, b.range.start) || a.rule.id.localeCompare(b.rule.id));
}

/** The platforms of several builds together (which base image facts the host asks registries about). */
function allPlatforms(each: readonly BuildPlatforms[]): BuildPlatforms {
  const fromBuild = each.find((p) => p.source === 'build');
  return { targets: [...new Set(each.flatMap((p) => p.targets))], build: each[0].build, source: fromBuild ? 'build' : each[0].source };
}
