import rule from '../../server/src/rules/empty-continuation';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM scratch\nCOPY Dockerfile \\\n.',
    'FROM alpine\nRUN apk add \\\n  # a comment line is not empty\n  curl',
    'FROM alpine\nRUN echo a\n\nRUN echo b',
    'FROM alpine\nRUN <<EOF\necho a \\\n\necho b\nEOF',
    '# escape=`\nFROM mcr.microsoft.com/windows/servercore\nRUN echo a \\\n\nRUN echo b',
  ],
  invalid: [
    {
      code: '\nFROM scratch\n# warning: empty continuation line\nCOPY Dockerfile \\\n\n.\nCOPY Dockerfile \\\n.',
      findings: [{ line: 4, column: 17, endLine: 5, endColumn: 1 }],
      output: '\nFROM scratch\n# warning: empty continuation line\nCOPY Dockerfile \\\n.\nCOPY Dockerfile \\\n.',
      safe: true,
    },
    {
      code: 'FROM alpine\nRUN apk add \\\n    curl \\\n  \n\n    git \\\n\n    jq',
      findings: [{ line: 3, column: 10, endLine: 5, endColumn: 1 }],
      output: 'FROM alpine\nRUN apk add \\\n    curl \\\n    git \\\n    jq',
    },
    {
      code: '# escape=`\r\nFROM alpine\r\nRUN echo a `\r\n\r\n  b',
      findings: [{ line: 3, column: 12, endLine: 4, endColumn: 1 }],
      output: '# escape=`\r\nFROM alpine\r\nRUN echo a `\r\n  b',
    },
  ],
});
