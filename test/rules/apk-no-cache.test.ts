import rule from '../../server/src/rules/apk-no-cache';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.20\nRUN apk add --no-cache curl',
    'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add -U curl',
    'FROM alpine:3.20\nRUN apk del curl',
    'FROM alpine:3.20 AS build\nRUN apk add build-base\nFROM scratch\nCOPY --from=build /out /out', // only copied from
    'FROM debian:12\nRUN apt-get install -y curl',
    // the same RUN removes the cache after the install
    'FROM alpine:3.20\nRUN apk add -U ferm && rm -rf /var/cache/apk/*',
    'FROM alpine:3.20\nRUN apk update && apk add curl && curl -V && rm -rf /var/cache/apk',
    'FROM alpine:3.20\nRUN set -eux; apk add --virtual .d gcc; make; apk del .d; rm -rf /var/cache/apk/ /tmp/*',
    // no network, no index: the run-time deps of what was built are recorded from what is installed
    'FROM alpine:3.20\nRUN apk add --no-cache --virtual .b gcc && make && apk add --no-network --virtual .rundeps $runDeps && apk del .b',
  ],
  invalid: [
    {
      // removed before the install: the install fills it again
      code: 'FROM alpine:3.20\nRUN rm -rf /var/cache/apk/* && apk add curl',
      findings: [{ line: 2, column: 32, endLine: 2, endColumn: 44 }],
      output: 'FROM alpine:3.20\nRUN rm -rf /var/cache/apk/* && apk add --no-cache curl',
    },
    {
      // removed in a later RUN: the layer already holds it
      code: 'FROM alpine:3.20\nRUN apk add curl\nRUN rm -rf /var/cache/apk/*',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 17 }],
      output: 'FROM alpine:3.20\nRUN apk add --no-cache curl\nRUN rm -rf /var/cache/apk/*',
    },
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
