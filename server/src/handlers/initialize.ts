// Capabilities: incremental sync, hover, quick fixes + fix-all, the server's commands; what the client said it does.
import { CodeActionKind, TextDocumentSyncKind, type InitializeParams, type InitializeResult } from 'vscode-languageserver/node';
import { isAbsolute } from 'node:path';
import { CODE_ACTION_FIX_ALL_KIND, Commands, type InitializationOptions } from '../../../shared/src/commands';
import { VERSION } from '../../../shared/src/version';

export interface ClientFeatures {
  configurationPull: boolean;
  /** a fixed debounce between a change and its diagnostics, ms (initializationOptions.debounceMs; benchmarks set 0); undefined: adaptive, see debounce.ts */
  debounceMs: number | undefined;
  /** workspace folder URIs (for Lint Workspace) */
  workspaceFolders: string[];
  workspaceFoldersChange: boolean;
  /** VS Code's workspace trust (initializationOptions.workspaceTrusted); editors without trust are trusted */
  trusted: boolean;
  /** the command that renders a rule's page (the VS Code client's); other clients get links to the shipped Markdown */
  rulePageCommand: string | undefined;
  /** the client shows Lint Workspace's and the Pin commands' results itself, and opens settings when told */
  clientShowsResults: boolean;
  /** for the log */
  client: string;
  /** what one lint may cost, ms (initializationOptions.lintBudgetMs); undefined: DEFAULT_LINT_BUDGET_MS, see budget.ts */
  lintBudgetMs: number | undefined;
  /** where the client keeps per-user data (initializationOptions.cacheDir: VS Code's global storage); else the OS cache folder */
  cacheDir: string | undefined;
  /** the client shows a code action greyed out with its reason (codeAction.disabledSupport) */
  disabledCodeActions: boolean;
}

export function initialize(p: InitializeParams): { result: InitializeResult; features: ClientFeatures } {
  const options = (p.initializationOptions ?? {}) as Record<keyof InitializationOptions, unknown>;
  const debounceMs = typeof options.debounceMs === 'number' && options.debounceMs >= 0 ? options.debounceMs : undefined;
  const extension = typeof options.extensionVersion === 'string' ? `, extension ${options.extensionVersion}` : '';
  return {
    features: {
      configurationPull: p.capabilities.workspace?.configuration === true,
      debounceMs,
      workspaceFolders: p.workspaceFolders?.map((f) => f.uri) ?? (p.rootUri ? [p.rootUri] : []),
      workspaceFoldersChange: p.capabilities.workspace?.workspaceFolders === true,
      trusted: options.workspaceTrusted !== false,
      rulePageCommand: typeof options.rulePageCommand === 'string' && /^[\w.]+$/.test(options.rulePageCommand) ? options.rulePageCommand : undefined,
      clientShowsResults: options.clientShowsResults === true,
      client: `${p.clientInfo ? `${p.clientInfo.name} ${p.clientInfo.version ?? ''}`.trim() : 'an unnamed client'}${extension}`,
      lintBudgetMs: typeof options.lintBudgetMs === 'number' && options.lintBudgetMs > 0 ? options.lintBudgetMs : undefined,
      cacheDir: typeof options.cacheDir === 'string' && isAbsolute(options.cacheDir) ? options.cacheDir : undefined,
      disabledCodeActions: p.capabilities.textDocument?.codeAction?.disabledSupport === true,
    },
    result: {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CODE_ACTION_FIX_ALL_KIND], resolveProvider: false },
        executeCommandProvider: {
          commands: [Commands.addNonRootUser, Commands.fixAll, Commands.lintWorkspace, Commands.pinDigest, Commands.pinAllDigests, Commands.showFile],
        },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'seaworthy', version: VERSION },
    },
  };
}
