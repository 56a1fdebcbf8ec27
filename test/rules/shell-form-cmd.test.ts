import rule from '../../server/src/rules/shell-form-cmd';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    // dumb-init and `tini -g` from the base image signal the shell's whole process group
    { code: 'FROM team/app-base:1\nCMD node server.js', images: { 'team/app-base:1': { entrypoint: ['dumb-init', '--'] } } },
    { code: 'FROM team/app-base:1\nCMD node server.js', images: { 'team/app-base:1': { entrypoint: ['/sbin/tini', '-g', '--'] } } },
    {
      code: 'FROM team/app-base:1\nCMD node server.js',
      images: { 'team/app-base:1': { entrypoint: ['/sbin/tini', '--'], env: { TINI_KILL_PROCESS_GROUP: '1' } } },
    },
    'FROM node:22\nCMD ["node", "server.js"]',
    'FROM node:22\nENTRYPOINT ["tini", "--"]\nCMD ["node"]',
    'FROM node:22 AS build\nCMD npm test\nFROM node:22\nCMD ["node"]', // not the final stage
    'FROM scratch\nSHELL ["/bin/customshell"]\nCMD mycommand', // BuildKit: a custom SHELL makes the shell form intended
    'FROM node:22\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1', // health checks need the shell and are not PID 1
  ],
  invalid: [
    {
      code: 'FROM team/app-base:1\nCMD node server.js',
      images: { 'team/app-base:1': { entrypoint: ['/sbin/tini', '--'] } },
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 19 }],
      message:
        'CMD in shell form runs the app under `/bin/sh -c`, which `tini` (the ENTRYPOINT of the base image `team/app-base:1`) starts: the shell, not the app, receives SIGTERM (`tini -g` would signal both)',
      output: 'FROM team/app-base:1\nCMD ["node", "server.js"]',
    },
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
