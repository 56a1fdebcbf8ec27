import { imageNamed } from '../engine/facts/baseImage';
import { reachesFinalImage } from '../engine/facts/commands';
import { isDockerHub, shortName, type ImageRef } from '../engine/imageRef';
import { defineRule } from '../engine/rule';

// Official images whose default tags carry a full Debian/Ubuntu with compilers and headers, and the smaller variant
// each one publishes (golang and php publish no -slim, only -alpine; temurin's runtime-only variant is -jre)
const SMALLER: Readonly<Record<string, string>> = {
  python: 'slim',
  node: 'slim',
  ruby: 'slim',
  perl: 'slim',
  rust: 'slim',
  openjdk: 'slim',
  erlang: 'slim',
  elixir: 'slim',
  golang: 'alpine',
  php: 'alpine',
  'eclipse-temurin': 'jre',
};
const SMALL_TAG = /(^|[-.])(slim|alpine|jre|distroless|windowsservercore|nanoserver|ltsc\d*)([-.\d]|$)/;
const CODENAME = /(?:^|-)(trixie|bookworm|bullseye|buster|stretch|noble|jammy|focal)$/;

/** `3.12` -> `3.12-slim`, `3.12-bookworm` -> `3.12-slim-bookworm` (node writes `20-bookworm-slim`), `8.3-fpm-bookworm` -> `8.3-fpm-alpine`, `21-jdk-noble` -> `21-jre-noble`. */
function smallerTag(name: string, tag: string | undefined, variant: string): string {
  if (!tag || tag === 'latest') return variant;
  if (variant === 'jre' && /(^|-)jdk(-|$)/.test(tag)) return tag.replace(/(^|-)jdk(?=-|$)/, '$1jre');
  const codename = CODENAME.exec(tag);
  if (!codename) return `${tag}-${variant}`;
  const release = tag.slice(0, codename.index);
  const join = (...parts: string[]) => parts.filter(Boolean).join('-');
  // Alpine and JRE variants replace the Debian/Ubuntu release instead of qualifying it
  if (variant !== 'slim') return join(release, variant);
  return name === 'node' ? join(tag, 'slim') : join(release, 'slim', codename[1]);
}

// php's apache variant is published for Debian only: there is no smaller one to suggest
const NO_SMALLER_TAG = /(^|-)apache(-|$)/;

const isFullVariant = (ref: ImageRef): boolean =>
  isDockerHub(ref) &&
  (!ref.path.includes('/') || ref.path.startsWith('library/')) &&
  Object.hasOwn(SMALLER, shortName(ref)) &&
  !SMALL_TAG.test(ref.tag ?? '') &&
  !(shortName(ref) === 'php' && NO_SMALLER_TAG.test(ref.tag ?? ''));

export default defineRule({
  id: 'base-image-full-variant',
  aliases: [],
  category: 'size',
  severity: 'information',
  fixable: 'never',
  checklist: { item: 'minimal-base', lead: true },
  docs: {
    what: 'Build the final image on the `-slim` (or `-alpine`) variant of a language image. Fires on the full `python`, `node`, `ruby`, `golang`, `php`, `rust`, `openjdk`, `eclipse-temurin`… tag in a stage that reaches the final image; build stages only copied from are left alone.',
    why: 'The full variants carry compilers, headers and hundreds of Debian packages the running app never uses: an image several times larger to pull on every node and deploy, and many more packages for scanners to flag and for you to patch.',
    example: 'FROM python:3.12\nCOPY . /app\nCMD ["python", "/app/main.py"]',
    instead: 'FROM python:3.12-slim\nCOPY . /app\nCMD ["python", "/app/main.py"]',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const base = stage.base;
      if (base.kind !== 'image' || !isFullVariant(base.ref) || !reachesFinalImage(model, stage.from)) continue;
      const name = shortName(base.ref);
      const suggestion = `${base.ref.registry ? `${base.ref.registry}/` : ''}${base.ref.path}:${smallerTag(name, base.ref.tag, SMALLER[name])}`;
      report({
        range: base.range,
        message: `${imageNamed(base)} is the full variant with compilers and build headers the app does not need at run time; \`${suggestion}\` is a fraction of the size`,
      });
    }
  },
});
