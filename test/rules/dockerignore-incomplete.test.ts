import rule from '../../server/src/rules/dockerignore-incomplete';
import { ruleTester } from '../harness/ruleTester';

const node = 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci';

ruleTester(rule, {
  valid: [
    { code: node, dockerignore: '.git\n.env\nnode_modules\n' },
    { code: 'FROM alpine:3.20\nCOPY . /src', dockerignore: '**/.git\n.env*\n' },
    { code: node, dockerignore: null }, // no .dockerignore: dockerignore-missing's case
    { code: node, dockerignore: '*\n!src\n!package*.json\n' }, // allow-list style
    { code: 'FROM node:22\nCOPY package.json .', dockerignore: '' }, // not a context copy
    { code: 'FROM node:22 AS build\nCOPY . .\nRUN npm ci\nFROM node:22-slim\nCOPY --from=build /app /app', dockerignore: '' },
  ],
  invalid: [
    {
      code: node,
      dockerignore: '.git\n',
      findings: [{ line: 3, column: 6, endLine: 3, endColumn: 7 }],
      // the missing lines go at the end of the .dockerignore; the Dockerfile is not edited
      output: node,
      createdFile: '.env\nnode_modules\n',
      safe: false,
    },
    {
      // a .dockerignore without a final newline gets one before the added lines
      code: node,
      dockerignore: '.git\n.env',
      findings: [{ line: 3, column: 6, endLine: 3, endColumn: 7 }],
      output: node,
      createdFile: '\nnode_modules\n',
      safe: false,
    },
    {
      code: 'FROM python:3.12-slim\nCOPY . /app',
      dockerignore: '.git\n.env\n',
      findings: [{ line: 2, column: 6, endLine: 2, endColumn: 7 }],
    },
    {
      // a negation lets .env back in
      code: 'FROM alpine:3.20\nCOPY ./ /src',
      dockerignore: '.git\n.env*\n!.env\n',
      findings: [{ line: 2, column: 6, endLine: 2, endColumn: 8 }],
    },
  ],
});
