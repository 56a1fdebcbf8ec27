import rule from '../../server/src/rules/download-from-moving-branch';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12-slim\nRUN curl -fsSLO https://raw.githubusercontent.com/vishnubob/wait-for-it/81b1373f17855a4dc21156cfe1694c31d7d1792e/wait-for-it.sh',
    'FROM debian:12-slim\nRUN curl -fsSLO https://raw.githubusercontent.com/nvm-sh/nvm/v0.40.1/install.sh',
    'FROM debian:12-slim\nRUN curl -fsSLO https://github.com/x/y/archive/refs/tags/v1.2.tar.gz',
    'FROM debian:12-slim\nRUN curl -fsSLO https://github.com/x/y/releases/download/v1.2/y-linux-amd64',
    'FROM debian:12-slim\nRUN curl -fsSLO https://example.com/main/tool.tgz', // not a code host
    'FROM debian:12-slim\nRUN curl -fsSLo /x.sh https://raw.githubusercontent.com/x/y/master/x.sh && echo "abc  /x.sh" | sha256sum -c -',
    'FROM debian:12-slim\nRUN git clone https://github.com/x/y.git', // git clone: add-remote-url and others
  ],
  invalid: [
    {
      code: 'FROM debian:12-slim\nRUN curl -fsSLO https://raw.githubusercontent.com/vishnubob/wait-for-it/master/wait-for-it.sh',
      findings: [{ line: 2, column: 17, endLine: 2, endColumn: 94 }],
      message: '`curl` downloads from the branch `master`, which moves with every push: each build may get different content; use a tag or a commit id',
    },
    {
      code: 'FROM debian:12-slim\nRUN wget -q https://github.com/x/y/raw/main/tool.sh',
      findings: [{ line: 2, column: 13, endLine: 2, endColumn: 52 }],
      message: /branch `main`/,
    },
    {
      code: 'FROM debian:12-slim\nADD https://github.com/x/y/archive/master.tar.gz /src/',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 49 }],
      message: /^`ADD` downloads from the branch `master`/,
    },
    {
      code: 'FROM debian:12-slim\nRUN curl -fsSL https://raw.githubusercontent.com/x/y/refs/heads/release-1.x/i.sh -o /i.sh',
      findings: [{ line: 2, column: 16, endLine: 2, endColumn: 81 }],
      message: /branch `release-1\.x`/,
    },
    {
      code: 'FROM debian:12-slim\nRUN curl -fsSL https://gitlab.com/g/p/-/raw/develop/i.sh -o /i.sh',
      findings: [{ line: 2, column: 16, endLine: 2, endColumn: 57 }],
      message: /branch `develop`/,
    },
    {
      code: 'FROM debian:12-slim\nRUN curl -sSL https://github.com/x/y/archive/refs/heads/master.tar.gz | tar xz',
      findings: [{ line: 2, column: 15, endLine: 2, endColumn: 70 }],
      message: /branch `master`,/,
    },
  ],
});
