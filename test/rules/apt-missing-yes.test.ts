import rule from '../../server/src/rules/apt-missing-yes';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get install -y curl',
    'FROM debian:12\nRUN apt-get install --yes curl',
    'FROM debian:12\nRUN apt-get --assume-yes install curl',
    'FROM debian:12\nRUN apt-get -qq install curl', // quiet level 2 implies -y
    'FROM debian:12\nRUN apt-get install -q -q curl',
    'FROM debian:12\nRUN apt-get install -q=2 curl',
    'FROM debian:12\nRUN apt-get install -yq curl',
    'FROM debian:12\nRUN apt-get install -s curl', // a simulation never prompts
    'FROM debian:12\nRUN apt-get update',
    'FROM alpine:3.20\nRUN apk add curl',
    'FROM debian:12\nRUN echo apt-get install curl',
  ],
  invalid: [
    {
      // the message names the command as written
      code: 'FROM debian:12\nRUN apt install curl',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 21 }],
      message: '`apt install` without `-y` waits for an answer no build can give',
      output: 'FROM debian:12\nRUN apt install -y curl',
    },
    {
      code: 'FROM debian:12\nRUN apt-get install curl',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 25 }],
      output: 'FROM debian:12\nRUN apt-get install -y curl',
      safe: true,
    },
    {
      code: 'FROM debian:12\nRUN apt-get update && sudo apt-get -q install \\\n      curl wget',
      findings: [{ line: 2, column: 23, endLine: 3, endColumn: 16 }],
      output: 'FROM debian:12\nRUN apt-get update && sudo apt-get -q install -y \\\n      curl wget',
    },
    {
      code: 'FROM debian:12\nONBUILD RUN apt-get install curl',
      findings: [{ line: 2, column: 13, endLine: 2, endColumn: 33 }],
      output: 'FROM debian:12\nONBUILD RUN apt-get install -y curl',
    },
    {
      // a comment line inside the continuation is dropped by Docker; the word positions still map back exactly
      code: 'FROM debian:12\nRUN apt-get update \\\n  # tools\n  && apt-get install curl',
      findings: [{ line: 4, column: 6, endLine: 4, endColumn: 26 }],
      output: 'FROM debian:12\nRUN apt-get update \\\n  # tools\n  && apt-get install -y curl',
    },
    {
      code: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install curl\nEOF',
      findings: [{ line: 4, column: 1, endLine: 4, endColumn: 21 }],
      output: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF',
    },
    {
      code: 'FROM debian:12\r\nRUN apt-get install curl\r\nCMD ["sh"]\r\n',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 25 }],
      output: 'FROM debian:12\r\nRUN apt-get install -y curl\r\nCMD ["sh"]\r\n',
    },
  ],
});
