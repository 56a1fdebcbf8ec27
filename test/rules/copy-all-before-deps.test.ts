import rule from '../../server/src/rules/copy-all-before-deps';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM node:22\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build',
    'FROM python:3.12\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .',
    'FROM node:22\nCOPY . .\nRUN npm install -g serve', // a tool, not the project's dependencies
    'FROM golang:1.23\nCOPY --from=deps /go/pkg /go/pkg\nRUN go mod download',
  ],
  invalid: [
    {
      code: 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci',
      findings: [{ line: 3, column: 1, endLine: 3, endColumn: 9 }],
      output: 'FROM node:22\nWORKDIR /app\nCOPY package.json package-lock.json* npm-shrinkwrap.json* ./\nRUN npm ci\nCOPY . .',
      safe: false,
    },
    {
      // the requirements file is copied where `COPY ./ /app` would have put it; the broad COPY's --chown comes along
      code: 'FROM python:3.12\nCOPY --chown=app:app ./ /app\nRUN pip install --no-cache-dir -r /app/requirements/prod.txt\nCMD ["python", "-m", "app"]',
      findings: [{ line: 2, column: 1, endLine: 2, endColumn: 29 }],
      output:
        'FROM python:3.12\nCOPY --chown=app:app requirements/prod.txt /app/requirements/\nRUN pip install --no-cache-dir -r /app/requirements/prod.txt\nCOPY --chown=app:app ./ /app\nCMD ["python", "-m", "app"]',
      safe: false,
    },
    {
      // lower-case file, CRLF, a continued RUN that cds to where the source went
      code: 'from golang:1.23\r\nadd . /src\r\nrun cd /src \\\r\n  && go mod download\r\nrun go build ./...\r\n',
      findings: [{ line: 2, column: 1, endLine: 2, endColumn: 11 }],
      output: 'from golang:1.23\r\ncopy go.mod go.sum* /src/\r\nrun cd /src \\\r\n  && go mod download\r\nadd . /src\r\nrun go build ./...\r\n',
      safe: false,
    },
    {
      // the install RUN also builds the project: moving it would break the build, so no fix
      code: 'FROM node:22\nCOPY . .\nRUN npm ci && npm run build',
      findings: [{ line: 2, column: 1, endLine: 2, endColumn: 9 }],
    },
    {
      // something between the COPY and the install: no fix
      code: 'FROM node:22\nCOPY . .\nENV CI=true\nRUN npm ci',
      findings: [{ line: 2, column: 1, endLine: 2, endColumn: 9 }],
    },
  ],
});
