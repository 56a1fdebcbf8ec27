// What the client and the server agree on: command ids, custom requests, code action kinds.

/** Commands the server implements (executeCommandProvider); the client only forwards them. */
export const Commands = {
  addNonRootUser: 'seaworthy.addNonRootUser',
  fixAll: 'seaworthy.fixAll',
  lintWorkspace: 'seaworthy.lintWorkspace',
  pinDigest: 'seaworthy.pinDigest',
  pinAllDigests: 'seaworthy.pinAllDigests',
} as const;

/** Commands a user sees in the palette (must match contributes.commands in package.json). */
export const paletteCommands: readonly string[] = [Commands.addNonRootUser, Commands.fixAll, Commands.lintWorkspace, Commands.pinDigest, Commands.pinAllDigests];

/** Commands that ask a registry: the client shows a progress notification while they run. */
export const registryCommands: readonly string[] = [Commands.pinDigest, Commands.pinAllDigests];

/** Client -> server: the user granted workspace trust (initializationOptions.workspaceTrusted said false). */
export const TRUST_GRANTED_NOTIFICATION = 'seaworthy/trustGranted';

export const CODE_ACTION_FIX_ALL_KIND = 'source.fixAll.seaworthy';
export const SOURCE = 'seaworthy';

/** Custom request: the production checklist of one document (the Explorer view shows it). */
export const CHECKLIST_REQUEST = 'seaworthy/checklist';

export interface ChecklistItem {
  readonly label: string;
  readonly status: 'passed' | 'failed' | 'not-applicable' | 'not-checked';
  /** why it failed (the first finding's message) or why it does not apply */
  readonly detail: string;
  /** where to jump for a failed item (0-based LSP range) */
  readonly range?: { start: { line: number; character: number }; end: { line: number; character: number } };
}
