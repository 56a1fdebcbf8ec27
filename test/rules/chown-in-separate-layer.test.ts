import rule from '../../server/src/rules/chown-in-separate-layer';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM node:22\nCOPY --chown=node:node a.js /app/a.js',
    'FROM node:22\nCOPY a.js /app/a.js\nRUN chown node /data',
    'FROM node:22\nCOPY a.js /app/a.js\nRUN echo hi\nRUN chown node /app/a.js', // not right after the COPY
    'FROM node:22\nCOPY a.js /app/a.js\nRUN chown --reference=/etc /app/a.js',
    'FROM node:22\nWORKDIR /app\nCOPY a.js .\nRUN chown node b.js',
    'FROM node:22\nCOPY a.js /app/\nRUN chown node /app', // only the directory entry, which the COPY did not write
  ],
  invalid: [
    {
      code: 'FROM node:22\nCOPY a.js /app/a.js\nRUN chown node:node /app/a.js\nCMD ["node"]',
      findings: [{ line: 3, column: 5, endLine: 3, endColumn: 30 }],
      output: 'FROM node:22\nCOPY --chown=node:node a.js /app/a.js\nCMD ["node"]',
      safe: true,
    },
    {
      // -R: the existing /app (made by WORKDIR) would keep its owner with COPY --chown, so the fix is unsafe
      code: 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN chown -R node:node /app',
      findings: [{ line: 4, column: 5, endLine: 4, endColumn: 28 }],
      output: 'FROM node:22\nWORKDIR /app\nCOPY --chown=node:node . .',
      safe: false,
    },
    {
      code: 'FROM node:22\nCOPY a.js b.js /app/\nRUN chown node /app/a.js /app/b.js\n',
      findings: [{ line: 3, column: 5, endLine: 3, endColumn: 35 }],
      output: 'FROM node:22\nCOPY --chown=node a.js b.js /app/\n',
      safe: true,
    },
    {
      // a recursive chown of the directory the files went into: no exact match, no fix
      code: 'FROM node:22\nCOPY a.js b.js /app/\nRUN chown -R node /app',
      findings: [{ line: 3, column: 5, endLine: 3, endColumn: 23 }],
    },
    {
      // the RUN does more than chown: no fix
      code: 'FROM node:22\nCOPY a.js /app/a.js\nRUN chown node /app/a.js && chmod 755 /app/a.js',
      findings: [{ line: 3, column: 5, endLine: 3, endColumn: 25 }],
    },
    {
      code: 'FROM node:22\nCOPY --chown=root a.js /app/a.js\nRUN chown node /app/a.js',
      findings: [{ line: 3, column: 5, endLine: 3, endColumn: 25 }],
    },
  ],
});
