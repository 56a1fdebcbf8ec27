// The production checklist of a Dockerfile: each item passes, fails (pointing at its finding) or does not apply.
// Items are answered by the rules that check them, so the checklist and the squiggles never disagree.
import type { ChecklistItem } from '../../../shared/src/commands';
import { commandName, runCommands } from './commands';
import type { DockerfileModel } from './model';
import { stageChain } from './model';
import type { Finding, Rule } from './rule';

interface ItemSpec {
  label: string;
  rules: readonly string[];
  /** a reason the item does not apply to this file, or undefined when it does */
  notApplicable?: (model: DockerfileModel) => string | undefined;
}

const finalChain = (m: DockerfileModel) => (m.finalStage ? stageChain(m.finalStage) : []);
const finalKeywords = (m: DockerfileModel) => new Set(finalChain(m).flatMap((s) => s.instructions.map((i) => i.keyword)));

const ITEMS: readonly ItemSpec[] = [
  { label: 'Base image pinned to a release tag', rules: ['base-image-untagged', 'base-image-latest'] },
  { label: 'Base image pinned by digest', rules: ['base-image-not-digest-pinned', 'base-image-digest-stale'] },
  {
    label: 'Multi-stage build when a compiler is used',
    rules: ['build-tools-in-final-stage'],
    notApplicable: (m) => (runCommands(m).some((c) => ['gcc', 'g++', 'make', 'cargo', 'go', 'mvn', 'gradle', 'javac', 'dotnet', 'tsc'].includes(commandName(c) ?? '')) || m.stages.length > 1 ? undefined : 'nothing is compiled'),
  },
  { label: 'Runs as a non-root user', rules: ['final-stage-root-user'] },
  { label: 'Minimal base image', rules: ['base-image-full-variant', 'unneeded-packages'] },
  { label: 'No secrets in layers or config', rules: ['secret-in-env-or-arg', 'secret-file-copied', 'secret-value-in-dockerfile', 'credentials-in-run'] },
  { label: 'Dependencies installed from lock files', rules: ['npm-install-instead-of-ci', 'copy-all-before-deps'] },
  { label: 'HEALTHCHECK declared', rules: ['healthcheck-missing'], notApplicable: (m) => (finalKeywords(m).has('EXPOSE') ? undefined : 'the image serves no port') },
  { label: 'OCI labels', rules: ['oci-labels-missing'] },
  { label: '.dockerignore keeps the context small', rules: ['dockerignore-missing', 'dockerignore-incomplete'] },
  { label: 'CMD/ENTRYPOINT in exec form', rules: ['shell-form-cmd'], notApplicable: (m) => (finalKeywords(m).has('CMD') || finalKeywords(m).has('ENTRYPOINT') ? undefined : 'no CMD or ENTRYPOINT') },
  { label: 'Signals reach the app (init process)', rules: ['no-init-process'] },
  { label: 'Logs go to stdout/stderr', rules: ['logs-to-file'] },
  { label: 'Layer count kept low', rules: ['too-many-layers', 'consecutive-run'] },
];

export function checklist(model: DockerfileModel, findings: readonly Finding[], activeRules: readonly Rule[]): ChecklistItem[] {
  const active = new Set(activeRules.map((r) => r.id));
  return ITEMS.map((item) => {
    const checking = item.rules.filter((id) => active.has(id));
    if (checking.length === 0) return { label: item.label, status: 'not-checked', detail: `no active rule checks this (${item.rules.join(', ')})` };
    const reason = item.notApplicable?.(model);
    if (reason) return { label: item.label, status: 'not-applicable', detail: reason };
    const failing = findings.find((f) => checking.includes(f.rule.id));
    if (failing) return { label: item.label, status: 'failed', detail: failing.message, range: failing.range };
    return { label: item.label, status: 'passed', detail: `checked by ${checking.join(', ')}` };
  });
}
