import { commandName, effectiveWords, pipelineOf } from '../engine/facts/commands';
import { downloads, savedFile, VERIFIERS } from '../engine/facts/downloads';
import { interpreterName } from '../engine/facts/interpreters';
import { expandAt, laterInstructions, type DockerfileModel, type Instruction, type RunCommand } from '../engine/model';
import { defineRule } from '../engine/rule';

// folders whose files are run as commands
const BIN_DIR = /^\/(usr\/(local\/)?)?s?bin(\/|$)|^\/opt\/[^/]+\/bin(\/|$)/;
const baseName = (path: string): string => path.replace(/^\.\//, '').split('/').pop() ?? path;

// a URL that names a commit id serves that commit's content, whatever happens to the branches
const COMMIT_IN_URL = /\/[0-9a-f]{40}(\/|$)/;

/** Whether a later RUN of the image checks the file (`RUN minisign -Vm /go/bin/minio …` after the download's RUN). */
function verifiedLater(model: DockerfileModel, ins: Instruction, file: string): boolean {
  return laterInstructions(ins, model).some((i) =>
    i.run?.commands.some((c) => VERIFIERS.test(commandName(c) ?? '') && c.words.some((w) => w.value !== undefined && baseName(w.value) === baseName(file))),
  );
}

/** What a command does with a downloaded file `file`, if it installs, runs or unpacks it into a bin folder. */
function use(cmd: RunCommand, file: string): string | undefined {
  const name = commandName(cmd) ?? '';
  const words = effectiveWords(cmd)
    .slice(1)
    .map((w) => w.value ?? '');
  const names = (w: string) => w !== '' && baseName(w) === baseName(file);
  const operand = words.find(names);
  if (name === baseName(file) || (cmd.name && names(cmd.name) && cmd.name.includes('/'))) return `runs \`${file}\``;
  if (!operand) return undefined;
  const short = (letters: string) => words.some((w) => /^-[a-zA-Z]+$/.test(w) && [...letters].some((l) => w.includes(l)));
  if (name === 'dpkg' && (short('i') || words.includes('--install'))) return `\`dpkg -i\` installs \`${file}\``;
  if (name === 'rpm' && (short('iUF') || words.some((w) => ['--install', '--upgrade', '--freshen'].includes(w)))) return `\`rpm\` installs \`${file}\``;
  if (/^(apt-get|apt|yum|dnf|microdnf|zypper|gdebi)$/.test(name) && /\.(deb|rpm)$/.test(operand)) return `\`${name}\` installs \`${file}\``;
  if (interpreterName(cmd)) return `\`${interpreterName(cmd)}\` runs \`${file}\``;
  if (name === 'chmod' && words.some((w) => (/x/.test(w) && /^[ugoa]*\+/.test(w)) || /^[0-7]*[1357]$/.test(w))) return `\`chmod\` makes \`${file}\` executable`;
  if ((name === 'tar' || name === 'unzip') && words.some((w) => BIN_DIR.test(w))) return `\`${name}\` unpacks \`${file}\` into a bin folder`;
  if ((name === 'install' || name === 'mv' || name === 'cp') && BIN_DIR.test(words.at(-1) ?? '')) return `\`${name}\` puts \`${file}\` in \`${words.at(-1)}\``;
  return undefined;
}

export default defineRule({
  id: 'download-installed-unverified',
  aliases: [],
  category: 'security',
  severity: 'warning',
  fixable: 'never',
  docs: {
    what: 'Check a checksum or signature of what a RUN downloads before installing or running it. Fires when a file fetched with `curl`/`wget` in a RUN is then installed (`dpkg -i`, `rpm -i`, `apt-get install ./x.deb`), run (`./x`, `sh x.sh`, `chmod +x`), or unpacked or moved into a bin folder (`tar -x -C /usr/local/bin`, `curl … | tar -x -C /usr/local/bin`, `install x /usr/local/bin/`), and nothing checks it (`sha256sum -c`, `gpg --verify`, `cosign verify`, `minisign -V` … in the same RUN, or on that file in a later RUN). A URL that names a commit id (`raw.githubusercontent.com/<o>/<r>/<40-hex>/…`, also through an ENV/ARG) is fixed content and left alone.',
    why: 'A download is whatever the server (or anyone between it and the build) sends that day: a compromised release page, a hijacked domain or a tampered mirror becomes a program in your image, run as root, with nothing in the build noticing. A checksum pinned in the Dockerfile, or a signature checked against a key you trust, makes the build fail instead.',
    example: 'FROM debian:12-slim\nRUN curl -fsSLo /tmp/tool.deb https://example.com/tool_1.2_amd64.deb \\\n    && dpkg -i /tmp/tool.deb && rm /tmp/tool.deb',
    instead:
      'FROM debian:12-slim\nRUN curl -fsSLo /tmp/tool.deb https://example.com/tool_1.2_amd64.deb \\\n    && echo "3b1f5d6e0c2a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e  /tmp/tool.deb" | sha256sum -c - \\\n    && dpkg -i /tmp/tool.deb && rm /tmp/tool.deb',
  },
  check({ model, report }) {
    const byRun = new Map<RunCommand['instruction'], RunCommand[]>();
    for (const d of downloads(model)) {
      if (d.verified || (d.tool !== 'curl' && d.tool !== 'wget') || COMMIT_IN_URL.test(expandAt(model, d.ins, d.url) ?? d.url)) continue;
      const cmd = d.ins.run?.commands.find((c) => c.words.includes(d.word));
      if (cmd && !byRun.get(d.ins)?.includes(cmd)) byRun.set(d.ins, [...(byRun.get(d.ins) ?? []), cmd]);
    }
    for (const [ins, fetches] of byRun) {
      const commands = ins.run!.commands;
      const reported = new Set<RunCommand>();
      for (const fetch of fetches) {
        const tool = commandName(fetch);
        // piped straight into tar: `curl … | tar -xz -C /usr/local/bin`
        const piped = fetch.inPipeline
          ? pipelineOf(fetch, model)
              .slice(1)
              .find((c) => commandName(c) === 'tar' && effectiveWords(c).some((w) => BIN_DIR.test(w.value ?? '')))
          : undefined;
        if (piped) {
          report({
            range: { start: fetch.range.start, end: piped.range.end },
            message: `\`${tool} … | tar\` unpacks a download into a bin folder without a checksum or signature check; verify it first (\`sha256sum -c\`, \`gpg --verify\`)`,
          });
          continue;
        }
        const file = savedFile(fetch);
        if (!file || verifiedLater(model, ins, file)) continue;
        for (const cmd of commands.slice(commands.indexOf(fetch) + 1)) {
          const what = use(cmd, file);
          if (!what) continue;
          // `dpkg -i a.deb b.deb` after two downloads: one finding
          if (reported.has(cmd)) break;
          reported.add(cmd);
          report({
            range: cmd.range,
            message: `${what[0].toUpperCase()}${what.slice(1)}, downloaded by \`${tool}\` without a checksum or signature check; verify it first (\`sha256sum -c\`, \`gpg --verify\`)`,
          });
          break;
        }
      }
    }
  },
});
