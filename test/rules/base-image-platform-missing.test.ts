import rule from '../../server/src/rules/base-image-platform-missing';
import { ruleTester } from '../harness/ruleTester';

const TWO = { targetPlatforms: ['linux/amd64', 'linux/arm64'] };
const amdOnly = { 'team/base:1': { platforms: ['linux/amd64'] } };
const both = { 'team/base:1': { platforms: ['linux/amd64', 'linux/arm64/v8'] } };

ruleTester(rule, {
  valid: [
    // the image offers every target (linux/arm64 matches linux/arm64/v8)
    { code: 'FROM team/base:1\nCOPY app /app', config: TWO, images: both },
    // nothing is listed: the builder's own platform is not checked
    { code: 'FROM team/base:1\nCOPY app /app', images: amdOnly },
    // no facts (offline, network off, an untrusted workspace): silent
    { code: 'FROM team/base:1\nCOPY app /app', config: TWO },
    // a stage pinned to the platform the image has, and a build stage that runs on the builder
    { code: 'FROM --platform=linux/amd64 team/base:1\nCOPY app /app', config: TWO, images: amdOnly },
    { code: 'FROM --platform=$BUILDPLATFORM team/base:1 AS build\nRUN make\nFROM scratch\nCOPY --from=build /app /app', config: TWO, images: amdOnly },
  ],
  invalid: [
    {
      code: 'FROM team/base:1\nCOPY app /app',
      config: TWO,
      images: amdOnly,
      findings: [{ line: 1, column: 6, endLine: 1, endColumn: 17 }],
      message: '`team/base:1` offers `linux/amd64` but not `linux/arm64`, which targetPlatforms lists: that build fails or runs under emulation',
    },
    {
      // a platform the FROM names itself
      code: 'FROM --platform=linux/s390x team/base:1\nCOPY app /app',
      images: both,
      findings: [{ line: 1, column: 29, endLine: 1, endColumn: 40 }],
      message:
        '`team/base:1` offers `linux/amd64`, `linux/arm64/v8` but not `linux/s390x`, which its --platform names: that build fails or runs under emulation',
    },
    {
      // each stage built for the targets is checked, the builder stage too when it is not pinned to $BUILDPLATFORM
      code: 'FROM team/base:1 AS build\nRUN make\nFROM team/other:2\nCOPY --from=build /app /app',
      config: { targetPlatforms: ['linux/amd64', 'linux/arm64', 'linux/ppc64le'] },
      images: { ...both, 'team/other:2': { platforms: ['linux/amd64', 'linux/arm64', 'linux/ppc64le'] } },
      findings: [{ line: 1, column: 6, endLine: 1, endColumn: 17 }],
      message: /not `linux\/ppc64le`, which targetPlatforms lists/,
    },
  ],
});
