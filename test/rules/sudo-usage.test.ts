import rule from '../../server/src/rules/sudo-usage';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get install -y sudo', // installing it is not calling it
    'FROM debian:12\nRUN echo sudo',
    'FROM debian:12\nRUN pseudo-tool --run',
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN sudo apt-get update', findings: [{ line: 2, column: 5, endLine: 2, endColumn: 9 }] },
    { code: 'FROM debian:12\nRUN apt-get update && /usr/bin/sudo -E make install', findings: [{ line: 2, column: 23, endLine: 2, endColumn: 36 }] },
    { code: 'ONBUILD RUN sudo make', findings: [{ line: 1, column: 13, endLine: 1, endColumn: 17 }] },
  ],
});
