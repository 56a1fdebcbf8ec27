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
      code: 'FROM alpine:3.6\n# \\\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\nRUN echo "kaka" | sed \'s/a/o/g\' >> /root/afile\n',
      findings: [{ line: 4, column: 5, endLine: 4, endColumn: 32 }],
      output: 'FROM alpine:3.6\n# \\\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\nSHELL ["/bin/ash", "-o", "pipefail", "-c"]\nRUN echo "kaka" | sed \'s/a/o/g\' >> /root/afile\n',
    },
  ],
});
