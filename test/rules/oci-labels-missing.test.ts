import rule from '../../server/src/rules/oci-labels-missing';
import { ruleTester } from '../harness/ruleTester';

const ALL =
  'LABEL org.opencontainers.image.source="https://github.com/acme/app" org.opencontainers.image.version="1.0" org.opencontainers.image.revision="abc1234"';

ruleTester(rule, {
  valid: [
    `FROM alpine:3.20\n${ALL}`,
    // labels of the stage the final one is built from count
    `FROM alpine:3.20 AS base\n${ALL}\nFROM base\nCMD ["sh"]`,
    { code: 'FROM alpine:3.20\nLABEL team="web"', config: { labelSchema: { team: 'text' } } },
    { code: 'FROM alpine:3.20', config: { labelSchema: {} } },
    '',
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nCMD ["sh"]',
      findings: [{ line: 1, column: 1, endLine: 1, endColumn: 17 }],
      output:
        'FROM alpine:3.20\nARG VERSION=dev\nARG REVISION=unknown\nLABEL org.opencontainers.image.source="https://example.com/your/repository" \\\n      org.opencontainers.image.version="$VERSION" \\\n      org.opencontainers.image.revision="$REVISION"\nCMD ["sh"]',
      safe: false,
    },
    {
      // a builder's labels do not reach the final image
      code: `FROM alpine:3.20 AS build\n${ALL}\nFROM alpine:3.20\nLABEL org.opencontainers.image.source="x"`,
      findings: [{ line: 3, column: 1, endLine: 3, endColumn: 17 }],
      output: `FROM alpine:3.20 AS build\n${ALL}\nFROM alpine:3.20\nARG VERSION=dev\nARG REVISION=unknown\nLABEL org.opencontainers.image.version="$VERSION" \\\n      org.opencontainers.image.revision="$REVISION"\nLABEL org.opencontainers.image.source="x"`,
    },
    {
      code: 'FROM alpine:3.20\nLABEL team="web"',
      config: { labelSchema: { team: 'text', owner: 'email' } },
      findings: [{ line: 1, column: 1, endLine: 1, endColumn: 17 }],
      // a label of the team's schema gets an empty value to fill in
      output: 'FROM alpine:3.20\nLABEL owner=""\nLABEL team="web"',
    },
    {
      code: 'FROM alpine:3.20\nONBUILD LABEL org.opencontainers.image.source=x org.opencontainers.image.version=1 org.opencontainers.image.revision=a',
      findings: [{ line: 1, column: 1, endLine: 1, endColumn: 17 }],
      output:
        'FROM alpine:3.20\nARG VERSION=dev\nARG REVISION=unknown\nLABEL org.opencontainers.image.source="https://example.com/your/repository" \\\n      org.opencontainers.image.version="$VERSION" \\\n      org.opencontainers.image.revision="$REVISION"\nONBUILD LABEL org.opencontainers.image.source=x org.opencontainers.image.version=1 org.opencontainers.image.revision=a',
    },
  ],
});
