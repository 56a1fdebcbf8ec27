import { commandName, reachesFinalImage } from '../engine/facts/commands';
import { insertAfterWord } from '../engine/fix/edits';
import { aptInstalls } from '../engine/facts/packageManagers';
import { defineRule } from '../engine/rule';

export default defineRule({
  id: 'apt-no-install-recommends',
  aliases: [{ tool: 'hadolint', code: 'DL3015', relation: 'same' }],
  category: 'size',
  severity: 'warning',
  fixable: 'sometimes',
  docs: {
    what: 'Add `--no-install-recommends` to `apt-get install`. Fires on installs in a stage that reaches the final image.',
    why: 'Recommended packages are not needed to run what you asked for, yet they routinely double an image: more bytes to pull on every deploy and more packages for scanners to flag and for you to patch.',
    example: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
    instead: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
    fixSafety:
      'Unsafe: the image no longer gets recommended packages; something your app used without declaring it (ca-certificates is the usual one) may have to be named explicitly.',
  },
  check({ model, report }) {
    for (const inv of aptInstalls(model)) {
      if (!reachesFinalImage(model, inv.cmd.instruction)) continue;
      const off = inv.words.some((w, i) => {
        const v = w.value ?? '';
        if (v === '--no-install-recommends') return true;
        const opt = v.startsWith('-o') && v.length > 2 ? v.slice(2) : inv.words[i - 1]?.value === '-o' ? v : '';
        return /^APT::Install-Recommends=(false|0|no|off)$/i.test(opt.replace(/^=/, ''));
      });
      if (off) continue;
      const install = inv.words[inv.subIndex];
      report({
        range: inv.cmd.range,
        message: `\`${commandName(inv.cmd)} ${install.value ?? install.text}\` also installs recommended packages, which the image does not need`,
        fix: () =>
          inv.cmd.instruction.run?.jsonForm
            ? undefined
            : { title: 'Add --no-install-recommends', safe: false, edits: [insertAfterWord(install, ' --no-install-recommends')] },
      });
    }
  },
});
