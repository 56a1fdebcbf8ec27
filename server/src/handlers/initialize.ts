// Capabilities: incremental sync, hover, quick fixes + fix-all, the server's commands.
import { CodeActionKind, TextDocumentSyncKind, type InitializeParams, type InitializeResult } from 'vscode-languageserver/node';
import { CODE_ACTION_FIX_ALL_KIND, Commands } from '../../../shared/src/commands';

export interface ClientFeatures {
  configurationPull: boolean;
  /** a fixed debounce between a change and its diagnostics, ms (initializationOptions.debounceMs; benchmarks set 0); undefined: adaptive, see debounce.ts */
  debounceMs: number | undefined;
  /** workspace folder URIs (for Lint Workspace) */
  workspaceFolders: string[];
  workspaceFoldersChange: boolean;
  /** VS Code's workspace trust (initializationOptions.workspaceTrusted); editors without trust are trusted */
  trusted: boolean;
}

export function initialize(p: InitializeParams): { result: InitializeResult; features: ClientFeatures } {
  const options = (p.initializationOptions ?? {}) as { debounceMs?: unknown; workspaceTrusted?: unknown };
  const debounceMs = typeof options.debounceMs === 'number' && options.debounceMs >= 0 ? options.debounceMs : undefined;
  return {
    features: {
      configurationPull: p.capabilities.workspace?.configuration === true,
      debounceMs,
      workspaceFolders: p.workspaceFolders?.map((f) => f.uri) ?? (p.rootUri ? [p.rootUri] : []),
      workspaceFoldersChange: p.capabilities.workspace?.workspaceFolders === true,
      trusted: options.workspaceTrusted !== false,
    },
    result: {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CODE_ACTION_FIX_ALL_KIND], resolveProvider: false },
        executeCommandProvider: { commands: [Commands.addNonRootUser, Commands.fixAll, Commands.lintWorkspace, Commands.pinDigest, Commands.pinAllDigests] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'seaworthy', version: '0.1.0' },
    },
  };
}
