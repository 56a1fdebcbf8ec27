// The only list of rules: one import per rule file, sorted by id (node scripts/sync-rule-index.mjs writes it).
import addInsteadOfCopy from './add-instead-of-copy';
import addRemoteUrl from './add-remote-url';
import alpinePythonNativeWheels from './alpine-python-native-wheels';
import apkNoCache from './apk-no-cache';
import apkUnpinnedVersions from './apk-unpinned-versions';
import apkUpdateAlone from './apk-update-alone';
import aptInsteadOfAptGet from './apt-instead-of-apt-get';
import aptListsNotCleaned from './apt-lists-not-cleaned';
import aptMissingYes from './apt-missing-yes';
import aptNoInstallRecommends from './apt-no-install-recommends';
import aptUnpinnedVersions from './apt-unpinned-versions';
import aptUpdateAlone from './apt-update-alone';
import aptUpgrade from './apt-upgrade';
import archiveCopiedThenExtracted from './archive-copied-then-extracted';
import baseImageDigestStale from './base-image-digest-stale';
import baseImageEndOfLife from './base-image-end-of-life';
import baseImageFullVariant from './base-image-full-variant';
import baseImageLatest from './base-image-latest';
import baseImageNotDigestPinned from './base-image-not-digest-pinned';
import baseImagePlatformMissing from './base-image-platform-missing';
import baseImageTooLarge from './base-image-too-large';
import baseImageUntagged from './base-image-untagged';
import baseImageUntrustedRegistry from './base-image-untrusted-registry';
import buildToolsInFinalStage from './build-tools-in-final-stage';
import cdInsteadOfWorkdir from './cd-instead-of-workdir';
import chmodWorldWritable from './chmod-world-writable';
import chownInSeparateLayer from './chown-in-separate-layer';
import consecutiveRun from './consecutive-run';
import copyAllBeforeDeps from './copy-all-before-deps';
import copyFromOwnStage from './copy-from-own-stage';
import copyFromStageIndex from './copy-from-stage-index';
import copyFromUnknownStage from './copy-from-unknown-stage';
import copyIgnoredFile from './copy-ignored-file';
import copyMultipleSourcesDestSlash from './copy-multiple-sources-dest-slash';
import copyRelativeWithoutWorkdir from './copy-relative-without-workdir';
import credentialsInRun from './credentials-in-run';
import curlAndWget from './curl-and-wget';
import curlPipeShell from './curl-pipe-shell';
import debianFrontendInEnv from './debian-frontend-in-env';
import dockerSocketMounted from './docker-socket-mounted';
import dockerignoreIncomplete from './dockerignore-incomplete';
import dockerignoreMissing from './dockerignore-missing';
import downloadFromMovingBranch from './download-from-moving-branch';
import downloadInstalledUnverified from './download-installed-unverified';
import downloadOverHttp from './download-over-http';
import duplicateStageName from './duplicate-stage-name';
import emptyContinuation from './empty-continuation';
import envSelfReference from './env-self-reference';
import exportWithoutEffect from './export-without-effect';
import exposeInvalid from './expose-invalid';
import fileRemovedInLaterLayer from './file-removed-in-later-layer';
import finalStageRootUser from './final-stage-root-user';
import fromAsCasing from './from-as-casing';
import fromPlatformFlag from './from-platform-flag';
import gemUnpinnedVersions from './gem-unpinned-versions';
import goInstallUnpinned from './go-install-unpinned';
import healthcheckMissing from './healthcheck-missing';
import heredocWithoutErrexit from './heredoc-without-errexit';
import inlineIgnorePragma from './inline-ignore-pragma';
import instructionCasing from './instruction-casing';
import instructionOrder from './instruction-order';
import invalidDefaultArgInFrom from './invalid-default-arg-in-from';
import labelInvalid from './label-invalid';
import legacyEnvFormat from './legacy-env-format';
import logsToFile from './logs-to-file';
import maintainerDeprecated from './maintainer-deprecated';
import multipleCmd from './multiple-cmd';
import multipleEntrypoint from './multiple-entrypoint';
import multipleHealthchecks from './multiple-healthchecks';
import multipleInstructionsDisallowed from './multiple-instructions-disallowed';
import multipleProcessesInCmd from './multiple-processes-in-cmd';
import noInitProcess from './no-init-process';
import nodeEnvProduction from './node-env-production';
import npmDevDependenciesInFinalStage from './npm-dev-dependencies-in-final-stage';
import npmInstallInsteadOfCi from './npm-install-instead-of-ci';
import npmUnpinnedVersions from './npm-unpinned-versions';
import ociLabelsMissing from './oci-labels-missing';
import onbuildForbidden from './onbuild-forbidden';
import packageCacheMount from './package-cache-mount';
import packageSignatureCheckDisabled from './package-signature-check-disabled';
import passwordSetInBuild from './password-set-in-build';
import pipNoCacheDir from './pip-no-cache-dir';
import pipUnpinnedVersions from './pip-unpinned-versions';
import pipefailMissing from './pipefail-missing';
import privilegedPortNonRoot from './privileged-port-non-root';
import pythonEnvUnbuffered from './python-env-unbuffered';
import reservedStageName from './reserved-stage-name';
import rpmCacheNotCleaned from './rpm-cache-not-cleaned';
import rpmMissingYes from './rpm-missing-yes';
import rpmUnpinnedVersions from './rpm-unpinned-versions';
import secretFileCopied from './secret-file-copied';
import secretInEnvOrArg from './secret-in-env-or-arg';
import secretValueInDockerfile from './secret-value-in-dockerfile';
import setuidBitSet from './setuid-bit-set';
import shellFormCmd from './shell-form-cmd';
import shellInsteadOfShC from './shell-instead-of-sh-c';
import shellcheck from './shellcheck';
import sshPortExposed from './ssh-port-exposed';
import stageNameCasing from './stage-name-casing';
import sudoInstalled from './sudo-installed';
import sudoUsage from './sudo-usage';
import syntaxError from './syntax-error';
import tlsSecurityLevelLowered from './tls-security-level-lowered';
import tlsVerificationDisabled from './tls-verification-disabled';
import tooManyLayers from './too-many-layers';
import undefinedArgInFrom from './undefined-arg-in-from';
import undefinedVar from './undefined-var';
import unneededPackages from './unneeded-packages';
import useraddHighUidWithoutL from './useradd-high-uid-without-l';
import wgetWithoutProgress from './wget-without-progress';
import workdirRelative from './workdir-relative';
import workdirSystemPath from './workdir-system-path';
import yarnCacheNotCleaned from './yarn-cache-not-cleaned';
import zypperDistUpgrade from './zypper-dist-upgrade';
import type { Rule } from '../engine/rule';

