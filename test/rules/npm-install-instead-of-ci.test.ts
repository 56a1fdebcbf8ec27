import rule from '../../server/src/rules/npm-install-instead-of-ci';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM node:22-slim\nRUN npm ci',
    'FROM node:22-slim\nRUN npm install -g pnpm@9',
    'FROM node:22-slim\nRUN npm install --global typescript',
    'FROM node:22-slim\nRUN npm install express', // adding a package is another rule's business
    'FROM node:22-slim\nRUN npm run build',
    'FROM node:22-slim\nRUN yarn install --frozen-lockfile',
  ],
  invalid: [
    {
      code: 'FROM node:22-slim\nRUN npm install',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 16 }],
      output: 'FROM node:22-slim\nRUN npm ci',
      safe: false,
    },
    {
      // npm's other names for install
      code: 'FROM node:22-slim\nRUN npm add',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 12 }],
      output: 'FROM node:22-slim\nRUN npm ci',
    },
    {
      code: 'FROM node:22-slim\nRUN npm i --omit=dev && npm cache clean --force',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 21 }],
      output: 'FROM node:22-slim\nRUN npm ci --omit=dev && npm cache clean --force',
    },
  ],
});
