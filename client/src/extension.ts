// The client: start the server, forward the palette's commands with the active document, and show what the server
// computes (diagnostics, the checklist view, the status bar, rule pages, command results). It owns no logic of its
// own beyond what only the editor can show.
import {
  commands,
  languages,
  ProgressLocation,
  Selection,
  Uri,
  window,
  workspace,
  type ExtensionContext,
  type ProgressOptions,
  type TextDocumentContentProvider,
} from 'vscode';
import {
  ExecuteCommandRequest,
  LanguageClient,
  TransportKind,
  WorkDoneProgress,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  ClientCommands,
  Commands,
  OPEN_SETTING_NOTIFICATION,
  registryCommands,
  RULE_PAGE_REQUEST,
  RULE_PAGE_SCHEME,
  STATUS_NOTIFICATION,
  TRUST_GRANTED_NOTIFICATION,
  WATCHED_FILES,
  type DocumentStatus,
  type InitializationOptions,
  type LintWorkspaceSummary,
} from '../../shared/src/commands';
import type { SeverityName } from '../../shared/src/settings';
import { ChecklistView, turnOnRule } from './checklistView';
import { StatusBar } from './statusBar';

let client: LanguageClient | undefined;

/** What a pin command answers (see the server's PinSummary): the client shows it once the progress has closed. */
interface CommandResult {
  message?: string;
  level?: 'info' | 'warning' | 'error';
  retry?: boolean;
}

export async function activate(context: ExtensionContext): Promise<void> {
  const output = window.createOutputChannel('Seaworthy');
  const showLog = () => output.show(true);
  const run = { module: context.asAbsolutePath('dist/server.js'), transport: TransportKind.ipc };
  const serverOptions: ServerOptions = { run, debug: { ...run, options: { execArgv: ['--nolazy', '--inspect=6010'] } } };
  const initializationOptions: InitializationOptions = {
    workspaceTrusted: workspace.isTrusted,
    extensionVersion: String(context.extension.packageJSON.version ?? ''),
    rulePageCommand: ClientCommands.showRule,
    clientShowsResults: true,
    // the facts cache lives in the extension's global storage: per user, outside every workspace
    cacheDir: context.globalStorageUri.scheme === 'file' ? context.globalStorageUri.fsPath : undefined,
  };
  const status = new StatusBar();
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'dockerfile' }],
    initializationOptions,
    outputChannel: output,
    // hovers link rule pages through this command; nothing else in them may run a command
    markdown: { isTrusted: { enabledCommands: [ClientCommands.showRule] } },
    synchronize: {
      configurationSection: 'seaworthy',
      fileEvents: WATCHED_FILES.map((glob) => workspace.createFileSystemWatcher(glob)),
    },
    middleware: {
      // server commands run from the palette carry no arguments: pass the active document and the cursor
      executeCommand: async (command, args, next) => {
        const editor = window.activeTextEditor;
        const forwarded = args.length > 0 ? args : [editor?.document.uri.toString(), editor?.selection.active];
        if (command === Commands.lintWorkspace) return lintWorkspace();
        if (!registryCommands.includes(command)) return next(command, forwarded);
        // asking a registry can take seconds: say so while it runs; the result comes after, never beside the progress
        const result = (await withProgressGone({ location: ProgressLocation.Notification, title: 'Seaworthy: asking the registry for the digest…' }, () =>
          Promise.resolve(next(command, forwarded)),
        )) as CommandResult | undefined;
        if (result?.message) showResult(result, () => commands.executeCommand(command, ...forwarded));
        return result;
      },
    },
  };
  client = new LanguageClient('seaworthy', 'Seaworthy', serverOptions, clientOptions);

  /** A command's result message; "Retry" and "Show log" when something failed. */
  const showResult = (r: CommandResult, retry: () => unknown) => {
    const show = r.level === 'error' ? window.showErrorMessage : r.level === 'warning' ? window.showWarningMessage : window.showInformationMessage;
    const actions = r.retry ? ['Retry', 'Show log'] : [];
    void show(r.message!, ...actions).then((choice) => {
      if (choice === 'Retry') void retry();
      else if (choice === 'Show log') showLog();
    });
  };

  /** Lint Workspace: a cancellable progress with the count, then a summary with a button that opens Problems. */
  const lintWorkspace = async (): Promise<LintWorkspaceSummary | undefined> => {
    status.workspaceLint = true;
    status.update();
    try {
      const summary = await withProgressGone(
        { location: ProgressLocation.Notification, title: 'Seaworthy: Lint Workspace', cancellable: true },
        async (progress, token) => {
          const workDoneToken = `seaworthy-lint-workspace-${Date.now()}`;
          let done = 0;
          const sub = client!.onProgress(WorkDoneProgress.type, workDoneToken, (v) => {
            if (v.kind === 'end') return;
            const now = v.percentage ?? done;
            progress.report({ message: v.message, increment: now - done });
            done = now;
          });
          try {
            return (await client!.sendRequest(ExecuteCommandRequest.type, { command: Commands.lintWorkspace, arguments: [], workDoneToken }, token)) as
              | LintWorkspaceSummary
              | undefined;
          } finally {
            sub.dispose();
          }
        },
      );
      if (summary) {
        const open = 'Open Problems';
        void window.showInformationMessage(summary.message, ...(summary.files > 0 ? [open] : [])).then((choice) => {
          if (choice === open) void commands.executeCommand('workbench.actions.view.problems');
        });
      }
      return summary;
    } finally {
      status.workspaceLint = false;
      status.update();
    }
  };

  // rule pages: read-only documents the server writes, shown as a rendered Markdown preview
  const pages: TextDocumentContentProvider = {
    provideTextDocumentContent: async (uri) => {
      const id = uri.path.replace(/^\//, '').replace(/\.md$/, '');
      const page = await client?.sendRequest<string | null>(RULE_PAGE_REQUEST, { id });
      return page ?? `# ${id}\n\nSeaworthy has no rule of that name.\n`;
    },
  };
  const showPage = async (id: string) => {
    const uri = Uri.from({ scheme: RULE_PAGE_SCHEME, path: `/${id}.md` });
    try {
      await commands.executeCommand('markdown.showPreview', uri);
    } catch {
      await window.showTextDocument(uri, { preview: true }); // no Markdown preview here: the page as text, still read-only
    }
  };

  const checklist = new ChecklistView(() => client);
  const view = window.createTreeView('seaworthy.checklist', { treeDataProvider: checklist });
  checklist.view = view;
  const activeDockerfile = () => {
    const doc = window.activeTextEditor?.document;
    void commands.executeCommand('setContext', 'seaworthy.dockerfileActive', doc?.languageId === 'dockerfile');
    checklist.follow(doc);
    status.update();
  };
  context.subscriptions.push(
    output,
    status,
    view,
    workspace.registerTextDocumentContentProvider(RULE_PAGE_SCHEME, pages),
    commands.registerCommand(ClientCommands.showRule, (id: unknown) => (typeof id === 'string' ? showPage(id) : undefined)),
    commands.registerCommand(ClientCommands.showRules, () => showPage('index')),
    commands.registerCommand(ClientCommands.showLog, showLog),
    commands.registerCommand(ClientCommands.statusMenu, () => status.menu(showLog)),
    commands.registerCommand(ClientCommands.turnOnRule, (rule: string, severity: SeverityName) =>
      turnOnRule(rule, severity, window.activeTextEditor?.document),
    ),
    window.onDidChangeActiveTextEditor(activeDockerfile),
    workspace.onDidChangeTextDocument((e) => status.changed(e.document)),
    workspace.onDidCloseTextDocument((d) => status.forget(d)),
    workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification(TRUST_GRANTED_NOTIFICATION)),
    languages.onDidChangeDiagnostics((e) => {
      const active = window.activeTextEditor?.document.uri.toString();
      if (e.uris.some((u) => u.toString() === active)) activeDockerfile();
    }),
  );
  await client.start();
  context.subscriptions.push(
    client.onNotification(STATUS_NOTIFICATION, (s: DocumentStatus) => status.status(s)),
    client.onNotification(OPEN_SETTING_NOTIFICATION, (p: { setting?: string; key?: string }) => void openSetting(p.setting ?? 'seaworthy.rules', p.key)),
  );
  activeDockerfile();
}

