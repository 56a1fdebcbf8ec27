import { parsePort } from '../engine/facts/runtime';
import { defineRule } from '../engine/rule';
import type { Word } from '../engine/model';

const PROTOCOLS = new Set(['tcp', 'udp', 'sctp']);

/** What is wrong with one EXPOSE word, and the fix when it is only the protocol's casing. */
function problem(word: Word): { message: string; lowerProto?: { at: number; text: string } } | undefined {
  const text = word.value ?? word.text;
  if (text.includes('$')) return undefined; // a variable: its value is known only at build time
  if (text.includes(':')) {
    return { message: `\`${text}\` names a host address or host port, which only \`docker run -p\` can set: EXPOSE takes a container port` };
  }
  const spec = parsePort(text);
  if (!spec) return { message: `\`${text}\` is not a port or port range (\`80\`, \`8000-8010\`, \`53/udp\`), so the build rejects it` };
  if (spec.to > 65535 || spec.from > spec.to) return { message: `\`${text}\` is not a valid port: ports go from 0 to 65535 and a range from low to high` };
  if (spec.proto === undefined) return undefined;
  const lower = spec.proto.toLowerCase();
  if (!PROTOCOLS.has(lower)) return { message: `\`${text}\` names the protocol \`${spec.proto}\`; EXPOSE knows only tcp, udp and sctp` };
  if (lower !== spec.proto)
    return {
      message: `\`${text}\` writes the protocol in upper case; Docker expects \`${spec.ports}/${lower}\``,
      lowerProto: { at: spec.protoOffset, text: lower },
    };
  return undefined;
}

export default defineRule({
  id: 'expose-invalid',
  aliases: [
    { tool: 'hadolint', code: 'DL3011', relation: 'same' },
    { tool: 'buildkit', code: 'ExposeInvalidFormat', relation: 'same' },
    { tool: 'buildkit', code: 'ExposeProtoCasing', relation: 'same' },
  ],
  category: 'correctness',
  severity: 'warning',
  fixable: 'sometimes',
  docs: {
    what: 'Write each EXPOSE value as a container port or range from 0 to 65535 with an optional lower-case `/tcp`, `/udp` or `/sctp`. Fires on ports out of range, host addresses or host-port mappings (`127.0.0.1:80:80`, `5000:5000`) and upper-case protocols (`80/TCP`).',
    why: 'EXPOSE documents which ports the app listens on, and tools read it (`docker run -P`, Compose, scanners). A host address or host port in it publishes nothing (only `docker run -p` does) and BuildKit says it will become a build error; an out-of-range port is not a port at all; an upper-case protocol is accepted today only by lenient parsing.',
    example: 'FROM nginx:1.27\nEXPOSE 127.0.0.1:80:80 443/TCP',
    instead: 'FROM nginx:1.27\nEXPOSE 80 443/tcp',
    fixSafety:
      'Lower-cases an upper-case protocol (`80/TCP` -> `80/tcp`). Safe: Docker reads both the same way. Ports out of range and host mappings get no fix: only you know the intended port.',
  },
  scope: 'instruction',
  checkInstruction(ins, { report }) {
    if (ins.keyword !== 'EXPOSE') return;
    for (const word of ins.args) {
      const found = problem(word);
      if (!found) continue;
      const lower = found.lowerProto;
      const single = word.range.start.line === word.range.end.line && word.text === word.value;
      report({
        range: word.range,
        message: found.message,
        fix:
          lower && single
            ? () => {
                const start = { line: word.range.start.line, character: word.range.start.character + lower.at };
                return {
                  title: `Write the protocol as ${lower.text}`,
                  safe: true,
                  edits: [{ range: { start, end: { line: start.line, character: start.character + lower.text.length } }, newText: lower.text }],
                };
              }
            : undefined,
      });
    }
  },
});
