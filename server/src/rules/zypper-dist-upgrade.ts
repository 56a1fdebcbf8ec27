import { rpmInvocations } from '../engine/facts/packageManagers';
import { defineRule } from '../engine/rule';

export default defineRule({
  id: 'zypper-dist-upgrade',
  aliases: [{ tool: 'hadolint', code: 'DL3035', relation: 'same' }],
  category: 'reproducibility',
  severity: 'warning',
  fixable: 'never',
  docs: {
    what: 'Choose the distribution release with the base image tag, not `zypper dist-upgrade`. Fires on `zypper dist-upgrade` and `zypper dup`.',
    why: '`dist-upgrade` moves the image to whatever the repositories hold on build day, including a new distribution release on rolling repositories: packages get replaced, vendors switched and some removed, so two builds of the same commit differ and the base image tag no longer says what you run. A newer base tag gives the update reproducibly; `zypper patch` or `zypper update` take fixes within the release.',
    example: 'FROM opensuse/leap:15.6\nRUN zypper --non-interactive dup && zypper clean --all',
    instead: 'FROM opensuse/leap:15.6\nRUN zypper --non-interactive update && zypper clean --all',
  },
  scope: 'instruction',
  checkInstruction(ins, { report }) {
    for (const rpm of rpmInvocations(ins)) {
      if (rpm.manager !== 'zypper' || rpm.action !== 'dist-upgrade') continue;
      report({
        range: rpm.inv.cmd.range,
        message: `\`zypper ${rpm.inv.sub}\` moves the image to whatever the repositories hold on build day, possibly a new release`,
      });
    }
  },
});
