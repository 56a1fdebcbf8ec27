import { textOf, type DockerfileModel, type Instruction } from '../engine/model';
import { defineRule } from '../engine/rule';
import type { Range } from '../engine/text';
import { isInstruction } from '../engine/facts/instructions';

// the flags each instruction accepts (BuildKit, Dockerfile frontend 1.x incl. labs); others are "unknown flag"
const FLAGS: Record<string, ReadonlySet<string>> = {
  FROM: new Set(['platform']),
  COPY: new Set(['from', 'chown', 'chmod', 'link', 'parents', 'exclude']),
  ADD: new Set(['chown', 'chmod', 'link', 'keep-git-dir', 'checksum', 'exclude', 'unpack']),
  RUN: new Set(['mount', 'network', 'security', 'device']),
  HEALTHCHECK: new Set(['interval', 'timeout', 'start-period', 'start-interval', 'retries']),
};

const BOOLEAN_FLAGS = new Set(['link', 'parents', 'keep-git-dir', 'unpack']);

// instructions that take nothing but arguments: without one the builder stops
const NEED_ARGUMENT = new Set([
  'ARG',
  'ENV',
  'LABEL',
  'EXPOSE',
  'VOLUME',
  'WORKDIR',
  'USER',
  'STOPSIGNAL',
  'MAINTAINER',
  'RUN',
  'ONBUILD',
  'SHELL',
  'HEALTHCHECK',
  'FROM',
  'COPY',
  'ADD',
]);

interface Problem {
  range: Range;
  message: string;
}

