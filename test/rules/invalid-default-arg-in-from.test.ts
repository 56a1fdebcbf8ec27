import rule from '../../server/src/rules/invalid-default-arg-in-from';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'ARG VERSION="latest"\nFROM busybox:${VERSION}',
    'ARG VARIANT=""\nFROM busybox:stable${VARIANT}',
    'ARG VARIANT\nFROM busybox:stable${VARIANT}',
    'FROM busybox:1.36',
    'ARG GO=1.23\nARG TAG=${GO}-alpine\nFROM golang:${TAG}', // a default built from an earlier ARG
    'ARG TAG=3.20\nFROM alpine:"${TAG}"', // quotes are removed like the builder does
    'FROM golang:1.23 AS build-linux\nFROM build-${TARGETOS}', // automatic platform ARGs have values
    'ARG BASE=Builder\nFROM alpine:3.20 AS builder\nFROM ${BASE}', // stage names match without regard to case
    'ARG IMAGE=scratch\nFROM $IMAGE',
  ],
  invalid: [
    {
      code: 'ARG VERSION\nFROM busybox:$VERSION',
      findings: [{ line: 2, column: 6, endLine: 2, endColumn: 22 }],
    },
    {
      code: 'ARG IMAGE\nFROM $IMAGE',
      findings: [{ line: 2, column: 6, endLine: 2, endColumn: 12 }],
    },
    {
      code: 'ARG SFX="box:"\nFROM busy${SFX}',
      findings: [{ line: 2, column: 6, endLine: 2, endColumn: 16 }],
    },
    {
      code: 'FROM alpine:${UNDECLARED}',
      findings: [{ line: 1, column: 6, endLine: 1, endColumn: 26 }],
    },
  ],
});
