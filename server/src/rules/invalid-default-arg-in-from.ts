import { excerpt, MAX_EXPANSION } from '../engine/expand';
import { expandWithDefaults, globalArgDefaults } from '../engine/model';
import { parseImageRef } from '../engine/imageRef';
import { defineRule } from '../engine/rule';

export default defineRule({
  id: 'invalid-default-arg-in-from',
  aliases: [{ tool: 'buildkit', code: 'InvalidDefaultArgInFrom', relation: 'same' }],
  category: 'correctness',
  severity: 'warning',
  fixable: 'never',
  docs: {
    what: 'Give the ARGs a FROM uses defaults that make a valid image reference. Fires when the FROM image, with global ARG defaults substituted (empty for an ARG without default), is empty or not a valid reference.',
    why: 'A build without `--build-arg` (a teammate\'s laptop, a CI job, Dependabot) then fails at the first line with "invalid reference format", and tools that read the Dockerfile (scanners, digest pinning) cannot tell which base it uses.',
    example: 'ARG VERSION\nFROM busybox:$VERSION\nCMD ["sh"]',
    instead: 'ARG VERSION=1.36\nFROM busybox:$VERSION\nCMD ["sh"]',
  },
  check({ model, report }) {
    const defaults = globalArgDefaults(model);
    for (const stage of model.stages) {
      const written = stage.base.text;
      if (!written.includes('$')) continue;
      const image = expandWithDefaults(written, defaults);
      // scratch parses as a reference; stage names are matched without regard to case
      if (image !== '' && (parseImageRef(image) || model.stages.some((s) => s.name?.toLowerCase() === image.toLowerCase()))) continue;
      report({
        range: stage.base.range,
        // an expansion can be far longer than the file (it is cut at MAX_EXPANSION): messages show an excerpt
        message:
          image === ''
            ? `\`${excerpt(written)}\` is empty with the ARG defaults, so a build without --build-arg has no base image`
            : image.length > MAX_EXPANSION
              ? `\`${excerpt(written)}\` expands to more than ${MAX_EXPANSION.toLocaleString('en-US')} characters with the ARG defaults, which is not a valid image reference`
              : `\`${excerpt(written)}\` becomes \`${excerpt(image)}\` with the ARG defaults, which is not a valid image reference`,
      });
    }
  },
});
