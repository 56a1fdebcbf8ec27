import rule from '../../server/src/rules/archive-copied-then-extracted';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nADD app.tar.gz /opt/', // ADD unpacks in one layer
    'FROM debian:12\nCOPY app.tar.gz /tmp/\nRUN tar -tzf /tmp/app.tar.gz', // listed, not extracted
    'FROM debian:12\nCOPY app.tar.gz /tmp/\nRUN tar -czf /tmp/other.tar.gz /opt', // another archive, created
    'FROM debian:12\nCOPY package.json /app/\nRUN tar -xf /app/vendor.tar',
    'FROM debian:12 AS build\nRUN echo\nFROM debian:12\nCOPY --from=build /out/app.tar /opt/app.tar\nRUN tar -xf /opt/app.tar', // from a stage, not the context
    'FROM debian:12\nCOPY app.zip /tmp/\nRUN unzip /tmp/app.zip', // ADD does not unpack zip
    'FROM debian:12\nCOPY app.tar /tmp/\nFROM debian:12\nRUN tar -xf /tmp/app.tar', // another stage
    'FROM debian:12\nWORKDIR /src\nCOPY app.tar ./\nWORKDIR /other\nRUN tar -xf /src/old/app.tar', // another path, both known
    'FROM debian:12\nCOPY app.tar /tmp/\nRUN --mount=type=bind,source=app.tar,target=/mnt/app.tar tar -xf /mnt/app.tar',
  ],
  invalid: [
    {
      code: 'FROM debian:12\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt',
      findings: [{ line: 2, column: 6, endLine: 2, endColumn: 16 }],
      message: '`app.tar.gz` is copied into a layer of its own and unpacked by `tar` on line 3, so the image keeps the archive too; ADD unpacks it in one step',
    },
    // renamed on the way; old-style options; long options
    { code: 'FROM debian:12\nCOPY dist/packaged-app.tar /app.tar\nRUN tar xf /app.tar', findings: [{ line: 2, column: 6, endLine: 2, endColumn: 27 }] },
    { code: 'FROM debian:12\nCOPY app.tar.xz /opt/\nRUN tar --extract --file=/opt/app.tar.xz', findings: [{ line: 2, column: 6, endLine: 2, endColumn: 16 }] },
    { code: 'FROM debian:12\nCOPY app.tgz /opt/\nRUN cd /opt && tar -x -f app.tgz', findings: [{ line: 2, column: 6, endLine: 2, endColumn: 13 }] },
    // into an existing folder without a trailing slash, found from WORKDIR
    {
      code: 'FROM debian:12\nCOPY packaged-app.tar /usr/src/app\nWORKDIR /usr/src/app\nRUN make && tar -xf packaged-app.tar',
      findings: [{ line: 2, column: 6, endLine: 2, endColumn: 22 }],
    },
    // before any FROM (a fragment), relative to the base image's unknown WORKDIR: matched by name
    { code: 'COPY app.tar.bz2 .\nRUN tar -xjf app.tar.bz2', findings: [{ line: 1, column: 6, endLine: 1, endColumn: 17 }] },
  ],
});
