import rule from '../../server/src/rules/apk-no-cache';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.20\nRUN apk add --no-cache curl',
    'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add -U curl',
    'FROM alpine:3.20\nRUN apk del curl',
    'FROM alpine:3.20 AS build\nRUN apk add build-base\nFROM scratch\nCOPY --from=build /out /out', // only copied from
    'FROM debian:12\nRUN apt-get install -y curl',
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nRUN apk add curl',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 17 }],
      output: 'FROM alpine:3.20\nRUN apk add --no-cache curl',
      safe: true,
    },
    {
      // a cache mount elsewhere does not cover apk's cache
      code: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/foo apk -U add curl=8.9.0-r0',
      findings: [{ line: 2, column: 46, endLine: 2, endColumn: 70 }],
      output: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/foo apk -U add --no-cache curl=8.9.0-r0',
    },
  ],
});
