import rule from '../../server/src/rules/apt-unpinned-versions';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get install -y curl=7.88.1-10+deb12u8',
    'FROM debian:12\nRUN apt-get install -y "python3=3.11.*"',
    'FROM debian:12\nRUN apt-get install -y -t bookworm-backports golang-go/bookworm-backports',
    'FROM debian:12\nRUN apt-get install -y ./pkg_1.0_amd64.deb /tmp/other.deb',
    'FROM debian:12\nRUN apt-get install -y $PACKAGES "${EXTRA}"',
    'FROM debian:12\nRUN apt-get install -y -o Dpkg::Options::=--force-confnew curl=7.88.1-10',
    'FROM debian:12\nRUN apt-get install -y curl- wget=1.21.3-1+b2', // curl- removes curl
    'FROM debian:12\nRUN apt-get remove -y curl',
    'FROM debian:12\nRUN aptitude install -y curl',
    'FROM alpine:3.20\nRUN apk add --no-cache curl',
    'FROM debian:12\nRUN echo apt-get install curl',
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl',
      findings: [{ line: 2, column: 42, endLine: 2, endColumn: 46 }],
    },
    {
      code: 'FROM debian:12\nRUN apt install -y --no-install-recommends \\\n    ca-certificates=20230311 \\\n    "git"',
      findings: [{ line: 4, column: 5, endLine: 4, endColumn: 10 }],
    },
    {
      code: 'FROM debian:12\nRUN apt-get -t bookworm-backports install -y golang jq=1.6-2.1',
      findings: [{ line: 2, column: 46, endLine: 2, endColumn: 52 }],
    },
    {
      code: 'FROM debian:12\nONBUILD RUN apt-get install -y gcc make',
      findings: [
        { line: 2, column: 32, endLine: 2, endColumn: 35 },
        { line: 2, column: 36, endLine: 2, endColumn: 40 },
      ],
    },
  ],
});
