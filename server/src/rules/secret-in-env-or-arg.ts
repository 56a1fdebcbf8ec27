import { secretLikeName } from '../engine/facts/secrets';
import { defineRule } from '../engine/rule';

// a value that names a file (assets/tls/ca.key, /run/secrets/db) is where a secret lives, not the secret
const PATH_VALUE = /^(\.{0,2}\/|[\w.-]+\/)[^\s]*$|\.(key|pem|crt|cert|p12|json)$/i;

export default defineRule({
  id: 'secret-in-env-or-arg',
  aliases: [{ tool: 'buildkit', code: 'SecretsUsedInArgOrEnv', relation: 'inspired' }],
  category: 'security',
  severity: 'warning',
  fixable: 'never',
  checklist: { item: 'no-secrets', lead: true },
  pointsAtSecrets: true,
  docs: {
    what: 'Pass secrets with `RUN --mount=type=secret`, not ENV or ARG. Fires on ENV and ARG names that hold a password, token, key or other credential.',
    why: 'ENV values are stored in the image config and ARG values in its build history: anyone who can pull the image can read them with `docker inspect` or `docker history`, long after the credential was rotated in your vault.',
    example: 'FROM alpine:3.20\nARG NPM_TOKEN\nRUN echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > ~/.npmrc',
    instead: 'FROM alpine:3.20\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN \\\n    echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > ~/.npmrc',
  },
  check({ model, report }) {
    for (const ins of model.instructions) {
      if (ins.keyword !== 'ENV' && ins.keyword !== 'ARG') continue;
      for (const kv of ins.keyValues) {
        const name = kv.name;
        if (!name || !secretLikeName(name) || PATH_VALUE.test(kv.value ?? '')) continue;
        report({
          range: kv.nameRange,
          message: `\`${name}\` looks like a secret; ${ins.keyword} values stay readable in the image (${ins.keyword === 'ENV' ? 'docker inspect' : 'docker history'})`,
        });
      }
    }
  },
});
