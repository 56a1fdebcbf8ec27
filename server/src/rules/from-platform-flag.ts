import { flagValue, variableUses } from '../engine/model';
import { defineRule } from '../engine/rule';

export default defineRule({
  id: 'from-platform-flag',
  aliases: [
    { tool: 'hadolint', code: 'DL3029', relation: 'same' },
    { tool: 'buildkit', code: 'FromPlatformFlagConstDisallowed', relation: 'same' },
    { tool: 'buildkit', code: 'RedundantTargetPlatform', relation: 'same' },
  ],
  category: 'correctness',
  severity: 'warning',
  fixable: 'sometimes',
  docs: {
    what: 'Leave the platform to `docker build --platform`, or use `--platform=$BUILDPLATFORM` for stages that cross-compile. Fires on `FROM --platform=<constant>` (unless the stage name says which OS or architecture it is for) and on the redundant `--platform=$TARGETPLATFORM`.',
    why: 'A constant platform pins the stage to one architecture: a multi-platform build then ships, say, amd64 binaries in the arm64 image, which fail at start with "exec format error" (or run slowly under emulation). `$TARGETPLATFORM` is already the default, so writing it only adds noise.',
    example: 'FROM --platform=linux/amd64 golang:1.23 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static\nCOPY --from=build /app /app',
    instead:
      'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nARG TARGETOS TARGETARCH\nRUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /app .\nFROM gcr.io/distroless/static\nCOPY --from=build /app /app',
    fixSafety:
      'Only for `--platform=$TARGETPLATFORM`: removing it is safe, the stage is built for the target platform either way. A constant platform is not changed: whether the stage should follow the build or the target platform is a decision.',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const flag = flagValue(stage.from, 'platform');
      if (!flag) continue;
      const uses = variableUses(flag.value);
      if (uses.length === 1 && uses[0].name === 'TARGETPLATFORM' && uses[0].start === 0 && uses[0].end === flag.value.length) {
        report({
          range: flag.range,
          message: '`--platform=$TARGETPLATFORM` is what FROM does without the flag',
          tags: ['unnecessary'],
          fix: () => {
            // remove the flag and the blanks after it, keeping the rest of the line as written
            const lines = model.lines;
            const end = lines.offsetAt(flag.range.end);
            let to = end;
            while (model.text[to] === ' ' || model.text[to] === '\t') to++;
            if (to === end || lines.positionAt(to).line !== flag.range.end.line) return undefined;
            return {
              title: 'Remove --platform=$TARGETPLATFORM',
              safe: true,
              edits: [{ range: { start: flag.range.start, end: lines.positionAt(to) }, newText: '' }],
            };
          },
        });
        continue;
      }
      if (uses.length > 0) continue;
      // BuildKit accepts a constant in a stage named for its OS or architecture (build_amd64, linux): a deliberate per-platform stage
      const [os, arch] = flag.value.toLowerCase().split('/');
      const name = stage.name?.toLowerCase() ?? '';
      if (name && ((os && name.includes(os)) || (arch && name.includes(arch)))) continue;
      report({
        range: flag.range,
        message: `\`--platform=${flag.value}\` pins this stage to one platform, so a multi-platform build ships it for the wrong architecture`,
      });
    }
  },
});
