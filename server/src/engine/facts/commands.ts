// Queries over RUN commands that several rules share: which commands run, their subcommand, their options.
import { stageChain, type DockerfileModel, type Instruction, type RunCommand, type Stage, type Word } from '../model';

// Derived facts are computed once per model (or command) and shared by every rule that asks: a hundred rules each
// deriving the same list or the same name would cost more than the rules' own checks.
const commandsOf = new WeakMap<DockerfileModel | Stage, readonly RunCommand[]>();
// (keyed by the command's words, which the models of the next versions of a document share: see build.ts runBodies)
const effectiveOf = new WeakMap<readonly Word[], readonly Word[]>();
const nameOf = new WeakMap<readonly Word[], string | null>();

/** All RUN commands of a stage, of the whole file (ONBUILD triggers included) or of one instruction. Shared: do not modify. */
export function runCommands(scope: DockerfileModel | Stage | Instruction): readonly RunCommand[] {
  if ('keyword' in scope) return scope.run?.commands ?? [];
  let out = commandsOf.get(scope);
  if (!out) {
    const list: RunCommand[] = [];
    for (const ins of scope.instructions) if (ins.run) for (const c of ins.run.commands) list.push(c);
    commandsOf.set(scope, (out = list));
  }
  return out;
}

/**
 * The command as run: `sudo apt-get install` and `env X=1 apt-get` are seen as apt-get; returns the words from the
 * real command name on.
 */
export function effectiveWords(cmd: RunCommand): readonly Word[] {
  let words = effectiveOf.get(cmd.words);
  if (!words) effectiveOf.set(cmd.words, (words = stripWrappers(cmd)));
  return words;
}

function stripWrappers(cmd: RunCommand): readonly Word[] {
  let words = cmd.words;
  for (let guard = 0; guard < 4 && words.length > 0; guard++) {
    const name = words[0].value;
    if (name === 'sudo' || name === 'env' || name === 'nice' || name === 'nohup' || name === 'exec' || name === 'command') {
      let i = 1;
      while (i < words.length && ((words[i].value ?? '').startsWith('-') || (name === 'env' && (words[i].value ?? '').includes('=')))) i++;
      words = words.slice(i);
    } else break;
  }
  return words;
}

export const commandName = (cmd: RunCommand): string | undefined => {
  let name = nameOf.get(cmd.words);
  if (name === undefined) {
    const v = effectiveWords(cmd)[0]?.value;
    nameOf.set(cmd.words, (name = v === undefined ? null : v.slice(v.lastIndexOf('/') + 1)));
  }
  return name ?? undefined;
};

export interface Invocation {
  readonly cmd: RunCommand;
  /** words from the command name on (sudo and env stripped) */
  readonly words: readonly Word[];
  /** index in `words` of the subcommand ("install"), or -1 */
  readonly subIndex: number;
  readonly sub: string | undefined;
}

/**
 * Finds the subcommand: the first word after the name that is not an option or an option's value.
 * `valued` lists options that take a separate value (e.g. apt-get's -o, -t, -c).
 */
export function invocation(cmd: RunCommand, valued: readonly string[] = []): Invocation {
  const words = effectiveWords(cmd);
  let i = 1;
  for (; i < words.length; i++) {
    const v = words[i].value ?? words[i].text;
    if (!v.startsWith('-') || v === '-') break;
    if (valued.includes(v)) i++;
  }
  const subIndex = i < words.length ? i : -1;
  return { cmd, words, subIndex, sub: subIndex >= 0 ? words[subIndex].value : undefined };
}

/**
 * Whether an option is present: short letters may be bundled (-qy), long names may carry =value.
 * `short` letters without the dash, `long` names without the dashes.
 */
export function hasOption(words: readonly Word[], short: string, long: readonly string[] = []): boolean {
  return words.some((w) => {
    const v = w.value ?? '';
    if (v.startsWith('--')) return long.some((l) => v === `--${l}` || v.startsWith(`--${l}=`));
    return short !== '' && /^-[A-Za-z]+$/.test(v) && [...short].some((c) => v.includes(c));
  });
}

