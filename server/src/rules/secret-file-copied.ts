import { globMatcher } from '../engine/glob';
import { copySources } from '../engine/facts/buildContext';
import { copyReachesFinalImage } from '../engine/facts/layers';
import { defineRule } from '../engine/rule';

// Files that hold credentials by name, matched against every path suffix of a source (`config/.env` names `.env`)
const SECRET_FILES = [
  '.env',
  '.env.*',
  'id_rsa',
  'id_dsa',
  'id_ecdsa',
  'id_ed25519',
  '*.pem',
  '*.key',
  '*.p12',
  '*.pfx',
  '.npmrc',
  '.pypirc',
  '.netrc',
  '.git-credentials',
  'credentials',
  'credentials.json',
  'kubeconfig',
  '.kube/config',
  '.docker/config.json',
  '.aws',
  '.aws/**',
  '.ssh',
  '.ssh/**',
];
// templates and public halves that only look like secrets
const NOT_SECRET = [
  '.env.example',
  '.env.sample',
  '.env.template',
  '.env.dist',
  '.env.defaults',
  '*.pub',
  '*.pub.pem',
  '*public*.pem',
  '*public*.key',
  'ca.pem',
  '*cert*.pem',
  '*chain*.pem',
  '*.gpg.key',
  '*.asc.key',
];

// a key file copied to a public-key name (`COPY release.key /usr/share/keyrings/app.gpg`): a signing key's public half
const PUBLIC_DESTINATION = /(\.(pub|gpg|asc)|\/keyrings?\/[^/]*)$/i;

const isSecret = globMatcher(SECRET_FILES, { nocase: true });
const isHarmless = globMatcher(NOT_SECRET, { nocase: true });
// suffixes of at most this many folders are tried: every suffix of a path of thousands of folders was quadratic
const MAX_SUFFIX_PARTS = 16;

/**
 * What secretNamed said about each path lately: the COPY sources of a document are asked again on every lint as its
 * user types, and matching every suffix of a path against the globs cost more than the rest of the rule.
 */
const named = new Map<string, string | undefined>();
const NAMED_KEPT = 4096;

/** The secret file a source path names, as the suffix that matched (`.ssh/id_rsa`, `.env.production`), if any. */
function secretNamed(path: string): string | undefined {
  if (named.has(path)) return named.get(path);
  if (named.size >= NAMED_KEPT) named.clear();
  const found = secretNamedUncached(path);
  named.set(path, found);
  return found;
}

function secretNamedUncached(path: string): string | undefined {
  const parts = path
    .replace(/^\.\//, '')
    .replace(/(?<!\/)\/+$/, '')
    .split('/')
    .filter((p) => p !== '' && p !== '.');
  const base = parts.at(-1) ?? '';
  if (isHarmless(base)) return undefined;
  for (let i = Math.max(0, parts.length - MAX_SUFFIX_PARTS); i < parts.length; i++) {
    const suffix = parts.slice(i).join('/');
    if (isSecret(suffix)) return suffix;
  }
  return undefined;
}

export default defineRule({
  id: 'secret-file-copied',
  aliases: [],
  category: 'security',
  severity: 'error',
  fixable: 'never',
  checklist: { item: 'no-secrets' },
  docs: {
    what: 'Mount credentials at build time with `RUN --mount=type=secret` instead of copying them in. Fires on COPY/ADD of `.env`, SSH keys, `*.pem`/`*.key`, `.npmrc`, `.pypirc`, `.netrc`, `.aws/`, `.ssh/`, `kubeconfig`, `.docker/config.json` and similar files, when they can end up in the final image: a COPY into a build stage whose files the final image never takes (only its build output is copied on) is left alone. A heredoc COPY that writes such a file is not read as one (its content is in the Dockerfile: secret-value-in-dockerfile looks at it).',
    why: 'Every layer of an image can be unpacked by anyone who can pull it, and deleting the file in a later layer does not remove it from the earlier one: a copied key or token is published with the image, to every registry, cache and laptop it reaches.',
    example: 'FROM node:22-slim\nCOPY .npmrc package.json package-lock.json ./\nRUN npm ci',
    instead: 'FROM node:22-slim\nCOPY package.json package-lock.json ./\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci',
  },
  check({ model, report }) {
    for (const ins of model.instructions) {
      if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
      const publicDestination = PUBLIC_DESTINATION.test(ins.args.at(-1)?.value ?? '');
      for (const { word, path } of copySources(ins)) {
        // a source built from a variable could be anything; judge only what is written
        if (path.includes('$') || /^[a-z][a-z0-9+.-]*:\/\//i.test(path)) continue;
        const secret = secretNamed(path);
        if (!secret || (publicDestination && /\.(key|pem)$/i.test(secret))) continue;
        // copied into a build stage that only installs with it, and that nothing takes along into the final image: no
        // layer of the published image holds it (a COPY --from of the folder it lands in would)
        if (!copyReachesFinalImage(model, ins)) continue;
        report({
          range: word.range,
          message: `${ins.keyword} of \`${path}\` bakes a credential into an image layer that anyone who can pull the image can read; mount it with \`RUN --mount=type=secret\``,
        });
      }
    }
  },
});
