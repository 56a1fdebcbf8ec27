import rule from '../../server/src/rules/export-without-effect';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12-slim\nRUN export DEBIAN_FRONTEND=noninteractive && apt-get update', // apt-get inherits it
    'FROM debian:12-slim\nRUN export PATH=/opt/bin:$PATH; make install',
    'FROM debian:12-slim\nRUN export V=1.2 && echo "version $V" > /version',
    'FROM debian:12-slim\nRUN <<EOF\nexport GOFLAGS=-mod=vendor\ngo build ./...\nEOF',
    'FROM debian:12-slim\nRUN export -p > /env.txt',
    'FROM debian:12-slim\nRUN echo "export PATH=/opt/bin:$PATH" >> /etc/profile', // written to a file, not run
    'FROM debian:12-slim\nENV PATH=/opt/bin:$PATH',
    'FROM debian:12-slim\nRUN ["sh", "-c", "export A=1"]', // exec form: not read
  ],
  invalid: [
    {
      code: 'FROM node:22-slim\nRUN export NODE_ENV=production\nRUN npm ci',
      findings: [{ line: 2, column: 12, endLine: 2, endColumn: 31 }],
      message:
        '`export NODE_ENV` ends with this RUN: nothing after it in the RUN uses it, and later instructions and the container do not see it; use `ENV NODE_ENV=…` (kept in the image) or `ARG NODE_ENV=…` (for the build only)',
    },
    {
      code: 'FROM debian:12-slim\nRUN curl -fsSLo /opt/tool.tgz https://x.io/t.tgz && tar -xzf /opt/tool.tgz -C /opt && export PATH=/opt/tool/bin:$PATH',
      findings: [{ line: 2, column: 94, endLine: 2, endColumn: 118 }],
      message: /`export PATH` ends with this RUN/,
    },
    {
      code: 'FROM debian:12-slim\nRUN export A=1 B=2 && echo "$A"',
      findings: [{ line: 2, column: 16, endLine: 2, endColumn: 19 }],
      message: /`export B`/,
    },
    {
      code: 'FROM debian:12-slim\nRUN <<EOF\nset -e\nexport JAVA_HOME=/opt/jdk\nEOF',
      findings: [{ line: 4, column: 8, endLine: 4, endColumn: 26 }],
    },
  ],
});
