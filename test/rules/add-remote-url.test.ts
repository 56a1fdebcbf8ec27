import rule from '../../server/src/rules/add-remote-url';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12-slim\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool.tar.gz /tmp/',
    'FROM debian:12-slim\nADD tool.tar.gz /opt/',
    'FROM debian:12-slim\nADD https://github.com/moby/buildkit.git#0123456789abcdef0123456789abcdef01234567 /src',
    'FROM debian:12-slim\nADD "https://github.com/moby/buildkit.git#$BUILDKIT_COMMIT" /src', // the ref may be a commit id
    'FROM debian:12-slim\nCOPY https.txt /srv/',
    'FROM debian:12-slim\nRUN curl -fsSLo /tmp/tool.tgz https://example.com/tool.tgz',
    'FROM debian:12-slim\nADD <<EOF /etc/motd\nsee https://example.com\nEOF',
  ],
  invalid: [
    {
      code: 'FROM debian:12-slim\nADD https://example.com/tool.tar.gz /tmp/',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 36 }],
    },
    {
      code: 'FROM debian:12-slim\nADD git@github.com:moby/buildkit.git#v0.13.0 /src',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 45 }],
    },
    {
      code: 'FROM debian:12-slim\nadd --chown=10001 https://github.com/moby/buildkit.git /src',
      findings: [{ line: 2, column: 19, endLine: 2, endColumn: 55 }],
    },
    {
      code: 'FROM debian:12-slim\nADD ["https://x.io/a b.txt", "/a/"]',
      findings: [{ line: 2, column: 6, endLine: 2, endColumn: 28 }],
    },
  ],
});
