import rule from '../../server/src/rules/npm-dev-dependencies-in-final-stage';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM node:22-slim\nRUN npm ci --omit=dev',
    'FROM node:22-slim\nRUN npm ci --omit dev',
    'FROM node:22-slim\nRUN npm ci --production',
    'FROM node:22-slim\nRUN npm install --only=production',
    'FROM node:22-slim\nENV NODE_ENV=production\nRUN npm ci',
    'FROM node:22-slim\nARG NODE_ENV=production\nRUN npm ci',
    'FROM node:22-slim AS base\nENV NODE_ENV=production\nFROM base\nRUN npm ci',
    'FROM node:22-slim\nRUN NODE_ENV=production npm ci',
    'FROM node:22-slim\nRUN export NODE_ENV=production && npm ci',
    'FROM node:22-slim\nENV NPM_CONFIG_OMIT=dev\nRUN npm ci',
    // the value comes from a build argument: not known here
    'FROM node:22-slim\nARG NODE_ENV\nENV NODE_ENV=$NODE_ENV\nRUN npm ci',
    'FROM node:22-slim\nRUN npm ci && npm run build && npm prune --omit=dev',
    'FROM node:22-slim\nRUN npm ci\nCOPY . .\nRUN npm run build && npm prune --production',
    'FROM node:22-slim\nRUN npm ci && npm run build && rm -rf node_modules && npm ci --omit=dev',
    'FROM node:22-slim\nRUN npm install express@4.21.1',
    // npm-install-instead-of-ci's finding comes first; its fix (npm ci) brings this rule in
    'FROM node:22-slim\nRUN npm install',
    'FROM node:22-slim\nRUN cd /app && npm i --no-audit',
    'FROM node:22-slim\nRUN npm install -g pnpm@9',
    'FROM node:22-slim\nRUN yarn install --production',
    'FROM node:22-slim\nRUN npm run build',
    // the build stage keeps its devDependencies; only its output is copied
    'FROM node:22-slim AS build\nRUN npm ci && npm run build\nFROM node:22-slim\nCOPY --from=build /app/dist /app',
  ],
  invalid: [
    {
      // a later build step runs the project's scripts: leaving devDependencies out would break it, so no fix
      code: 'FROM node:18-bookworm-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\nCMD ["node", "dist/server.js"]',
      findings: [{ line: 4, column: 5, endLine: 4, endColumn: 11 }],
      message: /`npm run build` on line 6 may need them/,
    },
    {
      code: 'FROM node:22-slim AS deps\nRUN npm ci\nFROM deps\nRUN npx tsc -p .',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 11 }],
      message: /`npx tsc -p \.` on line 4/,
    },
    {
      code: 'FROM node:22-slim\nRUN npm ci && yarn build',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 11 }],
      message: /`yarn build` on line 2/,
    },
    {
      code: 'FROM node:22-slim\nRUN npm ci',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 11 }],
      output: 'FROM node:22-slim\nRUN npm ci --omit=dev',
      safe: false,
    },
    {
      code: 'FROM node:22-slim\nRUN cd /app && npm ci --no-audit',
      findings: [{ line: 2, column: 16, endLine: 2, endColumn: 33 }],
      output: 'FROM node:22-slim\nRUN cd /app && npm ci --omit=dev --no-audit',
    },
    {
      code: 'FROM node:22-slim\nENV NODE_ENV=development\nRUN npm ci',
      findings: [{ line: 3, column: 5, endLine: 3, endColumn: 11 }],
      output: 'FROM node:22-slim\nENV NODE_ENV=development\nRUN npm ci --omit=dev',
    },
    {
      // pruning before the install removes nothing
      code: 'FROM node:22-slim\nRUN npm prune --omit=dev && npm ci',
      findings: [{ line: 2, column: 29, endLine: 2, endColumn: 35 }],
      output: 'FROM node:22-slim\nRUN npm prune --omit=dev && npm ci --omit=dev',
    },
    {
      // the ENV is in a stage the final image is not built from
      code: 'FROM node:22-slim AS other\nENV NODE_ENV=production\nFROM node:22-slim\nRUN npm ci',
      findings: [{ line: 4, column: 5, endLine: 4, endColumn: 11 }],
      output: 'FROM node:22-slim AS other\nENV NODE_ENV=production\nFROM node:22-slim\nRUN npm ci --omit=dev',
    },
    {
      code: 'FROM node:22-slim\nONBUILD RUN npm ci',
      findings: [{ line: 2, column: 13, endLine: 2, endColumn: 19 }],
      output: 'FROM node:22-slim\nONBUILD RUN npm ci --omit=dev',
    },
    {
      // exec form: no text is inserted into the JSON array
      code: 'FROM node:22-slim\nRUN ["npm", "ci"]',
      findings: [{ line: 2, column: 6, endLine: 2, endColumn: 17 }],
    },
  ],
});
