// What the client and the server agree on: command ids and setting keys.

/** Commands the server implements (executeCommandProvider); the client only forwards them. */
export const Commands = {
  addNonRootUser: 'seaworthy.addNonRootUser',
  fixAll: 'seaworthy.fixAll',
  /** Internal: applies one finding's fix; used by code actions whose edit is computed lazily. */
  applyFix: 'seaworthy.applyFix',
} as const;

/** Commands a user sees in the palette (must match contributes.commands in package.json). */
export const paletteCommands: readonly string[] = [Commands.addNonRootUser, Commands.fixAll];

export const CODE_ACTION_FIX_ALL_KIND = 'source.fixAll.seaworthy';
export const SOURCE = 'seaworthy';
