import { AUTOMATIC_PLATFORM_ARGS, rootBase, stageChain, type DockerfileModel, type Instruction, type Stage } from '../engine/model';
import { defineRule } from '../engine/rule';
import { comparePositions, type Range } from '../engine/text';

// instructions whose arguments the builder expands; RUN, CMD and ENTRYPOINT are left to the shell
const EXPANDED = new Set(['ADD', 'COPY', 'ENV', 'EXPOSE', 'LABEL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR', 'ARG']);

// defined for every build without an ARG: the proxy args, the platform args, PATH (BuildKit sets a default)
const PREDEFINED = new Set([
  'PATH',
  'HTTP_PROXY',
  'http_proxy',
  'HTTPS_PROXY',
  'https_proxy',
  'FTP_PROXY',
  'ftp_proxy',
  'NO_PROXY',
  'no_proxy',
  'ALL_PROXY',
  'all_proxy',
  ...AUTOMATIC_PLATFORM_ARGS,
  'TARGETSTAGE',
  'SOURCE_DATE_EPOCH',
]);

const declared = (ins: Instruction): string[] => (ins.keyword === 'ARG' || ins.keyword === 'ENV' ? ins.keyValues.map((kv) => kv.name) : []);

/**
 * Whether one edit turns `a` into `b`: a character added, removed or replaced, or two neighbours swapped (PAHT ->
 * PATH), as typos usually are. Linear: asked of every undefined name against every defined one.
 */
function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (i === a.length) return false;
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length < b.length ? a.slice(i) === b.slice(i + 1) : a.slice(i + 1) === b.slice(i);
}

const closest = (name: string, known: Iterable<string>): string | undefined => {
  if (name.length < 3) return undefined;
  for (const k of known) if (oneEditApart(name, k)) return k;
  return undefined;
};

function checkScope(
  model: DockerfileModel,
  stage: Stage | undefined,
  scope: readonly Instruction[],
  report: (r: { range: Range; message: string }) => void,
): void {
  // ARG and ENV of the stages this one is built FROM carry over; a base image's ENV cannot be seen from here
  const defined = new Set<string>([
    ...PREDEFINED,
    ...(stage
      ? stageChain(stage)
          .slice(1)
          .flatMap((s) => s.instructions.flatMap(declared))
      : []),
  ]);
  const baseUnknown = !stage || rootBase(stage).kind !== 'scratch';
  // where each name is declared in the scope (ONBUILD triggers aside), in order: the first declaration after a use
  const declaredAt = new Map<string, number[]>();
  scope.forEach((ins, i) => {
    if (ins.onbuild) return;
    for (const name of declared(ins)) {
      const at = declaredAt.get(name);
      if (!at) declaredAt.set(name, [i]);
      else if (at.at(-1) !== i) at.push(i);
    }
  });
  const declaredAfter = (name: string, i: number): Instruction | undefined => {
    const at = declaredAt.get(name)?.find((j) => j > i);
    return at === undefined ? undefined : scope[at];
  };
  for (const [i, ins] of scope.entries()) {
    if (ins.onbuild) continue;
    if (EXPANDED.has(ins.keyword)) {
      const heredoc = ins.heredocs[0]?.contentRange?.start.line ?? Infinity;
      const own = new Set<string>();
      const pairs = ins.keyValues;
      for (const v of ins.variables) {
        const name = v.name;
        const range = v.range;
        // ${X:-default} and friends handle an unset X on purpose; names set earlier in the same ENV are env-self-reference's
        if (range.start.line >= heredoc || v.modifier !== null || defined.has(name) || own.has(name)) continue;
        if (pairs.some((kv) => kv.name === name && comparePositions(kv.nameRange.end, range.start) <= 0)) continue;
        const later = declaredAfter(name, i);
        const global = model.globalArgs.has(name) && stage !== undefined;
        const suggestion = closest(name, defined);
        // with an image base, an upper-case name may come from the image's own ENV (JAVA_HOME, NODE_VERSION…)
        if (baseUnknown && !later && !global && !suggestion && name === name.toUpperCase()) continue;
        let message: string;
        if (later)
          message = `\`$${name}\` is used before the ${later.keyword} on line ${later.range.start.line + 1} defines it, so it expands to an empty string here`;
        else if (global) message = `\`$${name}\` is declared before FROM but not in this stage, so it is empty here: add \`ARG ${name}\` after the FROM`;
        else
          message = `\`$${name}\` is not defined by any ARG or ENV before this line, so it expands to an empty string${suggestion ? ` (did you mean \`$${suggestion}\`?)` : ''}`;
        report({ range, message });
      }
    }
    for (const name of declared(ins)) defined.add(name);
  }
}

export default defineRule({
  id: 'undefined-var',
  aliases: [{ tool: 'buildkit', code: 'UndefinedVar', relation: 'inspired' }],
  category: 'correctness',
  severity: 'warning',
  fixable: 'never',
  docs: {
    what: 'Declare a variable with ARG or ENV before an instruction uses it. Fires on `$VAR` in COPY, ADD, ENV, LABEL, WORKDIR, USER, EXPOSE, VOLUME, STOPSIGNAL or ARG when nothing above defines it; RUN, CMD and ENTRYPOINT are left to the shell. With a base image other than scratch, whose ENV cannot be seen, only lower-case names, near-misses of a defined name (`$PAHT`), names defined further down and ARGs declared only before FROM are reported.',
    why: 'An undefined variable expands to an empty string without any error: `COPY $DIR_ASSET .` copies the whole context, `WORKDIR /opt/$APP` works in `/opt/`, and the mistake surfaces only at run time.',
    example: 'FROM alpine:3.20\nARG DIR_ASSETS=assets/\nCOPY $DIR_ASSET /srv/',
    instead: 'FROM alpine:3.20\nARG DIR_ASSETS=assets/\nCOPY $DIR_ASSETS /srv/',
  },
  check({ model, report }) {
    if (model.stages.length === 0) {
      checkScope(model, undefined, model.instructions, report);
      return;
    }
    for (const stage of model.stages) checkScope(model, stage, stage.instructions, report);
  },
});
