import { commandName, effectiveWords } from '../engine/facts/commands';
import { copiedPaths, isWithin, resolvePath } from '../engine/facts/layers';
import { workdirAt, type Instruction, type RunCommand } from '../engine/model';
import { defineRule, type Fix } from '../engine/rule';

/** The owner and paths of `chown [-R] owner path…`, or undefined for options we do not know (--reference, --from). */
function chownArgs(cmd: RunCommand): { owner: string | undefined; paths: (string | undefined)[]; recursive: boolean; range: RunCommand['range'] } | undefined {
  const words = effectiveWords(cmd).slice(1);
  let recursive = false;
  const rest: (string | undefined)[] = [];
  for (const w of words) {
    const v = w.value;
    if (v !== undefined && v.startsWith('-') && rest.length === 0) {
      if (v === '-R' || v === '--recursive') recursive = true;
      else if (!/^-[hvfcR]+$|^--(verbose|silent|quiet|changes|no-dereference)$/.test(v)) return undefined;
      if (/^-[a-zA-Z]*R/.test(v)) recursive = true;
      continue;
    }
    rest.push(v);
  }
  if (rest.length < 2) return undefined;
  return { owner: rest[0], paths: rest.slice(1), recursive, range: cmd.range };
}

export default defineRule({
  id: 'chown-in-separate-layer',
  aliases: [],
  category: 'size',
  severity: 'warning',
  fixable: 'sometimes',
  docs: {
    what: 'Set ownership while copying with `COPY --chown=user:group` instead of a `RUN chown` right after the `COPY`. Fires on `RUN chown` of the path the `COPY`/`ADD` just before it wrote.',
    why: 'A `chown` rewrites every file it touches into a new layer, so the copied files are stored twice: a 300 MB application becomes 600 MB to push, pull and store, and the build takes longer for nothing.',
    example: 'FROM node:22-slim\nWORKDIR /app\nCOPY dist/server.js /app/server.js\nRUN chown node:node /app/server.js',
    instead: 'FROM node:22-slim\nWORKDIR /app\nCOPY --chown=node:node dist/server.js /app/server.js',
    fixSafety:
      'Adds `--chown=` to the `COPY` and deletes the `RUN`; offered only when the `RUN` is nothing but that `chown` and the `COPY` has no `--chown` yet. Safe for a single file; unsafe with `chown -R`, because `COPY --chown` leaves a destination directory that already existed (e.g. made by `WORKDIR`) owned as before.',
  },
  check({ model, report }) {
    const lists = model.stages.length > 0 ? model.stages.map((s) => s.instructions) : [model.instructions];
    for (const list of lists) {
      const instructions = list.filter((i) => !i.onbuild);
      instructions.forEach((ins, i) => {
        const copy = instructions[i - 1];
        if (ins.keyword !== 'RUN' || !ins.run || !copy || (copy.keyword !== 'COPY' && copy.keyword !== 'ADD') || copy.isJsonForm) return;
        const written = copiedPaths(copy, workdirAt(model, copy)).map((c) => c.path);
        for (const cmd of ins.run.commands) {
          if (commandName(cmd) !== 'chown') continue;
          const chown = chownArgs(cmd);
          if (!chown) continue;
          const paths = chown.paths.map((p) => resolvePath(p, workdirAt(model, ins)));
          // `chown -R /app` after `COPY a b /app/` rewrites both files too
          const touches = (p: string | undefined) => p !== undefined && written.some((w) => w === p || (chown.recursive && isWithin(w, p)));
          if (!paths.some(touches)) continue;
          const exact = paths.every((p) => p !== undefined && written.includes(p));
          report({
            range: cmd.range,
            message: `\`chown\` rewrites the files the \`${copy.keyword}\` on line ${copy.range.start.line + 1} just wrote, storing them twice; \`${copy.keyword} --chown=${chown.owner ?? '…'}\` sets the owner without a second layer`,
            fix: () => (exact && ins.run!.commands.length === 1 && !ins.run!.jsonForm ? moveToCopy(copy, ins, chown.owner, chown.recursive) : undefined),
          });
        }
      });
    }

    function moveToCopy(copy: Instruction, run: Instruction, owner: string | undefined, recursive: boolean): Fix | undefined {
      if (!owner || copy.flags.some((f) => f.name === 'chown')) return undefined;
      const lastLine = run.range.end.line;
      // delete the RUN's whole lines; at the end of the file, the line break before it instead
      const removal =
        lastLine + 1 < model.lines.lineCount
          ? { start: { line: run.range.start.line, character: 0 }, end: { line: lastLine + 1, character: 0 } }
          : { start: model.lines.positionAt(model.lines.lineEnd(run.range.start.line - 1)), end: run.range.end };
      return {
        title: `Move the chown into ${copy.keyword} --chown=${owner}`,
        safe: !recursive,
        edits: [
          { range: { start: copy.keywordRange.end, end: copy.keywordRange.end }, newText: ` --chown=${owner}` },
          { range: removal, newText: '' },
        ],
      };
    }
  },
});
