import rule from '../../server/src/rules/no-init-process';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    // the base image's ENTRYPOINT starts tini (or s6-overlay's /init): the CMD runs under it
    { code: 'FROM team/app-base:1\nCMD ["node", "server.js"]', images: { 'team/app-base:1': { entrypoint: ['/usr/bin/tini', '--'] } } },
    { code: 'FROM team/app-base:1\nCMD ["python", "app.py"]', images: { 'team/app-base:1': { entrypoint: ['/init'] } } },
    // shell form under the default shell: sh is PID 1, which is shell-form-cmd's finding; its fix brings this rule in
    'FROM python:3.12\nCMD ./migrate.sh && gunicorn app.wsgi',
    'FROM node:22-slim\nCMD node server.js',
    'FROM node:22-slim\nENTRYPOINT ["tini", "--"]\nCMD ["node", "server.js"]',
    'FROM node:22-slim\nENTRYPOINT ["/usr/bin/dumb-init", "--"]\nCMD ["npm", "start"]',
    'FROM python:3.12\nENTRYPOINT ["/sbin/tini", "-g", "--", "python", "app.py"]',
    'FROM nginx:1.27\nCMD ["nginx", "-g", "daemon off;"]', // built to be PID 1
    'FROM node:22-slim\nCMD tini -- node server.js',
    'FROM node:22-slim\nENTRYPOINT ["./docker-entrypoint.sh"]\nCMD ["node", "server.js"]', // the script may start an init
    'FROM lscr.io/linuxserver/baseimage-alpine:3.20\nCMD ["python3", "/app/main.py"]', // s6-overlay is the base's ENTRYPOINT
    'FROM node:22-slim AS build\nCMD ["node", "build.js"]\nFROM nginx:1.27\nCOPY --from=build /dist /usr/share/nginx/html',
    'FROM node:22-slim\nCMD ["node", "server.js"]\nENTRYPOINT ["tini", "--"]\nCMD ["node", "server.js"]',
    'FROM python:3.12\nONBUILD CMD ["python", "app.py"]',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD ["java", "-jar", "app.jar"]',
  ],
  invalid: [
    {
      // the same file without facts: nothing says an init is there
      code: 'FROM team/app-base:1\nCMD ["node", "server.js"]',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 26 }],
    },
    {
      // an ENTRYPOINT of the file replaces the base's init
      code: 'FROM team/app-base:1\nENTRYPOINT ["node", "server.js"]',
      images: { 'team/app-base:1': { entrypoint: ['/usr/bin/tini', '--'] } },
      findings: [{ line: 2, column: 12, endLine: 2, endColumn: 33 }],
    },
    {
      code: 'FROM node:22-slim\nCMD ["node", "server.js"]',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 26 }],
    },
    {
      code: 'FROM python:3.12-slim\nENTRYPOINT ["gunicorn", "-b", "0.0.0.0:8000"]\nCMD ["app:wsgi"]',
      findings: [{ line: 2, column: 12, endLine: 2, endColumn: 46 }],
    },
    {
      // gosu execs into java: java becomes PID 1
      code: 'FROM eclipse-temurin:21\nCMD ["gosu", "app", "java", "-jar", "/app.jar"]',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 48 }],
    },
    {
      // the CMD of the stage the final image is built FROM still applies
      code: 'FROM python:3.12 AS base\nCMD ["/usr/local/bin/python3", "-m", "app"]\nFROM base\nCOPY . /app',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 44 }],
    },
    {
      // a script run by `sh -c` in exec form: the command it ends with is what runs on
      code: 'FROM python:3.12\nCMD ["sh", "-c", "./migrate.sh && exec gunicorn app.wsgi"]',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 59 }],
    },
    {
      code: 'CMD ["npm", "start"]',
      findings: [{ line: 1, column: 5, endLine: 1, endColumn: 21 }],
    },
  ],
});
