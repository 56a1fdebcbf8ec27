import rule from '../../server/src/rules/syntax-error';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nRUN --mount=type=cache,target=/root/.cache go build\nCOPY --from=build --chown=1:1 --chmod=755 --link /a /b\nADD --checksum=sha256:abc https://x/y.tgz /y\nHEALTHCHECK --interval=5s --start-interval=1s CMD curl -f http://localhost/\nHEALTHCHECK NONE',
    'FROM alpine\nCOPY <<EOF /x\nhello\nEOF',
    'FROM alpine\nCMD ["node", "a.js"]\nSHELL ["/bin/bash", "-c"]',
    'FROM alpine\nENV A=\nLABEL a=b\nARG B',
    '# escape=`\nFROM mcr.microsoft.com/windows/servercore',
    'FROM alpine\nRUN [ -f /x ] && echo yes',
    'FROM alpine\nRUN echo "[not json]"',
    'FROM alpine\nONBUILD ONBUILD RUN x', // onbuild-forbidden's
    'FROM alpine\nCOPY ["a", "b"]',
    'FROM alpine\nWORKDIR /my app',
    'FROM alpine\nRUN [ "${FROM_SOURCE}" = "true" ] && exit 0; echo built', // a shell test, not an array
    '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver\nCMD [ "--config.file=/etc/app.yml", `\n      "--verbose" ]',
    'FROM alpine\nCOPY --link --parents a/ b/ /x/',
  ],
  invalid: [
    { code: '\nFROM scratch AS BadStageName\nMAINTAINER me@example.org\nBADCMD', findings: [{ line: 4, column: 1, endLine: 4, endColumn: 7 }] },
    { code: 'FROM alpine\nCOPY package.json', findings: [{ line: 2, column: 6, endLine: 2, endColumn: 18 }] },
    { code: 'FROM alpine\nCOPY ["a"]', findings: [{ line: 2, column: 6, endLine: 2, endColumn: 11 }] },
    { code: 'FROM\nRUN x', findings: [{ line: 1, column: 1, endLine: 1, endColumn: 5 }] },
    { code: 'FROM alpine latest', findings: [{ line: 1, column: 6, endLine: 1, endColumn: 19 }] },
    { code: 'FROM alpine\nCOPY --form=build /a /b', findings: [{ line: 2, column: 6, endLine: 2, endColumn: 18 }] },
    { code: 'FROM alpine\nRUN --mount=type=cache,target=/x --netwrk=none true', findings: [{ line: 2, column: 34, endLine: 2, endColumn: 47 }] },
    { code: 'FROM alpine\nCMD ["node", "a.js"', findings: [{ line: 2, column: 5, endLine: 2, endColumn: 20 }] },
    { code: "FROM alpine\nENTRYPOINT ['node', 'a.js']", findings: [{ line: 2, column: 12, endLine: 2, endColumn: 28 }] },
    { code: 'FROM alpine\nRUN ["apk", "add" ', findings: [{ line: 2, column: 5, endLine: 2, endColumn: 19 }] },
    { code: '# escape=x\nFROM alpine', findings: [{ line: 1, column: 10, endLine: 1, endColumn: 11 }] },
    { code: 'FROM alpine\nENV JUSTKEY', findings: [{ line: 2, column: 5, endLine: 2, endColumn: 12 }] },
    { code: 'FROM alpine\nSHELL /bin/bash -c', findings: [{ line: 2, column: 7, endLine: 2, endColumn: 19 }] },
    { code: 'FROM alpine\nHEALTHCHECK curl -f http://x/', findings: [{ line: 2, column: 13, endLine: 2, endColumn: 17 }] },
    { code: 'FROM alpine\nHEALTHCHECK CMD', findings: [{ line: 2, column: 13, endLine: 2, endColumn: 16 }] },
    { code: 'FROM alpine\nWORKDIR', findings: [{ line: 2, column: 1, endLine: 2, endColumn: 8 }] },
    { code: 'FROM alpine\nONBUILD', findings: [{ line: 2, column: 1, endLine: 2, endColumn: 8 }] },
    { code: 'FROM alpine\nCOPY --from build /a /b/', findings: [{ line: 2, column: 6, endLine: 2, endColumn: 12 }] },
    { code: 'FROM alpine\nONBUILD COPY x', findings: [{ line: 2, column: 14, endLine: 2, endColumn: 15 }] },
  ],
});
