import { commandName, reachesFinalImage } from '../engine/facts/commands';
import type { Instruction, RunCommand } from '../engine/model';
import { cacheMountTargets, rpmInvocation, type RpmManager } from '../engine/facts/packageManagers';
import { defineRule, type Fix } from '../engine/rule';

/** Actions that download metadata and packages into the cache. */
const FILLS_CACHE = new Set(['install', 'reinstall', 'upgrade', 'dist-upgrade']);

/** Where each manager keeps its cache (yum is dnf on RHEL 8+, dnf 5 moved to libdnf5). */
const CACHE_DIRS: Record<RpmManager, readonly string[]> = {
  yum: ['/var/cache/yum', '/var/cache/dnf'],
  dnf: ['/var/cache/dnf', '/var/cache/libdnf5', '/var/cache/yum'],
  microdnf: ['/var/cache/dnf', '/var/cache/libdnf5', '/var/cache/yum'],
  tdnf: ['/var/cache/tdnf'],
  zypper: ['/var/cache/zypp'],
};

/** The command the fix appends; `zypper clean all` would take "all" for a repository alias. */
const CLEAN: Record<RpmManager, string> = {
  yum: 'yum clean all',
  dnf: 'dnf clean all',
  microdnf: 'microdnf clean all',
  tdnf: 'tdnf clean all',
  zypper: 'zypper clean --all',
};

/** `<manager> clean all` (zypper: `clean`/`cc`), or `rm` of the manager's cache directory. */
function cleans(cmd: RunCommand, manager: RpmManager): boolean {
  if (commandName(cmd) === 'rm') {
    const paths = cmd.words.map((w) => (w.value ?? w.text).replace(/\/\*?$/, ''));
    return paths.some((path) => CACHE_DIRS[manager].some((dir) => path === dir || path.startsWith(`${dir}/`)));
  }
  const rpm = rpmInvocation(cmd);
  if (rpm?.manager !== manager || rpm.action !== 'clean') return false;
  return manager === 'zypper' || rpm.operands.some((w) => w.value === 'all');
}

function appendClean(ins: Instruction, last: RunCommand, manager: RpmManager): Fix | undefined {
  if (ins.run!.jsonForm || last.inPipeline || last.inSubstitution) return undefined;
  // `sudo yum install` means the RUN is not root; a bare clean would fail
  if (last.words[0] !== rpmInvocation(last)!.inv.words[0]) return undefined;
  return {
    title: `Add ${CLEAN[manager]} to the RUN`,
    safe: true,
    edits: [{ range: { start: last.range.end, end: last.range.end }, newText: ` && ${CLEAN[manager]}` }],
  };
}

export default defineRule({
  id: 'rpm-cache-not-cleaned',
  aliases: [
    { tool: 'hadolint', code: 'DL3032', relation: 'same' },
    { tool: 'hadolint', code: 'DL3036', relation: 'same' },
    { tool: 'hadolint', code: 'DL3040', relation: 'same' },
  ],
  category: 'size',
  severity: 'warning',
  fixable: 'sometimes',
  docs: {
    what: 'End a RUN that installs with `yum`, `dnf`, `microdnf` or `tdnf` with `<manager> clean all` (zypper: `zypper clean --all`). Fires when no clean follows the install in the same RUN and no cache mount holds the cache, in stages that reach the final image.',
    why: 'The repository metadata and downloaded packages stay in /var/cache: often 100 MB or more in every image pulled, and a stale index for anything installed later. Cleaning in a later RUN saves nothing, because the earlier layer still holds the files.',
    example: 'FROM rockylinux:9\nRUN dnf install -y httpd-2.4.62',
    instead: 'FROM rockylinux:9\nRUN dnf install -y httpd-2.4.62 && dnf clean all',
    fixSafety:
      'Safe: appends `&& <manager> clean all` (`zypper clean --all`) after the last install of the RUN, which only removes caches. Declined for JSON-form RUNs, installs inside a pipe or `$(…)`, and under sudo.',
  },
  check({ model, report }) {
    for (const ins of model.instructions) {
      const commands = ins.run?.commands ?? [];
      if (commands.length === 0 || !reachesFinalImage(model, ins)) continue;
      const mounted = cacheMountTargets(ins);
      const installs = commands.flatMap((cmd, index) => {
        const rpm = rpmInvocation(cmd);
        return rpm && FILLS_CACHE.has(rpm.action ?? '') ? [{ rpm, index }] : [];
      });
      for (const { rpm, index } of installs) {
        const { manager } = rpm;
        if (CACHE_DIRS[manager].some((dir) => mounted.includes(dir)) || commands.slice(index + 1).some((c) => cleans(c, manager))) continue;
        const last = installs.filter((i) => i.rpm.manager === manager).at(-1)!.rpm.inv.cmd;
        report({
          range: rpm.inv.cmd.range,
          message: `\`${manager} ${rpm.inv.sub}\` leaves its package cache in this layer: often 100 MB the running image never uses`,
          fix: () => appendClean(ins, last, manager),
        });
      }
    }
  },
});
