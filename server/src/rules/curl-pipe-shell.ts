import { commandName, effectiveWords } from '../engine/facts/commands';
import { pipelineOf } from '../engine/facts/commands';
import type { RunCommand } from '../engine/model';
import { defineRule } from '../engine/rule';

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'busybox']);
const FETCH_IN_WORD = /(\$\(|`|<\()\s*((?:[^\s/`$(<]*\/)*)(curl|wget)\s/;

/** curl or wget writing the download to stdout (curl's default; wget needs -O -). */
function fetchesToStdout(cmd: RunCommand): boolean {
  const name = commandName(cmd);
  const words = effectiveWords(cmd).map((w) => w.value ?? w.text);
  if (name === 'curl') {
    const o = words.findIndex((w) => /^(-[a-zA-Z]*o|--output)$/.test(w));
    return !words.some((w) => /^(-[a-zA-NP-Z]*O[a-zA-Z]*|--remote-name(-all)?)$/.test(w)) && (o < 0 || words[o + 1] === '-');
  }
  if (name === 'wget') {
    return words.some((w, i) => /^(-[a-zA-Z]*O-|--output-document=-|-O\/dev\/stdout|--output-document=\/dev\/stdout)$/.test(w) || (/^-[a-zA-Z]*O$/.test(w) && (words[i + 1] === '-' || words[i + 1] === '/dev/stdout')));
  }
  return false;
}

/** A shell reading its script from stdin (`sh`, `bash -s -- args`, `sudo -E bash -`), not running one given with -c. */
function shellReadsStdin(cmd: RunCommand): boolean {
  if (!SHELLS.has(commandName(cmd) ?? '')) return false;
  const args = effectiveWords(cmd).slice(1).map((w) => w.value ?? w.text);
  const firstOperand = args.find((a) => !a.startsWith('-'));
  return !args.some((a) => /^-[abd-zA-Z]*c[a-zA-Z]*$/.test(a)) && (firstOperand === undefined || args.includes('-s') || args.includes('-'));
}

/** `sh -c "$(curl …)"`, `bash <(curl …)`, `eval "$(wget -O- …)"`, `. <(curl …)`. */
function runsFetchedScript(cmd: RunCommand): boolean {
  const name = commandName(cmd) ?? '';
  if (!SHELLS.has(name) && name !== 'eval' && name !== 'source' && name !== '.') return false;
  return effectiveWords(cmd).slice(1).some((w) => FETCH_IN_WORD.test(w.text));
}

export default defineRule({
  id: 'curl-pipe-shell',
  aliases: [],
  category: 'security',
  severity: 'warning',
  fixable: 'never',
  docs: {
    what: 'Download install scripts to a file, check their checksum, then run them. Fires on `curl … | sh`, `wget -O- … | bash`, `sh -c "$(curl …)"` and `bash <(curl …)`.',
    why: 'Piping a download into a shell runs whatever the server sends at that moment, as root, with no record of what ran: a compromised or hijacked host, or a truncated download cut mid-line, becomes code in your image. A pinned checksum makes the build fail instead.',
    example: 'FROM debian:12-slim\nRUN curl -fsSL https://example.com/install.sh | sh',
    instead: 'FROM debian:12-slim\nRUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \\\n    && echo "3b1f5d6e0c2a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e  /tmp/install.sh" | sha256sum -c - \\\n    && sh /tmp/install.sh',
  },
  check({ model, report }) {
    for (const ins of model.instructions) {
      const commands = ins.run?.commands ?? [];
      const seen = new Set<RunCommand>();
      for (const cmd of commands) {
        if (runsFetchedScript(cmd)) {
          report({ range: cmd.range, message: `\`${commandName(cmd)}\` runs a script fetched at build time without checking what was downloaded` });
          continue;
        }
        if (seen.has(cmd) || !cmd.inPipeline || !fetchesToStdout(cmd)) continue;
        const pipeline = pipelineOf(cmd, model);
        pipeline.forEach((c) => seen.add(c));
        const shell = pipeline.slice(pipeline.indexOf(cmd) + 1).find(shellReadsStdin);
        if (!shell) continue;
        report({
          range: { start: cmd.range.start, end: shell.range.end },
          message: `\`${commandName(cmd)} … | ${commandName(shell)}\` runs whatever the server sends at build time, unverified`,
        });
      }
    }
  },
});
