import type { DockerfileModel } from '../engine/model';
import { defineRule } from '../engine/rule';
import { isPlaceholder, knownSecrets, maskSecret, namedSecrets, urlCredentials } from '../engine/facts/secrets';

interface Found {
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

function namedValues(model: DockerfileModel): Found[] {
  return namedSecrets(model).map((s) => ({
    start: s.start,
    end: s.end,
    message: s.pair
      ? `\`${s.name}\` holds a value that looks like a real credential (\`${maskSecret(s.value)}\`): anyone with the Dockerfile or the image can read it; revoke it and pass it with a secret mount`
      : `\`${s.name}\` is set to a value that looks like a real credential (\`${maskSecret(s.value)}\`): anyone with the Dockerfile or the image can read it; revoke it and pass it with a secret mount`,
  }));
}

/**
 * Passwords and tokens written in URLs (`ADD https://deploy:…@files.corp/x`, `ENV PIP_INDEX_URL=https://u:…@…`),
 * except on RUN lines, where credentials-in-run reports them (with where the value comes from).
 */
function urlValues(model: DockerfileModel): Found[] {
  const runs = model.instructions
    .filter((i) => i.keyword === 'RUN')
    .map((i) => [model.lines.offsetAt(i.range.start), model.lines.offsetAt(i.range.end)] as const);
  return urlCredentials(model.text)
    .filter((c) => !c.value.includes('$') && !isPlaceholder(c.value) && !/^(pass(word)?|passwd|pwd|secret|token)$/i.test(c.value))
    .filter((c) => !runs.some(([from, to]) => from <= c.start && c.end <= to))
    .map((c) => ({
      start: c.start,
      end: c.end,
      message: `\`${c.scheme}://${c.password === undefined ? '…' : `${c.user}:…`}@\` ${c.password === undefined ? 'holds a token' : 'holds a password'} in the URL: anyone with the Dockerfile or the image can read it; revoke it and pass it with a secret mount`,
    }));
}

export default defineRule({
  id: 'secret-value-in-dockerfile',
  aliases: [],
  category: 'security',
  severity: 'error',
  fixable: 'never',
  checklist: { item: 'no-secrets' },
  pointsAtSecrets: true,
  docs: {
    what: 'Revoke a credential that was written into a Dockerfile, and pass its replacement with `RUN --mount=type=secret`. Fires on values with the format of a real credential anywhere in the file, comments included: AWS access key ids, GitHub, GitLab, Slack, Stripe, Google API and npm tokens, private key blocks and JWTs, passwords and tokens in URLs (`https://user:password@host`; on RUN lines that is credentials-in-run), and on random-looking values given to names like PASSWORD, TOKEN or API_KEY.',
    why: 'A Dockerfile is committed, reviewed, copied into build contexts and often into the image itself; ENV, ARG and RUN values also stay in the image config and history. A credential written there is readable by everyone who can read the repository or pull the image, and deleting the line later does not remove it from either. Comments are checked too, because they are published with the file.',
    example: 'FROM python:3.12-slim\nENV AWS_ACCESS_KEY_ID=AKIAQ3EGUTRJ7ZBN4XWD',
    instead: 'FROM python:3.12-slim\nRUN --mount=type=secret,id=aws,target=/root/.aws/credentials \\\n    python -m app.fetch_models',
  },
  check({ model, report }) {
    const found: Found[] = knownSecrets(model.text).map((s) => ({
      start: s.start,
      end: s.end,
      message:
        s.kind === 'private key'
          ? 'A private key block is written in the Dockerfile: anyone with the file or the image can use the key; revoke it and mount it as a secret'
          : `\`${maskSecret(s.value)}\` looks like ${/^[AEIOU]/.test(s.kind) ? 'an' : 'a'} ${s.kind}: anyone with the Dockerfile or the image can use it; revoke it and pass it with a secret mount`,
    }));
    // one finding per value: a known format wins over its name or its URL, and ENV's pair over the text scan of the same line
    for (const f of [...namedValues(model), ...urlValues(model)]) if (!found.some((g) => g.start < f.end && f.start < g.end)) found.push(f);
    for (const f of found.sort((a, b) => a.start - b.start)) {
      report({ range: { start: model.lines.positionAt(f.start), end: model.lines.positionAt(f.end) }, message: f.message });
    }
  },
});
