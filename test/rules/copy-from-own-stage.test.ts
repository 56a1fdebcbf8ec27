import rule from '../../server/src/rules/copy-from-own-stage';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM scratch as build\nRUN foo\nFROM node as run\nCOPY --from=build foo .\nRUN baz',
    'FROM node as foo\nCOPY --from=bar x .',
    'FROM node\nCOPY --from=node:22 /usr/local/bin/node /x',
    'COPY --from=0 bar .',
    'FROM node AS foo\nONBUILD COPY --from=foo a b',
    'FROM node AS foo\nRUN --mount=from=foo,target=/x true',
  ],
  invalid: [
    { code: 'FROM node as foo\nCOPY --from=foo bar .\n', findings: [{ line: 2, column: 13, endLine: 2, endColumn: 16 }] },
    { code: 'FROM node AS Foo\nCOPY --from=foo bar .', findings: [{ line: 2, column: 13, endLine: 2, endColumn: 16 }] },
    { code: 'FROM alpine\nFROM node\nCOPY --from=1 bar .', findings: [{ line: 3, column: 13, endLine: 3, endColumn: 14 }] },
  ],
});
