import rule from '../../server/src/rules/npm-unpinned-versions';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM node:22-slim\nRUN npm install',
    'FROM node:22-slim\nRUN npm ci --omit=dev',
    'FROM node:22-slim\nRUN npm install express@4.21.1',
    'FROM node:22-slim\nRUN npm install -g @angular/cli@18 "typescript@>=5.4 <5.5"',
    'FROM node:22-slim\nRUN npm install --loglevel verbose --registry https://npm.example.com sax@1.4.1',
    'FROM node:22-slim\nRUN npm install ./packages/shared ../lib /opt/pkg ~/pkg file:vendor/x',
    'FROM node:22-slim\nRUN npm install app-1.0.0.tgz https://example.com/app.tar.gz',
    'FROM node:22-slim\nRUN npm install git+https://github.com/org/repo.git#v1.0.27 user/repo#semver:^5.0',
    'FROM node:22-slim\nRUN npm install $TOOLS',
    'FROM node:22-slim\nRUN npm run install',
    'FROM node:22-slim\nRUN yarn add express',
    'FROM node:22-slim\nRUN pnpm add express',
  ],
  invalid: [
    {
      code: 'FROM node:22-slim\nRUN npm install express',
      findings: [{ line: 2, column: 17, endLine: 2, endColumn: 24 }],
    },
    {
      code: 'FROM node:22-slim\nRUN npm install -g pm2 typescript@5.6.3',
      findings: [{ line: 2, column: 20, endLine: 2, endColumn: 23 }],
    },
    {
      // the `@` of a scope is not a version
      code: 'FROM node:22-slim\nRUN npm i @types/node',
      findings: [{ line: 2, column: 11, endLine: 2, endColumn: 22 }],
    },
    {
      code: 'FROM node:22-slim\nRUN npm install github:user/repo',
      findings: [{ line: 2, column: 17, endLine: 2, endColumn: 33 }],
    },
    {
      code: 'FROM node:22-slim\nRUN npm --prefix /opt/tools install eslint',
      findings: [{ line: 2, column: 37, endLine: 2, endColumn: 43 }],
    },
    {
      code: 'FROM node:22-slim\nONBUILD RUN npm install express',
      findings: [{ line: 2, column: 25, endLine: 2, endColumn: 32 }],
    },
  ],
});
