import rule from '../../server/src/rules/copy-from-unknown-stage';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM scratch as build\nRUN foo\nFROM node\nCOPY --from=build foo .\nRUN baz',
    'COPY --from=haskell:latest bar .',
    'FROM alpine\nCOPY --from=ghcr.io/acme/tools /bin/tool /bin/',
    'FROM alpine\nCOPY --from=nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef /x /x',
    'FROM scratch as build\nRUN foo\nFROM node\nCOPY --from=0 foo .',
    'FROM scratch AS Build\nFROM node\nCOPY --from=build foo .', // stage names are case-insensitive
    'ARG SRC=build\nFROM scratch AS build\nFROM node\nCOPY --from=$SRC foo .',
    'FROM node\nONBUILD COPY --from=assets /a /a', // runs in a child image's build
    'FROM node AS a\nCOPY --from=a x y', // its own stage: copy-from-own-stage
  ],
  invalid: [
    { code: 'COPY --from=foo bar .', findings: [{ line: 1, column: 13, endLine: 1, endColumn: 16 }] },
    { code: 'COPY --from=0 bar .', findings: [{ line: 1, column: 13, endLine: 1, endColumn: 14 }] },
    {
      code: 'FROM scratch\nCOPY --from=build foo .\nFROM node as build\nRUN baz\n',
      findings: [{ line: 2, column: 13, endLine: 2, endColumn: 18 }],
    },
    {
      code: 'FROM golang:1.23 AS build\nFROM alpine\nCOPY --chown=1:1 --from=builder /app /app',
      findings: [{ line: 3, column: 25, endLine: 3, endColumn: 32 }],
    },
    { code: 'FROM golang AS a\nFROM alpine\nCOPY --from=2 /app /app', findings: [{ line: 3, column: 13, endLine: 3, endColumn: 14 }] },
  ],
});