/**
 * window.withProgress, resolving once its notification has left the screen: VS Code keeps a progress notification for
 * at least 800 ms after it opened, and a result shown before then would stand beside it.
 */
async function withProgressGone<T>(options: ProgressOptions, task: Parameters<typeof window.withProgress<T>>[1]): Promise<T> {
  const opened = Date.now();
  const result = await window.withProgress(options, task);
  const left = PROGRESS_MIN_MS - (Date.now() - opened);
  if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
  return result;
}
/** VS Code's minimum time on screen for a progress notification (800 ms), and a little more */
const PROGRESS_MIN_MS = 900;

/** Opens the settings.json that holds the setting (folder, workspace or user) and selects the key in it. */
async function openSetting(setting: string, key: string | undefined): Promise<void> {
  const [section, ...rest] = setting.split('.');
  const seen = workspace.getConfiguration(section).inspect(rest.join('.'));
  const command =
    seen?.workspaceFolderValue !== undefined
      ? 'workbench.action.openFolderSettingsFile'
      : seen?.workspaceValue !== undefined
        ? 'workbench.action.openWorkspaceSettingsFile'
        : 'workbench.action.openSettingsJson';
  await commands.executeCommand(command);
  const editor = window.activeTextEditor;
  const text = editor?.document.getText() ?? '';
  const at = text.indexOf(`"${key ?? setting}"`);
  if (editor && at >= 0) {
    const start = editor.document.positionAt(at + 1);
    const end = editor.document.positionAt(at + 1 + (key ?? setting).length);
    editor.selection = new Selection(start, end);
    editor.revealRange(editor.selection);
  }
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