export const rules: readonly Rule[] = [
  addInsteadOfCopy,
  addRemoteUrl,
  alpinePythonNativeWheels,
  apkNoCache,
  apkUnpinnedVersions,
  apkUpdateAlone,
  aptInsteadOfAptGet,
  aptListsNotCleaned,
  aptMissingYes,
  aptNoInstallRecommends,
  aptUnpinnedVersions,
  aptUpdateAlone,
  aptUpgrade,
  archiveCopiedThenExtracted,
  baseImageDigestStale,
  baseImageEndOfLife,
  baseImageFullVariant,
  baseImageLatest,
  baseImageNotDigestPinned,
  baseImagePlatformMissing,
  baseImageTooLarge,
  baseImageUntagged,
  baseImageUntrustedRegistry,
  buildToolsInFinalStage,
  cdInsteadOfWorkdir,
  chmodWorldWritable,
  chownInSeparateLayer,
  consecutiveRun,
  copyAllBeforeDeps,
  copyFromOwnStage,
  copyFromStageIndex,
  copyFromUnknownStage,
  copyIgnoredFile,
  copyMultipleSourcesDestSlash,
  copyRelativeWithoutWorkdir,
  credentialsInRun,
  curlAndWget,
  curlPipeShell,
  debianFrontendInEnv,
  dockerSocketMounted,
  dockerignoreIncomplete,
  dockerignoreMissing,
  downloadFromMovingBranch,
  downloadInstalledUnverified,
  downloadOverHttp,
  duplicateStageName,
  emptyContinuation,
  envSelfReference,
  exportWithoutEffect,
  exposeInvalid,
  fileRemovedInLaterLayer,
  finalStageRootUser,
  fromAsCasing,
  fromPlatformFlag,
  gemUnpinnedVersions,
  goInstallUnpinned,
  healthcheckMissing,
  heredocWithoutErrexit,
  inlineIgnorePragma,
  instructionCasing,
  instructionOrder,
  invalidDefaultArgInFrom,
  labelInvalid,
  legacyEnvFormat,
  logsToFile,
  maintainerDeprecated,
  multipleCmd,
  multipleEntrypoint,
  multipleHealthchecks,
  multipleInstructionsDisallowed,
  multipleProcessesInCmd,
  noInitProcess,
  nodeEnvProduction,
  npmDevDependenciesInFinalStage,
  npmInstallInsteadOfCi,
  npmUnpinnedVersions,
  ociLabelsMissing,
  onbuildForbidden,
  packageCacheMount,
  packageSignatureCheckDisabled,
  passwordSetInBuild,
  pipNoCacheDir,
  pipUnpinnedVersions,
  pipefailMissing,
  privilegedPortNonRoot,
  pythonEnvUnbuffered,
  reservedStageName,
  rpmCacheNotCleaned,
  rpmMissingYes,
  rpmUnpinnedVersions,
  secretFileCopied,
  secretInEnvOrArg,
  secretValueInDockerfile,
  setuidBitSet,
  shellFormCmd,
  shellInsteadOfShC,
  shellcheck,
  sshPortExposed,
  stageNameCasing,
  sudoInstalled,
  sudoUsage,
  syntaxError,
  tlsSecurityLevelLowered,
  tlsVerificationDisabled,
  tooManyLayers,
  undefinedArgInFrom,
  undefinedVar,
  unneededPackages,
  useraddHighUidWithoutL,
  wgetWithoutProgress,
  workdirRelative,
  workdirSystemPath,
  yarnCacheNotCleaned,
  zypperDistUpgrade,
];

/**
 * What a key a user writes names (settings, config files, suppressions, pragmas): an id names its rule; an alias
 * (DL3008, MultipleInstructionsDisallowed) every rule that carries it, the one that is the 'same' check first.
 */
export const rulesByKey: ReadonlyMap<string, readonly Rule[]> = (() => {
  const out = new Map<string, Rule[]>();
  const add = (key: string, rule: Rule) => out.set(key, [...(out.get(key) ?? []), rule]);
  for (const relation of ['same', 'inspired'] as const) for (const rule of rules) for (const a of rule.aliases) if (a.relation === relation) add(a.code, rule);
  for (const rule of rules) out.set(rule.id, [rule]);
  return out;
})();

/** The first rule a key names: an id's rule, an alias's 'same' check. */
export const ruleByKey: ReadonlyMap<string, Rule> = new Map([...rulesByKey].map(([key, named]) => [key, named[0]] as const));
