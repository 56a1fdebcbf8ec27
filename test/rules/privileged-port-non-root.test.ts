import rule from '../../server/src/rules/privileged-port-non-root';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    // without facts a base that runs as non-root is not known
    'FROM nginxinc/nginx-unprivileged:1.27\nEXPOSE 80',
    'FROM nginx:1.27\nEXPOSE 80', // runs as root
    'FROM node:22-slim\nUSER node\nEXPOSE 8080',
    'FROM node:22-slim\nUSER node\nUSER root\nEXPOSE 80',
    'FROM node:22-slim\nUSER 0:0\nEXPOSE 443',
    'FROM node:22-slim\nUSER ${APP_USER}\nEXPOSE 80', // a variable: cannot tell
    'FROM debian:12\nRUN apt-get install -y libcap2-bin && setcap cap_net_bind_service=+ep /usr/sbin/nginx\nUSER www-data\nEXPOSE 80',
    'FROM node:22-slim AS build\nUSER node\nEXPOSE 80\nFROM nginx:1.27\nCOPY --from=build /app /usr/share/nginx/html\nEXPOSE 80', // only copied from
    'FROM node:22-slim\nUSER node\nEXPOSE ${PORT}',
    'FROM node:22-slim\nUSER node\nONBUILD EXPOSE 80',
  ],
  invalid: [
    {
      code: 'FROM nginxinc/nginx-unprivileged:1.27\nEXPOSE 80',
      images: { 'nginxinc/nginx-unprivileged:1.27': { user: '101', exposedPorts: ['8080/tcp'] } },
      findings: [{ line: 2, column: 8, endLine: 2, endColumn: 10 }],
      message: /^The image runs as `101` \(the User of the base image `nginxinc\/nginx-unprivileged:1\.27`\) but exposes `80`/,
    },
    {
      code: 'FROM node:22-slim\nUSER node\nEXPOSE 80 8080 443/tcp',
      findings: [
        { line: 3, column: 8, endLine: 3, endColumn: 10 },
        { line: 3, column: 16, endLine: 3, endColumn: 23 },
      ],
    },
    {
      // USER in the stage it is built FROM; the order of USER and EXPOSE does not matter
      code: 'FROM debian:12 AS base\nEXPOSE 25\nUSER mail\nFROM base\nCOPY app /app',
      findings: [{ line: 2, column: 8, endLine: 2, endColumn: 10 }],
    },
    {
      code: 'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\nEXPOSE 1000-1100',
      findings: [{ line: 3, column: 8, endLine: 3, endColumn: 17 }],
    },
  ],
});
