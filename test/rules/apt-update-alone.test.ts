import rule from '../../server/src/rules/apt-update-alone';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl',
    'FROM debian:12\nRUN apt-get update && apt-get -y dist-upgrade',
    'FROM debian:12\nRUN apt update && apt install -y curl',
    'FROM debian:12\nRUN apt-get update && apt-get build-dep -y python3',
    'FROM debian:12\nRUN apt-get update && apt-get $APT_ACTION', // an unknown subcommand may install
    'FROM debian:12\nRUN apt-get update && xargs apt-get install -y < packages.txt',
    'FROM debian:12\nRUN apt-get update && ./install-deps.sh',
    'FROM debian:12\nRUN apt-get update && dpkg -i /tmp/x.deb && rm -rf /var/lib/apt/lists/*', // no index is left behind
    'FROM debian:12\nRUN apt-get install -y curl',
    'FROM debian:12\nRUN yum update -y',
    'FROM debian:12\nRUN echo apt-get update',
    'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF',
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 19 }],
      output: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl',
      safe: true,
    },
    {
      // continuation lines of the install stay as they are; CRLF kept
      code: 'FROM debian:12\r\nRUN apt-get update -qq\r\nRUN apt-get install -y \\\r\n      curl\r\n',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 23 }],
      output: 'FROM debian:12\r\nRUN apt-get update -qq && apt-get install -y \\\r\n      curl\r\n',
      safe: true,
    },
    {
      // something between: no fix
      code: 'FROM debian:12\nRUN apt-get update\nENV DEBIAN_FRONTEND=noninteractive\nRUN apt-get install -y curl',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 19 }],
    },
    {
      code: 'FROM debian:12\nRUN set -eux; apt update -qq\nRUN apt install -y curl',
      findings: [{ line: 2, column: 15, endLine: 2, endColumn: 29 }],
    },
    {
      code: 'FROM debian:12\nONBUILD RUN sudo apt-get update',
      findings: [{ line: 2, column: 13, endLine: 2, endColumn: 32 }],
    },
    {
      // a removal does not need the lists, which stay behind
      code: 'FROM debian:12\nRUN apt-get update \\\n && apt-get purge -y imagemagick',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 19 }],
    },
  ],
});
