import rule from '../../server/src/rules/secret-in-env-or-arg';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.20\nENV PUBLIC_KEY=abc',
    'FROM alpine:3.20\nARG GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D', // a key fingerprint to verify downloads
    'FROM alpine:3.20\nENV DB_PASSWORD_FILE=/run/secrets/db',
    'FROM alpine:3.20\nENV TLS_KEY=/etc/ssl/private/server.key',
    'FROM alpine:3.20\nARG AUTH_MODULE_VERSION=1.2',
    'FROM alpine:3.20\nENV MONKEY=banana', // "key" inside a word is not a key
    'FROM alpine:3.20\nENV TOKENIZER_MODEL=bert',
    'FROM alpine:3.20\nENV TOKEN_TTL=3600', // about a token, not one
    // names that contain a short secret word without being one
    'FROM alpine:3.20\nENV PWD=/srv', // the working directory
    'FROM alpine:3.20\nENV PWD app',
    'FROM alpine:3.20\nENV OLDPWD=x',
    'FROM alpine:3.20\nENV PATH=/opt/bin:$PATH',
    'FROM phusion/passenger-ruby32\nENV PASSENGER_APP_ENV=production PASSENGER_MIN_INSTANCES=2',
    'FROM alpine:3.20\nENV NO_PROXY=localhost BYPASS=1 COMPASS_VERSION=1.0',
    'FROM alpine:3.20\nENV PW_BROWSERS=chromium', // Playwright's, not a password
    'FROM alpine:3.20\nENV PASS_MAX_DAYS=90 PASS_THROUGH=1 PASSIVE_PORTS=30000-30009',
    'FROM alpine:3.20\nARG KEEPASS_VERSION=2.57',
    'FROM alpine:3.20\nENV DB_PASS_FILE=/run/secrets/db',
  ],
  invalid: [
    { code: 'FROM alpine:3.20\nARG NPM_TOKEN', findings: [{ line: 2, column: 5, endLine: 2, endColumn: 14 }] },
    { code: 'FROM alpine:3.20\nENV DB_PASSWORD=hunter2 APP=x', findings: [{ line: 2, column: 5, endLine: 2, endColumn: 16 }] },
    { code: 'FROM alpine:3.20\nENV apiKey abc123', findings: [{ line: 2, column: 5, endLine: 2, endColumn: 11 }] },
    // the same reading of names as secret-value-in-dockerfile: passphrases and access keys are secrets too
    { code: 'FROM alpine:3.20\nARG SIGNING_PASSPHRASE', findings: [{ line: 2, column: 5, endLine: 2, endColumn: 23 }] },
    { code: 'FROM alpine:3.20\nARG GH_ACCESSKEY', findings: [{ line: 2, column: 5, endLine: 2, endColumn: 17 }] },
    { code: 'FROM alpine:3.20\nENV DB_PWORD=x', findings: [{ line: 2, column: 5, endLine: 2, endColumn: 13 }] },
    // short names for passwords and pre-shared keys
    {
      code: 'FROM alpine:3.20\nENV pass password',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 9 }],
      message: '`pass` looks like a secret; ENV values stay readable in the image (docker inspect)',
    },
    { code: 'FROM alpine:3.20\nENV PASS=hunter2', findings: [{ line: 2, column: 5, endLine: 2, endColumn: 9 }] },
    { code: 'FROM alpine:3.20\nENV MAIL_PASS=hunter2', findings: [{ line: 2, column: 5, endLine: 2, endColumn: 14 }] },
    {
      code: 'FROM alpine:3.20\nARG PWD_DB=hunter2',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 11 }],
      message: /`PWD_DB` looks like a secret; ARG values stay readable in the image \(docker history\)/,
    },
    { code: 'FROM alpine:3.20\nARG PASSWD', findings: [{ line: 2, column: 5, endLine: 2, endColumn: 11 }] },
    { code: 'FROM alpine:3.20\nARG DB_PW=x', findings: [{ line: 2, column: 5, endLine: 2, endColumn: 10 }] },
    { code: 'FROM alpine:3.20\nENV PW=x', findings: [{ line: 2, column: 5, endLine: 2, endColumn: 7 }] },
    { code: 'FROM alpine:3.20\nENV WIFI_PSK=x', findings: [{ line: 2, column: 5, endLine: 2, endColumn: 13 }] },
    { code: 'FROM alpine:3.20\nENV adminPass=x', findings: [{ line: 2, column: 5, endLine: 2, endColumn: 14 }] },
    {
      code: 'FROM alpine:3.20\nENV AWS_SECRET_ACCESS_KEY=x \\\n    GITHUB_TOKEN=y',
      findings: [
        { line: 2, column: 5, endLine: 2, endColumn: 26 },
        { line: 3, column: 5, endLine: 3, endColumn: 17 },
      ],
    },
  ],
});
