import rule from '../../server/src/rules/base-image-untrusted-registry';
import { ruleTester } from '../harness/ruleTester';

const hubOnly = { trustedRegistries: ['docker.io'] };

ruleTester(rule, {
  valid: [
    'FROM random.com/debian', // nothing configured
    { code: 'FROM random.com/debian', config: { trustedRegistries: [] } },
    { code: 'FROM python:3.12', config: hubOnly },
    { code: 'FROM index.docker.io/library/python:3.12', config: { trustedRegistries: ['hub.docker.com'] } },
    { code: 'FROM eu.gcr.io/proj/app:1', config: { trustedRegistries: ['*.gcr.io'] } },
    { code: 'FROM golang:1.23 AS build\nFROM build', config: hubOnly },
    { code: 'FROM scratch', config: hubOnly },
    { code: 'ARG IMAGE\nFROM $IMAGE', config: hubOnly },
    { code: 'FROM gcr.io/distroless/static:nonroot', config: { allowedBaseImages: ['gcr.io/distroless/*'] } },
    { code: 'FROM python:3.12-slim', config: { allowedBaseImages: ['python:*'] } },
    { code: 'FROM python', config: { allowedBaseImages: ['python:*'] } },
    { code: 'FROM docker.io/library/python:3.12', config: { allowedBaseImages: ['python:*'] } },
    // a tag from a build argument: the literal registry and name are what is judged
    { code: 'ARG TAG\nFROM python:${TAG}', config: hubOnly },
    { code: 'FROM python:${TAG:?}', config: hubOnly },
    { code: 'ARG TAG\nFROM gcr.io/distroless/static:${TAG}', config: { trustedRegistries: ['gcr.io'], allowedBaseImages: ['gcr.io/distroless/*'] } },
    { code: 'ARG TAG\nFROM python:${TAG}', config: { allowedBaseImages: ['python:*'] } },
    { code: 'ARG REGISTRY=docker.io\nFROM ${REGISTRY}/library/python:3.12', config: hubOnly },
  ],
  invalid: [
    // the registry is literal even when the tag is not: `${TAG}` without a default or `${TAG:?}` bypasses nothing
    { code: 'ARG TAG\nFROM evil.example.com/x:${TAG}', config: hubOnly, findings: [{ line: 2, column: 6, endLine: 2, endColumn: 31 }] },
    { code: 'FROM evil.example.com/x:${TAG:?}', config: hubOnly, findings: [{ line: 1, column: 6, endLine: 1, endColumn: 33 }] },
    { code: 'FROM evil.example.com/x:$TAG', config: hubOnly, findings: [{ line: 1, column: 6, endLine: 1, endColumn: 29 }] },
    { code: 'ARG REGISTRY=evil.example.com\nFROM ${REGISTRY}/x:${TAG}', config: hubOnly, findings: [{ line: 2, column: 6, endLine: 2, endColumn: 26 }] },
    { code: 'ARG TAG\nFROM node:${TAG}', config: { allowedBaseImages: ['python:*'] }, findings: [{ line: 2, column: 6, endLine: 2, endColumn: 17 }] },
    // an allowed image with some tags only, and the tag comes at build time: a warning, it cannot be vouched for
    {
      code: 'ARG TAG\nFROM python:${TAG}',
      config: { allowedBaseImages: ['python:3.12-slim'] },
      findings: [{ line: 2, column: 6, endLine: 2, endColumn: 19 }],
      severity: 'warning',
    },
    {
      code: 'FROM quay.io/org/app:1',
      config: hubOnly,
      findings: [{ line: 1, column: 6, endLine: 1, endColumn: 23 }],
    },
    {
      code: 'FROM python:3.12',
      config: { trustedRegistries: ['gcr.io'] },
      findings: [{ line: 1, column: 6, endLine: 1, endColumn: 17 }],
    },
    {
      code: 'FROM golang:1.23 AS build\nFROM ghcr.io/x/y:1\nCOPY --from=build /a /a',
      config: hubOnly,
      findings: [{ line: 2, column: 6, endLine: 2, endColumn: 19 }],
    },
    {
      code: 'FROM node:22',
      config: { allowedBaseImages: ['python:*', 'gcr.io/distroless/*'] },
      findings: [{ line: 1, column: 6, endLine: 1, endColumn: 13 }],
    },
  ],
});
