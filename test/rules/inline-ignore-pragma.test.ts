import rule from '../../server/src/rules/inline-ignore-pragma';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12\n# hadolint global ignore=DL3008\nRUN apt-get install -y curl', // for the whole file: the team can see it at the top
    '# seaworthy-ignore-file apt-unpinned-versions\nFROM debian:12',
    '# check=skip=JSONArgsRecommended\nFROM debian:12\nCMD node app.js', // the directive, not an inline comment
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\n# hadolint shell=powershell\nRUN Get-Process',
    'FROM debian:12\n# ignore this when upgrading\nRUN echo hadolint ignore=DL3008',
    'FROM debian:12\nRUN apt-get update \\\n# hadolint ignore=DL3008\n && apt-get install -y curl', // inside a RUN: suppresses nothing
  ],
  invalid: [
    {
      code: 'FROM debian:12\n# hadolint ignore=DL3008\nRUN apt-get install -y curl',
      findings: [{ line: 2, column: 1, endLine: 2, endColumn: 25 }],
      message: '`# hadolint ignore=DL3008` silences findings inline; this team keeps its exceptions in the configuration file',
    },
    {
      code: 'FROM debian:12\n  # seaworthy-ignore apt-unpinned-versions  \nRUN apt-get install -y curl',
      findings: [{ line: 2, column: 3, endLine: 2, endColumn: 43 }],
    },
    { code: '# hadolint stage ignore=DL3006\nFROM debian\nRUN echo', findings: [{ line: 1, column: 1, endLine: 1, endColumn: 31 }] },
    { code: 'FROM debian:12\n# check=skip=JSONArgsRecommended\nCMD node app.js', findings: [{ line: 2, column: 1, endLine: 2, endColumn: 33 }] },
  ],
});
