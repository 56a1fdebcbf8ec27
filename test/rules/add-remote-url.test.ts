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
    // a variable source: judged by its value
    'FROM debian:12-slim\nARG DIST=dist/app.tar.gz\nADD $DIST /opt/',
    'FROM debian:12-slim\nARG DIST\nADD $DIST /opt/', // no default: whatever --build-arg gives
    'FROM debian:12-slim\nARG DIST=https://x.io/app.tar.gz\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d $DIST /opt/',
    'FROM debian:12-slim\nARG REF=0123456789abcdef0123456789abcdef01234567\nADD https://github.com/moby/buildkit.git#${REF} /src',
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
    {
      code: 'FROM debian:12-slim\nARG DIST=https://x.io/app-1.2.tar.gz\nADD $DIST /tmp/',
      findings: [{ line: 3, column: 5, endLine: 3, endColumn: 10 }],
      message: /^ADD of `\$DIST` \(that is `https:\/\/x\.io\/app-1\.2\.tar\.gz`\) takes whatever the server returns/,
    },
    {
      code: 'FROM debian:12-slim\nARG VERSION=1.2\nENV BASE_URL=https://x.io/releases\nADD "${BASE_URL}/app-${VERSION}.tar.gz" /tmp/',
      findings: [{ line: 4, column: 5, endLine: 4, endColumn: 40 }],
      message: /that is `https:\/\/x\.io\/releases\/app-1\.2\.tar\.gz`/,
    },
    {
      code: 'FROM debian:12-slim\nARG REF=v0.13.0\nADD https://github.com/moby/buildkit.git#${REF} /src',
      findings: [{ line: 3, column: 5, endLine: 3, endColumn: 48 }],
      message: /^ADD of git repository .*that is `https:\/\/github\.com\/moby\/buildkit\.git#v0\.13\.0`/,
    },
  ],
});
