import type { DockerfileModel } from '../engine/model';
import { defineRule } from '../engine/rule';
import { isPlaceholder, knownSecrets, maskSecret, secretLikeName, shannonEntropy } from '../engine/secrets';
import { keyValues } from '../engine/structure';

interface Found {
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

// `NAME=value`, `NAME: value`, `"name": "value"` anywhere in the text (RUN lines, heredocs, comments)
const ASSIGNMENT = /(?<![A-Za-z0-9_$])([A-Za-z_][A-Za-z0-9_.-]*)["']?[ \t]*[=:][ \t]*(["']?)([^\s"'\\;&|()<>$`,{}[\]]+)\2/g;
// measured on ../shared/corpus: values under this are words, versions and names, not generated credentials
const MIN_ENTROPY = 3.5;
const MIN_LENGTH = 12;
// a value naming the file a secret is in (assets/tls/server.key) is not the secret
const FILE_NAME = /\.(key|pem|crt|cert|p12|pfx|jks|keystore|der|asc|gpg|json|ya?ml|txt|conf|cfg|env|ini)$/i;

/** A generated-looking value: long, varied, mixing letters with digits or symbols, not a path, URL or placeholder. */
function looksGenerated(value: string): boolean {
  if (value.length < MIN_LENGTH || isPlaceholder(value) || /^(\/|\.\/|~\/|[a-z][a-z0-9+.-]*:\/\/)/i.test(value) || FILE_NAME.test(value)) return false;
  if (!/[0-9]/.test(value) && !/[^A-Za-z0-9]/.test(value)) return false;
  if (/^(true|false|null|none)$/i.test(value) || /^[\d.:-]+$/.test(value) || /^\d+(\.\d+)+[-\w.]*$/.test(value)) return false;
  return shannonEntropy(value) >= MIN_ENTROPY;
}

function namedValues(model: DockerfileModel): Found[] {
  const out: Found[] = [];
  const offset = model.lines.offsetAt.bind(model.lines);
  for (const ins of model.instructions) {
    for (const kv of keyValues(ins)) {
      if (kv.value === null || !kv.valueRange || kv.value.includes('$') || !secretLikeName(kv.name) || !looksGenerated(kv.value)) continue;
      out.push({ start: offset(kv.valueRange.start), end: offset(kv.valueRange.end), message: `\`${kv.name}\` holds a value that looks like a real credential (\`${maskSecret(kv.value)}\`): anyone with the Dockerfile or the image can read it; revoke it and pass it with a secret mount` });
    }
  }
  for (const m of model.text.matchAll(ASSIGNMENT)) {
    const [, name, , value] = m;
    if (!secretLikeName(name) || !looksGenerated(value)) continue;
    const start = m.index + m[0].lastIndexOf(value);
    out.push({ start, end: start + value.length, message: `\`${name}\` is set to a value that looks like a real credential (\`${maskSecret(value)}\`): anyone with the Dockerfile or the image can read it; revoke it and pass it with a secret mount` });
  }
  return out;
}

export default defineRule({
  id: 'secret-value-in-dockerfile',
  aliases: [],
  category: 'security',
  severity: 'error',
  fixable: 'never',
  docs: {
    what: 'Revoke a credential that was written into a Dockerfile, and pass its replacement with `RUN --mount=type=secret`. Fires on values with the format of a real credential anywhere in the file, comments included: AWS access key ids, GitHub, GitLab, Slack, Stripe, Google API and npm tokens, private key blocks and JWTs, and on random-looking values given to names like PASSWORD, TOKEN or API_KEY.',
    why: 'A Dockerfile is committed, reviewed, copied into build contexts and often into the image itself; ENV, ARG and RUN values also stay in the image config and history. A credential written there is readable by everyone who can read the repository or pull the image, and deleting the line later does not remove it from either. Comments are checked too, because they are published with the file.',
    example: 'FROM python:3.12-slim\nENV AWS_ACCESS_KEY_ID=AKIAQ3EGUTRJ7ZBN4XWD',
    instead: 'FROM python:3.12-slim\nRUN --mount=type=secret,id=aws,target=/root/.aws/credentials \\\n    python -m app.fetch_models',
  },
  check({ model, report }) {
    const found: Found[] = knownSecrets(model.text).map((s) => ({
      start: s.start,
      end: s.end,
      message: s.kind === 'private key'
        ? 'A private key block is written in the Dockerfile: anyone with the file or the image can use the key; revoke it and mount it as a secret'
        : `\`${maskSecret(s.value)}\` looks like ${/^[AEIOU]/.test(s.kind) ? 'an' : 'a'} ${s.kind}: anyone with the Dockerfile or the image can use it; revoke it and pass it with a secret mount`,
    }));
    // one finding per value: a known format wins over its name, and ENV's pair over the text scan of the same line
    for (const f of namedValues(model)) if (!found.some((g) => g.start < f.end && f.start < g.end)) found.push(f);
    for (const f of found.sort((a, b) => a.start - b.start)) {
      report({ range: { start: model.lines.positionAt(f.start), end: model.lines.positionAt(f.end) }, message: f.message });
    }
  },
});
