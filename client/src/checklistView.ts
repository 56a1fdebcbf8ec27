// The Production Checklist view: what the server's checklist request answers for the Dockerfile in the editor, one
// item per line, the file and its score in the view's title bar.
import {
  ConfigurationTarget,
  EventEmitter,
  MarkdownString,
  Range,
  ThemeColor,
  ThemeIcon,
  TreeItem,
  window,
  workspace,
  type TextDocument,
  type TreeDataProvider,
  type TreeView,
} from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CHECKLIST_REQUEST, ClientCommands, type Checklist, type ChecklistItem } from '../../shared/src/commands';
import type { SeverityName } from '../../shared/src/settings';

const LEVEL_ICON: Readonly<Record<SeverityName, [string, string]>> = {
  error: ['error', 'problemsErrorIcon.foreground'],
  warning: ['warning', 'problemsWarningIcon.foreground'],
  information: ['info', 'problemsInfoIcon.foreground'],
  hint: ['info', 'problemsInfoIcon.foreground'],
};

function icon(item: ChecklistItem): ThemeIcon {
  switch (item.status) {
    case 'passed':
      return new ThemeIcon('pass', new ThemeColor('testing.iconPassed'));
    case 'failed': {
      const [name, color] = LEVEL_ICON[item.level ?? 'warning'];
      return new ThemeIcon(name, new ThemeColor(color));
    }
    case 'suppressed':
      return new ThemeIcon('eye-closed');
    case 'not-applicable':
      return new ThemeIcon('circle-slash');
    case 'off':
      return new ThemeIcon('circle-large-outline');
    case 'base':
      return new ThemeIcon('package');
  }
}

export class ChecklistView implements TreeDataProvider<ChecklistItem> {
  private readonly changed = new EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  view: TreeView<ChecklistItem> | undefined;
  /** the Dockerfile the list is for: the active one, or the last one that was active */
  private document: TextDocument | undefined;

  constructor(private readonly client: () => LanguageClient | undefined) {}

  /** Shows the list for this Dockerfile (or keeps the last one when the editor shows something else). */
  follow(doc: TextDocument | undefined): void {
    if (doc?.languageId === 'dockerfile') this.document = doc;
    else if (this.document?.isClosed) this.document = undefined;
    this.changed.fire();
  }

  getTreeItem(item: ChecklistItem): TreeItem {
    const t = new TreeItem(item.label);
    t.iconPath = icon(item);
    t.description = item.detail;
    t.tooltip = new MarkdownString(
      item.status === 'base'
        ? `**${item.label}**\n\n${item.tooltip}`
        : `**${item.label}**: ${item.status === 'not-applicable' ? 'not applicable' : item.status}\n\n${item.tooltip}`,
    );
    t.accessibilityInformation = {
      label: item.status === 'base' ? `${item.label}: ${item.detail}` : `${item.label}: ${item.status}${item.detail ? `, ${item.detail}` : ''}`,
    };
    const doc = this.document;
    if (item.range && doc) {
      const r = item.range;
      t.command = {
        title: 'Show',
        command: 'vscode.open',
        arguments: [doc.uri, { selection: new Range(r.start.line, r.start.character, r.end.line, r.end.character) }],
      };
    } else if (item.enable) {
      t.command = { title: `Turn on ${item.enable.rule}`, command: ClientCommands.turnOnRule, arguments: [item.enable.rule, item.enable.severity] };
    }
    return t;
  }

  async getChildren(): Promise<ChecklistItem[]> {
    const client = this.client();
    const doc = this.document;
    if (!client || !doc) {
      if (this.view) this.view.description = undefined;
      return [];
    }
    const list = await client.sendRequest<Checklist | null>(CHECKLIST_REQUEST, { uri: doc.uri.toString() });
    if (this.view) {
      // the description sits beside the title (hidden when the container shows only this view): the message says it too
      this.view.description = list ? `${list.file} · ${list.passed}/${list.total} passed` : undefined;
      this.view.message = !list
        ? undefined
        : list.total === 0
          ? `${list.file}: Seaworthy is off for this file.`
          : `${list.file}: ${list.passed} of ${list.total} checks pass.`;
    }
    return [...(list?.items ?? [])];
  }
}

/** "Turn on <rule>" from an item no enabled rule checks: asks, then adds the rule to `seaworthy.rules`. */
export async function turnOnRule(rule: string, severity: SeverityName, doc: TextDocument | undefined): Promise<void> {
  const inWorkspace = (workspace.workspaceFolders?.length ?? 0) > 0;
  const where = inWorkspace ? 'workspace settings' : 'user settings';
  const yes = 'Turn On';
  if ((await window.showInformationMessage(`Turn on ${rule} (as ${severity}) in the ${where}?`, yes)) !== yes) return;
  const config = workspace.getConfiguration('seaworthy', doc?.uri);
  const seen = config.inspect<Record<string, string>>('rules');
  const target = inWorkspace ? ConfigurationTarget.Workspace : ConfigurationTarget.Global;
  const current = (inWorkspace ? seen?.workspaceValue : seen?.globalValue) ?? {};
  await config.update('rules', { ...current, [rule]: severity }, target);
}
