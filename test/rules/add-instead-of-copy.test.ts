import rule from '../../server/src/rules/add-instead-of-copy';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.20\nADD rootfs.tar.gz /',
    'FROM alpine:3.20\nADD "file.tgz" /usr/src/app/',
    'FROM alpine:3.20\nADD https://example.invalid/a.txt /a.txt', // remote: add-remote-url's business
    'FROM alpine:3.20\nADD ${ARCHIVE} /opt/', // cannot know what it is
    'FROM alpine:3.20\nCOPY app /app',
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nADD file /usr/src/app/',
      findings: [{ line: 2, column: 1, endLine: 2, endColumn: 4 }],
      output: 'FROM alpine:3.20\nCOPY file /usr/src/app/',
      safe: true,
    },
    {
      code: 'FROM alpine:3.20\nadd "file.zip" src/ /usr/src/app/',
      findings: [{ line: 2, column: 1, endLine: 2, endColumn: 4 }],
      output: 'FROM alpine:3.20\ncopy "file.zip" src/ /usr/src/app/',
    },
    { code: 'FROM alpine:3.20\nADD --chown=app --checksum=sha256:abc conf /etc/conf', findings: [{ line: 2, column: 1, endLine: 2, endColumn: 4 }] },
  ],
});
