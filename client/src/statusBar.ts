// The status bar item: the real state of the Dockerfile in the editor (off, linting, counts by level, registries not
// asked, ShellCheck missing); a click opens a small menu.
import {
  commands,
  ConfigurationTarget,
  languages,
  MarkdownString,
  StatusBarAlignment,
  ThemeColor,
  window,
  workspace,
  type QuickPickItem,
  type StatusBarItem,
  type TextDocument,
} from 'vscode';
import { ClientCommands, Commands, SOURCE, type DocumentStatus } from '../../shared/src/commands';

/** A lint that has not answered after this long shows as "linting" (a fast one never flickers). */
const LINTING_AFTER_MS = 400;

export class StatusBar {
  readonly item: StatusBarItem;
  private readonly statuses = new Map<string, DocumentStatus>();
  /** documents whose newest version has no status yet, and the timer that will call them "linting" */
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly linting = new Set<string>();
  /** Lint Workspace is running */
  workspaceLint = false;

  constructor() {
    this.item = window.createStatusBarItem('seaworthy.status', StatusBarAlignment.Left, 50);
    this.item.name = 'Seaworthy';
    this.item.command = ClientCommands.statusMenu;
  }

  private active(): TextDocument | undefined {
    const doc = window.activeTextEditor?.document;
    return doc?.languageId === 'dockerfile' ? doc : undefined;
  }

  /** The server linted a document (STATUS_NOTIFICATION). */
  status(s: DocumentStatus): void {
    this.statuses.set(s.uri, s);
    const doc = workspace.textDocuments.find((d) => d.uri.toString() === s.uri);
    if (!doc || s.version >= doc.version) {
      clearTimeout(this.pending.get(s.uri));
      this.pending.delete(s.uri);
      this.linting.delete(s.uri);
    }
    this.update();
  }

  /** A document changed: its diagnostics are coming; if they take a while, say so. */
  changed(doc: TextDocument): void {
    if (doc.languageId !== 'dockerfile') return;
    const uri = doc.uri.toString();
    clearTimeout(this.pending.get(uri));
    this.pending.set(
      uri,
      setTimeout(() => {
        this.linting.add(uri);
        this.update();
      }, LINTING_AFTER_MS),
    );
  }

  forget(doc: TextDocument): void {
    const uri = doc.uri.toString();
    clearTimeout(this.pending.get(uri));
    this.pending.delete(uri);
    this.linting.delete(uri);
    this.statuses.delete(uri);
  }

  update(): void {
    const doc = this.active();
    if (!doc) return this.item.hide();
    const uri = doc.uri.toString();
    const s = this.statuses.get(uri);
    const tip = new MarkdownString('', true);
    this.item.backgroundColor = undefined;
    if (s && !s.enabled) {
      this.item.text = '$(circle-slash) Seaworthy off';
      tip.appendMarkdown('**Seaworthy is off** for this file (`seaworthy.enable`): nothing is linted.\n\nClick for options.');
      this.item.accessibilityInformation = { label: 'Seaworthy is off for this file' };
    } else if (this.linting.has(uri) || this.workspaceLint || !s) {
      this.item.text = '$(sync~spin) Seaworthy';
      tip.appendMarkdown(this.workspaceLint ? 'Seaworthy is linting the workspace…' : 'Seaworthy is linting this file…');
      this.item.accessibilityInformation = { label: 'Seaworthy is linting' };
    } else {
      const counts = [0, 0, 0, 0];
      // DiagnosticSeverity: Error 0, Warning 1, Information 2, Hint 3
      for (const d of languages.getDiagnostics(doc.uri)) if (d.source === SOURCE) counts[d.severity]++;
      const [e, w, i, h] = counts;
      const parts = [
        [e, '$(error)'],
        [w, '$(warning)'],
        [i + h, '$(info)'],
      ]
        .filter(([n]) => n)
        .map(([n, icon]) => `${icon} ${n}`);
      const extras = [s.network !== 'on' ? '$(cloud-offline)' : '', s.shellcheck === 'missing' ? '$(terminal) no ShellCheck' : ''].filter(Boolean);
      this.item.text = ['$(shield)', parts.length ? parts.join(' ') : '$(check)', ...extras].join(' ');
      const said = [
        [e, 'error', 'errors'],
        [w, 'warning', 'warnings'],
        [i, 'information', 'information'],
        [h, 'hint', 'hints'],
      ]
        .filter(([n]) => n)
        .map(([n, one, many]) => `${n} ${n === 1 ? one : many}`);
      const summary = said.length ? `${said.join(', ')} in this Dockerfile` : 'no problems in this Dockerfile';
      tip.appendMarkdown(`**Seaworthy**: ${summary}\n\n`);
      tip.appendMarkdown(
        `- Registries: ${s.network === 'on' ? 'asked for digest drift and image hovers' : s.network === 'off' ? 'not asked (`seaworthy.network` is off)' : 'not asked in an untrusted workspace'}\n`,
      );
      tip.appendMarkdown(
        `- ShellCheck: ${s.shellcheck === 'on' ? 'checks RUN scripts' : s.shellcheck === 'missing' ? 'not installed, so RUN scripts are not checked (install `shellcheck` or set `seaworthy.shellcheck.path`)' : 'off'}\n\n`,
      );
      tip.appendMarkdown('Click for options.');
      this.item.accessibilityInformation = {
        label: `Seaworthy: ${summary}${s.network !== 'on' ? '; registries are not asked' : ''}${s.shellcheck === 'missing' ? '; ShellCheck is not installed' : ''}`,
      };
      if (e) this.item.backgroundColor = new ThemeColor('statusBarItem.errorBackground');
    }
    this.item.tooltip = tip;
    this.item.show();
  }

  /** The click: a small menu of what can be done from here. */
  async menu(showLog: () => void): Promise<void> {
    const doc = this.active();
    const s = doc && this.statuses.get(doc.uri.toString());
    const off = s !== undefined && !s.enabled;
    type Pick = QuickPickItem & { run: () => unknown };
    const items: Pick[] = [
      ...(off
        ? []
        : [{ label: '$(warning) Show problems', description: 'the Problems panel', run: () => commands.executeCommand('workbench.actions.view.problems') }]),
      ...(off ? [] : [{ label: '$(checklist) Show the production checklist', run: () => commands.executeCommand('seaworthy.checklist.focus') }]),
      { label: '$(search) Lint Workspace', description: 'every Dockerfile of the workspace', run: () => commands.executeCommand(Commands.lintWorkspace) },
      { label: '$(book) Rules', description: 'what each rule checks, and its level', run: () => commands.executeCommand(ClientCommands.showRules) },
      { label: '$(output) Show log', description: 'versions, registries asked, ShellCheck, config files', run: showLog },
      off
        ? { label: '$(check) Turn Seaworthy on', description: 'seaworthy.enable in the workspace settings', run: () => setEnable(true) }
        : { label: '$(circle-slash) Turn Seaworthy off', description: 'seaworthy.enable in the workspace settings', run: () => setEnable(false) },
    ];
    const picked = await window.showQuickPick(items, { title: 'Seaworthy', placeHolder: off ? 'Seaworthy is off for this file' : 'Seaworthy' });
    await picked?.run();
  }

  dispose(): void {
    for (const t of this.pending.values()) clearTimeout(t);
    this.item.dispose();
  }
}

function setEnable(on: boolean): Thenable<void> {
  const inWorkspace = (workspace.workspaceFolders?.length ?? 0) > 0;
  return workspace.getConfiguration('seaworthy').update('enable', on, inWorkspace ? ConfigurationTarget.Workspace : ConfigurationTarget.Global);
}
