import rule from '../../server/src/rules/sudo-installed';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl',
    'FROM debian:12-slim\nRUN apt-get install -y sudo-ldap-doc', // another package
    'FROM debian:12-slim AS build\nRUN apt-get install -y sudo make\nFROM debian:12-slim\nCOPY --from=build /out /out', // build stage only
    'FROM debian:12-slim\nRUN apt-get install -y sudo && make install && apt-get purge -y sudo',
    'FROM alpine:3.20\nRUN apk add --no-cache sudo\nRUN make install\nRUN apk del sudo',
    'FROM debian:12-slim\nRUN echo "apt-get install sudo"',
  ],
  invalid: [
    {
      code: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends sudo curl',
      findings: [{ line: 2, column: 66, endLine: 2, endColumn: 70 }],
      message:
        '`sudo` stays in the final image: a setuid-root binary that gives its users a way back to root; run the steps that need root before `USER` instead',
    },
    { code: 'FROM alpine:3.20\nRUN apk add --no-cache bash sudo', findings: [{ line: 2, column: 29, endLine: 2, endColumn: 33 }] },
    { code: 'FROM fedora:40\nRUN dnf install -y sudo && dnf clean all', findings: [{ line: 2, column: 20, endLine: 2, endColumn: 24 }] },
    { code: 'FROM debian:12-slim AS base\nRUN apt-get install -y sudo\nFROM base\nUSER 1000', findings: [{ line: 2, column: 24, endLine: 2, endColumn: 28 }] },
  ],
});
