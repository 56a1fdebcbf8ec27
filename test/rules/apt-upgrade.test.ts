import rule from '../../server/src/rules/apt-upgrade';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y --only-upgrade openssl',
    'FROM debian:12\nRUN apt-get install -y unattended-upgrades',
    'FROM debian:12\nRUN pip install --upgrade pip',
    'FROM rockylinux:9\nRUN dnf upgrade -y',
    'FROM debian:12\nRUN echo apt-get upgrade',
    'FROM debian:12\nRUN apt-cache policy upgrade',
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get update && apt-get upgrade -y',
      findings: [{ line: 2, column: 23, endLine: 2, endColumn: 41 }],
    },
    {
      code: 'FROM debian:12\nRUN apt-get -o Dpkg::Options::=--force-confold -y dist-upgrade',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 63 }],
    },
    {
      code: 'FROM ubuntu:24.04\nRUN apt full-upgrade -y',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 24 }],
    },
    {
      code: 'FROM debian:12\nONBUILD RUN aptitude safe-upgrade -y',
      findings: [{ line: 2, column: 13, endLine: 2, endColumn: 37 }],
    },
    {
      code: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get upgrade -y\nEOF',
      findings: [{ line: 4, column: 1, endLine: 4, endColumn: 19 }],
    },
  ],
});
