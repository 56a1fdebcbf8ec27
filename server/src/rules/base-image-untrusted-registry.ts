import picomatch from 'picomatch';
import type { ImageRef } from '../engine/imageRef';
import { defineRule } from '../engine/rule';

// Docker Hub answers to several host names; a team that trusts "docker.io" trusts all of them
const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com', 'hub.docker.com']);
const registryOf = (host: string | undefined) => (host === undefined || DOCKER_HUB.has(host.toLowerCase()) ? 'docker.io' : host.toLowerCase());

/** The names a glob in allowedBaseImages may be written against: familiar and fully qualified, with the implied :latest. */
function spellings(ref: ImageRef): string[] {
  const suffix = `${ref.tag || ref.digest ? '' : ':latest'}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
  const registry = registryOf(ref.registry);
  const hub = registry === 'docker.io';
  const familiar = hub ? ref.path.replace(/^library\//, '') : `${registry}/${ref.path}`;
  const qualified = `${registry}/${hub && !ref.path.includes('/') ? `library/${ref.path}` : ref.path}`;
  return [...new Set([familiar, qualified].flatMap((name) => [`${name}${suffix}`, name]))];
}

export default defineRule({
  id: 'base-image-untrusted-registry',
  aliases: [{ tool: 'hadolint', code: 'DL3026', relation: 'same' }],
  category: 'security',
  severity: 'error',
  fixable: 'never',
  docs: {
    what: 'Take base images only from the registries (`trustedRegistries`) and images (`allowedBaseImages`) your team configured. Fires on a FROM image outside them; silent when neither is configured.',
    why: 'The base image is code that runs in production with your credentials around it. A registry nobody vetted (a typo-squatted host, a personal namespace) can serve anything under a familiar name, and an image outside the allowed list has not been scanned or patched by the team that owns base images.',
    example: '# .seaworthy.yaml: trustedRegistries: [docker.io, gcr.io]\nFROM quay.example.net/tools/python:3.12\nCMD ["python"]',
    instead: '# .seaworthy.yaml: trustedRegistries: [docker.io, gcr.io]\nFROM python:3.12-slim\nCMD ["python"]',
    exampleConfig: { trustedRegistries: ['docker.io', 'gcr.io'] },
  },
  check({ model, config, report }) {
    const registries = (config.trustedRegistries ?? []).map((r) => registryOf(r.trim()));
    const images = [...(config.allowedBaseImages ?? [])];
    if (registries.length === 0 && images.length === 0) return;
    const trustedRegistry = picomatch(registries.length ? registries : ['**'], { nocase: true, dot: true });
    const allowedImage = picomatch(images.length ? images : ['**'], { dot: true });
    for (const stage of model.stages) {
      // stage references, scratch and ${VAR} images we cannot resolve are not pulled from a registry we can judge
      if (stage.base.kind !== 'image') continue;
      const ref = stage.base.ref;
      const registry = registryOf(ref.registry);
      if (!trustedRegistry(registry)) {
        report({ range: stage.base.range, message: `\`${stage.base.text}\` comes from \`${registry}\`, which is not among the trusted registries (${registries.join(', ')})` });
      } else if (!spellings(ref).some((name) => allowedImage(name))) {
        report({ range: stage.base.range, message: `\`${stage.base.text}\` is not among the allowed base images (${images.join(', ')})` });
      }
    }
  },
});
