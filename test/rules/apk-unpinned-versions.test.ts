import rule from '../../server/src/rules/apk-unpinned-versions';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0',
    'FROM alpine:3.20\nRUN apk add --no-cache "curl>=8.9" git~2.45 "bash<6"',
    'FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc=13.2.1_git20240309-r0',
    'FROM alpine:3.20\nRUN apk add -t .build-deps -X https://dl-cdn.alpinelinux.org/alpine/edge/testing gcc=13.2.1-r0',
    'FROM alpine:3.20\nRUN apk add --allow-untrusted /tmp/pkg-1.0-r0.apk',
    'FROM alpine:3.20\nRUN apk add --no-cache $BUILD_DEPS "${RUNTIME}"',
    'FROM alpine:3.20\nRUN apk del curl',
    'FROM alpine:3.20\nRUN apk --no-cache upgrade',
    'FROM debian:12\nRUN apt-get install -y curl',
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nRUN apk add --no-cache curl',
      findings: [{ line: 2, column: 24, endLine: 2, endColumn: 28 }],
    },
    {
      code: 'FROM alpine:3.20\nRUN apk --no-cache add --virtual=.deps \\\n    gcc=13.2.1-r0 \\\n    musl-dev',
      findings: [{ line: 4, column: 5, endLine: 4, endColumn: 13 }],
    },
    {
      // a repository tag chooses where, not which version
      code: 'FROM alpine:3.20\nONBUILD RUN apk add mkcert@testing',
      findings: [{ line: 2, column: 21, endLine: 2, endColumn: 35 }],
    },
  ],
});
