import rule from '../../server/src/rules/heredoc-without-errexit';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12-slim\nRUN <<EOF\nset -e\napt-get update\napt-get install -y curl\nEOF',
    'FROM debian:12-slim\nRUN <<EOF\nset -eux\napt-get update\napt-get install -y curl\nEOF',
    'FROM debian:12-slim\nRUN <<EOF\nset -euo pipefail\napt-get update\napt-get install -y curl\nEOF',
    'FROM debian:12-slim\nRUN <<EOF\nset -o errexit\napt-get update\napt-get install -y curl\nEOF',
    'FROM debian:12-slim\nRUN <<EOF\n#!/bin/bash -e\napt-get update\napt-get install -y curl\nEOF',
    'FROM debian:12-slim\nRUN <<EOF\n#!/usr/bin/env -S bash -eux\napt-get update\napt-get install -y curl\nEOF',
    'FROM debian:12-slim\nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF',
    'FROM debian:12-slim\nSHELL ["/bin/bash", "-o", "errexit", "-c"]\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF',
    // one statement: its failure is the RUN's
    'FROM debian:12-slim\nRUN <<EOF\napt-get update && apt-get install -y curl \\\n  && rm -rf /var/lib/apt/lists/*\nEOF',
    'FROM debian:12-slim\nRUN <<EOF\napt-get install -y curl\nEOF',
    // only harmless commands before the last one
    'FROM debian:12-slim\nRUN <<EOF\nset -x\necho "installing"\nexport DEBIAN_FRONTEND=noninteractive\napt-get install -y curl\nEOF',
    // a condition's failure is meant
    'FROM debian:12-slim\nRUN <<EOF\nif [ -f /etc/x ]; then exit 1; fi\nEOF',
    'FROM debian:12-slim\nRUN <<EOF\ntest -f /x || touch /x\nEOF',
    // not a shell script
    'FROM python:3.12-slim\nRUN <<EOF\n#!/usr/bin/env python3\nimport os\nprint(os.getcwd())\nEOF',
    // not a heredoc: && chains and one-line RUNs fail on their own
    'FROM debian:12-slim\nRUN apt-get update; apt-get install -y curl',
    'FROM debian:12-slim\nRUN <<EOF\nset -e\n# comment; with a semicolon\ncurl -fsSLo /tmp/x https://x.io/x\ntar -xf /tmp/x\nEOF',
  ],
  invalid: [
    {
      code: 'FROM debian:12-slim\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF',
      findings: [{ line: 3, column: 1, endLine: 3, endColumn: 15 }],
      message:
        'Without `set -e` a failure of `apt-get` here does not fail the build: a heredoc RUN fails only when its last command does; start the script with `set -e` (or `set -eux`)',
    },
    {
      code: 'FROM debian:12-slim\nRUN <<EOF\nset -x\ncurl -fsSLo /tmp/t.tgz https://x.io/t.tgz; tar -xzf /tmp/t.tgz -C /opt\nEOF',
      findings: [{ line: 4, column: 1, endLine: 4, endColumn: 42 }],
      message: /failure of `curl`/,
    },
    {
      // a shebang without -e: the script runs as a file, the SHELL's -e does not reach it
      code: 'FROM debian:12-slim\nSHELL ["/bin/bash", "-e", "-c"]\nRUN <<EOF\n#!/bin/bash\ncd /opt/app\nmake install\nEOF',
      findings: [{ line: 5, column: 1, endLine: 5, endColumn: 12 }],
      message: /failure of `cd`/,
    },
    {
      // set +e turns it off again
      code: 'FROM debian:12-slim\nRUN <<EOF\nset -e +e\npip install -r requirements.txt\npython manage.py collectstatic\nEOF',
      findings: [{ line: 4, column: 1, endLine: 4, endColumn: 32 }],
    },
    {
      code: 'FROM debian:12-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN <<EOF\napt-get update\napt-get install -y curl | tee /log\nEOF',
      findings: [{ line: 4, column: 1, endLine: 4, endColumn: 15 }],
    },
  ],
});
