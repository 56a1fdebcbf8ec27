import rule from '../../server/src/rules/from-platform-flag';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12',
    'FROM --platform=$BUILDPLATFORM debian:12',
    'FROM --platform="$BUILDPLATFORM" debian:12',
    'FROM --platform=${BUILDPLATFORM:-} debian:12',
    'FROM --platform=${TARGETOS}/${TARGETARCH} debian:12',
    'ARG PLATFORM=linux/arm64\nFROM --platform=$PLATFORM debian:12',
    'FROM --platform=linux/amd64 scratch AS my_amd64_stage', // the stage says what it is for
    'FROM --platform=linux/amd64 scratch AS linux',
  ],
  invalid: [
    {
      code: 'FROM --platform=linux debian:jessie',
      findings: [{ line: 1, column: 6, endLine: 1, endColumn: 22 }],
    },
    {
      code: 'FROM --platform=linux/amd64 golang:1.23 AS build',
      findings: [{ line: 1, column: 6, endLine: 1, endColumn: 28 }],
    },
    {
      code: 'FROM --platform=$TARGETPLATFORM scratch',
      findings: [{ line: 1, column: 6, endLine: 1, endColumn: 32 }],
      output: 'FROM scratch',
      safe: true,
    },
    {
      code: 'FROM --platform=${TARGETPLATFORM} alpine:3.20 AS base\nRUN true',
      findings: [{ line: 1, column: 6, endLine: 1, endColumn: 34 }],
      output: 'FROM alpine:3.20 AS base\nRUN true',
    },
    {
      code: 'from --platform=$TARGETPLATFORM scratch\r\n',
      findings: [{ line: 1, column: 6, endLine: 1, endColumn: 32 }],
      output: 'from scratch\r\n',
    },
  ],
});
