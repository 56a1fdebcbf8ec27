import rule from '../../server/src/rules/base-image-too-large';
import { ruleTester } from '../harness/ruleTester';

const MB = 1024 * 1024;

ruleTester(rule, {
  valid: [
    { code: 'FROM python:3.12-slim\nCMD ["python"]', images: { 'python:3.12-slim': { compressedSize: 42 * MB } } },
    // no facts: silent
    'FROM tensorflow/tensorflow:2.16.1\nCMD ["python"]',
    // a budget the team raised
    {
      code: 'FROM tensorflow/tensorflow:2.16.1\nCMD ["python"]',
      images: { 'tensorflow/tensorflow:2.16.1': { compressedSize: 612 * MB } },
      config: { ruleOptions: { 'base-image-too-large': { maxMB: 1024 } } },
    },
    // a large build stage does not ship; the final image's base is small
    {
      code: 'FROM nvidia/cuda:12.4.1-devel-ubuntu22.04 AS build\nRUN make\nFROM debian:12-slim\nCOPY --from=build /app /app',
      images: { 'nvidia/cuda:12.4.1-devel-ubuntu22.04': { compressedSize: 4200 * MB }, 'debian:12-slim': { compressedSize: 28 * MB } },
    },
  ],
  invalid: [
    {
      code: 'FROM tensorflow/tensorflow:2.16.1\nCMD ["python"]',
      images: { 'tensorflow/tensorflow:2.16.1': { compressedSize: 612 * MB } },
      findings: [{ line: 1, column: 6, endLine: 1, endColumn: 34 }],
      message:
        '`tensorflow/tensorflow:2.16.1` is 612 MB compressed (linux/amd64), over the 500 MB budget for a base image: every node pulls and stores it before the app starts; look for a slim variant or a smaller base',
    },
    {
      // the root of the final image's chain, and a budget of the team's
      code: 'FROM node:22 AS base\nRUN npm ci\nFROM base\nCMD ["node", "server.js"]',
      images: { 'node:22': { compressedSize: 390 * MB } },
      config: { ruleOptions: { 'base-image-too-large': { maxMB: 200 } } },
      findings: [{ line: 1, column: 6, endLine: 1, endColumn: 13 }],
      message: /^`node:22` is 390 MB compressed \(linux\/amd64\), over the 200 MB budget/,
    },
  ],
});
