import rule from '../../server/src/rules/yarn-cache-not-cleaned';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM node:22-slim\nRUN yarn install --frozen-lockfile && yarn cache clean',
    'FROM node:22-slim\nRUN yarn install && yarn build && yarn cache clean --all',
    'FROM node:22-slim\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install',
    'FROM node:22-slim\nRUN --mount=type=cache,target=/root/.yarn/berry/cache yarn install',
    'FROM node:22-slim\nRUN yarn install && rm -rf /usr/local/share/.cache/yarn',
    'FROM node:22-slim\nRUN yarn install && rm -rf "$(yarn cache dir)"',
    'FROM node:22-slim\nRUN yarn --version',
    'FROM node:22-slim\nRUN yarn build',
    'FROM node:22-slim\nRUN npm ci',
    'FROM node:22-slim\nRUN echo yarn install',
    // the stage is only copied from: its cache never reaches the image
    'FROM node:22-slim AS build\nRUN yarn install && yarn build\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html',
  ],
  invalid: [
    {
      code: 'FROM node:22-slim\nRUN yarn install',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 17 }],
      output: 'FROM node:22-slim\nRUN yarn install && yarn cache clean',
      safe: true,
    },
    {
      // cleaning before the install leaves the install's downloads behind
      code: 'FROM node:22-slim\nRUN yarn cache clean && yarn install',
      findings: [{ line: 2, column: 25, endLine: 2, endColumn: 37 }],
      output: 'FROM node:22-slim\nRUN yarn cache clean && yarn install && yarn cache clean',
    },
    {
      // `yarn` alone installs too; the clean goes right after it
      code: 'FROM node:22-slim\nRUN yarn --frozen-lockfile && yarn build',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 27 }],
      output: 'FROM node:22-slim\nRUN yarn --frozen-lockfile && yarn cache clean && yarn build',
    },
    {
      code: 'FROM node:22-slim\nRUN --mount=type=cache,target=/var/lib/foo yarn install',
      findings: [{ line: 2, column: 44, endLine: 2, endColumn: 56 }],
      output: 'FROM node:22-slim\nRUN --mount=type=cache,target=/var/lib/foo yarn install && yarn cache clean',
    },
    {
      code: 'FROM node:22-slim AS deps\nRUN yarn install\nFROM deps\nCMD ["node", "index.js"]',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 17 }],
      output: 'FROM node:22-slim AS deps\nRUN yarn install && yarn cache clean\nFROM deps\nCMD ["node", "index.js"]',
    },
    {
      // ONBUILD runs in the image of whoever builds FROM this one
      code: 'FROM node:22-slim AS build\nONBUILD RUN yarn install\nFROM scratch\nCOPY --from=build /app /app',
      findings: [{ line: 2, column: 13, endLine: 2, endColumn: 25 }],
      output: 'FROM node:22-slim AS build\nONBUILD RUN yarn install && yarn cache clean\nFROM scratch\nCOPY --from=build /app /app',
    },
    {
      // inside a pipeline, `&&` would bind to the wrong command: no fix
      code: 'FROM node:22-slim\nRUN yarn install | tee /tmp/log',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 17 }],
    },
    {
      code: 'FROM node:22-slim\nRUN <<EOF\nset -e\nyarn install\nyarn build\nEOF',
      findings: [{ line: 4, column: 1, endLine: 4, endColumn: 13 }],
      output: 'FROM node:22-slim\nRUN <<EOF\nset -e\nyarn install && yarn cache clean\nyarn build\nEOF',
    },
  ],
});
