import rule from '../../server/src/rules/apt-lists-not-cleaned';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
    'FROM debian:12\nRUN apt-get update \\\n && apt-get install -y curl \\\n && rm -rf /var/lib/apt/lists',
    'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y curl',
    'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt --mount=type=cache,target=/var/cache/apt apt-get update',
    'FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\nFROM scratch\nCOPY --from=build /out /out',
    'FROM debian:12\nRUN echo apt-get update',
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 19 }],
      output: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
      safe: true,
    },
    {
      // the next RUN installs without updating: removing the lists here would make it fail, so no fix, and the message says why
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN apt-get install -y wget',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 19 }],
      message: /the RUN on line 3 installs with them/,
    },
    {
      // a stage built FROM this one starts from its layer: its install needs the lists too
      code: 'FROM debian:12-slim AS base\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n\nFROM base AS build\nRUN apt-get install -y --no-install-recommends make',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 19 }],
      message: /the RUN on line 5 \(stage build is built FROM this one\) installs with them/,
    },
    {
      // …through another stage as well
      code: 'FROM debian:12 AS base\nRUN apt-get update\nFROM base AS mid\nRUN echo mid\nFROM mid\nRUN apt-get install -y make',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 19 }],
      message: /line 6/,
    },
    {
      // a later stage that updates the lists itself does not need these
      code: 'FROM debian:12 AS base\nRUN apt-get update && apt-get install -y curl\nFROM base\nRUN apt-get update && apt-get install -y make',
      findings: [
        { line: 2, column: 5, endLine: 2, endColumn: 19 },
        { line: 4, column: 5, endLine: 4, endColumn: 19 },
      ],
      output:
        'FROM debian:12 AS base\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nFROM base\nRUN apt-get update && apt-get install -y make',
      safe: true,
    },
    {
      code: 'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get update \\\n    && apt-get install -y curl\nCMD ["curl"]',
      findings: [{ line: 2, column: 46, endLine: 2, endColumn: 60 }],
      output:
        'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get update \\\n    && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nCMD ["curl"]',
    },
  ],
});
