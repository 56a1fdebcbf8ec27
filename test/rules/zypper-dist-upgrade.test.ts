import rule from '../../server/src/rules/zypper-dist-upgrade';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM opensuse/leap:15.6\nRUN zypper --non-interactive update',
    'FROM opensuse/leap:15.6\nRUN zypper --non-interactive patch',
    'FROM opensuse/leap:15.6\nRUN zypper install -y dup',
    'FROM debian:12\nRUN apt-get dist-upgrade -y',
    'FROM opensuse/leap:15.6\nRUN echo zypper dup',
  ],
  invalid: [
    {
      code: 'FROM opensuse/tumbleweed\nRUN zypper dup',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 15 }],
    },
    {
      code: 'FROM opensuse/leap:15.6\nRUN zypper --non-interactive --gpg-auto-import-keys dist-upgrade --no-recommends && zypper clean --all',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 81 }],
    },
    {
      code: 'FROM opensuse/leap:15.6\nONBUILD RUN sudo zypper -n dup',
      findings: [{ line: 2, column: 13, endLine: 2, endColumn: 31 }],
    },
  ],
});
