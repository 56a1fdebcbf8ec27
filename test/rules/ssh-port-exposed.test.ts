import rule from '../../server/src/rules/ssh-port-exposed';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: ['FROM debian:12\nEXPOSE 2222', 'FROM debian:12\nEXPOSE 8022/tcp 80', 'FROM debian:12\nEXPOSE 22/udp'],
  invalid: [
    { code: 'FROM debian:12\nEXPOSE 80 22', findings: [{ line: 2, column: 11, endLine: 2, endColumn: 13 }] },
    { code: 'FROM debian:12\nEXPOSE 22/tcp', findings: [{ line: 2, column: 8, endLine: 2, endColumn: 14 }] },
  ],
});
