import { imageNamed } from '../engine/facts/baseImage';
import { globMatcher } from '../engine/glob';
import type { ImageRef } from '../engine/imageRef';
import { globalArgValues, partialImageRef, UNKNOWN_PART } from '../engine/model';
import { defineRule } from '../engine/rule';

// Docker Hub answers to several host names; a team that trusts "docker.io" trusts all of them
const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com', 'hub.docker.com']);
const registryOf = (host: string | undefined) => (host === undefined || DOCKER_HUB.has(host.toLowerCase()) ? 'docker.io' : host.toLowerCase());

const MAX_REFERENCE_LENGTH = 512;

/** The names a glob in allowedBaseImages may be written against: familiar and fully qualified, with the implied :latest. */
function spellings(ref: ImageRef): string[] {
  const suffix = `${ref.tag || ref.digest ? '' : ':latest'}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
  const registry = registryOf(ref.registry);
  const hub = registry === 'docker.io';
  const familiar = hub ? ref.path.replace(/^library\//, '') : `${registry}/${ref.path}`;
  const qualified = `${registry}/${hub && !ref.path.includes('/') ? `library/${ref.path}` : ref.path}`;
  return [...new Set([familiar, qualified].flatMap((name) => [`${name}${suffix}`, name]))];
}

/** partialImageRef, and whether the tag (or digest) is literal too. */
function partialOf(text: string, args: ReadonlyMap<string, string | undefined>) {
  const p = partialImageRef(text, args);
  return p && { ...p, tagKnown: !(p.ref.tag ?? '').includes(UNKNOWN_PART) && !(p.ref.digest ?? '').includes(UNKNOWN_PART) };
}

/** `python:3.12` -> `python`: the name a glob of allowedBaseImages is about, without its tag or digest. */
const globName = (glob: string): string => glob.split('@')[0].replace(/:[^/:]*$/, '');

export default defineRule({
  id: 'base-image-untrusted-registry',
  aliases: [{ tool: 'hadolint', code: 'DL3026', relation: 'same' }],
  category: 'security',
  severity: 'error',
  fixable: 'never',
  docs: {
    what: 'Take base images only from the registries (`trustedRegistries`) and images (`allowedBaseImages`) your team configured. Fires on a FROM image outside them, judging what is literal when a build argument without a default is part of it (`evil.example.com/app:${TAG}` comes from evil.example.com whatever TAG is); silent when neither is configured, or when the registry itself comes from a build argument.',
    why: 'The base image is code that runs in production with your credentials around it. A registry nobody vetted (a typo-squatted host, a personal namespace) can serve anything under a familiar name, and an image outside the allowed list has not been scanned or patched by the team that owns base images.',
    example: '# .seaworthy.yaml: trustedRegistries: [docker.io, gcr.io]\nFROM quay.example.net/tools/python:3.12\nCMD ["python"]',
    instead: '# .seaworthy.yaml: trustedRegistries: [docker.io, gcr.io]\nFROM python:3.12-slim\nCMD ["python"]',
    exampleConfig: { trustedRegistries: ['docker.io', 'gcr.io'] },
  },
  check({ model, config, report }) {
    const registries = (config.trustedRegistries ?? []).map((r) => registryOf(r.trim()));
    const images = [...(config.allowedBaseImages ?? [])];
    if (registries.length === 0 && images.length === 0) return;
    const trustedRegistry = globMatcher(registries.length ? registries : ['**'], { nocase: true });
    const allowedImage = globMatcher(images.length ? images : ['**']);
    const args = globalArgValues(model);
    for (const stage of model.stages) {
      // stage references and scratch are not pulled from a registry
      if (stage.base.kind !== 'image' && stage.base.kind !== 'unresolved') continue;
      // a FROM with a variable nobody gave a value (`evil.example.com/x:${TAG:?}`) is judged on what is literal in it:
      // a policy that let the registry through because the tag is unknown would be bypassed by one `${TAG}`
      const partial =
        stage.base.kind === 'image' ? { ref: stage.base.ref, registryKnown: true, nameKnown: true, tagKnown: true } : partialOf(stage.base.text, args);
      if (!partial?.registryKnown) continue; // `FROM ${IMAGE}`: nothing literal to judge
      const { ref } = partial;
      const registry = registryOf(ref.registry);
      const base = stage.base;
      // longer than any reference a registry accepts (a name of at most 255 characters, a tag of 128, a digest): the
      // build cannot pull it, so it brings no image in; and a glob against a text of any length costs their product
      if (base.text.length > MAX_REFERENCE_LENGTH) continue;
      if (!trustedRegistry(registry)) {
        report({
          range: base.range,
          message: `${imageNamed(base)} comes from \`${registry}\`, which is not among the trusted registries (${registries.join(', ')})`,
        });
        continue;
      }
      if (!partial.nameKnown || spellings(ref).some((name) => allowedImage(name))) continue;
      if (partial.tagKnown) {
        report({ range: base.range, message: `${imageNamed(base)} is not among the allowed base images (${images.join(', ')})` });
        continue;
      }
      // the tag is given at build time: an allowed image of that name with some tags only cannot be vouched for
      const names = spellings({ ...ref, tag: undefined, digest: undefined });
      if (
        images.some((glob) => {
          const sameName = globMatcher(globName(glob));
          return names.some((n) => sameName(n));
        })
      ) {
        report({
          range: base.range,
          severity: 'warning',
          message: `${imageNamed(base)} takes its tag from a build argument without a default, and the allowed base images (${images.join(', ')}) allow only some tags of it`,
        });
      } else report({ range: base.range, message: `${imageNamed(base)} is not among the allowed base images (${images.join(', ')}), whatever its tag` });
    }
  },
});
