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
  ],
  invalid: [
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
