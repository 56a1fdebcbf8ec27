import rule from '../../server/src/rules/label-invalid';
import { ruleTester } from '../harness/ruleTester';

const schema = {
  'org.opencontainers.image.source': 'url',
  'org.opencontainers.image.version': 'semver',
  'org.opencontainers.image.created': 'rfc3339',
  'org.opencontainers.image.revision': 'hash',
  'org.opencontainers.image.authors': 'email',
  'org.opencontainers.image.licenses': 'spdx',
  team: 'text',
};

ruleTester(rule, {
  valid: [
    'LABEL org.valid-key.label3="foo"',
    'LABEL validlabel="foo"',
    'FROM alpine\nLABEL "com.example.vendor"="ACME"',
    'FROM alpine\nLABEL maintainer="Jane"',
    {
      code: 'FROM alpine\nLABEL org.opencontainers.image.source="https://github.com/acme/app" org.opencontainers.image.version="1.2.3-rc.1" \\\n  org.opencontainers.image.created="2024-05-01T12:00:00Z" org.opencontainers.image.revision="0123abcd" \\\n  org.opencontainers.image.authors="dev@acme.io" org.opencontainers.image.licenses="(MIT OR Apache-2.0) AND LicenseRef-acme" team="web"',
      config: { labelSchema: schema, strictLabels: true },
    },
    // a value from a variable is only known at build time
    { code: 'FROM alpine\nLABEL org.opencontainers.image.version="$VERSION"', config: { labelSchema: schema } },
    // labels outside the schema are fine unless strictLabels
    { code: 'FROM alpine\nLABEL other="x"', config: { labelSchema: schema } },
  ],
  invalid: [
    { code: 'LABEL com.docker.label="foo"', findings: [{ line: 1, column: 7, endLine: 1, endColumn: 23 }] },
    { code: 'LABEL invalid$character="foo"', findings: [{ line: 1, column: 7, endLine: 1, endColumn: 24 }] },
    { code: 'LABEL 1invalid="foo"', findings: [{ line: 1, column: 7, endLine: 1, endColumn: 15 }] },
    { code: 'LABEL invalid..character="foo"', findings: [{ line: 1, column: 7, endLine: 1, endColumn: 25 }] },
    { code: 'FROM alpine\nLABEL Team=web', findings: [{ line: 2, column: 7, endLine: 2, endColumn: 11 }] },
    {
      code: 'FROM alpine\nLABEL org.opencontainers.image.source="github.com/acme" org.opencontainers.image.version=v1',
      config: { labelSchema: schema },
      findings: [
        { line: 2, column: 39, endLine: 2, endColumn: 56 },
        { line: 2, column: 90, endLine: 2, endColumn: 92 },
      ],
    },
    {
      code: 'FROM alpine\nLABEL org.opencontainers.image.created="yesterday"',
      config: { labelSchema: schema },
      findings: [{ line: 2, column: 40, endLine: 2, endColumn: 51 }],
    },
    {
      code: 'FROM alpine\nLABEL org.opencontainers.image.revision=main org.opencontainers.image.authors=dev',
      config: { labelSchema: schema },
      findings: [
        { line: 2, column: 41, endLine: 2, endColumn: 45 },
        { line: 2, column: 79, endLine: 2, endColumn: 82 },
      ],
    },
    {
      code: 'FROM alpine\nLABEL org.opencontainers.image.licenses="MIT OR" team=""',
      config: { labelSchema: schema },
      findings: [
        { line: 2, column: 41, endLine: 2, endColumn: 49 },
        { line: 2, column: 55, endLine: 2, endColumn: 57 },
      ],
    },
    {
      code: 'FROM alpine\nLABEL extra=1',
      config: { labelSchema: schema, strictLabels: true },
      findings: [{ line: 2, column: 7, endLine: 2, endColumn: 12 }],
    },
  ],
});
