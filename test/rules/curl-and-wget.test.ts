import rule from '../../server/src/rules/curl-and-wget';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN wget -q https://a',
    'FROM debian:12\nRUN curl -fsSL https://a && curl -fsSL https://b',
    'FROM debian:12\nRUN wget -q https://a\nFROM scratch\nRUN curl https://b', // unrelated stages
    'FROM debian:12\nRUN apt-get install -y curl wget', // installed, not used
    'FROM debian:12\nRUN echo curl && wget -q https://a',
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN wget https://a\nRUN curl https://b',
      findings: [{ line: 3, column: 5, endLine: 3, endColumn: 19 }],
    },
    {
      code: 'FROM debian:12\nRUN wget https://a && curl https://b',
      findings: [{ line: 2, column: 23, endLine: 2, endColumn: 37 }],
    },
    {
      // the stage is built FROM one that already uses curl
      code: 'FROM debian:12 AS base\nRUN curl https://a\nFROM base\nRUN wget https://b',
      findings: [{ line: 4, column: 5, endLine: 4, endColumn: 19 }],
    },
    {
      code: 'FROM debian:12\nRUN curl https://a\nRUN wget https://b\nRUN wget https://c',
      findings: [
        { line: 3, column: 5, endLine: 3, endColumn: 19 },
        { line: 4, column: 5, endLine: 4, endColumn: 19 },
      ],
    },
  ],
});
