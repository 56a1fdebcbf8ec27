import { unquote, variableAt } from '../engine/model';
import { defineRule } from '../engine/rule';

export default defineRule({
  id: 'debian-frontend-in-env',
  aliases: [],
  category: 'runtime',
  severity: 'information',
  fixable: 'never',
  docs: {
    what: 'Set `DEBIAN_FRONTEND=noninteractive` for the build only: with `ARG DEBIAN_FRONTEND=noninteractive`, or on the RUN that installs (`RUN DEBIAN_FRONTEND=noninteractive apt-get install …`). Fires on an `ENV DEBIAN_FRONTEND=noninteractive` that is still in effect in the final image (in its stage or a stage it is built FROM); an `ENV DEBIAN_FRONTEND=` later that clears it is fine.',
    why: "ENV is kept in the image: every container started from it runs with `DEBIAN_FRONTEND=noninteractive`, so someone who runs `apt-get install` or `dpkg-reconfigure` in it to debug gets no prompts and silently accepted defaults (tzdata, keyboard, debconf questions). The setting is only meant to keep the build from waiting for input. There is no quick fix: turning the ENV into an ARG changes the image's environment and what stages built FROM this one see, so the change is yours to make.",
    example:
      'FROM ubuntu:24.04\nENV DEBIAN_FRONTEND=noninteractive\nRUN apt-get update && apt-get install -y --no-install-recommends tzdata && rm -rf /var/lib/apt/lists/*',
    instead:
      'FROM ubuntu:24.04\nARG DEBIAN_FRONTEND=noninteractive\nRUN apt-get update && apt-get install -y --no-install-recommends tzdata && rm -rf /var/lib/apt/lists/*',
  },
  check({ model, report }) {
    // what the final image's config keeps: the last ENV of the name along the final stage's chain
    const set = variableAt(model, 'end', 'DEBIAN_FRONTEND');
    if (!set || set.kind !== 'ENV' || unquote(set.value ?? '').toLowerCase() !== 'noninteractive') return;
    const kv = set.ins.keyValues.findLast((k) => k.name === 'DEBIAN_FRONTEND');
    if (!kv) return;
    report({
      range: kv.nameRange,
      message:
        '`ENV DEBIAN_FRONTEND=noninteractive` stays in the image: containers run with it too, so an `apt-get` or `dpkg-reconfigure` run in them silently takes every default; set it with `ARG` or on the RUN that installs',
    });
  },
});
