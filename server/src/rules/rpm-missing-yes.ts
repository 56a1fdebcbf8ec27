import { hasOption } from '../engine/facts/commands';
import { insertAfterWord } from '../engine/fix/edits';
import { rpmInvocations, type RpmInvocation } from '../engine/facts/packageManagers';
import { defineRule, type Fix } from '../engine/rule';

/** Actions that change the system and so ask "Is this ok [y/N]" (dnf also asks before enabling a module stream). */
const ASKS = new Set(['install', 'reinstall', 'remove', 'upgrade', 'dist-upgrade', 'enable', 'disable', 'reset', 'switch-to']);

function answersYes(rpm: RpmInvocation): boolean {
  const words = rpm.inv.words;
  if (rpm.manager === 'zypper') return hasOption(words, 'ny', ['non-interactive', 'no-confirm', 'assumeyes']);
  return hasOption(words, 'y', ['assumeyes']) || words.some((w) => /^--setopt=assumeyes=(1|true|yes)$/i.test(w.value ?? ''));
}

function addYes(rpm: RpmInvocation, jsonForm: boolean): Fix | undefined {
  if (jsonForm || !rpm.actionWord) return undefined;
  // zypper's -y exists for some subcommands only; the global --non-interactive, right after the name, works for all
  if (rpm.manager === 'zypper')
    return { title: 'Add --non-interactive to zypper', safe: true, edits: [insertAfterWord(rpm.inv.words[0], ' --non-interactive')] };
  return { title: `Add -y to ${rpm.manager} ${rpm.actionWord.value}`, safe: true, edits: [insertAfterWord(rpm.actionWord, ' -y')] };
}

export default defineRule({
  id: 'rpm-missing-yes',
  aliases: [
    { tool: 'hadolint', code: 'DL3030', relation: 'same' },
    { tool: 'hadolint', code: 'DL3038', relation: 'same' },
    { tool: 'hadolint', code: 'DL3034', relation: 'same' },
  ],
  category: 'correctness',
  severity: 'warning',
  fixable: 'sometimes',
  docs: {
    what: 'Add `-y` to `yum`, `dnf`, `microdnf` and `tdnf` installs, and `--non-interactive` (or `-y`) to zypper. Fires on an install, removal or upgrade that would stop at the confirmation prompt.',
    why: 'A build has no one to answer "Is this ok [y/N]": yum and dnf take the end of input for a no and abort, so the build fails, or passes only while nothing needs confirming.',
    example: 'FROM rockylinux:9\nRUN dnf install httpd && dnf clean all',
    instead: 'FROM rockylinux:9\nRUN dnf install -y httpd && dnf clean all',
    fixSafety: 'Safe: `-y` (for zypper `--non-interactive`) only answers the prompt the build could not answer; the same packages are installed.',
  },
  scope: 'instruction',
  checkInstruction(ins, { report }) {
    for (const rpm of rpmInvocations(ins)) {
      // `yes | yum install …` answers through the pipe
      if (!ASKS.has(rpm.action ?? '') || answersYes(rpm) || rpm.inv.cmd.inPipeline) continue;
      if (rpm.kind !== 'module' && ['enable', 'disable', 'reset', 'switch-to'].includes(rpm.action!)) continue;
      const what = [rpm.manager, rpm.inv.sub, rpm.kind === 'module' || rpm.inv.sub === 'group' ? rpm.actionWord?.value : undefined].filter(Boolean).join(' ');
      report({
        range: rpm.inv.cmd.range,
        message: `\`${what}\` without ${rpm.manager === 'zypper' ? '`--non-interactive`' : '`-y`'} waits for an answer no build can give`,
        fix: () => addYes(rpm, ins.run!.jsonForm),
      });
    }
  },
});
