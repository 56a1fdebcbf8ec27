import rule from '../../server/src/rules/base-image-digest-stale';
import { ruleTester } from '../harness/ruleTester';

const pinned = 'sha256:7959ed6f7e35f8b1aaa06d1d8259d4ee25aa85a086d5c125480c333183f9deeb';
const moved = 'sha256:d4ee25aa85a086d5c125480c333183f9deeb7959ed6f7e35f8b1aaa06d1d8259';

ruleTester(rule, {
  valid: [
    // nobody asked the registry (network off): silent
    `FROM python:3.12-slim@${pinned}`,
    // the tag still names the pinned digest
    { code: `FROM python:3.12-slim@${pinned}`, registry: { 'python:3.12-slim': pinned } },
    // pinned by digest alone: no tag to compare with
    { code: `FROM python@${pinned}`, registry: { python: moved } },
    // not pinned: base-image-not-digest-pinned's business
    { code: 'FROM python:3.12-slim', registry: { 'python:3.12-slim': moved } },
  ],
  invalid: [
    {
      code: `FROM python:3.12-slim@${pinned} AS app\nCMD ["python"]`,
      registry: { 'python:3.12-slim': moved },
      findings: [{ line: 1, column: 6, endLine: 1, endColumn: 94 }],
      output: `FROM python:3.12-slim@${moved} AS app\nCMD ["python"]`,
      safe: false,
    },
    {
      // a build stage drifts too (it is what gets compiled), with the digest updated in place
      code: `FROM golang:1.23@${pinned} AS build\nFROM scratch\nCOPY --from=build /app /app`,
      registry: { 'golang:1.23': moved },
      findings: [{ line: 1, column: 6, endLine: 1, endColumn: 89 }],
      output: `FROM golang:1.23@${moved} AS build\nFROM scratch\nCOPY --from=build /app /app`,
      safe: false,
    },
    {
      // from an ARG default: reported, but the FROM line is not the place to edit
      code: `ARG BASE=python:3.12-slim@${pinned}\nFROM \${BASE}\nCMD ["python"]`,
      registry: { 'python:3.12-slim': moved },
      findings: [{ line: 2, column: 6, endLine: 2, endColumn: 13 }],
    },
  ],
});
