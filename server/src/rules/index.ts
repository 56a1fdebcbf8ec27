// The only list of rules: one import per rule file, sorted by id (node scripts/sync-rule-index.mjs writes it).
import aptListsNotCleaned from './apt-lists-not-cleaned';
import aptMissingYes from './apt-missing-yes';
import aptNoInstallRecommends from './apt-no-install-recommends';
import baseImageLatest from './base-image-latest';
import baseImageNotDigestPinned from './base-image-not-digest-pinned';
import baseImageUntagged from './base-image-untagged';
import copyAllBeforeDeps from './copy-all-before-deps';
import dockerignoreMissing from './dockerignore-missing';
import finalStageRootUser from './final-stage-root-user';
import healthcheckMissing from './healthcheck-missing';
import npmInstallInsteadOfCi from './npm-install-instead-of-ci';
import pipNoCacheDir from './pip-no-cache-dir';
import secretInEnvOrArg from './secret-in-env-or-arg';
import shellFormCmd from './shell-form-cmd';
import type { Rule } from '../engine/rule';

export const rules: readonly Rule[] = [
  aptListsNotCleaned,
  aptMissingYes,
  aptNoInstallRecommends,
  baseImageLatest,
  baseImageNotDigestPinned,
  baseImageUntagged,
  copyAllBeforeDeps,
  dockerignoreMissing,
  finalStageRootUser,
  healthcheckMissing,
  npmInstallInsteadOfCi,
  pipNoCacheDir,
  secretInEnvOrArg,
  shellFormCmd,
];

/** rule ids and aliases (DL3008, JSONArgsRecommended) -> rule: settings, suppressions and pragmas use it */
export const ruleByKey: ReadonlyMap<string, Rule> = new Map(
  rules.flatMap((rule) => [[rule.id, rule] as const, ...rule.aliases.map((a) => [a.code, rule] as const)]),
);
