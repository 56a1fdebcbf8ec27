import { imageNamed } from '../engine/facts/baseImage';
import { reachesFinalImage } from '../engine/facts/commands';
import { foundationsOf, isPastEndOfLife, newestSupported, releaseName, type Foundation } from '../engine/facts/endOfLife';
import { defineRule } from '../engine/rule';

type Ended = Extract<Foundation, { kind: 'release' }>;

export default defineRule({
  id: 'base-image-end-of-life',
  aliases: [],
  category: 'security',
  severity: 'warning',
  fixable: 'never',
  docs: {
    what: 'Build the final image on a release that still gets security fixes. Fires on a base image in the final image whose runtime or distribution is past its end of life on the day of the lint (`node:16`, `python:3.8`, `ubuntu:14.04`, `debian:buster`, the `-buster` in `python:3.11-slim-buster`) and on development branches (`debian:sid`, `alpine:edge`); stages that are only copied from are left alone.',
    why: 'Past its end of life a release gets no security fixes: every vulnerability found from then on stays in your image for good, scanners flag it, and the packages its mirrors serve may vanish (Debian moves old releases to its archive, so `apt-get update` starts failing). A development branch changes under every build and has no security support at all.',
    example: 'FROM node:16-alpine\nCOPY . /app\nCMD ["node", "/app/server.js"]',
    instead: 'FROM node:24-alpine\nCOPY . /app\nCMD ["node", "/app/server.js"]',
  },
  check({ model, report, today }) {
    for (const stage of model.stages) {
      const base = stage.base;
      if (base.kind !== 'image' || !reachesFinalImage(model, stage.from)) continue;
      const foundations = foundationsOf(base.ref);
      const unstable = foundations.find((f) => f.kind === 'unstable');
      if (unstable) {
        report({
          range: base.range,
          message: `${imageNamed(base)} is a development branch (${unstable.distribution}:${unstable.tag}): it changes under every build and gets no security support; build on a stable release`,
        });
        continue;
      }
      const ended = foundations.filter((f): f is Ended => f.kind === 'release' && isPastEndOfLife(f.release, today));
      if (!ended.length) continue;
      const since = ended.map((f) => `${releaseName(f.product, f.release)} on ${f.release.eol}`).join(' and ');
      const suggestions = ended.flatMap((f) => {
        const next = newestSupported(f.product, today);
        return next ? [releaseName(f.product, next)] : [];
      });
      report({
        range: base.range,
        message: `${imageNamed(base)} is past its end of life (${since}): it gets no security fixes${suggestions.length ? `; move to ${suggestions.join(' on ')}` : ''}`,
      });
    }
  },
});
