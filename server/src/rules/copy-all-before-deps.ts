import { commandName, effectiveWords } from '../engine/facts/commands';
import { broadCopies, dependencyInstall, dependencyInstalls } from '../engine/facts/buildContext';
import { keyword } from '../engine/fix/edits';
import { isUnderBaseWorkdir, workdirAt, type DockerfileModel, type Instruction, type RunCommand, type Stage } from '../engine/model';
import { defineRule, type Fix } from '../engine/rule';

/** What each ecosystem's install reads; `name*` tolerates a lock file the project does not have. */
const MANIFESTS: Record<string, readonly string[]> = {
  npm: ['package.json', 'package-lock.json*', 'npm-shrinkwrap.json*'],
  yarn: ['package.json', 'yarn.lock*'],
  pnpm: ['package.json', 'pnpm-lock.yaml*'],
  pipenv: ['Pipfile', 'Pipfile.lock*'],
  go: ['go.mod', 'go.sum*'],
  bundler: ['Gemfile', 'Gemfile.lock*'],
  maven: ['pom.xml'],
};

/** The instruction's lines as written, its indentation included. */
const instructionLines = (model: DockerfileModel, ins: Instruction) =>
  model.text.slice(model.lines.lineStart(ins.range.start.line), model.lines.offsetAt(ins.range.end));

/** The working directory at an instruction, when the file says which it is. */
function knownWorkdir(model: DockerfileModel, ins: Instruction): string | undefined {
  const dir = workdirAt(model, ins);
  return dir === undefined || isUnderBaseWorkdir(dir) ? undefined : dir;
}

/** The requirement and constraint files a `pip install` names, as paths inside the build context. */
function pipFiles(cmd: RunCommand, dest: string, cwd: string | undefined): string[] | undefined {
  const words = effectiveWords(cmd).map((w) => w.value);
  const files: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === undefined) return undefined;
    const m = /^(?:-r|--requirement|-c|--constraint)(?:=?(.+))?$/.exec(w);
    if (!m) continue;
    const path = m[1] ?? words[++i];
    if (!path || path.includes('$')) return undefined;
    // the file as the build context holds it: relative to where `COPY . <dest>` put the context
    const base = dest === '.' ? (cwd ?? '') : dest;
    const absolute = path.startsWith('/') ? path : base ? `${base}/${path}` : undefined;
    if (absolute === undefined) {
      files.push(path.replace(/^\.\//, ''));
      continue;
    }
    if (!base || !absolute.startsWith(`${base}/`)) return undefined;
    files.push(absolute.slice(base.length + 1));
  }
  return files.length ? files : undefined;
}

/**
 * Moves the install above `COPY . <dest>` with a COPY of just what it reads. Offered when the install RUN comes right
 * after the broad COPY and holds nothing but the install (and a `cd` to where it runs); declined otherwise.
 */
