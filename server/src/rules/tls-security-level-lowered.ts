import { heredocMatches, writtenText } from '../engine/facts/secrets';
import { defineRule } from '../engine/rule';
import type { Range } from '../engine/text';

// OpenSSL settings that let weak keys, ciphers or protocol versions through: security level 0 or 1 (in a cipher
// string or a CipherString/SECLEVEL line), or a minimum protocol below TLS 1.2
const LOWERED = [/@?SECLEVEL\s*=\s*[01](?![0-9])/i, /MinProtocol\s*=\s*(?:SSLv3|TLSv1(?:\.[01])?|DTLSv1)(?![.\d])/i];

export default defineRule({
  id: 'tls-security-level-lowered',
  aliases: [],
  category: 'security',
  severity: 'warning',
  fixable: 'never',
  docs: {
    what: "Keep OpenSSL's default security level and protocol floor; renew the weak certificate or upgrade the old server instead. Fires on `SECLEVEL=1` / `@SECLEVEL=0` (`CipherString = DEFAULT@SECLEVEL=1`) and `MinProtocol = TLSv1` / `TLSv1.1` written into a configuration by `sed`, `echo` or `printf` in RUN, or by a COPY/ADD heredoc.",
    why: 'Lowering the security level re-enables SHA-1 signatures, 1024-bit RSA keys and TLS 1.0/1.1 for every program in the image that uses the system OpenSSL, not just the one connection that needed it: an attacker on the network path can then downgrade any of its connections to ciphers that are broken. Debian and Ubuntu raised these defaults on purpose.',
    example: "FROM debian:12-slim\nRUN sed -i 's/DEFAULT@SECLEVEL=2/DEFAULT@SECLEVEL=1/' /etc/ssl/openssl.cnf",
    instead: 'FROM debian:12-slim\nCOPY legacy-server-ca.crt /usr/local/share/ca-certificates/\nRUN update-ca-certificates',
  },
  scope: 'instruction',
  checkInstruction(ins, { model, report }) {
    const found: { range: Range; text: string }[] = [];
    for (const cmd of ins.run?.commands ?? []) {
      for (const { word, text } of writtenText(cmd)) {
        const m = LOWERED.map((re) => re.exec(text)).find((x) => x);
        if (m) found.push({ range: word.range, text: m[0] });
      }
    }
    found.push(...heredocMatches(model, ins, LOWERED));
    for (const f of found) {
      report({
        range: f.range,
        message: `\`${f.text}\` lowers OpenSSL's security for every program in the image (weak keys, SHA-1, old TLS versions): fix the peer instead`,
      });
    }
  },
});
