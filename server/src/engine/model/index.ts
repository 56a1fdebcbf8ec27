// The Dockerfile model: built once per text, shared by every rule, the hover and the fixes. Rules query it; none of
// them calls a parser (only build.ts and shell.ts in this folder touch dockerfile-ast and tree-sitter).
export { buildModel } from './build';
export { substituteArgs } from './expand';
export { findStage, laterInstructions, MAX_STAGE_CHAIN, rootBase, stageChain, stagesBuiltFrom } from './scope';
export { clearShellCache, initShellParser, MAX_SHELL_NESTING, reloadShellParser } from './shell';
export type * from './types';
