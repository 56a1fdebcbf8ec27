import { commandName, effectiveWords } from '../engine/facts/commands';
import { resolvePath } from '../engine/facts/layers';
import { isUnderBaseWorkdir, unquote, workdirAt, type RunCommand, type Word } from '../engine/model';
import { defineRule } from '../engine/rule';

// the archives ADD unpacks: tar, plain or compressed with gzip, bzip2 or xz
const ARCHIVE = /\.(tar|tgz|tar\.gz|tbz2?|tar\.bz2|txz|tar\.xz)$/i;
// `C:\Program Files\app` is absolute on Windows images; comparisons use forward slashes
const slashes = (p: string) => p.replace(/\\/g, '/').replace(/^([A-Za-z]):\//, '/$1:/');
const baseName = (p: string) =>
  slashes(p)
    .replace(/(?<!\/)\/+$/, '')
    .split('/')
    .pop() ?? '';

/** The archive a `tar` command extracts (`tar -xf F`, `tar xzf F`, `tar --extract --file=F`), as written. */
function extractedArchive(cmd: RunCommand): string | undefined {
  if (commandName(cmd) !== 'tar') return undefined;
  const words = effectiveWords(cmd)
    .slice(1)
    .map((w) => w.value);
  let extract = false;
  let file: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const v = words[i];
    if (v === undefined) continue;
    if (v === '--extract' || v === '--get') extract = true;
    else if (v === '--file') file = words[++i];
    else if (v.startsWith('--file=')) file = v.slice('--file='.length);
    else if (v === '-C' || v === '--directory') i++;
    else if (/^-[A-Za-z]+$/.test(v) || (i === 0 && /^[A-Za-z]+$/.test(v))) {
      // bundled short options, or tar's old style (`tar xzf app.tar`) as its first word; f takes the rest or the next word
      const f = v.indexOf('f');
      const letters = f >= 0 ? v.slice(0, f) : v;
      if (letters.includes('x')) extract = true;
      if (f >= 0) file = v.startsWith('-') && f < v.length - 1 ? v.slice(f + 1) : words[++i];
    }
  }
  return extract ? file : undefined;
}

interface CopiedArchive {
  readonly word: Word;
  /** where the archive may be now: the destination itself (renamed) or inside it (a folder) */
  readonly paths: readonly string[];
  /** its file name there */
  readonly names: readonly string[];
}

export default defineRule({
  id: 'archive-copied-then-extracted',
  aliases: [{ tool: 'hadolint', code: 'DL3010', relation: 'same' }],
  category: 'size',
  severity: 'information',
  fixable: 'never',
  docs: {
    what: 'Let ADD unpack a local archive (`ADD app.tar.gz /opt/`), or mount it for the RUN that unpacks it, instead of COPYing it and running `tar -x` in a later layer. Fires on a COPY of a local `.tar`, `.tar.gz`/`.tgz`, `.tar.bz2` or `.tar.xz` that a later RUN of the same stage extracts with `tar`.',
    why: "Layers only add: the archive a COPY put in the image stays in its layer although only its contents are used, so the image carries them twice, packed and unpacked. ADD unpacks a local archive in one layer; `RUN --mount=type=bind,source=app.tar.gz,target=/tmp/app.tar.gz tar -xzf /tmp/app.tar.gz -C /opt` keeps the archive out of the image and still allows tar's options such as `--strip-components`.",
    example: 'FROM debian:12\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt',
    instead: 'FROM debian:12\nADD app.tar.gz /opt/',
  },
  check({ model, report }) {
    // per stage (and what comes before the first FROM, in a fragment)
    const groups = [model.instructions.filter((i) => !i.stage), ...model.stages.map((s) => s.instructions)];
    for (const group of groups) {
      const instructions = group.filter((i) => !i.onbuild);
      const copied: CopiedArchive[] = [];
      const reported = new Set<Word>();
      for (const ins of instructions) {
        // COPY --from copies out of another stage or image, not from the build context; ADD unpacks by itself
        if (ins.keyword === 'COPY' && !ins.isJsonForm && ins.heredocs.length === 0 && ins.args.length >= 2 && !ins.flags.some((f) => f.name === 'from')) {
          const sources = ins.args.slice(0, -1);
          const destText = unquote(ins.args.at(-1)!.value ?? '');
          const dest = resolvePath(slashes(destText), workdirAt(model, ins));
          const intoFolder = destText.endsWith('/') || destText.endsWith('\\') || sources.length > 1;
          for (const word of sources) {
            const source = unquote(word.value ?? '');
            if (!ARCHIVE.test(source) || /[$*?[]/.test(source)) continue;
            const name = baseName(source);
            const destName = baseName(destText);
            copied.push({
              word,
              paths: dest === undefined ? [] : intoFolder ? [`${dest}/${name}`] : [dest, `${dest}/${name}`],
              names: intoFolder || !ARCHIVE.test(destName) ? [name] : [destName, name],
            });
          }
          continue;
        }
        if (!ins.run) continue;
        let changedDir = false;
        for (const cmd of ins.run.commands) {
          const name = commandName(cmd);
          if (name === 'cd' || name === 'pushd') changedDir = true;
          const archive = extractedArchive(cmd);
          if (archive === undefined || archive.includes('$')) continue;
          // a relative path whose folder is unknown (the base image's WORKDIR, or after a cd) is matched by its name
          const cwd = changedDir ? undefined : workdirAt(model, ins);
          const known = slashes(archive).startsWith('/') || (cwd !== undefined && !isUnderBaseWorkdir(cwd));
          const where = known ? resolvePath(slashes(archive), cwd) : undefined;
          const hit = copied.find((c) => (where !== undefined ? c.paths.includes(where) : c.names.includes(baseName(archive))));
          if (!hit || reported.has(hit.word)) continue;
          reported.add(hit.word);
          report({
            range: hit.word.range,
            message: `\`${baseName(hit.word.value ?? '')}\` is copied into a layer of its own and unpacked by \`tar\` on line ${cmd.range.start.line + 1}, so the image keeps the archive too; ADD unpacks it in one step`,
          });
        }
      }
    }
  },
});