/** `[` that opens an exec form the builder cannot read as JSON: it falls back to running the text through a shell. */
function brokenJson(model: DockerfileModel, ins: Instruction): Problem | undefined {
  if (!['RUN', 'CMD', 'ENTRYPOINT', 'SHELL'].includes(ins.keyword) || ins.isJsonForm || ins.heredocs.length > 0) return undefined;
  if (!ins.argumentsRange) return undefined;
  let at = model.lines.offsetAt(ins.flags.at(-1)?.range.end ?? ins.argumentsRange.start);
  while (/\s/.test(model.text[at] ?? '')) at++;
  const range = { start: model.lines.positionAt(at), end: ins.argumentsRange.end };
  const text = textOf(model, range).trim();
  // meant as exec form: `[` then a quoted string followed by `,` or `]` (`[ "$X" = y ]` is a shell test)
  if (!/^\[\s*("[^"]*"|'[^']*')\s*(,|\]|$)/.test(text)) return undefined;
  // dockerfile-ast misses arrays continued over lines with a backtick escape; the builder joins them first
  const esc = model.directives.escape === '`' ? '`' : '\\\\';
  const joined = text.replace(new RegExp(`${esc}[ \\t]*\\r?\\n`, 'g'), ' ');
  try {
    const parsed: unknown = JSON.parse(joined);
    if (Array.isArray(parsed) && parsed.every((w) => typeof w === 'string')) return undefined;
  } catch {
    // not JSON: reported below
  }
  const closed = text.endsWith(']');
  return {
    range,
    message: closed
      ? `\`${text.length > 40 ? text.slice(0, 40) + '…' : text}\` is not valid JSON (strings need double quotes), so Docker runs it as a shell command instead of exec form`
      : 'This exec-form array is never closed with `]`, so Docker runs the text as a shell command instead',
  };
}

function problems(model: DockerfileModel, ins: Instruction): Problem[] {
  const out: Problem[] = [];
  const kw = ins.keyword;
  if (!isInstruction(kw))
    return [{ range: ins.keywordRange, message: `\`${ins.keywordText}\` is not a Dockerfile instruction: the builder stops at this line` }];
  const allowed = FLAGS[kw];
  for (const f of ins.flags) {
    if (!allowed?.has(f.name)) out.push({ range: f.range, message: `\`--${f.name}\` is not a flag of ${kw}: the builder stops with "unknown flag"` });
    else if (f.value === null && !BOOLEAN_FLAGS.has(f.name))
      out.push({ range: f.range, message: `\`--${f.name}\` needs a value written as \`--${f.name}=…\`: the builder stops with "missing a value"` });
  }
  // words only where their count matters (a RUN's parsed commands say it has arguments without splitting its often
  // long text again); elsewhere "has arguments" is read from the text: splitting every instruction into
  // dockerfile-ast's argument objects costs more than many rules together
  const words = kw === 'FROM' || kw === 'COPY' || kw === 'ADD' || kw === 'HEALTHCHECK' || (kw === 'RUN' && !(ins.run?.commands.length ?? 0));
  const args = words ? ins.args : [];
  const empty = words ? args.length === 0 : kw !== 'RUN' && ins.argumentsRange === undefined;
  const jsonCount = ins.json?.words.length;
  if (NEED_ARGUMENT.has(kw) && empty && !(kw === 'ONBUILD' && ins.onbuild)) {
    out.push({ range: ins.keywordRange, message: `${kw} needs arguments: the builder stops at this line` });
    return out;
  }
  if (kw === 'FROM' && args.length !== 1 && !(args.length === 3 && args[1].text.toLowerCase() === 'as')) {
    out.push({
      range: ins.argumentsRange ?? ins.range,
      message: 'FROM takes an image and an optional `AS name`: the builder stops with "FROM requires either one or three arguments"',
    });
  }
  if ((kw === 'COPY' || kw === 'ADD') && (jsonCount ?? args.length) < 2) {
    out.push({
      range: ins.argumentsRange ?? ins.range,
      message: `${kw} needs at least a source and a destination: the builder stops with "${kw} requires at least two arguments"`,
    });
  }
  if (kw === 'ENV' || kw === 'LABEL') {
    for (const kv of ins.keyValues) {
      if (!kv.hasEquals && kv.value === null)
        out.push({ range: kv.nameRange, message: `\`${kw} ${kv.name}\` has no value: the builder stops with "${kw} must have two arguments"` });
    }
  }
  if (kw === 'SHELL' && jsonCount === undefined)
    out.push({ range: ins.argumentsRange ?? ins.range, message: 'SHELL takes a JSON array such as `["/bin/bash", "-c"]`: the builder stops at this line' });
  if (kw === 'HEALTHCHECK') {
    // dockerfile-ast leaves flags it does not know among the arguments
    const rest = args.filter((a) => !a.text.startsWith('--'));
    const mode = rest[0]?.text.toUpperCase();
    if (!rest[0]) out.push({ range: ins.keywordRange, message: 'HEALTHCHECK needs `CMD …` or `NONE`: the builder stops at this line' });
    else if (mode !== 'CMD' && mode !== 'NONE')
      out.push({ range: rest[0].range, message: `HEALTHCHECK takes \`CMD …\` or \`NONE\`, not \`${rest[0].text}\`: the builder stops at this line` });
    else if (mode === 'CMD' && rest.length === 1)
      out.push({ range: rest[0].range, message: 'HEALTHCHECK CMD has no command: the builder stops with "Missing command after HEALTHCHECK CMD"' });
    else if (mode === 'NONE' && rest.length > 1)
      out.push({ range: rest[1].range, message: 'HEALTHCHECK NONE takes no arguments: the builder stops at this line' });
  }
  const json2 = brokenJson(model, ins);
  if (json2) out.push(json2);
  return out;
}

export default defineRule({
  id: 'syntax-error',
  aliases: [],
  category: 'correctness',
  severity: 'error',
  fixable: 'never',
  docs: {
    what: 'Fix what the Dockerfile parser rejects: unknown instructions, missing arguments, flags an instruction does not have, an `# escape=` other than `\\` or `` ` ``, and exec-form arrays that are not valid JSON.',
    why: "These stop `docker build` on the spot, usually in CI after a push. Exec forms that are not valid JSON are worse: Docker silently runs them as shell commands, so `CMD ['node', 'app.js']` fails only when the container starts.",
    example: "FROM node:22-slim\nCOPY package.json\nCMD ['node', 'server.js']",
    instead: 'FROM node:22-slim\nCOPY package.json ./\nCMD ["node", "server.js"]',
  },
  check({ model, report }) {
    for (const d of model.directives.all) {
      if (d.name.toLowerCase() === 'escape' && d.value !== '\\' && d.value !== '`') {
        report({ range: d.valueRange, message: `\`# escape=${d.value}\` is not a valid escape character (only \\ and \`): the builder stops` });
      }
    }
    for (const ins of model.instructions) {
      // ONBUILD ONBUILD/FROM/MAINTAINER are onbuild-forbidden's
      if (ins.onbuild && (ins.keyword === 'ONBUILD' || ins.keyword === 'FROM' || ins.keyword === 'MAINTAINER')) continue;
      for (const p of problems(model, ins)) report(p);
    }
  },
});
