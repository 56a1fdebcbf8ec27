import rule from '../../server/src/rules/base-image-not-digest-pinned';
import { ruleTester } from '../harness/ruleTester';

const digest = 'sha256:7959ed6f7e35f8b1aaa06d1d8259d4ee25aa85a086d5c125480c333183f9deeb';

ruleTester(rule, {
  valid: [
    `FROM debian:12@${digest}`,
    'FROM scratch',
    // the build stage is only copied from: its base does not reach the final image
    `FROM golang:1.23 AS build\nFROM gcr.io/distroless/static:nonroot@${digest}\nCOPY --from=build /app /app`,
  ],
  invalid: [
    { code: 'FROM debian:12', findings: [{ line: 1, column: 6, endLine: 1, endColumn: 15 }] },
    {
      code: `FROM python:3.12-slim AS base\nFROM base\nRUN echo`,
      findings: [{ line: 1, column: 6, endLine: 1, endColumn: 22 }],
    },
    {
      // once the registry has answered, the fix writes the digest beside the tag, keeping flags and the stage name
      code: 'FROM --platform=linux/amd64 python:3.12-slim AS app # base\nCMD ["python"]',
      registry: { 'python:3.12-slim': digest },
      findings: [{ line: 1, column: 29, endLine: 1, endColumn: 45 }],
      output: `FROM --platform=linux/amd64 python:3.12-slim@${digest} AS app # base\nCMD ["python"]`,
      safe: false,
    },
    {
      // a reference split by a line continuation is not rewritten by hand-off guesswork
      code: 'FROM python:3.12-\\\nslim\nCMD ["python"]',
      registry: { 'python:3.12-slim': digest },
      findings: [{ line: 1, column: 6, endLine: 2, endColumn: 5 }],
    },
    {
      // from an ARG default: the FROM line is not where the reference is written (Pin edits the ARG line)
      code: 'ARG BASE=python:3.12-slim\nFROM ${BASE}\nCMD ["python"]',
      registry: { 'python:3.12-slim': digest },
      findings: [{ line: 2, column: 6, endLine: 2, endColumn: 13 }],
    },
  ],
});
