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
    { code: 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci', findings: [{ line: 3, column: 1, endLine: 3, endColumn: 9 }] },
    { code: 'FROM python:3.12\nCOPY ./ /app\nRUN pip install -r /app/requirements.txt', findings: [{ line: 2, column: 1, endLine: 2, endColumn: 13 }] },
    { code: 'FROM golang:1.23\nADD . /src\nRUN cd /src && go mod download', findings: [{ line: 2, column: 1, endLine: 2, endColumn: 11 }] },
  ],
});
