import rule from '../../server/src/rules/download-over-http';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12-slim\nRUN curl -fsSLo /tmp/t.tgz https://x.io/t.tgz',
    'FROM debian:12-slim\nRUN curl -fsS http://localhost:8080/health',
    'FROM debian:12-slim\nRUN wget -qO- http://127.0.0.1:9000/ready',
    'FROM debian:12-slim\nRUN curl -fsSLo /tmp/t.tgz http://artifacts/t.tgz', // a name without a dot: the build network
    'FROM debian:12-slim\nRUN curl -fsSLo /tmp/t.tgz http://10.0.0.5/t.tgz',
    'FROM debian:12-slim\nRUN curl -fsSLo /tmp/t.tgz http://x.io/t.tgz \\\n  && echo "abc  /tmp/t.tgz" | sha256sum -c -',
    'FROM debian:12-slim\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d http://x.io/t.tgz /tmp/',
    'FROM debian:12-slim\nRUN echo "deb http://deb.debian.org/debian bookworm main" > /etc/apt/sources.list', // apt checks signatures
    'FROM debian:12-slim\nRUN curl -fsSL "$URL" -o /tmp/x',
    'FROM debian:12-slim\nRUN curl -fsSL "http://${MIRROR}/x.tgz" -o /tmp/x', // the host is not known
  ],
  invalid: [
    {
      code: 'FROM debian:12-slim\nRUN curl -fsSLo /tmp/znc.tgz "http://znc.in/releases/znc-${V}.tar.gz"',
      findings: [{ line: 2, column: 30, endLine: 2, endColumn: 70 }],
      message: '`curl` fetches `znc.in` over plain http://: anyone on the network path can swap the content; use https:// (and check a checksum)',
    },
    {
      code: 'FROM debian:12-slim\nRUN wget http://s3.amazonaws.com/influxdb/influxdb_latest_amd64.deb',
      findings: [{ line: 2, column: 10, endLine: 2, endColumn: 68 }],
    },
    {
      code: 'FROM debian:12-slim\nADD http://x.io/t.tgz /tmp/',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 22 }],
      message: /^`ADD` fetches `x\.io`/,
    },
    { code: 'FROM debian:12-slim\nARG DIST=http://x.io/t.tgz\nADD $DIST /tmp/', findings: [{ line: 3, column: 5, endLine: 3, endColumn: 10 }] },
    {
      code: 'FROM debian:12-slim\nRUN git clone git://git.kernel.org/pub/scm/git/git.git /src',
      findings: [{ line: 2, column: 15, endLine: 2, endColumn: 55 }],
      message: /plain git:\/\//,
    },
    {
      code: 'FROM debian:12-slim\nRUN sudo curl -o /x ftp://ftp.gnu.org/gnu/hello/hello-2.12.tar.gz',
      findings: [{ line: 2, column: 21, endLine: 2, endColumn: 66 }],
    },
  ],
});
