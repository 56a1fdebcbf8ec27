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
      // the lists are gone afterwards, and the next RUN installs without updating: unsafe
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN apt-get install -y wget',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 19 }],
      output: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nRUN apt-get install -y wget',
      safe: false,
    },
    {
      code: 'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get update \\\n    && apt-get install -y curl\nCMD ["curl"]',
      findings: [{ line: 2, column: 46, endLine: 2, endColumn: 60 }],
      output: 'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get update \\\n    && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nCMD ["curl"]',
    },
  ],
});
