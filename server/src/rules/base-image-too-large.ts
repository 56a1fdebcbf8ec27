import { stagePlatforms } from '../engine/facts/buildPlatforms';
import { formatBytes } from '../engine/facts/imageConfig';
import { stageChain } from '../engine/model';
import { defineRule } from '../engine/rule';

const DEFAULT_MAX_MB = 500;
const MB = 1024 * 1024;

export default defineRule({
  id: 'base-image-too-large',
  aliases: [],
  category: 'size',
  severity: 'information',
  fixable: 'never',
  needs: ['registry'],
  checklist: { item: 'minimal-base' },
  docs: {
    what: 'Build the final image on a base whose layers stay under a size budget: 500 MB compressed unless `ruleOptions: { base-image-too-large: { maxMB: N } }` says otherwise. Fires on the FROM at the root of the final image when its registry says the layers of a platform it is built for add up to more. Needs registries to be asked (`seaworthy.network`, `lint --network`); silent otherwise.',
    why: 'Every node pulls, stores and extracts the base image before the first container starts: a large base slows deploys, autoscaling and rollbacks, costs registry traffic, and usually carries compilers, package caches and tools the app never runs, each one more thing to patch.',
    example: 'FROM tensorflow/tensorflow:2.16.1\nCOPY serve.py /app/serve.py\nCMD ["python", "/app/serve.py"]',
    instead: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir tensorflow-cpu==2.16.1\nCOPY serve.py /app/serve.py\nCMD ["python", "/app/serve.py"]',
    imageAnswers: {
      'tensorflow/tensorflow:2.16.1': { compressedSize: 612 * MB },
      'python:3.12-slim': { compressedSize: 42 * MB },
    },
  },
  check({ model, config, registry, platforms, report }) {
    const final = model.finalStage;
    if (!final) return;
    const root = stageChain(final).at(-1)!;
    if (root.base.kind !== 'image') return;
    const option = config.ruleOptions?.['base-image-too-large']?.maxMB;
    const maxMB = typeof option === 'number' && option > 0 ? option : DEFAULT_MAX_MB;
    let largest: { size: number; platform: string } | undefined;
    for (const platform of stagePlatforms(root, platforms)) {
      const facts = registry.image(root.base.ref, platform);
      const size = facts?.compressedSize;
      if (size !== undefined && facts!.platform && (!largest || size > largest.size)) largest = { size, platform: facts!.platform };
    }
    if (!largest || largest.size <= maxMB * MB) return;
    report({
      range: root.base.range,
      message: `\`${root.base.ref.raw}\` is ${formatBytes(largest.size)} compressed (${largest.platform}), over the ${maxMB} MB budget for a base image: every node pulls and stores it before the app starts; look for a slim variant or a smaller base`,
    });
  },
});
