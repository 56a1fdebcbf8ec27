import { stagePlatforms } from '../engine/facts/buildPlatforms';
import { samePlatform } from '../engine/facts/imageConfig';
import { defineRule } from '../engine/rule';

export default defineRule({
  id: 'base-image-platform-missing',
  aliases: [{ tool: 'buildkit', code: 'InvalidBaseImagePlatform', relation: 'inspired' }],
  category: 'correctness',
  severity: 'warning',
  fixable: 'never',
  needs: ['registry'],
  docs: {
    what: 'Build on base images that offer every platform you build for. Fires on a FROM whose image (as its registry describes it) does not offer a platform the team lists in `targetPlatforms`, the build lists in `platforms`, or the FROM names in `--platform`. Needs registries to be asked (`seaworthy.network`, `lint --network`); silent otherwise.',
    why: 'A multi-platform build pulls each base image once per platform. A base without that platform fails the build, or, for a single-platform image, gives an image of the wrong architecture that runs under emulation or not at all (`exec format error` on the arm64 nodes of the cluster).',
    example: 'FROM mcr.microsoft.com/mssql/server:2022-latest\nCOPY setup.sql /setup.sql',
    instead: 'FROM --platform=linux/amd64 mcr.microsoft.com/mssql/server:2022-latest\nCOPY setup.sql /setup.sql',
    exampleConfig: { targetPlatforms: ['linux/amd64', 'linux/arm64'] },
    imageAnswers: { 'mcr.microsoft.com/mssql/server:2022-latest': { platforms: ['linux/amd64'] } },
  },
  check({ model, registry, platforms, report }) {
    for (const stage of model.stages) {
      if (stage.base.kind !== 'image') continue;
      // the platforms a team or a build lists, or the one the FROM names; never just the builder's own
      const flag = stage.platform?.trim();
      const literal = !!flag && !flag.includes('$');
      if (!literal && (platforms.source === 'builder' || /^\$\{?BUILDPLATFORM\}?$/.test(flag ?? ''))) continue;
      const wanted = stagePlatforms(stage, platforms);
      let offered: readonly string[] | undefined;
      const missing: string[] = [];
      for (const platform of wanted) {
        const facts = registry.image(stage.base.ref, platform);
        if (!facts || facts.platforms.length === 0) continue;
        offered = facts.platforms;
        if (!facts.platforms.some((p) => samePlatform(p, platform))) missing.push(platform);
      }
      if (!offered || missing.length === 0) continue;
      const why = literal ? 'which its --platform names' : platforms.source === 'config' ? 'which targetPlatforms lists' : 'which the build lists';
      report({
        range: stage.base.range,
        message: `\`${stage.base.ref.raw}\` offers ${offered.map((p) => `\`${p}\``).join(', ')} but not ${missing.map((p) => `\`${p}\``).join(', ')}, ${why}: that build fails or runs under emulation`,
      });
    }
  },
});
