import rule from '../../server/src/rules/copy-from-stage-index';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app',
    'FROM scratch\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx', // an image
    'FROM golang:1.23\nFROM scratch\nCOPY --from=3 /app /app', // out of range: copy-from-unknown-stage
    'FROM golang:1.23\nCOPY --from=0 /app /app', // its own stage: copy-from-own-stage
    'COPY --from=0 /app /app', // no stage at all
    'FROM golang:1.23\nFROM scratch\nONBUILD COPY --from=0 /app /app', // counts the stages of the downstream build
    'FROM golang:1.23\nFROM scratch\nCOPY --from=$STAGE /app /app',
  ],
  invalid: [
    {
      code: 'FROM golang:1.23\nRUN go build -o /app .\nFROM scratch\nCOPY --from=0 /app /app',
      findings: [{ line: 4, column: 13, endLine: 4, endColumn: 14 }],
      output: 'FROM golang:1.23 AS golang\nRUN go build -o /app .\nFROM scratch\nCOPY --from=golang /app /app',
      safe: true,
    },
    {
      // the stage has a name: use it
      code: 'FROM node:22 AS deps\nRUN npm ci\nFROM node:22-slim\nCOPY --from=0 /node_modules /node_modules',
      findings: [{ line: 4, column: 13, endLine: 4, endColumn: 14 }],
      output: 'FROM node:22 AS deps\nRUN npm ci\nFROM node:22-slim\nCOPY --from=deps /node_modules /node_modules',
    },
    {
      // every reference to the stage is rewritten by one fix, RUN --mount from= included; lower-case file, lower-case `as`
      code: 'from golang:1.23\nrun go build -o /app .\nfrom alpine:3.20\nrun --mount=type=bind,from=0,target=/src cp /src/app /app\ncopy --from=0 /app /bin/app',
      findings: [
        { line: 4, column: 28, endLine: 4, endColumn: 29 },
        { line: 5, column: 13, endLine: 5, endColumn: 14 },
      ],
      output:
        'from golang:1.23 as golang\nrun go build -o /app .\nfrom alpine:3.20\nrun --mount=type=bind,from=golang,target=/src cp /src/app /app\ncopy --from=golang /app /bin/app',
    },
    {
      // names in use (as a stage, or as an image in FROM / --from) are avoided
      code: 'FROM golang:1.23\nFROM golang AS tools\nFROM scratch\nCOPY --from=0 /app /app\nCOPY --from=golang-2 /x /x',
      findings: [{ line: 4, column: 13, endLine: 4, endColumn: 14 }],
      output: 'FROM golang:1.23 AS golang-3\nFROM golang AS tools\nFROM scratch\nCOPY --from=golang-3 /app /app\nCOPY --from=golang-2 /x /x',
    },
    {
      // no image to name it after
      code: 'ARG BASE\nFROM ${BASE}\nFROM --platform=$BUILDPLATFORM scratch\nCOPY --from=0 /app /app',
      findings: [{ line: 4, column: 13, endLine: 4, endColumn: 14 }],
      output: 'ARG BASE\nFROM ${BASE} AS build\nFROM --platform=$BUILDPLATFORM scratch\nCOPY --from=build /app /app',
    },
    {
      // two unnamed stages get different names, from their images
      code: 'FROM golang:1.23\nFROM node:22\nFROM scratch\nCOPY --from=0 /a /a\nCOPY --from=1 /b /b',
      findings: [
        { line: 4, column: 13, endLine: 4, endColumn: 14 },
        { line: 5, column: 13, endLine: 5, endColumn: 14 },
      ],
      output: 'FROM golang:1.23 AS golang\nFROM node:22\nFROM scratch\nCOPY --from=golang /a /a\nCOPY --from=1 /b /b',
    },
  ],
});