/** Arguments that are not options, after the subcommand. */
export function operands(inv: Invocation, valued: readonly string[] = []): Word[] {
  const out: Word[] = [];
  for (let i = inv.subIndex + 1; inv.subIndex >= 0 && i < inv.words.length; i++) {
    const v = inv.words[i].value ?? inv.words[i].text;
    if (v.startsWith('-')) {
      if (valued.includes(v)) i++;
      continue;
    }
    out.push(inv.words[i]);
  }
  return out;
}

/** The pipelines of a RUN, in order, each with its commands left to right (those of nested `( … )` included). */
export function pipelinesOf(ins: Instruction): RunCommand[][] {
  const byId = new Map<number, RunCommand[]>();
  for (const c of ins.run?.commands ?? []) {
    const id = c.status.pipeline;
    if (!c.inPipeline || id === undefined) continue;
    const list = byId.get(id);
    if (list) list.push(c);
    else byId.set(id, [c]);
  }
  return [...byId.values()].filter((p) => p.length > 1);
}

/** The commands of the pipeline `cmd` belongs to, left to right (just `cmd` outside a pipeline). */
export function pipelineOf(cmd: RunCommand, model: DockerfileModel): RunCommand[] {
  if (!cmd.inPipeline) return [cmd];
  const links = pipeLinks(cmd.instruction.run?.commands ?? [], model);
  const chain = [cmd];
  const members = new Set(chain);
  for (let c = links.next.get(cmd); c && !members.has(c); c = links.next.get(c)) {
    chain.push(c);
    members.add(c);
  }
  // walk left too, so every member of a pipeline sees the same list
  for (let before = links.previous.get(cmd); before && !members.has(before); before = links.previous.get(chain[0])) {
    chain.unshift(before);
    members.add(before);
  }
  return chain;
}

interface PipeLinks {
  /** the command a pipe feeds from each command */
  readonly next: ReadonlyMap<RunCommand, RunCommand>;
  /** the first command (in order) whose next is each command */
  readonly previous: ReadonlyMap<RunCommand, RunCommand>;
}

// Worked out once per RUN: asked command by command, a search over the RUN's commands was cubic in their number
// (1,000 `curl … | sh` joined with && took 56 s).
const pipeLinksOf = new WeakMap<readonly RunCommand[], PipeLinks>();

function pipeLinks(all: readonly RunCommand[], model: DockerfileModel): PipeLinks {
  let links = pipeLinksOf.get(all);
  if (links) return links;
  const starts = all.map((o) => model.lines.offsetAt(o.range.start));
  // by start, the earliest command first among equal starts (as a left-to-right scan keeps the first it finds)
  const order = all.map((_, i) => i).sort((a, b) => starts[a] - starts[b] || a - b);
  const next = new Map<RunCommand, RunCommand>();
  const previous = new Map<RunCommand, RunCommand>();
  for (const c of all) {
    // the next command that starts after `c` ends, when only a pipe (and continuation whitespace) separates them
    const end = model.lines.offsetAt(c.range.end);
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[order[mid]] >= end) hi = mid;
      else lo = mid + 1;
    }
    const best = lo < order.length ? all[order[lo]] : undefined;
    if (!best || !best.inPipeline) continue;
    if (/^[\s\\`]*\|&?[\s\\`]*$/.test(model.text.slice(end, starts[order[lo]]))) next.set(c, best);
  }
  for (const c of all) {
    const n = next.get(c);
    if (n && !previous.has(n)) previous.set(n, c);
  }
  links = { next, previous };
  pipeLinksOf.set(all, links);
  return links;
}

/** Whether what an instruction builds reaches the final image (stages only copied from do not; ONBUILD always may). */
export function reachesFinalImage(model: DockerfileModel, ins: { stage: Stage | undefined; onbuild: boolean }): boolean {
  if (ins.onbuild || !ins.stage || !model.finalStage) return true;
  return finalChainOf(model.finalStage).has(ins.stage);
}

// asked for every instruction: worked out once per final stage (4,000 chained stages took minutes)
const finalChains = new WeakMap<Stage, ReadonlySet<Stage>>();
function finalChainOf(final: Stage): ReadonlySet<Stage> {
  let chain = finalChains.get(final);
  if (!chain) finalChains.set(final, (chain = new Set(stageChain(final))));
  return chain;
}
