import rule from '../../server/src/rules/from-as-casing';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:latest AS deb-builder',
    'from debian:latest as deb-builder',
    'From scratch as base', // mixed FROM: instruction-casing reports it
    'FROM scratch',
    'FROM --platform=$BUILDPLATFORM golang AS build',
    'FROM alias AS asdf',
  ],
  invalid: [
    {
      code: 'FROM scratch as base\ncopy Dockerfile .',
      findings: [{ line: 1, column: 14, endLine: 1, endColumn: 16 }],
      output: 'FROM scratch AS base\ncopy Dockerfile .',
      safe: true,
    },
    {
      code: '\nfrom scratch AS base\n\nfrom scratch as base2',
      findings: [{ line: 2, column: 14, endLine: 2, endColumn: 16 }],
      output: '\nfrom scratch as base\n\nfrom scratch as base2',
    },
    {
      code: 'FROM scratch As base',
      findings: [{ line: 1, column: 14, endLine: 1, endColumn: 16 }],
      output: 'FROM scratch AS base',
    },
    {
      code: 'FROM --platform=linux/amd64 mcr.microsoft.com/as:1 \\\n  as build',
      findings: [{ line: 2, column: 3, endLine: 2, endColumn: 5 }],
      output: 'FROM --platform=linux/amd64 mcr.microsoft.com/as:1 \\\n  AS build',
    },
  ],
});
