import { commandName, invocation, operands } from '../engine/facts/commands';
import { APK_VALUED } from '../engine/facts/packageManagers';
import { defineRule } from '../engine/rule';

/** `pkg=1.2-r0`, `pkg~1.2`, `pkg>=1.2`, `pkg<2` constrain the version; `./x.apk` names a file. */
const pinnedOrFile = (pkg: string) => /[=~<>]/.test(pkg) || pkg.endsWith('.apk');

export default defineRule({
  id: 'apk-unpinned-versions',
  aliases: [{ tool: 'hadolint', code: 'DL3018', relation: 'same' }],
  category: 'reproducibility',
  severity: 'information',
  fixable: 'never',
  docs: {
    what: 'Pin the version of each package `apk add` installs (`curl=8.9.1-r0`, or `curl~8.9` for the latest patch). Fires on each package named without a version.',
    why: 'Without a pin, each build installs whatever the Alpine mirror serves that day: a rebuild of an old commit ships different code than was tested, and a breaking update arrives without any change to the Dockerfile. Alpine also drops old versions from its mirrors, so a pin makes that failure loud at build time instead of silent.',
    example: 'FROM alpine:3.20\nRUN apk add --no-cache curl',
    instead: 'FROM alpine:3.20\nRUN apk add --no-cache curl~8.9',
  },
  scope: 'instruction',
  checkInstruction(ins, { report }) {
    for (const cmd of ins.run?.commands ?? []) {
      if (commandName(cmd) !== 'apk') continue;
      const inv = invocation(cmd, APK_VALUED);
      if (inv.sub !== 'add') continue;
      for (const word of operands(inv, APK_VALUED)) {
        // a $VARIABLE may well hold the pin
        if (word.value === undefined || pinnedOrFile(word.value)) continue;
        report({ range: word.range, message: `\`${word.value}\` has no version: each build installs whatever the Alpine mirror serves that day` });
      }
    }
  },
});
