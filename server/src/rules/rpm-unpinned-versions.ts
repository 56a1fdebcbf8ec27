import { expandedPackage, rpmInvocations, type RpmInvocation } from '../engine/facts/packageManagers';
import { defineRule } from '../engine/rule';

/**
 * yum/dnf name a version as name-[epoch:]version[-release] (`httpd-2.4.62`, `openssl-1:3.0.7-27.el9`): the last
 * dash-separated part starts with a digit, so `java-17-openjdk` is still a bare name. zypper uses `name=1.2`,
 * `name>=1.2`; both accept .rpm files, paths and URLs, which need no pin.
 */
function pinned(pkg: string, rpm: RpmInvocation): boolean {
  if (pkg.endsWith('.rpm') || pkg.includes('/') || /[=<>]/.test(pkg)) return true;
  if (rpm.kind === 'module') return pkg.includes(':');
  if (rpm.manager === 'zypper' && pkg.includes(':')) return true; // pattern:…, product:… select by type, not version
  return /-(\d+:)?\d[^-]*$/.test(pkg);
}

/** `zypper install -t pattern lamp_server`: patterns, products and patches have no version to pin. */
const installsOtherType = (rpm: RpmInvocation) =>
  rpm.inv.words.some(
    (w, i) => ((w.value === '-t' || w.value === '--type') && rpm.inv.words[i + 1]?.value !== 'package') || /^--type=(?!package$)/.test(w.value ?? ''),
  );

export default defineRule({
  id: 'rpm-unpinned-versions',
  aliases: [
    { tool: 'hadolint', code: 'DL3033', relation: 'same' },
    { tool: 'hadolint', code: 'DL3037', relation: 'same' },
    { tool: 'hadolint', code: 'DL3041', relation: 'same' },
  ],
  category: 'reproducibility',
  severity: 'information',
  fixable: 'never',
  docs: {
    what: 'Pin the version of each package `yum`, `dnf`, `microdnf` or `tdnf` installs (`httpd-2.4.62`), `zypper` installs (`httpd=2.4.62`) and each module stream (`nodejs:20`). Fires on each package named without a version.',
    why: 'Without a pin, each build installs whatever the repositories serve that day: a rebuild of an old commit ships different code than was tested, and a breaking update arrives without any change to the Dockerfile. Pins make the change visible in review and let Dependabot/Renovate propose it.',
    example: 'FROM rockylinux:9\nRUN dnf install -y httpd && dnf clean all',
    instead: 'FROM rockylinux:9\nRUN dnf install -y httpd-2.4.62 && dnf clean all',
  },
  check({ model, report }) {
    for (const ins of model.instructions) {
      for (const rpm of rpmInvocations(ins)) {
        // groups (`dnf group install "Development Tools"`) have no versions
        if (rpm.action !== 'install' || rpm.kind === 'group' || rpm.inv.sub === 'source-install' || rpm.inv.sub === 'si' || installsOtherType(rpm)) continue;
        for (const word of rpm.operands) {
          const pkg = expandedPackage(word, ins, model);
          if (pkg === undefined || pkg.startsWith('@') || pkg.includes('(') || pinned(pkg, rpm)) continue;
          report({ range: word.range, message: `\`${word.value ?? word.text}\` has no version: each build installs whatever the repositories serve that day` });
        }
      }
    }
  },
});
