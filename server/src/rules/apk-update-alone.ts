import { commandName, hasOption, invocation, type Invocation } from '../engine/facts/commands';
import { insertAfterWord } from '../engine/fix/edits';
import type { DockerfileModel, Instruction, RunCommand } from '../engine/model';
import { APK_VALUED } from '../engine/facts/packageManagers';
import { defineRule, type Fix } from '../engine/rule';
import type { TextEdit } from '../engine/text';

/** apk subcommands that read the package index `apk update` fetched. */
const INDEX_READERS = new Set(['add', 'upgrade', 'fix', 'fetch', 'search', 'policy', 'version', 'list', 'info', 'dot', 'index']);

const apkInvocation = (cmd: RunCommand): Invocation | undefined => (commandName(cmd) === 'apk' ? invocation(cmd, APK_VALUED) : undefined);

/** Commands that may run apk where we cannot see it: scripts, `sh -c`, `xargs apk add`, an expansion as the name. */
function mayUseApkOutOfSight(cmd: RunCommand): boolean {
  const name = commandName(cmd);
  if (name === undefined || name.endsWith('.sh') || ['sh', 'ash', 'bash', 'xargs', 'chroot', 'su'].includes(name)) return true;
  return name !== 'apk' && cmd.words.some((w) => w.value === 'apk');
}

/** Whether a RUN's other commands use the index (or may): then the update is not alone. */
function readsIndex(cmd: RunCommand): boolean {
  const inv = apkInvocation(cmd);
  if (inv) return inv.sub === undefined || INDEX_READERS.has(inv.sub);
  // the index removed in the same RUN leaves no stale layer behind
  const removesIndex = commandName(cmd) === 'rm' && cmd.words.some((w) => /^\/var\/cache\/apk(\/\*?)?$/.test(w.value ?? w.text));
  return removesIndex || mayUseApkOutOfSight(cmd);
}

export default defineRule({
  id: 'apk-update-alone',
  aliases: [],
  category: 'size',
  severity: 'warning',
  fixable: 'sometimes',
  docs: {
    what: 'Drop the separate `apk update` and use `apk add --no-cache`, which fetches a fresh index for itself. Fires on a RUN that runs `apk update` but installs nothing.',
    why: 'The update is cached as a layer of its own: later builds reuse it however old it is, so the `apk add` of a later RUN installs from a stale index (or fails once the mirror drops those versions), and the index stays in the image as megabytes nobody uses. `apk add --no-cache` fetches the current index, installs, and keeps nothing.',
    example: 'FROM alpine:3.20\nRUN apk update\nRUN apk add curl',
    instead: 'FROM alpine:3.20\nRUN apk add --no-cache curl',
    fixSafety:
      'Safe: removes the `apk update` (the whole RUN when it holds nothing else) and adds `--no-cache` to the next `apk add` of the stage, which then fetches the index itself; the same packages are installed. Declines when the update is not joined by `&&` or `;`, sits in a heredoc, ONBUILD or JSON-form RUN, or when no `apk add` follows in the stage or something else uses apk first.',
  },
  check({ model, report }) {
    for (const ins of model.instructions) {
      const commands = ins.run?.commands ?? [];
      const update = commands.find((c) => apkInvocation(c)?.sub === 'update');
      if (!update || commands.some((c) => c !== update && readsIndex(c))) continue;
      report({
        range: update.range,
        message: '`apk update` runs in a RUN that installs nothing: its layer keeps an index that goes stale for later RUNs and stays in the image',
        fix: () => dropUpdate(model, ins, update),
      });
    }
  },
});

function dropUpdate(model: DockerfileModel, ins: Instruction, update: RunCommand): Fix | undefined {
  const run = ins.run!;
  if (ins.onbuild || run.jsonForm || run.fromHeredoc || run.hasCommentInContinuation || run.hasSyntaxError || update.inPipeline || update.inSubstitution)
    return undefined;
  const add = nextApkAdd(model, ins);
  if (!add) return undefined;
  const removal = run.commands.length === 1 ? deleteLines(model, ins) : deleteCommand(model, run.commands, update);
  if (!removal) return undefined;
  const needsNoCache = !hasOption(add.words, '', ['no-cache']);
  const edits = needsNoCache ? [removal, insertAfterWord(add.words[add.subIndex], ' --no-cache')] : [removal];
  return { title: needsNoCache ? 'Drop apk update; add --no-cache to the next apk add' : 'Drop apk update', safe: true, edits };
}

/** The next `apk add` of the stage, when it is the next thing that uses apk at all and can take a flag. */
function nextApkAdd(model: DockerfileModel, ins: Instruction): Invocation | undefined {
  const scope = ins.stage?.instructions ?? model.instructions;
  for (const later of scope.slice(scope.indexOf(ins) + 1)) {
    if (!later.run || later.onbuild) continue;
    for (const cmd of later.run.commands) {
      const inv = apkInvocation(cmd);
      if (inv?.sub === 'add' && !later.run.jsonForm) return inv;
      if (inv || mayUseApkOutOfSight(cmd)) return undefined;
    }
  }
  return undefined;
}

/** Deletes the RUN's whole lines (with the line break that ends them). */
function deleteLines(model: DockerfileModel, ins: Instruction): TextEdit {
  const last = ins.range.end.line;
  if (last + 1 < model.lines.lineCount)
    return { range: { start: { line: ins.range.start.line, character: 0 }, end: { line: last + 1, character: 0 } }, newText: '' };
  // the last line of the file: take the line break before it instead
  const start = ins.range.start.line === 0 ? { line: 0, character: 0 } : model.lines.positionAt(model.lines.lineEnd(ins.range.start.line - 1));
  return { range: { start, end: ins.range.end }, newText: '' };
}

/** Deletes one command with the `&&` or `;` that joins it to its neighbour; undefined when the join is anything else. */
function deleteCommand(model: DockerfileModel, commands: readonly RunCommand[], cmd: RunCommand): TextEdit | undefined {
  const i = commands.indexOf(cmd);
  const text = (a: RunCommand, b: RunCommand) => model.text.slice(model.lines.offsetAt(a.range.end), model.lines.offsetAt(b.range.start));
  const esc = model.directives.escape.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
  const join = (between: string) => between.replace(new RegExp(`${esc}[ \\t]*\\r?\\n`, 'g'), '').replace(/\s+/g, '');
  const before = i > 0 ? join(text(commands[i - 1], cmd)) : undefined;
  const after = i + 1 < commands.length ? join(text(cmd, commands[i + 1])) : undefined;
  // `a || apk update && b` would become `a || b`: only a plain sequence is taken apart
  if (before !== undefined && after !== undefined) {
    if (before !== '&&' || after !== '&&') return undefined;
  } else if (![before, after].some((j) => j === '&&' || j === ';')) return undefined;
  return after !== undefined
    ? { range: { start: cmd.range.start, end: commands[i + 1].range.start }, newText: '' }
    : { range: { start: commands[i - 1].range.end, end: cmd.range.end }, newText: '' };
}
