// The production checklist of a Dockerfile: each item passes, fails (its findings), is ignored by a suppression, does
// not apply, or is off (no enabled rule checks it). Rules say which item they answer (Rule.checklist), so the
// checklist and the squiggles never disagree; how the editor shows an item is the handler's business.
import { commandName, runCommands } from './facts/commands';
import { stageChain, type DockerfileModel } from './model';
import type { Finding, Rule } from './rule';
import { formatBytes, initOf, userIsRoot } from './facts/imageConfig';
import type { StageImage } from './facts/stageImage';

/** The items, by key. */
export type ChecklistItemKey =
  | 'base-tag'
  | 'base-digest'
  | 'build-stage'
  | 'non-root'
  | 'minimal-base'
  | 'no-secrets'
  | 'lock-files'
  | 'deps-cached'
  | 'healthcheck'
  | 'oci-labels'
  | 'dockerignore'
  | 'exec-form'
  | 'signals'
  | 'logs'
  | 'few-layers';

/** What a rule says about the checklist: the item it answers; `lead` marks the one to turn on when none of its rules is. */
export interface ChecklistPart {
  readonly item: ChecklistItemKey;
  readonly lead?: boolean;
}

interface ItemSpec {
  readonly key: ChecklistItemKey;
  readonly label: string;
  /** a reason the item does not apply to this file, or undefined when it does */
  readonly notApplicable?: (model: DockerfileModel, image: StageImage | undefined) => string | undefined;
  /** what the base image's config gives when the item passes thanks to it */
  readonly fromBase?: (image: StageImage) => string | undefined;
}

const finalKeywords = (m: DockerfileModel) => new Set(m.finalStage ? stageChain(m.finalStage).flatMap((s) => s.instructions.map((i) => i.keyword)) : []);
const runs = (m: DockerfileModel, names: readonly string[]) => runCommands(m).some((c) => names.includes(commandName(c) ?? ''));

const ITEMS: readonly ItemSpec[] = [
  { key: 'base-tag', label: 'Base image tag pinned' },
  { key: 'base-digest', label: 'Base image digest pinned' },
  {
    key: 'build-stage',
    label: 'Compilers left in a build stage',
    notApplicable: (m) =>
      runs(m, ['gcc', 'g++', 'make', 'cargo', 'go', 'mvn', 'gradle', 'javac', 'dotnet', 'tsc']) || m.stages.length > 1 ? undefined : 'nothing is compiled',
  },
  {
    key: 'non-root',
    label: 'Runs as a non-root user',
    fromBase: (i) => (i.user?.origin.from === 'base' && !userIsRoot(i.user.value) ? `\`${i.user.value}\`` : undefined),
  },
  { key: 'minimal-base', label: 'Minimal base image' },
  { key: 'no-secrets', label: 'No secrets in the image' },
  // npm ci installs exactly package-lock.json; the other package managers' lock files are not checked (yet)
  { key: 'lock-files', label: 'Installs from lock files', notApplicable: (m) => (runs(m, ['npm']) ? undefined : 'no npm install') },
  { key: 'deps-cached', label: 'Dependencies cached before source' },
  {
    key: 'healthcheck',
    label: 'HEALTHCHECK declared',
    notApplicable: (m, i) => (finalKeywords(m).has('EXPOSE') || i?.exposedPorts.length ? undefined : 'the image serves no port'),
    fromBase: (i) => (i.healthcheck?.origin.from === 'base' ? 'its HEALTHCHECK' : undefined),
  },
  { key: 'oci-labels', label: 'OCI labels' },
  { key: 'dockerignore', label: '.dockerignore in place' },
  {
    key: 'exec-form',
    label: 'CMD/ENTRYPOINT in exec form',
    notApplicable: (m) => (finalKeywords(m).has('CMD') || finalKeywords(m).has('ENTRYPOINT') ? undefined : 'no CMD or ENTRYPOINT'),
  },
  { key: 'signals', label: 'Signals reach the app', fromBase: (i) => (i.entrypoint?.origin.from === 'base' ? initOf(i.entrypoint.value) : undefined) },
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
  /** the final image as its base image's config and the file make it (facts only when a registry was asked) */
  readonly image?: StageImage;
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
  /** for a passed item: what the base image gives that makes it pass (`10001:10001`, its HEALTHCHECK, tini) */
  readonly fromBase?: string;
}

/** The rules that answer an item, the lead first. */
const rulesOf = (key: ChecklistItemKey, rules: readonly Rule[]): Rule[] => {
  const of = rules.filter((r) => r.checklist?.item === key);
  return [...of.filter((r) => r.checklist?.lead), ...of.filter((r) => !r.checklist?.lead)];
};

export function checklist({ model, findings, suppressed, activeRules, allRules, image }: ChecklistInput): ChecklistAnswer[] {
  return ITEMS.map(({ key, label, notApplicable, fromBase }): ChecklistAnswer => {
    const all = rulesOf(key, allRules);
    const checking = all.filter((r) => activeRules.includes(r));
    if (checking.length === 0) return { key, label, status: 'off', rules: all, findings: [] };
    const reason = notApplicable?.(model, image);
    if (reason) return { key, label, status: 'not-applicable', rules: checking, findings: [], reason };
    const failing = findings.filter((f) => checking.includes(f.rule));
    if (failing.length > 0) return { key, label, status: 'failed', rules: checking, findings: failing };
    const hidden = suppressed.filter((f) => checking.includes(f.rule));
    if (hidden.length > 0) return { key, label, status: 'suppressed', rules: checking, findings: hidden };
    return { key, label, status: 'passed', rules: checking, findings: [], fromBase: (image?.config && fromBase?.(image)) || undefined };
  });
}

/** One thing the base image's config says, for the checklist's rows of the base. */
export interface BaseFact {
  readonly label: string;
  readonly value: string;
}

/**
 * What the final image's base is, as its registry described it: user, exposed ports, healthcheck, entrypoint,
 * platforms and size. None when no registry was asked (or it did not answer).
 */
export function baseFacts(image: StageImage | undefined): BaseFact[] {
  const facts = image?.base?.facts;
  const config = image?.config;
  if (!facts) return [];
  const out: BaseFact[] = [];
  if (config) {
    out.push({ label: 'Base image user', value: config.user?.trim() ? `\`${config.user}\`` : 'root (no User)' });
    out.push({ label: 'Base image exposed ports', value: config.exposedPorts.length ? config.exposedPorts.join(', ') : 'none' });
    const h = config.healthcheck;
    out.push({
      label: 'Base image HEALTHCHECK',
      value: !h ? 'none' : h.test[0] === 'NONE' ? 'NONE' : h.test[0] === 'CMD-SHELL' ? h.test.slice(1).join(' ') : JSON.stringify(h.test.slice(1)),
    });
    out.push({ label: 'Base image ENTRYPOINT', value: config.entrypoint?.length ? JSON.stringify(config.entrypoint) : 'none' });
  }
  out.push({ label: 'Base image platforms', value: facts.platforms.length ? facts.platforms.join(', ') : 'not named' });
  if (facts.compressedSize !== undefined) out.push({ label: 'Base image size', value: `${formatBytes(facts.compressedSize)} compressed` });
  return out;
}
