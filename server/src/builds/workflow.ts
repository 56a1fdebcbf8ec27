// GitHub Actions workflows (.github/workflows/*.yml): the steps that build with docker/build-push-action.
// Read from `with:` — context (default: the repository, as the action's Git context), file (default
// <context>/Dockerfile; relative to the repository, where the job runs), target, build-args (one KEY=VALUE a line),
// platforms (comma- or newline-separated), build-contexts (one NAME=VALUE a line: a FROM naming one is built on it). An expression `${{ … }}` is a value not known here, never text: a step
// whose context or file is one names no Dockerfile we can match and is skipped; an arg or target that is one is known
// to be set, to an unknown value. Not evaluated: matrices, `env`, reusable workflows, a checkout into another `path`.
import { basename, dirname, join } from 'node:path';
import { localPath, type Build, type BuildFileRead, type Known } from './build';
import { isMap, own, placeOf, readYaml, scalarText } from './yaml';

const BUILD_PUSH_ACTION = /^docker\/build-push-action@/i;
const EXPRESSION = /\$\{\{/;

const known = (s: string): Known<string> => (EXPRESSION.test(s) ? null : s);

/** The builds of a workflow file at `<repository>/.github/workflows/<name>`. */
export function workflowBuilds(text: string, file: string): BuildFileRead {
  const read = readYaml(text, file);
  if (read.problem) return { builds: [], problem: read.problem };
  const data = read.data;
  const fail = (path: (string | number)[], message: string): BuildFileRead => ({ builds: [], problem: { file, message, ...placeOf(text, path) } });
  if (!isMap(data)) return fail([], 'expected a mapping with `jobs` at the top level');
  const jobs = own(data, 'jobs');
  if (jobs === undefined || jobs === null) return { builds: [] };
  if (!isMap(jobs)) return fail(['jobs'], '`jobs` must map job ids to jobs');
  const repository = dirname(dirname(dirname(file)));
  const builds: Build[] = [];
  for (const [job, spec] of Object.entries(jobs)) {
    if (!isMap(spec)) continue;
    const steps = own(spec, 'steps');
    if (steps === undefined || steps === null) continue;
    if (!Array.isArray(steps)) return fail(['jobs', job, 'steps'], `jobs.${job}.steps must be a list of steps`);
    const building = new Set(steps.filter((s) => isMap(s) && typeof own(s, 'uses') === 'string' && BUILD_PUSH_ACTION.test(own(s, 'uses') as string)));
    for (const [index, step] of steps.entries()) {
      if (!building.has(step) || !isMap(step)) continue;
      const withs = own(step, 'with') ?? {};
      if (!isMap(withs)) return fail(['jobs', job, 'steps', index, 'with'], `jobs.${job}.steps[${index}].with must be a mapping of inputs`);
      const input = (name: string): string | undefined => {
        const v = own(withs, name);
        return v === undefined || v === null ? undefined : (scalarText(v) ?? undefined);
      };
      const name = typeof own(step, 'name') === 'string' ? (own(step, 'name') as string) : undefined;
      const label = `workflow ${basename(file)} job ${job}${building.size > 1 ? `, step ${name ? `"${name}"` : index + 1}` : ''}`;
      const context = contextOf(input('context'), repository);
      if (!context) continue;
      const fileInput = input('file');
      if (fileInput !== undefined && EXPRESSION.test(fileInput)) continue;
      const dockerfile = fileInput === undefined ? join(context, 'Dockerfile') : localPath(repository, fileInput);
      if (!dockerfile) continue;
      const target = input('target');
      const argsText = input('build-args');
      const argsUnknown = argsText !== undefined && /^\s*\$\{\{[^}]*\}\}\s*$/.test(argsText);
      const args: Record<string, Known<string>> = Object.create(null) as Record<string, Known<string>>;
      if (argsText !== undefined && !argsUnknown) {
        for (const line of argsText
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter(Boolean)) {
          const eq = line.indexOf('=');
          if (eq < 0)
            args[line] = null; // the runner's environment variable of that name: not known here
          else args[line.slice(0, eq)] = known(line.slice(eq + 1));
        }
      }
      const contexts: Record<string, Known<string>> = Object.create(null) as Record<string, Known<string>>;
      for (const line of (input('build-contexts') ?? '')
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean)) {
        const eq = line.indexOf('=');
        if (eq > 0) contexts[line.slice(0, eq)] = known(line.slice(eq + 1));
      }
      const platforms = (input('platforms') ?? '')
        .split(/[,\n]/)
        .map((p) => p.trim())
        .filter((p) => p && !EXPRESSION.test(p));
      builds.push({
        label,
        file,
        dockerfile,
        context,
        target: target === undefined ? undefined : known(target),
        args,
        ...(argsUnknown ? { argsUnknown } : {}),
        platforms,
        ...(Object.keys(contexts).length ? { contexts } : {}),
      });
    }
  }
  return { builds };
}

/** The build context's folder: the repository for the Git context (`{{defaultContext}}`, or none given), else the path. */
function contextOf(input: string | undefined, repository: string): string | undefined {
  if (input === undefined || input.trim() === '') return repository;
  if (EXPRESSION.test(input)) return undefined;
  const git = /^\{\{\s*defaultContext\s*\}\}(?::(.*))?$/.exec(input.trim());
  if (git) return git[1] ? localPath(repository, git[1]) : repository;
  return localPath(repository, input);
}
