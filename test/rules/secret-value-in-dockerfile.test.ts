import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maskSecret } from '../../server/src/engine/facts/secrets';
import rule from '../../server/src/rules/secret-value-in-dockerfile';
import { lintWithOnly, useParser } from '../harness/engine';
import { ruleTester } from '../harness/ruleTester';

// made-up values in the formats of real credentials; none of them was ever issued
const GITHUB = 'ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5';
const GOOGLE = 'AIzaSyD4x9Kq2Lm8Pw4Rt6Yv1Bn3Hj5Zc7Xe0Wq';
const NPM = 'npm_Zx9Kq2Lm8Pw4Rt6Yv1Bn3Hj5aB3dE5fG7hJ9';
const GITLAB = 'glpat-Zx9Kq2Lm8Pw4Rt6Yv1Bn';
const JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
const RANDOM = 'Zx9Kq2Lm8Pw4Rt6Yv1Bn3Hj5';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.20\nENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE', // AWS's documentation key
    'FROM alpine:3.20\nENV AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    'FROM alpine:3.20\nARG GITHUB_TOKEN\nENV GITHUB_TOKEN=$GITHUB_TOKEN',
    'FROM alpine:3.20\nENV GITHUB_TOKEN=${GITHUB_TOKEN}',
    'FROM alpine:3.20\nENV DB_PASSWORD=changeme',
    'FROM alpine:3.20\nENV API_TOKEN=<your-token>',
    'FROM alpine:3.20\nENV API_TOKEN=xxxxxxxxxxxxxxxxxxxx',
    'FROM alpine:3.20\nENV SECRET_KEY_BASE=precompile_placeholder',
    'FROM alpine:3.20\nRUN --mount=type=secret,id=github_token GITHUB_TOKEN=$(cat /run/secrets/github_token) make',
    'FROM alpine:3.20\nRUN KEY_SHA512="e09fa32f0a0eab2b879ccbbc4d0e4fb9751486eedda75e35fac65802cc9faa26" && echo "$KEY_SHA512"',
    'FROM alpine:3.20\nENV SSL_KEY_FILE=/etc/ssl/private/server.key NGROK_CA_KEY=assets/client/tls/root.key',
    'FROM alpine:3.20\nENV GPG_KEY=B97B0AFCAA1A47F044F244A07FCC7D46ACCC4CF8',
    'FROM alpine:3.20\nENV PASSWORD_MIN_LENGTH=12',
    'FROM alpine:3.20\nRUN grep -q "-----BEGIN RSA PRIVATE KEY-----" /tmp/key.pem', // a header with no key after it
    'FROM alpine:3.20\nENV SESSION=eyJub3QganNvbi.abcdefghijk.abcdefghijk', // not a JWT: the header is no JSON
    // URLs: a password from a variable, a placeholder, a bare user, and RUN lines (credentials-in-run's)
    'FROM alpine:3.20\nARG PW\nADD https://deploy:${PW}@files.corp.local/blob.tgz /opt/',
    'FROM alpine:3.20\n# see https://user:password@example.com for the format',
    'FROM alpine:3.20\nADD ssh://git@github.com/acme/app.git /src',
    'FROM alpine:3.20\nRUN curl -fsSLO https://deploy:P4ssw0rd@files.corp.local/blob.tgz',
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nADD https://deploy:P4ssw0rd@files.corp.local/blob.tgz /opt/',
      findings: [{ line: 2, column: 20, endLine: 2, endColumn: 28 }],
    },
    {
      code: 'FROM alpine:3.20\nENV PIP_INDEX_URL="https://ci:Kx81Pq2Lz@pypi.corp/simple"',
      findings: [{ line: 2, column: 31, endLine: 2, endColumn: 40 }],
    },
    {
      // a token alone in the user part
      code: `FROM alpine:3.20\nADD https://${RANDOM}@git.corp/acme/app.git /src`,
      findings: [{ line: 2, column: 13, endLine: 2, endColumn: 37 }],
    },
    {
      code: `FROM alpine:3.20\nENV GITHUB_TOKEN=${GITHUB}`,
      findings: [{ line: 2, column: 18, endLine: 2, endColumn: 58 }],
    },
    {
      // comments are published with the file too
      code: 'FROM alpine:3.20\n# deploy key AKIAQ3EGUTRJ7ZBN4XWD\nRUN true',
      findings: [{ line: 2, column: 14, endLine: 2, endColumn: 34 }],
    },
    {
      code: 'FROM alpine:3.20\nARG SLACK_WEBHOOK_TOKEN=xoxb-1234567890-abcdefghij',
      findings: [{ line: 2, column: 25, endLine: 2, endColumn: 51 }],
    },
    {
      code: 'FROM alpine:3.20\nLABEL billing.key="sk_live_4eC39HqLyjWDarjtT1zdp7dc"',
      findings: [{ line: 2, column: 20, endLine: 2, endColumn: 52 }],
    },
    {
      code: `FROM alpine:3.20\nRUN export MAPS_KEY=${GOOGLE}`,
      findings: [{ line: 2, column: 21, endLine: 2, endColumn: 60 }],
    },
    {
      code: `FROM node:20\nCOPY <<EOF /root/.npmrc\n//registry.npmjs.org/:_authToken=${NPM}\nEOF`,
      findings: [{ line: 3, column: 34, endLine: 3, endColumn: 74 }],
    },
    {
      code: `FROM alpine:3.20\nRUN git clone https://oauth2:${GITLAB}@gitlab.com/a/b.git`,
      findings: [{ line: 2, column: 30, endLine: 2, endColumn: 56 }],
    },
    {
      code: 'FROM alpine:3.20\nRUN echo "-----BEGIN RSA PRIVATE KEY-----\\nMIIEowIBAAKCAQEA7xZx9Kq2Lm8Pw4Rt6Yv1Bn3Hj5aB3dE5fG7hJ9" > /root/.ssh/id_rsa',
      findings: [{ line: 2, column: 11, endLine: 2, endColumn: 42 }],
    },
    {
      code: `FROM alpine:3.20\nENV SESSION_JWT=${JWT}`,
      findings: [{ line: 2, column: 17, endLine: 2, endColumn: 125 }],
    },
    {
      code: `FROM alpine:3.20\nENV DB_PASSWORD=${RANDOM}`,
      findings: [{ line: 2, column: 17, endLine: 2, endColumn: 41 }],
    },
    {
      // one finding, though both the ENV pair and the text scan see it
      code: `FROM alpine:3.20\nENV DB_PASSWORD="${RANDOM}"`,
      findings: [{ line: 2, column: 17, endLine: 2, endColumn: 43 }],
    },
    {
      code: `FROM alpine:3.20\nENV API_SECRET ${RANDOM}`,
      findings: [{ line: 2, column: 16, endLine: 2, endColumn: 40 }],
    },
    {
      code: `FROM alpine:3.20\nCOPY <<EOF /app/config.yml\ndatabase:\n  password: "${RANDOM}"\nEOF`,
      findings: [{ line: 4, column: 14, endLine: 4, endColumn: 38 }],
    },
  ],
});

describe('secret-value-in-dockerfile messages', () => {
  useParser();
  it('mask the value: first and last 4 characters only', () => {
    assert.equal(maskSecret(GITHUB), 'ghp_…3zA5');
    assert.equal(maskSecret('abcdefghij'), 'ab…ij');
    assert.equal(maskSecret('abc'), '…');
    for (const value of [GITHUB, GOOGLE, NPM, JWT, RANDOM]) {
      for (const f of lintWithOnly(rule, `FROM alpine:3.20\nENV API_TOKEN=${value}`)) assert.ok(!f.message.includes(value), f.message);
    }
  });
});
