import { commandName, effectiveWords } from '../engine/facts/commands';
import { downloadTarget } from '../engine/facts/downloads';
import { copiedPaths, isWithin, resolvePath } from '../engine/facts/layers';
import { cacheMountTargets, cachesWritten } from '../engine/facts/packageManagers';
import { isRootUser } from '../engine/facts/user';
import { envAt, instructionsBefore, userAt, workdirAt, type DockerfileModel, type Instruction, type RunCommand, type Word } from '../engine/model';
import { defineRule } from '../engine/rule';

interface Added {
  readonly path: string;
  readonly ins: Instruction;
}

/** root's home when the RUN runs as root (no USER, or USER root/0); another user's home is not known here. */
function rootHome(model: DockerfileModel, ins: Instruction): string | undefined {
  const user = userAt(model, ins);
  return user === undefined || isRootUser(user.user) ? '/root' : undefined;
}

/** `~/x` -> `<home>/x` for a RUN whose home is known. */
const expandHome = (path: string, home: string | undefined): string | undefined =>
  path === '~' || path.startsWith('~/') ? (home === undefined ? undefined : home + path.slice(1)) : path;

/** The operands of `rm`; `dir/*` counts as `dir` (other wildcards are left out). */
function removedOperands(cmd: RunCommand): { word: Word; path: string }[] {
  const out: { word: Word; path: string }[] = [];
  let options = true;
  for (const w of effectiveWords(cmd).slice(1)) {
    const v = w.value;
    if (v === undefined) continue;
    if (options && v === '--') options = false;
    else if (options && v.startsWith('-')) continue;
    else if (/\/\*$/.test(v) && !/[*?[]/.test(v.slice(0, -2))) out.push({ word: w, path: v.slice(0, -2) });
    else if (!/[*?[]/.test(v)) out.push({ word: w, path: v });
  }
  return out;
}

export default defineRule({
  id: 'file-removed-in-later-layer',
  aliases: [],
  category: 'size',
  severity: 'warning',
  fixable: 'never',
  docs: {
    what: "Remove a file in the same `RUN` that downloads, unpacks or caches it, or copy it into a build stage instead. Fires on `rm` of a path that an earlier `COPY`/`ADD`, download (`wget -O`, `curl -o`) or package step of the final image put there: `rm -rf /var/lib/apt/lists/*` after an earlier RUN's `apt-get update`, `/var/cache/apk` after `apk add` without `--no-cache`, `/var/cache/yum`/`dnf`, `~/.cache/pip` and `~/.npm` after pip and npm installs (unless a cache mount kept them out).",
    why: 'Layers only add: the `rm` hides the file in a new layer, but the bytes stay in the layer that added it and are pushed and pulled with every deploy. Secrets copied in and "deleted" later can still be extracted from the image.',
    example: 'FROM debian:12\nCOPY app.tar.gz /tmp/app.tar.gz\nRUN tar -xzf /tmp/app.tar.gz -C /opt\nRUN rm /tmp/app.tar.gz',
    instead: 'FROM debian:12\nRUN --mount=type=bind,source=app.tar.gz,target=/tmp/app.tar.gz \\\n    tar -xzf /tmp/app.tar.gz -C /opt',
  },
  check({ model, report }) {
    const instructions = instructionsBefore(model, 'end');
    const added: Added[] = [];
    for (const ins of instructions) {
      if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
        for (const c of copiedPaths(ins, workdirAt(model, ins))) added.push({ path: c.path, ins });
        continue;
      }
      if (!ins.run) continue;
      const downloads: Added[] = [];
      let changedDir = false;
      for (const cmd of ins.run.commands) {
        const name = commandName(cmd);
        // after a `cd` (or pushd), relative paths of this RUN no longer start from WORKDIR
        if (name === 'cd' || name === 'pushd') changedDir = true;
        const cwd = changedDir ? undefined : workdirAt(model, ins);
        const home = rootHome(model, ins);
        if (name === 'rm') {
          for (const op of removedOperands(cmd)) {
            const removed = resolvePath(expandHome(op.path, home), cwd);
            if (removed === undefined) continue;
            // what this RUN downloaded or cached and removes again never reaches its layer
            for (let k = downloads.length - 1; k >= 0; k--) if (isWithin(downloads[k].path, removed)) downloads.splice(k, 1);
            const hits = added.filter((a) => isWithin(a.path, removed));
            if (hits.length === 0) continue;
            const hit = hits[0];
            const what = hit.path === removed ? `\`${op.word.text}\` was added` : `\`${op.word.text}\` removes \`${hit.path}\`, added`;
            report({
              range: op.word.range,
              message: `${what} by the \`${hit.ins.keyword}\` on line ${hit.ins.range.start.line + 1}; removing it in a later layer leaves its bytes in the image`,
            });
            // gone now: a second rm of the same path is not a second finding
            for (const h of hits) added.splice(added.indexOf(h), 1);
          }
        }
        const target = resolvePath(downloadTarget(cmd), cwd);
        if (target !== undefined) downloads.push({ path: target, ins });
        // package lists and caches, unless a cache mount keeps them out of the layer (or pip is told to keep none)
        const mounts = cacheMountTargets(ins);
        const pipOff = envAt(model, ins, 'PIP_NO_CACHE_DIR');
        for (const dir of cachesWritten(cmd, home)) {
          if (mounts.some((m) => isWithin(dir, m) || isWithin(m, dir))) continue;
          if (dir.endsWith('/.cache/pip') && pipOff !== undefined && !/^(0|false|no|off)$/i.test(pipOff)) continue;
          downloads.push({ path: dir, ins });
        }
      }
      // a download removed in its own RUN never reaches a layer: only later RUNs count
      added.push(...downloads);
    }
  },
});
