// The production checklist of a Dockerfile: each item passes, fails (pointing at its finding), is ignored by a
// suppression, does not apply, or is off (no enabled rule checks it). Items are answered by the rules that check them,
// so the checklist and the squiggles never disagree.
import type { Checklist, ChecklistItem } from '../../../shared/src/commands';
import { commandName, runCommands } from './facts/commands';
import type { DockerfileModel } from './model';
import { stageChain } from './model';
import type { Finding, Rule, Severity } from './rule';

interface ItemSpec {
  label: string;
  /** the rules that answer the item; the first is the one to turn on when none is enabled */
  rules: readonly string[];
  /** a reason the item does not apply to this file, or undefined when it does */
  notApplicable?: (model: DockerfileModel) => string | undefined;
}

const finalKeywords = (m: DockerfileModel) => new Set(m.finalStage ? stageChain(m.finalStage).flatMap((s) => s.instructions.map((i) => i.keyword)) : []);
const runs = (m: DockerfileModel, names: readonly string[]) => runCommands(m).some((c) => names.includes(commandName(c) ?? ''));

const ITEMS: readonly ItemSpec[] = [
  { label: 'Base image tag pinned', rules: ['base-image-untagged', 'base-image-latest'] },
  { label: 'Base image digest pinned', rules: ['base-image-not-digest-pinned', 'base-image-digest-stale'] },
  {
    label: 'Compilers left in a build stage',
    rules: ['build-tools-in-final-stage'],
    notApplicable: (m) => (runs(m, ['gcc', 'g++', 'make', 'cargo', 'go', 'mvn', 'gradle', 'javac', 'dotnet', 'tsc']) || m.stages.length > 1 ? undefined : 'nothing is compiled'),
  },
  { label: 'Runs as a non-root user', rules: ['final-stage-root-user'] },
  { label: 'Minimal base image', rules: ['base-image-full-variant', 'unneeded-packages'] },
  { label: 'No secrets in the image', rules: ['secret-in-env-or-arg', 'secret-file-copied', 'secret-value-in-dockerfile', 'credentials-in-run'] },
  // npm ci installs exactly package-lock.json; the other package managers' lock files are not checked (yet)
  { label: 'Installs from lock files', rules: ['npm-install-instead-of-ci'], notApplicable: (m) => (runs(m, ['npm']) ? undefined : 'no npm install') },
  { label: 'Dependencies cached before source', rules: ['copy-all-before-deps'] },
  { label: 'HEALTHCHECK declared', rules: ['healthcheck-missing'], notApplicable: (m) => (finalKeywords(m).has('EXPOSE') ? undefined : 'the image serves no port') },
  { label: 'OCI labels', rules: ['oci-labels-missing'] },
  { label: '.dockerignore in place', rules: ['dockerignore-missing', 'dockerignore-incomplete'] },
  { label: 'CMD/ENTRYPOINT in exec form', rules: ['shell-form-cmd'], notApplicable: (m) => (finalKeywords(m).has('CMD') || finalKeywords(m).has('ENTRYPOINT') ? undefined : 'no CMD or ENTRYPOINT') },
  { label: 'Signals reach the app', rules: ['no-init-process'] },
  { label: 'Logs go to stdout/stderr', rules: ['logs-to-file'] },
  { label: 'Few layers', rules: ['too-many-layers', 'consecutive-run'] },
];

const RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, information: 2, hint: 3 };
const worst = (fs: readonly Finding[]) => [...fs].sort((a, b) => RANK[a.severity] - RANK[b.severity] || a.range.start.line - b.range.start.line)[0];
/** "line 4 · secret-in-env-or-arg": the line first, so a narrow view still shows where */
const place = (f: Finding, count: number) => `line ${f.range.start.line + 1}${count > 1 ? ` +${count - 1}` : ''} · ${f.rule.id}`;

export interface ChecklistInput {
  readonly model: DockerfileModel;
  readonly findings: readonly Finding[];
  readonly suppressed: readonly Finding[];
  /** the rules that ran */
  readonly activeRules: readonly Rule[];
  /** every rule, to say how to turn on one that is off */
  readonly allRules: readonly Rule[];
  /** the name the view shows ("Dockerfile", "api/Dockerfile") */
  readonly file: string;
}

export function checklist({ model, findings, suppressed, activeRules, allRules, file }: ChecklistInput): Checklist {
  const active = new Set(activeRules.map((r) => r.id));
  const items = ITEMS.map((item): ChecklistItem => {
    const label = item.label;
    const checking = item.rules.filter((id) => active.has(id));
    if (checking.length === 0) {
      const rule = allRules.find((r) => r.id === item.rules[0]);
      const severity = rule?.severity ?? 'warning';
      return {
        label, status: 'off', detail: `off · turn on ${item.rules[0]}`,
        tooltip: `No enabled rule checks this. Turn on ${item.rules[0]}: "seaworthy.rules": { "${item.rules[0]}": "${severity}" } in the settings, or rules: { ${item.rules[0]}: ${severity} } in .seaworthy.yaml.`,
        enable: { rule: item.rules[0], severity },
      };
    }
    const reason = item.notApplicable?.(model);
    if (reason) return { label, status: 'not-applicable', detail: reason, tooltip: `Does not apply: ${reason}.` };
    const failing = findings.filter((f) => checking.includes(f.rule.id));
    if (failing.length > 0) {
      const f = worst(failing);
      return { label, status: 'failed', level: f.severity, detail: place(f, failing.length), tooltip: failing.map((x) => `${x.rule.id} (line ${x.range.start.line + 1}): ${x.message}`).join('\n\n'), range: f.range };
    }
    const hidden = suppressed.filter((f) => checking.includes(f.rule.id));
    if (hidden.length > 0) {
      const f = worst(hidden);
      return {
        label, status: 'suppressed', level: f.severity, detail: `ignored · ${place(f, hidden.length)}`,
        tooltip: `Not passed: a suppression comment or the config hides ${hidden.length === 1 ? 'this finding' : 'these findings'}.\n\n${hidden.map((x) => `${x.rule.id} (line ${x.range.start.line + 1}): ${x.message}`).join('\n\n')}`,
        range: f.range,
      };
    }
    return { label, status: 'passed', detail: '', tooltip: `Checked by ${checking.join(', ')}.` };
  });
  const counted = items.filter((i) => i.status === 'passed' || i.status === 'failed' || i.status === 'suppressed');
  return { file, passed: counted.filter((i) => i.status === 'passed').length, total: counted.length, items };
}
