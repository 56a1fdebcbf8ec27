import rule from '../../server/src/rules/base-image-latest';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12',
    'FROM debian', // untagged is base-image-untagged
    'FROM debian:latest@sha256:7959ed6f7e35f8b1aaa06d1d8259d4ee25aa85a086d5c125480c333183f9deeb',
    'FROM debian:latest-slim-not-really-latest',
  ],
  invalid: [
    {
      code: 'ARG IMAGE=debian:latest\nFROM $IMAGE',
      findings: [{ line: 2, column: 6, endLine: 2, endColumn: 12 }],
      message: '`$IMAGE` (`debian:latest`) changes whenever a new image is pushed; pin a release tag',
    },
    { code: 'FROM debian:latest', findings: [{ line: 1, column: 6, endLine: 1, endColumn: 19 }] },
    { code: 'FROM ghcr.io/org/app:latest AS app', findings: [{ line: 1, column: 6, endLine: 1, endColumn: 28 }] },
    { code: 'ARG V=latest\nFROM alpine:$V', findings: [{ line: 2, column: 6, endLine: 2, endColumn: 15 }] },
  ],
});
