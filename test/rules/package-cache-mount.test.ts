import rule from '../../server/src/rules/package-cache-mount';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get install -y curl', // no BuildKit syntax directive
    '# syntax=docker/dockerfile:1\nFROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get install -y curl',
    '# syntax=docker/dockerfile:1\nFROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip,sharing=locked pip install flask',
    '# syntax=docker/dockerfile:1\nFROM debian:12\nRUN echo apt-get install curl',
    '# syntax=docker/dockerfile:1\nFROM node:22\nRUN npm run build',
  ],
  invalid: [
    {
      code: '# syntax=docker/dockerfile:1\nFROM debian:12\nRUN apt-get update && apt-get install -y curl',
      findings: [{ line: 3, column: 23, endLine: 3, endColumn: 46 }],
    },
    {
      code: '# syntax=docker/dockerfile:1.7-labs\nFROM node:22\nRUN --mount=type=secret,id=npmrc npm ci',
      findings: [{ line: 3, column: 34, endLine: 3, endColumn: 40 }],
    },
  ],
});
