import rule from '../../server/src/rules/copy-multiple-sources-dest-slash';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'COPY foo bar',
    'COPY foo bar baz/',
    'COPY foo bar "baz/"',
    'FROM node\nCOPY package.json package-lock.json ./',
    'FROM node\nCOPY package.json package-lock.json .', // BuildKit reads . as a directory
    'FROM node\nCOPY a b $DEST',
    'FROM node\nCOPY ["a", "b", "/app/"]',
    'FROM node\nCOPY --from=build /a /b /c/',
    'FROM node\nCOPY --from build /app/public/* /usr/share/nginx/html', // a broken flag: syntax-error's
    'FROM node\nCOPY <<EOF <<EOF2 /x\na\nEOF\nb\nEOF2',
  ],
  invalid: [
    { code: 'COPY foo bar baz', findings: [{ line: 1, column: 14, endLine: 1, endColumn: 17 }], output: 'COPY foo bar baz/', safe: true },
    { code: 'COPY foo bar "baz"', findings: [{ line: 1, column: 14, endLine: 1, endColumn: 19 }], output: 'COPY foo bar "baz/"' },
    {
      code: 'FROM node\nCOPY --chown=1 ["a", "b", "/app"]',
      findings: [{ line: 2, column: 27, endLine: 2, endColumn: 33 }],
      output: 'FROM node\nCOPY --chown=1 ["a", "b", "/app/"]',
    },
    {
      code: 'FROM node\nADD a.tgz b.tgz \\\n  /opt',
      findings: [{ line: 3, column: 3, endLine: 3, endColumn: 7 }],
      output: 'FROM node\nADD a.tgz b.tgz \\\n  /opt/',
    },
  ],
});
