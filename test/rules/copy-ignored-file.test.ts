import rule from '../../server/src/rules/copy-ignored-file';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    { code: 'FROM scratch\nCOPY app.txt /', dockerignore: 'Dockerfile\n' },
    { code: 'FROM scratch\nCOPY Dockerfile /', dockerignore: null }, // no .dockerignore
    { code: 'FROM scratch AS a\nFROM scratch\nCOPY --from=a Dockerfile /', dockerignore: 'Dockerfile\n' },
    { code: 'FROM scratch\nCOPY sub /sub', dockerignore: 'sub\n!sub/a.txt\n' }, // re-included below the source
    { code: 'FROM scratch\nCOPY . .', dockerignore: '.*\n' }, // dotfiles only: the root still has content
    { code: 'FROM scratch\nCOPY . .', dockerignore: '**\n!Dockerfile\n' },
    { code: 'FROM scratch\nARG F=x\nCOPY $F /', dockerignore: 'x\n' },
    { code: 'FROM scratch\nADD https://example.com/Dockerfile /', dockerignore: 'Dockerfile\n' },
    { code: 'FROM scratch\nCOPY <<EOF /Dockerfile\nx\nEOF', dockerignore: 'Dockerfile\n' },
  ],
  invalid: [
    {
      code: 'FROM scratch\nCOPY Dockerfile .',
      dockerignore: '\nDockerfile\n',
      findings: [{ line: 2, column: 6, endLine: 2, endColumn: 16 }],
    },
    {
      code: 'FROM scratch\nADD ./Dockerfile /x',
      dockerignore: 'Dockerfile',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 17 }],
    },
    {
      // the negation re-includes a sibling, not the copied file
      code: 'FROM scratch\nCOPY sub/a.txt /',
      dockerignore: 'sub\n!sub/b.txt\n',
      findings: [{ line: 2, column: 6, endLine: 2, endColumn: 15 }],
    },
    {
      // Docker cleans the pattern and drops its leading slash
      code: 'FROM scratch\nCOPY Dockerfile /\nCOPY ./sub/a.txt /',
      dockerignore: '/Dockerfile\n./sub/\n',
      findings: [
        { line: 2, column: 6, endLine: 2, endColumn: 16 },
        { line: 3, column: 6, endLine: 3, endColumn: 17 },
      ],
    },
    {
      code: 'FROM scratch\nCOPY . .',
      dockerignore: '*\n',
      findings: [{ line: 2, column: 6, endLine: 2, endColumn: 7 }],
    },
    {
      code: 'FROM alpine:3.20\nCOPY config/.env /app/',
      dockerignore: '# secrets\n**/*.env\n',
      findings: [{ line: 2, column: 6, endLine: 2, endColumn: 17 }],
    },
  ],
});
