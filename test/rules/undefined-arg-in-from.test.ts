import rule from '../../server/src/rules/undefined-arg-in-from';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'ARG base=scratch\nFROM $base',
    'ARG NODE_VERSION=22\nFROM node:${NODE_VERSION}-slim',
    'ARG DEBUG\nFROM scratch${DEBUG}', // declared without default: empty, but declared
    'ARG DEBUG\nFROM scra${DEBUG:-tch}',
    'FROM --platform=$BUILDPLATFORM golang:1.23',
    'FROM --platform=${TARGETOS}/${TARGETARCH} alpine:3.20',
    'FROM alpine:3.20 AS base\nFROM base',
    'FROM alpine:3.20\nARG TAG=1\nRUN echo $TAG',
  ],
  invalid: [
    {
      code: 'FROM node:${NODE_VERSION}-slim',
      findings: [{ line: 1, column: 11, endLine: 1, endColumn: 26 }],
    },
    {
      code: 'FROM --platform=$BULIDPLATFORM scratch',
      findings: [{ line: 1, column: 17, endLine: 1, endColumn: 31 }],
    },
    {
      // an ARG after the first FROM belongs to that stage, not to later FROM lines
      code: 'FROM alpine:3.20\nARG TAG=1\nFROM alpine:$TAG',
      findings: [{ line: 3, column: 13, endLine: 3, endColumn: 17 }],
    },
    {
      code: 'ARG tag=latest\nFROM busybox:${tag}${version} AS b',
      findings: [{ line: 2, column: 20, endLine: 2, endColumn: 30 }],
    },
    {
      code: 'ARG MY_ARCH=amd64\nFROM --platform=linux/${MYARCH} busybox',
      findings: [{ line: 2, column: 23, endLine: 2, endColumn: 32 }],
    },
  ],
});
