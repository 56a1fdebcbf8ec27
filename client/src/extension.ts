// The client: start the server, forward the palette's commands with the active document, and show what the server
// computes (the checklist view, a status bar count). It owns no logic of its own.
import {
  commands, EventEmitter, languages, ProgressLocation, Range, StatusBarAlignment, ThemeColor, ThemeIcon, TreeItem, window, workspace,
  type ExtensionContext, type TreeDataProvider,
} from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CHECKLIST_REQUEST, registryCommands, SOURCE, TRUST_GRANTED_NOTIFICATION, type ChecklistItem } from '../../shared/src/commands';

let client: LanguageClient | undefined;

const ICONS: Record<ChecklistItem['status'], [string, string | undefined]> = {
  passed: ['pass', 'testing.iconPassed'],
  failed: ['error', 'testing.iconFailed'],
  'not-applicable': ['circle-slash', undefined],
  'not-checked': ['question', undefined],
};

class Checklist implements TreeDataProvider<ChecklistItem> {
  private readonly changed = new EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  refresh = () => this.changed.fire();

  getTreeItem(item: ChecklistItem): TreeItem {
    const t = new TreeItem(item.label);
    const [icon, color] = ICONS[item.status];
    t.iconPath = new ThemeIcon(icon, color ? new ThemeColor(color) : undefined);
    t.description = item.status === 'failed' ? item.detail : item.status.replace('-', ' ');
    t.tooltip = item.detail;
    const doc = window.activeTextEditor?.document;
    if (item.range && doc) {
      const r = item.range;
      t.command = { title: 'Show', command: 'vscode.open', arguments: [doc.uri, { selection: new Range(r.start.line, r.start.character, r.end.line, r.end.character) }] };
    }
    return t;
  }

  async getChildren(): Promise<ChecklistItem[]> {
    const doc = window.activeTextEditor?.document;
    if (!client || !doc || doc.languageId !== 'dockerfile') return [];
    return client.sendRequest<ChecklistItem[]>(CHECKLIST_REQUEST, { uri: doc.uri.toString() });
  }
}

export async function activate(context: ExtensionContext): Promise<void> {
  const run = { module: context.asAbsolutePath('dist/server.js'), transport: TransportKind.ipc };
  const serverOptions: ServerOptions = { run, debug: { ...run, options: { execArgv: ['--nolazy', '--inspect=6010'] } } };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'dockerfile' }],
    initializationOptions: { workspaceTrusted: workspace.isTrusted },
    synchronize: {
      configurationSection: 'seaworthy',
      fileEvents: [
        workspace.createFileSystemWatcher('**/{.dockerignore,*.dockerignore,.seaworthy.yaml,.seaworthy.yml,.hadolint.yaml,.hadolint.yml}'),
        workspace.createFileSystemWatcher('**/{Dockerfile,Containerfile,Dockerfile.*,*.Dockerfile,*.dockerfile}'),
      ],
    },
    middleware: {
      // server commands run from the palette carry no arguments: pass the active document and the cursor
      executeCommand: (command, args, next) => {
        const editor = window.activeTextEditor;
        const forwarded = args.length > 0 ? args : [editor?.document.uri.toString(), editor?.selection.active];
        if (!registryCommands.includes(command)) return next(command, forwarded);
        // asking a registry can take seconds: say so while it runs
        return window.withProgress({ location: ProgressLocation.Notification, title: 'Seaworthy: asking the registry for the digest…' }, () => Promise.resolve(next(command, forwarded)));
      },
    },
  };
  client = new LanguageClient('seaworthy', 'Seaworthy', serverOptions, clientOptions);

  const checklist = new Checklist();
  const status = window.createStatusBarItem(StatusBarAlignment.Left, 50);
  status.command = 'workbench.actions.view.problems';
  const update = () => {
    const doc = window.activeTextEditor?.document;
    const active = doc?.languageId === 'dockerfile';
    void commands.executeCommand('setContext', 'seaworthy.dockerfileActive', active);
    if (!doc || !active) return status.hide();
    const n = languages.getDiagnostics(doc.uri).filter((d) => d.source === SOURCE).length;
    status.text = n ? `$(shield) ${n}` : '$(shield) $(check)';
    status.tooltip = n ? `Seaworthy: ${n} finding${n === 1 ? '' : 's'} in this Dockerfile` : 'Seaworthy: no findings in this Dockerfile';
    status.show();
    checklist.refresh();
  };
  context.subscriptions.push(
    status,
    window.registerTreeDataProvider('seaworthy.checklist', checklist),
    window.onDidChangeActiveTextEditor(update),
    workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification(TRUST_GRANTED_NOTIFICATION)),
    languages.onDidChangeDiagnostics((e) => { if (e.uris.some((u) => u.toString() === window.activeTextEditor?.document.uri.toString())) update(); }),
  );
  await client.start();
  update();
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
