import rule from '../../server/src/rules/node-env-production';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    // the base image's ENV sets NODE_ENV=production
    { code: 'FROM node:22-slim\nCMD ["node", "server.js"]', images: { 'node:22-slim': { env: { NODE_ENV: 'production' } } } },
    'FROM node:22-slim\nENV NODE_ENV=production\nCMD ["node", "server.js"]',
    'FROM node:22-slim\nENV NODE_ENV development\nCMD ["npm", "run", "dev"]', // deliberate
    'FROM node:22-slim AS base\nARG NODE_ENV=production\nENV NODE_ENV=$NODE_ENV\nFROM base\nCMD ["node", "server.js"]',
    'FROM node:22-slim\nCMD NODE_ENV=production node server.js',
    'FROM node:22-slim\nRUN npm ci', // runs nothing
    'FROM node:22-slim AS build\nRUN npm ci && npm run build\nCMD ["npm", "start"]\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html',
    'FROM python:3.12\nCMD ["node", "x.js"]', // not a node base
    'FROM node:22-slim\nCMD ["./bin/start.sh"]',
    'CMD ["node", "server.js"]', // no FROM: the base is unknown
  ],
  invalid: [
    {
      code: 'FROM node:22-slim\nCMD ["node", "server.js"]',
      images: { 'node:22-slim': { env: { NODE_ENV: 'development' } } },
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 26 }],
      message:
        'This CMD runs Node.js (`node`) with `NODE_ENV=development` from the base image `node:22-slim`, so its libraries run in development mode: slower, with stack traces in error responses',
      output: 'FROM node:22-slim\nENV NODE_ENV=production\nCMD ["node", "server.js"]',
    },
    {
      code: 'FROM node:22-slim\nWORKDIR /app\nCMD ["node", "server.js"]',
      findings: [{ line: 3, column: 5, endLine: 3, endColumn: 26 }],
      output: 'FROM node:22-slim\nENV NODE_ENV=production\nWORKDIR /app\nCMD ["node", "server.js"]',
      safe: false,
    },
    {
      // after the last RUN: npm ci keeps the devDependencies npm run build needs
      code: 'FROM node:18-bookworm-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\nEXPOSE 3000\nCMD ["node", "dist/server.js"]',
      findings: [{ line: 8, column: 5, endLine: 8, endColumn: 31 }],
      output:
        'FROM node:18-bookworm-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\nENV NODE_ENV=production\nEXPOSE 3000\nCMD ["node", "dist/server.js"]',
    },
    {
      // in the final stage, after its own RUN; the build stage is left as it is
      code: 'FROM node:22-slim AS build\nRUN npm ci && npm run build\nFROM node:22-slim\nRUN npm ci --omit=dev\nCOPY --from=build /app/dist dist\nCMD ["node", "dist/index.js"]',
      findings: [{ line: 6, column: 5, endLine: 6, endColumn: 30 }],
      output:
        'FROM node:22-slim AS build\nRUN npm ci && npm run build\nFROM node:22-slim\nRUN npm ci --omit=dev\nENV NODE_ENV=production\nCOPY --from=build /app/dist dist\nCMD ["node", "dist/index.js"]',
    },
    {
      code: 'FROM node:20-alpine AS app\nCMD npm start',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 14 }],
      output: 'FROM node:20-alpine AS app\nENV NODE_ENV=production\nCMD npm start',
    },
    {
      code: 'from gcr.io/distroless/nodejs22-debian12\ncopy app /app\ncmd ["/app/server.js"]',
      findings: [{ line: 3, column: 5, endLine: 3, endColumn: 23 }],
      output: 'from gcr.io/distroless/nodejs22-debian12\nenv NODE_ENV=production\ncopy app /app\ncmd ["/app/server.js"]',
    },
    {
      code: 'FROM node:22\r\nENTRYPOINT ["yarn", "start"]\r\n',
      findings: [{ line: 2, column: 12, endLine: 2, endColumn: 29 }],
      output: 'FROM node:22\r\nENV NODE_ENV=production\r\nENTRYPOINT ["yarn", "start"]\r\n',
    },
  ],
});
