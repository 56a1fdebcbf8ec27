import rule from '../../server/src/rules/duplicate-stage-name';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM scratch as build\nRUN foo\nFROM node as run\nRUN baz',
    'FROM scratch AS b1\nFROM scratch AS b2',
    'FROM node\nFROM node', // unnamed stages
    'FROM node AS a\nFROM a AS b',
  ],
  invalid: [
    { code: 'FROM node as foo\nRUN something\nFROM scratch as foo\nRUN something\n', findings: [{ line: 3, column: 17, endLine: 3, endColumn: 20 }] },
    { code: 'FROM scratch AS b\nFROM scratch AS B', findings: [{ line: 2, column: 17, endLine: 2, endColumn: 18 }] },
    {
      code: 'FROM scratch AS b\nFROM scratch AS b\nFROM scratch AS b',
      findings: [
        { line: 2, column: 17, endLine: 2, endColumn: 18 },
        { line: 3, column: 17, endLine: 3, endColumn: 18 },
      ],
    },
  ],
});
