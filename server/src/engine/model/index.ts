// The Dockerfile model: built once per text, shared by every rule, the hover and the fixes. Rules query it; none of
// them calls a parser (only build.ts and shell.ts in this folder touch dockerfile-ast and tree-sitter).
export { buildModel } from './build';
export { flagValue, isPosixShell, rangeInside, shellName, textOf, unquote } from './read';
export {
  argAt,
  BASE_WORKDIR,
  envAt,
  expandAt,
  findStage,
  instructionsBefore,
  isUnderBaseWorkdir,
  laterInstructions,
  MAX_STAGE_CHAIN,
  normalizePath,
  rootBase,
  shellAt,
  stageChain,
  stagesBuiltFrom,
  userAt,
  variableAt,
  variablesAt,
  workdirAt,
  workdirSetBy,
  type At,
  type VariableAt,
} from './scope';
export { clearShellCache, initShellParser, MAX_SHELL_NESTING, reloadShellParser } from './shell';
export type * from './types';
export {
  argInBuild,
  AUTOMATIC_PLATFORM_ARGS,
  expandVariables,
  expandWithDefaults,
  globalArgDefaults,
  globalArgValues,
  isWordList,
  partialImageRef,
  substituteArgs,
  UNKNOWN_PART,
  variableUses,
  type VariableUse,
} from './variables';
