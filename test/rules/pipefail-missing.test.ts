import rule from '../../server/src/rules/pipefail-missing';
import { ruleTester } from '../harness/ruleTester';

const RUN = 'RUN wget -O - https://some.site | wc -l file > /number';

ruleTester(rule, {
  valid: [
    'FROM scratch as build\nRUN wget -O - https://some.site && wc -l file > /number\n',
    `FROM scratch as build\nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\n${RUN}`,
    `FROM scratch as build\nSHELL ["/bin/bash", "-e", "-o", "pipefail", "-c"]\n${RUN}`,
    `FROM scratch as build\nSHELL ["/usr/local/bin/zsh", "-o", "pipefail", "-c"]\n${RUN}`,
    'FROM scratch as build\nSHELL ["pwsh", "-c"]\nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value',
    'FROM mcr.microsoft.com/powershell:ubuntu-16.04\nSHELL [ "cmd.exe", "/c" ]\nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value',
    'FROM debian\nRUN set -o pipefail && curl -fsSL x | tar -xz',
    'FROM debian\nRUN set -euxo pipefail; curl -fsSL x | tar -xz',
    'FROM debian\nRUN ["sh", "-c", "a | b"]',
    'FROM debian\nRUN a || b',
    // SHELL is inherited from the stage this one is built from
    `FROM debian AS base\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM base\n${RUN}`,
    // a failing left side cannot change the outcome, or the failure is handled where it is written:
    // the status of a $(…) inside a word or a `for … in` list goes nowhere
    'FROM debian\nRUN for f in $(ls /etc | sort); do echo "$f"; done',
    'FROM debian\nRUN apt-mark manual $(apt-mark showmanual | grep -v x) && echo "$(uname -a | cut -d" " -f1)"',
    // the output is tested right after the assignment
    'FROM debian\nRUN v=$(curl -fsSL x | head -1); [ -n "$v" ]; echo "$v"',
    'FROM debian\nRUN v="$(curl -fsSL x | head -1)" && test -n "$v"',
    'FROM debian\nRUN arch="$(dpkg --print-architecture | awk -F- \'{ print $NF }\')"; case "$arch" in amd64) a=x ;; *) exit 1 ;; esac',
    // a grep decides, and its failure is handled next to it
    'FROM debian\nRUN curl -fsSL x | grep -q ok || { echo "no"; exit 1; }',
    'FROM debian\nRUN if curl -fsSL x | grep -q ok; then echo yes; fi',
    // the left side cannot fail
    'FROM debian\nRUN echo "$SHA256 *go.tgz" | sha256sum -c -',
    'FROM debian\nRUN printf \'%s  %s\\n\' "$SUM" f | sha512sum -c -',
  ],
  invalid: [
    {
      code: `FROM scratch\n${RUN}\n`,
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 45 }],
    },
    {
      code: `FROM scratch as build\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\n${RUN}\n`,
      findings: [{ line: 3, column: 5, endLine: 3, endColumn: 45 }],
    },
    {
      code: `FROM scratch as build\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\n${RUN}\nSHELL ["/bin/sh", "-c"]\n${RUN}\n`,
      findings: [{ line: 5, column: 5, endLine: 5, endColumn: 45 }],
    },
    {
      code: 'FROM debian:12-slim\nRUN apt-get update\nRUN curl -fsSL x | tar -xz\nRUN a | b',
      findings: [
        { line: 3, column: 5, endLine: 3, endColumn: 27 },
        { line: 4, column: 5, endLine: 4, endColumn: 10 },
      ],
      output: 'FROM debian:12-slim\nRUN apt-get update\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL x | tar -xz\nRUN a | b',
      safe: false,
    },
    {
      // only the first pipeline is underlined, not everything up to the last pipe of the RUN
      code: 'FROM debian\nRUN a 2>&1 | b && c \\\n  && d | e',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 15 }],
      output: 'FROM debian\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN a 2>&1 | b && c \\\n  && d | e',
    },
    {
      code: 'from node:22-alpine\nrun a | b',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 10 }],
      output: 'from node:22-alpine\nshell ["/bin/ash", "-o", "pipefail", "-c"]\nrun a | b',
    },
    {
      code: 'FROM alpine:3.6\n# \\\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\nRUN cat /tmp/kaka | sed \'s/a/o/g\' >> /root/afile\n',
      findings: [{ line: 4, column: 5, endLine: 4, endColumn: 34 }],
      output:
        'FROM alpine:3.6\n# \\\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\nSHELL ["/bin/ash", "-o", "pipefail", "-c"]\nRUN cat /tmp/kaka | sed \'s/a/o/g\' >> /root/afile\n',
    },
    // the status of a bare assignment is the RUN's when nothing tests the value
    {
      code: 'FROM debian\nRUN v=$(curl -fsSL x | head -1); echo "$v" > /f',
      findings: [{ line: 2, column: 9, endLine: 2, endColumn: 31 }],
      output: 'FROM debian\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN v=$(curl -fsSL x | head -1); echo "$v" > /f',
      safe: false,
    },
    // a count is never empty: the test passes on a failed download
    {
      code: 'FROM debian\nRUN v=$(curl -fsSL x | wc -l); [ -n "$v" ]',
      findings: [{ line: 2, column: 9, endLine: 2, endColumn: 29 }],
      output: 'FROM debian\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN v=$(curl -fsSL x | wc -l); [ -n "$v" ]',
      safe: false,
    },
    // `grep -v` succeeds on an empty input; `tar` is not a test of the output
    {
      code: 'FROM debian\nRUN curl -fsSL x | grep -v y || exit 1',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 29 }],
      output: 'FROM debian\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL x | grep -v y || exit 1',
      safe: false,
    },
    {
      code: 'FROM debian\nRUN curl -fsSL x | tar -xz || exit 1',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 27 }],
      output: 'FROM debian\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL x | tar -xz || exit 1',
      safe: false,
    },
    // cat of a file can fail; the first pipe that matters is the one underlined
    {
      code: 'FROM debian\nRUN echo "$S *f" | sha256sum -c - && cat f | sha256sum -c -',
      findings: [{ line: 2, column: 38, endLine: 2, endColumn: 60 }],
      output: 'FROM debian\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN echo "$S *f" | sha256sum -c - && cat f | sha256sum -c -',
      safe: false,
    },
    // a pipe whose status matters inside a subshell
    {
      code: 'FROM debian\nRUN (cd /x && curl -fsSL y | tar -xz)',
      findings: [{ line: 2, column: 15, endLine: 2, endColumn: 37 }],
      output: 'FROM debian\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN (cd /x && curl -fsSL y | tar -xz)',
      safe: false,
    },
  ],
});
