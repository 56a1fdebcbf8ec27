import rule from '../../server/src/rules/instruction-order';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM foo\nLABEL foo=bar',
    'ARG A=B\nFROM foo\nLABEL foo=bar',
    '# syntax = docker/dockerfile:1.0-experimental\nFROM node:16-alpine3.13',
    'FROM foo\nARG A=B\nRUN echo bla',
    'RUN echo fragment', // no FROM at all: a fragment, not an order problem
  ],
  invalid: [
    { code: 'LABEL foo=bar\nFROM foo', findings: [{ line: 1, column: 1, endLine: 1, endColumn: 6 }] },
    {
      code: '# comment\nARG V=1\nENV X=1\nRUN true\nFROM foo',
      findings: [
        { line: 3, column: 1, endLine: 3, endColumn: 4 },
        { line: 4, column: 1, endLine: 4, endColumn: 4 },
      ],
    },
  ],
});
