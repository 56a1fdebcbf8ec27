import rule from '../../server/src/rules/apk-update-alone';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.20\nRUN apk update && apk add curl',
    'FROM alpine:3.20\nRUN apk update && apk upgrade',
    'FROM alpine:3.20\nRUN apk --update-cache add curl',
    'FROM alpine:3.20\nRUN apk add --no-cache curl',
    'FROM alpine:3.20\nRUN apk update && ./install.sh',
    'FROM alpine:3.20\nRUN apk update && xargs apk add < packages.txt',
    'FROM alpine:3.20\nRUN apk update && apk $CMD curl',
    'FROM alpine:3.20\nRUN apk update && rm -rf /var/cache/apk/*',
    'FROM debian:12\nRUN apt-get update', // apt: apt-update-alone
    'FROM alpine:3.20\nRUN echo apk update',
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nRUN apk update\nRUN apk add curl',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 15 }],
      output: 'FROM alpine:3.20\nRUN apk add --no-cache curl',
      safe: true,
    },
    {
      // the update joined to other work: only the command and its && go
      code: 'FROM alpine:3.20\nRUN apk update && \\\n    mkdir /app\nCOPY . /app\nRUN apk add --no-cache --virtual .deps gcc',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 15 }],
      output: 'FROM alpine:3.20\nRUN mkdir /app\nCOPY . /app\nRUN apk add --no-cache --virtual .deps gcc',
    },
    {
      code: 'FROM alpine:3.20\nRUN mkdir /app; sudo apk -q update\nRUN apk add -U curl',
      findings: [{ line: 2, column: 17, endLine: 2, endColumn: 35 }],
      output: 'FROM alpine:3.20\nRUN mkdir /app\nRUN apk add --no-cache -U curl',
    },
    {
      code: 'FROM alpine:3.20\nRUN mkdir /a && apk update && mkdir /b\nRUN apk add curl',
      findings: [{ line: 2, column: 17, endLine: 2, endColumn: 27 }],
      output: 'FROM alpine:3.20\nRUN mkdir /a && mkdir /b\nRUN apk add --no-cache curl',
    },
    {
      // `|| true` is not a plain sequence: the fix declines
      code: 'FROM alpine:3.20\nRUN apk update || true\nRUN apk add curl',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 15 }],
    },
    {
      // something other than apk add uses the index next: the fix declines
      code: 'FROM alpine:3.20\nRUN apk update\nRUN apk upgrade\nRUN apk add curl',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 15 }],
    },
    {
      // nothing installs later in the stage: the fix declines
      code: 'FROM alpine:3.20\nRUN apk update',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 15 }],
    },
    {
      code: 'FROM alpine:3.20\nONBUILD RUN apk update\nRUN apk add curl',
      findings: [{ line: 2, column: 13, endLine: 2, endColumn: 23 }],
    },
    {
      code: 'FROM alpine:3.20\r\nRUN apk update\r\nRUN apk add curl\r\n',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 15 }],
      output: 'FROM alpine:3.20\r\nRUN apk add --no-cache curl\r\n',
    },
  ],
});
