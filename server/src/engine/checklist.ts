// The production checklist of a Dockerfile: each item passes, fails (its findings), is ignored by a suppression, does
// not apply, or is off (no enabled rule checks it). Rules say which item they answer (Rule.checklist), so the
// checklist and the squiggles never disagree; how the editor shows an item is the handler's business.
import { commandName, runCommands } from './facts/commands';
import { stageChain, type DockerfileModel } from './model';
import type { Finding, Rule } from './rule';

/** The items, by key. */
export type ChecklistItemKey =
  | 'base-tag' | 'base-digest' | 'build-stage' | 'non-root' | 'minimal-base' | 'no-secrets' | 'lock-files' | 'deps-cached'
  | 'healthcheck' | 'oci-labels' | 'dockerignore' | 'exec-form' | 'signals' | 'logs' | 'few-layers';

/** What a rule says about the checklist: the item it answers; `lead` marks the one to turn on when none of its rules is. */
export interface ChecklistPart {
  readonly item: ChecklistItemKey;
  readonly lead?: boolean;
}

interface ItemSpec {
  readonly key: ChecklistItemKey;
  readonly label: string;
  /** a reason the item does not apply to this file, or undefined when it does */
  readonly notApplicable?: (model: DockerfileModel) => string | undefined;
}

const finalKeywords = (m: DockerfileModel) => new Set(m.finalStage ? stageChain(m.finalStage).flatMap((s) => s.instructions.map((i) => i.keyword)) : []);
const runs = (m: DockerfileModel, names: readonly string[]) => runCommands(m).some((c) => names.includes(commandName(c) ?? ''));

const ITEMS: readonly ItemSpec[] = [
  { key: 'base-tag', label: 'Base image tag pinned' },
  { key: 'base-digest', label: 'Base image digest pinned' },
  {
    key: 'build-stage',
    label: 'Compilers left in a build stage',
    notApplicable: (m) => (runs(m, ['gcc', 'g++', 'make', 'cargo', 'go', 'mvn', 'gradle', 'javac', 'dotnet', 'tsc']) || m.stages.length > 1 ? undefined : 'nothing is compiled'),
  },
  { key: 'non-root', label: 'Runs as a non-root user' },
  { key: 'minimal-base', label: 'Minimal base image' },
  { key: 'no-secrets', label: 'No secrets in the image' },
  // npm ci installs exactly package-lock.json; the other package managers' lock files are not checked (yet)
  { key: 'lock-files', label: 'Installs from lock files', notApplicable: (m) => (runs(m, ['npm']) ? undefined : 'no npm install') },
  { key: 'deps-cached', label: 'Dependencies cached before source' },
  { key: 'healthcheck', label: 'HEALTHCHECK declared', notApplicable: (m) => (finalKeywords(m).has('EXPOSE') ? undefined : 'the image serves no port') },
  { key: 'oci-labels', label: 'OCI labels' },
  { key: 'dockerignore', label: '.dockerignore in place' },
  { key: 'exec-form', label: 'CMD/ENTRYPOINT in exec form', notApplicable: (m) => (finalKeywords(m).has('CMD') || finalKeywords(m).has('ENTRYPOINT') ? undefined : 'no CMD or ENTRYPOINT') },
  { key: 'signals', label: 'Signals reach the app' },
  { key: 'logs', label: 'Logs go to stdout/stderr' },
  { key: 'few-layers', label: 'Few layers' },
];

export interface ChecklistInput {
  readonly model: DockerfileModel;
  readonly findings: readonly Finding[];
  readonly suppressed: readonly Finding[];
  /** the rules that ran */
  readonly activeRules: readonly Rule[];
  /** every rule, to say which would check an item that is off */
  readonly allRules: readonly Rule[];
}

export interface ChecklistAnswer {
  readonly key: ChecklistItemKey;
  readonly label: string;
  readonly status: 'passed' | 'failed' | 'suppressed' | 'not-applicable' | 'off';
  /** the enabled rules that check it; for an item that is off, every rule that would, the one to turn on first */
  readonly rules: readonly Rule[];
  /** the findings of a failed item, or the hidden ones of a suppressed item */
  readonly findings: readonly Finding[];
  /** why a not-applicable item does not apply */
  readonly reason?: string;
}

/** The rules that answer an item, the lead first. */
const rulesOf = (key: ChecklistItemKey, rules: readonly Rule[]): Rule[] => {
  const of = rules.filter((r) => r.checklist?.item === key);
  return [...of.filter((r) => r.checklist?.lead), ...of.filter((r) => !r.checklist?.lead)];
};

export function checklist({ model, findings, suppressed, activeRules, allRules }: ChecklistInput): ChecklistAnswer[] {
  return ITEMS.map(({ key, label, notApplicable }): ChecklistAnswer => {
    const all = rulesOf(key, allRules);
    const checking = all.filter((r) => activeRules.includes(r));
    if (checking.length === 0) return { key, label, status: 'off', rules: all, findings: [] };
    const reason = notApplicable?.(model);
    if (reason) return { key, label, status: 'not-applicable', rules: checking, findings: [], reason };
    const failing = findings.filter((f) => checking.includes(f.rule));
    if (failing.length > 0) return { key, label, status: 'failed', rules: checking, findings: failing };
    const hidden = suppressed.filter((f) => checking.includes(f.rule));
    if (hidden.length > 0) return { key, label, status: 'suppressed', rules: checking, findings: hidden };
    return { key, label, status: 'passed', rules: checking, findings: [] };
  });
}
