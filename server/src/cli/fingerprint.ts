// A fingerprint of a finding that survives lines moving: the rule, the offending text (whitespace-normalised) and
// which occurrence of that pair it is. Baselines and SARIF partialFingerprints use it.
import { createHash } from 'node:crypto';
import type { DockerfileModel } from '../engine/model';
import type { Finding } from '../engine/rule';
import { secretMasker } from '../engine/facts/secrets';

export function fingerprints(model: DockerfileModel, findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  // what is hashed has the file's secrets masked, as messages do: a hash of a weak password can be guessed offline
  const mask = secretMasker(model);
  return findings.map((f) => {
    const from = model.lines.offsetAt(f.range.start);
    const to = model.lines.offsetAt(f.range.end);
    const lineText = model.lines.lineText(f.range.start.line);
    // findings about a secret: their text is the secret, so they are told apart by their (masked) message instead
    const text = f.rule.pointsAtSecrets ? f.message : mask((to > from ? model.text.slice(from, to) : lineText).replace(/\s+/g, ' ').trim());
    const key = `${f.rule.id}\0${text}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return createHash('sha256').update(`${key}\0${n}`).digest('hex').slice(0, 32);
  });
}

/**
 * A fingerprint unique in a report of many files (GitLab Code Quality and Code Climate tell issues apart by it alone,
 * and would merge the same finding in two files into one): the file's path hashed with the finding's fingerprint.
 */
export const reportFingerprint = (file: string, fingerprint: string): string =>
  createHash('sha256').update(`${file}\0${fingerprint}`).digest('hex').slice(0, 32);
