import rule from '../../server/src/rules/shell-form-cmd';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM node:22\nCMD ["node", "server.js"]',
    'FROM node:22\nENTRYPOINT ["tini", "--"]\nCMD ["node"]',
    'FROM node:22 AS build\nCMD npm test\nFROM node:22\nCMD ["node"]', // not the final stage
    'FROM scratch\nSHELL ["/bin/customshell"]\nCMD mycommand', // BuildKit: a custom SHELL makes the shell form intended
    'FROM node:22\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1', // health checks need the shell and are not PID 1
  ],
  invalid: [
    {
      code: 'FROM node:22\nCMD node server.js',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 19 }],
      output: 'FROM node:22\nCMD ["node", "server.js"]',
      safe: false,
    },
    { code: 'FROM nginx:1.27\nENTRYPOINT nginx -g "daemon off;"', findings: [{ line: 2, column: 12, endLine: 2, endColumn: 34 }] },
    { code: 'FROM python:3.12\nCMD python app.py $PORT', findings: [{ line: 2, column: 5, endLine: 2, endColumn: 24 }] },
    { code: 'CMD echo hi && sleep 1', findings: [{ line: 1, column: 5, endLine: 1, endColumn: 23 }] },
  ],
});