function moveInstall(model: DockerfileModel, stage: Stage, copy: Instruction, install: RunCommand, ecosystem: string): Fix | undefined {
  const run = install.instruction;
  const next = stage.instructions[stage.instructions.indexOf(copy) + 1];
  if (next !== run || run.onbuild || copy.isJsonForm || run.heredocs.length > 0) return undefined;
  const commands = run.run?.commands ?? [];
  if (commands.some((c) => !dependencyInstall(c) && commandName(c) !== 'cd') || commands.some((c) => c.inPipeline || c.inSubstitution)) return undefined;
  const destWord = copy.args.at(-1);
  const destValue = destWord?.value;
  if (!destWord || destValue === undefined) return undefined;
  const dest = destValue === '.' || destValue === './' ? '.' : destValue.replace(/(?<!\/)\/+$/, '');
  if (dest !== '.' && !dest.startsWith('/')) return undefined;
  const sources = ecosystem === 'pip' ? pipFiles(install, dest, knownWorkdir(model, copy)) : MANIFESTS[ecosystem];
  if (!sources) return undefined;
  const flags = copy.flags
    .filter((f) => f.name !== 'from')
    .map((f) => model.text.slice(model.lines.offsetAt(f.range.start), model.lines.offsetAt(f.range.end)));
  // each file goes where `COPY . <dest>` would have put it
  const byDir = new Map<string, string[]>();
  for (const s of sources) {
    const dir = s.includes('/') ? s.slice(0, s.lastIndexOf('/') + 1) : '';
    byDir.set(dir, [...(byDir.get(dir) ?? []), s]);
  }
  const indent = /^[ \t]*/.exec(model.lines.lineText(copy.range.start.line))![0];
  const copies = [...byDir].map(
    ([dir, files]) => `${indent}${keyword(model, 'COPY')} ${[...flags, ...files].join(' ')} ${dest === '.' ? `./${dir}` : `${dest}/${dir}`}`,
  );
  const runStart = model.lines.lineStart(run.range.start.line);
  const runEndLine = run.range.end.line;
  const deleteEnd = runEndLine + 1 < model.lines.lineCount ? model.lines.lineStart(runEndLine + 1) : model.text.length;
  const deleteStart = deleteEnd === model.text.length && runStart > 0 ? model.lines.lineEnd(run.range.start.line - 1) : runStart;
  const copyLine = { line: copy.range.start.line, character: 0 };
  return {
    title: 'Install dependencies before copying the source',
    safe: false,
    edits: [
      { range: { start: copyLine, end: copyLine }, newText: [...copies, instructionLines(model, run)].map((l) => l + model.eol).join('') },
      { range: { start: model.lines.positionAt(deleteStart), end: model.lines.positionAt(deleteEnd) }, newText: '' },
    ],
  };
}

export default defineRule({
  id: 'copy-all-before-deps',
  aliases: [],
  category: 'size',
  severity: 'warning',
  fixable: 'sometimes',
  checklist: { item: 'deps-cached' },
  docs: {
    what: 'Copy the dependency manifests and install dependencies before `COPY . .`. Fires when a stage copies the whole context and installs dependencies (npm, yarn, pnpm, pip -r, poetry, uv, pipenv, go mod, bundler, composer, maven) after it.',
    why: 'Every edit to any source file invalidates the `COPY . .` layer and every layer after it, so each build downloads and installs all dependencies again: minutes per build in CI, and a new multi-hundred-MB layer to push and pull on every deploy.',
    example: 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "server.js"]',
    instead: 'FROM node:22-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nCMD ["node", "server.js"]',
    byLanguage: {
      python: {
        example: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\nCMD ["python", "app.py"]',
        instead:
          'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]',
      },
      go: {
        example: 'FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go mod download && go build -o /app .',
        instead: 'FROM golang:1.23\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /app .',
      },
    },
    fixSafety:
      "Not safe, offered on request: it moves the install RUN above `COPY . .`, preceded by a COPY of only what the install reads (`package.json` and its lock file, `requirements.txt`, `go.mod`/`go.sum`, `Gemfile`, `Pipfile`, `pom.xml`; lock files with a `*` so a project without one still builds), with the broad COPY's `--chown`/`--chmod`. It changes the build when an install step reads more than its manifests: npm `postinstall` scripts that run project files, a requirements file that includes another (`-r base.txt`). It is offered only when the install RUN directly follows the broad COPY and holds nothing else; poetry, uv and composer installs, which also install the project itself, are left to you.",
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const copy = broadCopies(stage)[0];
      if (!copy) continue;
      const after = dependencyInstalls(stage).find(({ cmd }) => cmd.range.start.line > copy.ins.range.end.line);
      if (!after) continue;
      report({
        range: copy.ins.range,
        message: `\`${after.cmd.words.map((w) => w.text).join(' ')}\` runs after copying the whole context, so any source change reinstalls every ${after.ecosystem} dependency`,
        fix: () => moveInstall(model, stage, copy.ins, after.cmd, after.ecosystem),
      });
    }
  },
});
