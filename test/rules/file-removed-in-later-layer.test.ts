import rule from '../../server/src/rules/file-removed-in-later-layer';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN wget -O /tmp/a.tgz https://x.io/a.tgz && tar -xzf /tmp/a.tgz && rm /tmp/a.tgz', // same layer
    'FROM debian:12\nCOPY a /opt/a\nRUN rm -rf /var/lib/apt/lists/*',
    'FROM debian:12 AS build\nCOPY a.tgz /tmp/a.tgz\nRUN rm /tmp/a.tgz\nFROM debian:12\nCOPY --from=build /opt /opt', // stage only copied from
    'FROM debian:12\nWORKDIR /tmp\nCOPY a.tgz .\nRUN cd /opt && rm a.tgz', // another directory after cd
    'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN rm -rf node_modules', // may come from the COPY or not: stay quiet
    'FROM debian:12\nCOPY a.tgz /tmp/a.tgz\nRUN rm /tmp/*.tgz',
    'FROM debian:12\nARG D=/tmp\nCOPY a.tgz $D/a.tgz\nRUN rm /tmp/a.tgz',
    // caches removed in the RUN that fills them, kept out by a cache mount, or never written
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
    'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update\nRUN rm -rf /var/lib/apt/lists/*',
    'FROM alpine:3.20\nRUN apk add --no-cache curl\nRUN rm -rf /var/cache/apk/*',
    'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\nRUN rm -rf /root/.cache/pip',
    'FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask\nRUN rm -rf ~/.cache/pip',
    'FROM debian:12 AS build\nRUN apt-get update\nFROM debian:12\nRUN rm -rf /var/lib/apt/lists/*', // another stage's layer
    'FROM node:22-slim\nUSER node\nRUN npm ci\nRUN rm -rf ~/.npm', // node's home is not known here
    // each RUN cleans what it fetched: a later RUN's clean-up finds nothing of it (the docker-library idiom)
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nRUN apt-get update && apt-get install -y git && rm -rf /var/lib/apt/lists/*',
    'FROM debian:12\nRUN wget -O /tmp/a.tgz https://x.io/a.tgz && rm /tmp/a.tgz\nRUN rm -f /tmp/a.tgz',
  ],
  invalid: [
    {
      code: 'FROM debian:12\nCOPY app.tar.gz /tmp/app.tar.gz\nRUN tar -xzf /tmp/app.tar.gz -C /opt\nRUN rm /tmp/app.tar.gz',
      findings: [{ line: 4, column: 8, endLine: 4, endColumn: 23 }],
    },
    {
      code: 'FROM debian:12\nCOPY installer/ /tmp/installer/\nRUN /tmp/installer/run.sh\nRUN rm -rf /tmp/installer',
      findings: [{ line: 4, column: 12, endLine: 4, endColumn: 26 }],
    },
    {
      code: 'FROM debian:12\nRUN curl -fsSLo /tmp/x.zip https://x.io/x.zip\nRUN unzip /tmp/x.zip -d /opt && rm /tmp/x.zip',
      findings: [{ line: 3, column: 36, endLine: 3, endColumn: 46 }],
    },
    {
      code: 'FROM debian:12\nWORKDIR /src\nCOPY big.bin .\nRUN rm big.bin',
      findings: [{ line: 4, column: 8, endLine: 4, endColumn: 15 }],
    },
    {
      code: 'FROM debian:12\nADD https://x.io/tool.tgz /tmp/\nRUN tar -xzf /tmp/tool.tgz -C /opt\nRUN rm -f /tmp/tool.tgz',
      findings: [{ line: 4, column: 11, endLine: 4, endColumn: 24 }],
    },
    {
      code: 'FROM debian:12\nCOPY pkgs/ /tmp/pkgs/\nRUN dpkg -i /tmp/pkgs/*.deb\nRUN rm -rf /tmp/pkgs/*',
      findings: [{ line: 4, column: 12, endLine: 4, endColumn: 23 }],
    },
    {
      // the stage the final image is built FROM adds the file
      code: 'FROM debian:12 AS base\nCOPY secret.pem /root/secret.pem\nFROM base\nRUN rm /root/secret.pem',
      findings: [{ line: 4, column: 8, endLine: 4, endColumn: 24 }],
    },
    {
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*',
      findings: [{ line: 3, column: 12, endLine: 3, endColumn: 32 }],
      message: '`/var/lib/apt/lists/*` was added by the `RUN` on line 2; removing it in a later layer leaves its bytes in the image',
    },
    {
      code: 'FROM alpine:3.20\nRUN apk update && apk add curl\nRUN rm -rf /var/cache/apk/*',
      findings: [{ line: 3, column: 12, endLine: 3, endColumn: 28 }],
    },
    {
      code: 'FROM fedora:40\nRUN dnf install -y httpd\nRUN rm -rf /var/cache/dnf',
      findings: [{ line: 3, column: 12, endLine: 3, endColumn: 26 }],
    },
    {
      code: 'FROM python:3.12-slim\nRUN pip install flask\nRUN rm -rf ~/.cache/pip',
      findings: [{ line: 3, column: 12, endLine: 3, endColumn: 24 }],
    },
    {
      code: 'FROM node:22-slim\nRUN npm ci\nRUN rm -rf /root/.npm',
      findings: [{ line: 3, column: 12, endLine: 3, endColumn: 22 }],
    },
    {
      // the stage the final image is built FROM ran the update
      code: 'FROM debian:12 AS base\nRUN apt-get update\nFROM base\nRUN apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
      findings: [{ line: 4, column: 39, endLine: 4, endColumn: 59 }],
    },
  ],
});
