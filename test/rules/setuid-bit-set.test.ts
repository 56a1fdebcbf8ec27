import rule from '../../server/src/rules/setuid-bit-set';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN chmod 0755 /usr/local/bin/tool',
    'FROM debian:12\nRUN chmod 755 /usr/local/bin/tool',
    'FROM debian:12\nRUN chmod 1777 /scratch', // sticky, not setuid
    'FROM debian:12\nRUN chmod u-s /usr/bin/newgrp',
    'FROM debian:12\nRUN chmod a-s /usr/bin/* && chmod o+s /x', // o+s has no effect
    'FROM debian:12\nRUN chmod $MODE /usr/local/bin/tool',
    'FROM debian:12\nRUN chmod 2775 /srv/shared', // group-writable setgid directory: the shared-folder idiom
    'FROM debian:12\nRUN chmod g+ws /srv/shared',
    'FROM debian:12\nRUN mkdir -p /srv/shared && chmod g+s /srv/shared',
    'FROM debian:12\nRUN echo chmod u+s /bin/bash',
    'FROM debian:12\nCOPY --chmod=0755 tool /usr/local/bin/tool',
    'FROM debian:12\nRUN install -m 0755 tool /usr/local/bin/tool',
    // only copied from: the bit never reaches the final image
    'FROM debian:12 AS build\nRUN chmod u+s /tool\nFROM debian:12\nCOPY --from=build /etc/hosts /x',
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN chmod u+s /usr/local/bin/tool',
      findings: [{ line: 2, column: 11, endLine: 2, endColumn: 14 }],
    },
    {
      code: 'FROM debian:12\nRUN chmod 4755 /usr/local/bin/tool && chmod -R 6755 /opt/app',
      findings: [
        { line: 2, column: 11, endLine: 2, endColumn: 15 },
        { line: 2, column: 48, endLine: 2, endColumn: 52 },
      ],
    },
    {
      code: 'FROM alpine:3.20\nRUN chmod +s /bin/busybox',
      findings: [{ line: 2, column: 11, endLine: 2, endColumn: 13 }],
      severity: 'error', // a setuid shell: anyone gets root
    },
    {
      code: 'FROM python:3.12-slim\nRUN sudo chmod 04755 /usr/local/bin/python3.12',
      findings: [{ line: 2, column: 16, endLine: 2, endColumn: 21 }],
    },
    {
      // setgid on a file not known to be a directory
      code: 'FROM debian:12\nRUN chmod g+s /usr/local/bin/tool',
      findings: [{ line: 2, column: 11, endLine: 2, endColumn: 14 }],
      severity: 'warning',
    },
    {
      code: 'FROM debian:12\nCOPY --chmod=4755 tool /usr/local/bin/tool',
      findings: [{ line: 2, column: 6, endLine: 2, endColumn: 18 }],
    },
    {
      code: 'FROM debian:12\nRUN install -m 4755 tool /usr/local/bin/tool',
      findings: [{ line: 2, column: 16, endLine: 2, endColumn: 20 }],
    },
    {
      // an ONBUILD trigger runs in the image built on this one
      code: 'FROM debian:12\nONBUILD RUN chmod u+s /usr/bin/find',
      findings: [{ line: 2, column: 19, endLine: 2, endColumn: 22 }],
    },
    {
      // the stage the final image is built FROM
      code: 'FROM debian:12 AS base\nRUN chmod =6755 /usr/bin/tool\nFROM base',
      findings: [{ line: 2, column: 11, endLine: 2, endColumn: 16 }],
    },
  ],
});
