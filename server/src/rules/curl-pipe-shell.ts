import { commandName, effectiveWords, pipelineOf } from '../engine/facts/commands';
import { interpreterName, programSource } from '../engine/facts/interpreters';
import type { RunCommand } from '../engine/model';
import { defineRule } from '../engine/rule';

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
    return words.some(
      (w, i) =>
        /^(-[a-zA-Z]*O-|--output-document=-|-O\/dev\/stdout|--output-document=\/dev\/stdout)$/.test(w) ||
        (/^-[a-zA-Z]*O$/.test(w) && (words[i + 1] === '-' || words[i + 1] === '/dev/stdout')),
    );
  }
  return false;
}

/** An interpreter reading its program from stdin: `sh`, `bash -s -- args`, `sudo -E bash -`, `python3 -`, `php -- args`, `node`. */
const readsStdin = (cmd: RunCommand): boolean => programSource(cmd)?.kind === 'stdin';

/**
 * `sh -c "$(curl …)"`, `bash <(curl …)`, `python3 <(wget -qO- …)`, `perl -e "$(curl …)"`: the program is the download.
 * `eval "$(curl …)"` and `. <(curl …)` too. A download passed as data (`sh script.sh "$(curl …)"`) is not a program.
 */
function runsFetchedScript(cmd: RunCommand): boolean {
  const name = commandName(cmd) ?? '';
  if (name === 'eval' || name === 'source' || name === '.')
    return effectiveWords(cmd)
      .slice(1)
      .some((w) => FETCH_IN_WORD.test(w.text));
  const source = programSource(cmd);
  return (source?.kind === 'code' || source?.kind === 'file') && FETCH_IN_WORD.test(source.word.text);
}

export default defineRule({
  id: 'curl-pipe-shell',
  aliases: [],
  category: 'security',
  severity: 'warning',
  fixable: 'never',
  docs: {
    what: 'Download install scripts to a file, check their checksum, then run them. Fires wherever a download becomes the program of a shell or another interpreter: `curl … | sh`, `wget -O- … | sudo bash -s --`, `curl … | python3 -`, `curl … | php -- --install-dir=…`, `| node`, `| perl`, `| ruby`, `| env python3`, `| tee log | sh`, `sh -c "$(curl …)"`, `bash <(wget -qO- …)`, `python3 <(curl …)`, `eval "$(curl …)"`. A download given to an interpreter as data (`curl … | python3 -c "import json,sys; …"`, `| perl -pe …`) is not a program and is left alone.',
    why: 'Piping a download into a shell or an interpreter runs whatever the server sends at that moment, as root, with no record of what ran: a compromised or hijacked host, or a truncated download cut mid-line, becomes code in your image. A pinned checksum makes the build fail instead.',
    example: 'FROM debian:12-slim\nRUN curl -fsSL https://example.com/install.sh | sh',
    instead:
      'FROM debian:12-slim\nRUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \\\n    && echo "3b1f5d6e0c2a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e  /tmp/install.sh" | sha256sum -c - \\\n    && sh /tmp/install.sh',
  },
  scope: 'instruction',
  checkInstruction(ins, { model, report }) {
    const commands = ins.run?.commands ?? [];
    const seen = new Set<RunCommand>();
    for (const cmd of commands) {
      if (runsFetchedScript(cmd)) {
        report({
          range: cmd.range,
          message: `\`${interpreterName(cmd) ?? commandName(cmd)}\` runs a script fetched at build time without checking what was downloaded`,
        });
        continue;
      }
      if (seen.has(cmd) || !cmd.inPipeline || !fetchesToStdout(cmd)) continue;
      const pipeline = pipelineOf(cmd, model);
      pipeline.forEach((c) => seen.add(c));
      const shell = pipeline.slice(pipeline.indexOf(cmd) + 1).find(readsStdin);
      if (!shell) continue;
      report({
        range: { start: cmd.range.start, end: shell.range.end },
        message: `\`${commandName(cmd)} … | ${interpreterName(shell)}\` runs whatever the server sends at build time, unverified`,
      });
    }
  },
});
