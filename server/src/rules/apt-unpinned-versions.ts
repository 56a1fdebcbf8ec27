import { operands } from '../engine/facts/commands';
import { aptInstalls, APT_VALUED } from '../engine/facts/packageManagers';
import { defineRule } from '../engine/rule';

/** `pkg=1.2*` pins a version, `pkg/bookworm-backports` a release; `./x.deb` and `/tmp/x.deb` name a file. */
const pinnedOrFile = (pkg: string) => pkg.includes('=') || pkg.includes('/') || pkg.endsWith('.deb');

export default defineRule({
  id: 'apt-unpinned-versions',
  aliases: [{ tool: 'hadolint', code: 'DL3008', relation: 'same' }],
  category: 'reproducibility',
  severity: 'information',
  fixable: 'never',
  docs: {
    what: 'Pin the version of each package `apt-get install` installs (`curl=7.88.1-10+deb12u8`). Fires on each package named without `=version`.',
    why: 'Without a pin, each build installs whatever the mirror serves that day: a rebuild of an old commit ships different code than was tested, and a breaking update arrives without any change to the Dockerfile. Pins make the change visible in review and let Dependabot/Renovate propose it.',
    example: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl',
    instead: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8',
  },
  scope: 'instruction',
  checkInstruction(ins, { report }) {
    for (const inv of aptInstalls(ins)) {
      for (const word of operands(inv, APT_VALUED)) {
        // a $VARIABLE may well hold the pin
        if (word.value === undefined || pinnedOrFile(word.value) || word.value.endsWith('-')) continue;
        report({ range: word.range, message: `\`${word.value}\` has no version: each build installs whatever the mirror serves that day` });
      }
    }
  },
});
