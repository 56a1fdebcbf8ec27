import rule from '../../server/src/rules/debian-frontend-in-env';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM ubuntu:24.04\nARG DEBIAN_FRONTEND=noninteractive\nRUN apt-get update',
    'FROM ubuntu:24.04\nRUN DEBIAN_FRONTEND=noninteractive apt-get install -y tzdata',
    'FROM ubuntu:24.04\nENV DEBIAN_FRONTEND=noninteractive\nRUN apt-get update\nENV DEBIAN_FRONTEND=', // cleared for the image
    'FROM ubuntu:24.04\nENV DEBIAN_FRONTEND noninteractive\nRUN apt-get update\nENV DEBIAN_FRONTEND=dialog',
    // only a build stage has it: the final image does not
    'FROM ubuntu:24.04 AS build\nENV DEBIAN_FRONTEND=noninteractive\nRUN apt-get update\nFROM ubuntu:24.04\nCOPY --from=build /etc/hostname /x',
  ],
  invalid: [
    {
      code: 'FROM ubuntu:24.04\nENV DEBIAN_FRONTEND=noninteractive\nRUN apt-get update',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 20 }],
      message:
        '`ENV DEBIAN_FRONTEND=noninteractive` stays in the image: containers run with it too, so an `apt-get` or `dpkg-reconfigure` run in them silently takes every default; set it with `ARG` or on the RUN that installs',
    },
    {
      code: 'FROM debian:12-slim\nENV LANG=C.UTF-8 \\\n    DEBIAN_FRONTEND="noninteractive"',
      findings: [{ line: 3, column: 5, endLine: 3, endColumn: 20 }],
    },
    {
      // set in the stage the final one is built FROM
      code: 'FROM debian:12-slim AS base\nENV DEBIAN_FRONTEND noninteractive\nFROM base\nCMD ["bash"]',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 20 }],
    },
  ],
});
