import rule from '../../server/src/rules/secret-file-copied';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM node:22-slim\nCOPY .env.example /app/.env',
    'FROM node:22-slim\nCOPY .env.sample /app/',
    'FROM node:22-slim\nCOPY id_rsa.pub /root/.ssh/authorized_keys',
    'FROM node:22-slim\nCOPY release.key /usr/share/keyrings/release.gpg', // a signing key's public half
    'FROM jenkins/jenkins:lts\nCOPY jenkins.io.key /war/jenkins-key.pub',
    'FROM node:22-slim\nCOPY certs/ca.pem /usr/local/share/ca-certificates/',
    'FROM node:22-slim\nCOPY package.json package-lock.json ./',
    'FROM node:22-slim\nCOPY $ENV_FILE /app/.env',
    'FROM node:22-slim\nCOPY . .',
    'FROM node:22-slim\nCOPY environment.ts keys.ts /app/',
    'FROM node:22-slim\nCOPY <<EOF /app/.env\nPORT=8080\nEOF',
    'FROM node:22-slim\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci',
    // a build stage that installs with it; the final image takes only the build output
    'FROM node:22-slim AS build\nWORKDIR /app\nCOPY .npmrc package.json package-lock.json ./\nRUN npm ci && npm run build\nFROM node:22-slim\nCOPY --from=build /app/dist /srv/dist',
    'FROM python:3.12 AS wheels\nCOPY .pypirc /root/.pypirc\nRUN pip wheel -w /wheels -r requirements.txt\nFROM python:3.12-slim\nCOPY --from=wheels /wheels /wheels',
    'FROM node:22-slim\nCOPY <<EOF /root/.npmrc\nregistry=https://registry.npmjs.org/\nEOF',
  ],
  invalid: [
    {
      // the final image copies the folder the .npmrc landed in
      code: 'FROM node:22-slim AS build\nWORKDIR /app\nCOPY .npmrc package.json ./\nRUN npm ci\nFROM node:22-slim\nCOPY --from=build /app /app',
      findings: [{ line: 3, column: 6, endLine: 3, endColumn: 12 }],
    },
    {
      // a stage built FROM the one that copied it is copied from with a pattern
      code: 'FROM node:22-slim AS deps\nCOPY .npmrc /root/\nFROM deps AS build\nRUN npm ci\nFROM scratch\nCOPY --from=build /root/* /x/',
      findings: [{ line: 2, column: 6, endLine: 2, endColumn: 12 }],
    },
    {
      code: 'FROM node:22-slim\nCOPY .env /app/',
      findings: [{ line: 2, column: 6, endLine: 2, endColumn: 10 }],
    },
    {
      code: 'FROM node:22-slim\nCOPY config/.env.production /app/.env',
      findings: [{ line: 2, column: 6, endLine: 2, endColumn: 28 }],
    },
    {
      code: 'FROM node:22-slim\nADD .ssh/ /root/.ssh/',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 10 }],
    },
    {
      // from a build stage: the file still lands in the image
      code: 'FROM node:22-slim AS build\nRUN npm ci\nFROM node:22-slim\nCOPY --from=build /root/.npmrc /root/',
      findings: [{ line: 4, column: 19, endLine: 4, endColumn: 31 }],
    },
    {
      code: 'FROM nginx:1.27\nCOPY server.key server.crt /etc/tls/',
      findings: [{ line: 2, column: 6, endLine: 2, endColumn: 16 }],
    },
    {
      code: 'FROM node:22-slim\nCOPY ["id_ed25519", "/root/.ssh/"]',
      findings: [{ line: 2, column: 7, endLine: 2, endColumn: 19 }],
    },
    {
      code: 'FROM node:22-slim\nCOPY ./aws/credentials ./.aws/config /root/.aws/',
      findings: [
        { line: 2, column: 6, endLine: 2, endColumn: 23 },
        { line: 2, column: 24, endLine: 2, endColumn: 37 },
      ],
    },
    {
      // only key files get the benefit of a public-looking destination
      code: 'FROM node:22-slim\nCOPY .env /app/keyrings/app.gpg',
      findings: [{ line: 2, column: 6, endLine: 2, endColumn: 10 }],
    },
    {
      code: 'FROM node:22-slim\nONBUILD COPY .npmrc ./',
      findings: [{ line: 2, column: 14, endLine: 2, endColumn: 20 }],
    },
  ],
});
