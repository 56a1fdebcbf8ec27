import { commandName, reachesFinalImage, runCommands } from '../engine/facts/commands';
import { broadCopies } from '../engine/facts/buildContext';
import { parseDockerignore } from '../engine/facts/layers';
import type { DockerfileModel } from '../engine/model';
import { defineRule } from '../engine/rule';
import { LineIndex } from '../engine/text';

/** What a context copy must not carry, as a context path to test, and the line that excludes it. */
interface Entry {
  readonly probe: string;
  readonly line: string;
}

/** The entries the build context needs left out: always .git and .env, plus those of the ecosystems the Dockerfile uses. */
function expectedEntries(model: DockerfileModel): Entry[] {
  const names = new Set(runCommands(model).map(commandName));
  const uses = (tools: readonly string[], image: RegExp) => tools.some((t) => names.has(t)) || model.stages.some((s) => image.test(s.base.text));
  const entries: Entry[] = [
    { probe: '.git', line: '.git' },
    { probe: '.env', line: '.env' },
  ];
  if (uses(['npm', 'npx', 'yarn', 'pnpm', 'node'], /(^|\/)node(:|$)/)) entries.push({ probe: 'node_modules', line: 'node_modules' });
  if (uses(['pip', 'pip3', 'python', 'python3', 'poetry', 'uv', 'pipenv'], /(^|\/)python(:|$)/)) {
    entries.push({ probe: '__pycache__', line: '__pycache__' }, { probe: '.venv', line: '.venv' });
  }
  if (uses(['cargo', 'mvn', './mvnw'], /(^|\/)(rust|maven)(:|$)/)) entries.push({ probe: 'target', line: 'target' });
  return entries;
}

export default defineRule({
  id: 'dockerignore-incomplete',
  aliases: [],
  category: 'security',
  severity: 'warning',
  fixable: 'sometimes',
  checklist: { item: 'dockerignore' },
  needs: ['dockerignore'],
  docs: {
    what: 'List `.git`, `.env` and the local dependency and build folders of your ecosystem (`node_modules`, `__pycache__`, `.venv`, `target`) in `.dockerignore`. Fires on `COPY . …`/`ADD . …` reaching the image when the `.dockerignore` lets one of them through.',
    why: 'A context copy takes everything the `.dockerignore` does not exclude: `.git` ships your history, `.env` your credentials, and a host `node_modules` or `.venv` built for another OS overwrites the one installed in the image, bloats it and busts the cache on every change.',
    example: 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "server.js"]',
    exampleFiles: { '.dockerignore': '.git\n' },
    instead: 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "server.js"]',
    insteadFiles: { '.dockerignore': '.git\n.env\nnode_modules\n' },
    fixSafety:
      'Adds the missing lines at the end of the .dockerignore the build uses (nothing else in it changes). Not safe: files the image used to receive are no longer sent, which is the point, but a build that really copies one of them then fails or changes; check the lines before applying.',
  },
  check({ model, dockerignore, report }) {
    if (!dockerignore) return; // none (dockerignore-missing's case) or unknown
    const copy = broadCopies(model).find((c) => reachesFinalImage(model, c.ins));
    if (!copy) return;
    const ignore = parseDockerignore(dockerignore.text);
    const missing = expectedEntries(model).filter((e) => !ignore.ignores(e.probe));
    if (missing.length === 0) return;
    const text = dockerignore.text;
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    report({
      range: copy.source.range,
      message: `\`${copy.ins.keyword} ${copy.source.text}\` sends the whole build context and ${dockerignore.path ?? dockerignore.fileName} does not exclude ${missing.map((m) => `\`${m.line}\``).join(', ')}, so ${missing.length === 1 ? 'it ends' : 'they end'} up in the image${dockerignore.notEditable ? ` (no fix: ${dockerignore.notEditable})` : ''}`,
      // a .dockerignore fixes may not write (see DockerignoreView.notEditable) gets the finding without the fix
      fix: dockerignore.notEditable
        ? undefined
        : () => ({
            title: `Add ${missing.map((m) => m.line).join(', ')} to ${dockerignore.path ?? dockerignore.fileName}`,
            safe: false,
            edits: [],
            createFile: {
              relativePath: dockerignore.path ?? dockerignore.fileName,
              text: (text === '' || text.endsWith('\n') ? '' : eol) + missing.map((m) => m.line + eol).join(''),
              appendAt: new LineIndex(text).positionAt(text.length),
            },
          }),
    });
  },
});
