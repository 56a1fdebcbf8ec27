import rule from '../../server/src/rules/build-tools-in-final-stage';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev \\\n    && pip install cffi \\\n    && apk del .build-deps',
    'FROM alpine:3.20\nRUN apk add -t build gcc && make && apk del build',
    'FROM debian:12\nRUN apt-get install -y gcc make && make install && apt-get purge -y gcc make',
    'FROM debian:12\nRUN apt-get install -y $buildDeps && make && apt-get purge -y --auto-remove $buildDeps',
    'FROM debian:12\nRUN apt-get install -y libssl3 libpq5 udev', // runtime libraries
    'FROM debian:12 AS build\nRUN apt-get install -y build-essential\nFROM debian:12\nCOPY --from=build /out /out', // only copied from
    'FROM debian:12\nRUN pip install gcc',
    'FROM debian:12\nRUN saved="$(apt-mark showmanual)"; apt-get install -y gcc; make; apt-mark auto \'.*\'; apt-mark manual $saved; apt-get purge -y --auto-remove',
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get install -y build-essential libpq-dev',
      findings: [{ line: 2, column: 24, endLine: 2, endColumn: 49 }],
    },
    {
      // removing in a later RUN does not take the bytes out of the earlier layer
      code: 'FROM alpine:3.20\nRUN apk add gcc\nRUN apk del gcc',
      findings: [{ line: 2, column: 13, endLine: 2, endColumn: 16 }],
    },
    {
      code: 'FROM fedora:40\nRUN dnf install -y gcc-c++ openssl-devel',
      findings: [{ line: 2, column: 20, endLine: 2, endColumn: 41 }],
    },
    {
      // only the virtual group is deleted; cmake was installed outside it
      code: 'FROM alpine:3.20\nRUN apk add cmake && apk add --virtual .deps gcc && apk del .deps',
      findings: [{ line: 2, column: 13, endLine: 2, endColumn: 18 }],
    },
    {
      code: 'FROM debian:12 AS base\nRUN apt-get install -y make\nFROM base\nCMD ["make"]',
      findings: [{ line: 2, column: 24, endLine: 2, endColumn: 28 }],
    },
  ],
});
