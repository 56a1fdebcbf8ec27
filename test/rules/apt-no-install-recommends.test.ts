import rule from '../../server/src/rules/apt-no-install-recommends';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl',
    'FROM debian:12\nRUN apt-get -o APT::Install-Recommends=false install -y curl',
    'FROM debian:12\nRUN apt-get update',
    // a build stage whose output is only copied from: recommends never reach the final image
    'FROM debian:12 AS build\nRUN apt-get install -y gcc\nFROM scratch\nCOPY --from=build /out /out',
    'FROM fedora:40\nRUN dnf install -y curl',
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get install -y curl',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 28 }],
      output: 'FROM debian:12\nRUN apt-get install --no-install-recommends -y curl',
      safe: false,
    },
    {
      code: 'FROM ubuntu:24.04 AS base\nRUN apt install -y curl\nFROM base\nCMD ["curl"]',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 24 }],
      // the message names the command as written
      message: '`apt install` also installs recommended packages, which the image does not need',
      output: 'FROM ubuntu:24.04 AS base\nRUN apt install --no-install-recommends -y curl\nFROM base\nCMD ["curl"]',
    },
    {
      code: 'FROM debian:12\nRUN ["apt-get", "install", "-y", "curl"]',
      findings: [{ line: 2, column: 6, endLine: 2, endColumn: 40 }],
    },
  ],
});
