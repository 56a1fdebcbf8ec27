// What the client and the server agree on: command ids, custom requests and notifications, code action kinds.
import type { SeverityName } from './settings';

/** Commands the server implements (executeCommandProvider); the client only forwards them. */
export const Commands = {
  addNonRootUser: 'seaworthy.addNonRootUser',
  fixAll: 'seaworthy.fixAll',
  lintWorkspace: 'seaworthy.lintWorkspace',
  pinDigest: 'seaworthy.pinDigest',
  pinAllDigests: 'seaworthy.pinAllDigests',
  /** [uri]: shows a file a fix created or added to (a code action runs it after its edit); not in the palette */
  showFile: 'seaworthy.showFile',
} as const;

/** Commands the VS Code client implements itself: they show things only the editor can show. */
export const ClientCommands = {
  /** [ruleId]: the rule's page, rendered and read-only (diagnostic codes and hover links point here) */
  showRule: 'seaworthy.showRule',
  /** the list of rules, with their ids, levels and what each asks for */
  showRules: 'seaworthy.showRules',
  /** the "Seaworthy" output channel */
  showLog: 'seaworthy.showLog',
  /** the status bar item's menu */
  statusMenu: 'seaworthy.statusMenu',
  /** [ruleId, severity]: adds the rule to `seaworthy.rules` (a checklist item no enabled rule checks) */
  turnOnRule: 'seaworthy.turnOnRule',
} as const;

/** Commands that ask a registry: the client shows a progress notification while they run, then their result. */
export const registryCommands: readonly string[] = [Commands.pinDigest, Commands.pinAllDigests];

/** What the VS Code client tells the server it does (initializationOptions); other editors send none of it. */
export interface InitializationOptions {
  /** VS Code's workspace trust; editors without trust are trusted */
  workspaceTrusted?: boolean;
  /** a fixed debounce between a change and its diagnostics, ms (benchmarks set 0) */
  debounceMs?: number;
  /** written to the log: what a bug report needs */
  extensionVersion?: string;
  /** the command that shows a rule's page rendered (ClientCommands.showRule): diagnostic codes link to it */
  rulePageCommand?: string;
  /**
   * the client shows the results of Lint Workspace and the Pin commands itself (a summary with buttons, after its
   * progress notification closed): the server returns them instead of showing a message
   */
  clientShowsResults?: boolean;
  /** what one lint may cost, ms, before it is stopped (default 5000; tests set other values) */
  lintBudgetMs?: number;
  /** a folder for per-user data outside every workspace (VS Code's global storage): the base image facts cache */
  cacheDir?: string;
}

/** Client -> server: the user granted workspace trust (initializationOptions.workspaceTrusted said false). */
export const TRUST_GRANTED_NOTIFICATION = 'seaworthy/trustGranted';

/** Server -> client: a setting to open ({ setting }), after the user clicked "Open Settings" on a message about it. */
export const OPEN_SETTING_NOTIFICATION = 'seaworthy/openSetting';

/** Server -> client, after each lint of an open document: what the status bar shows besides the counts. */
export const STATUS_NOTIFICATION = 'seaworthy/status';

export interface DocumentStatus {
  readonly uri: string;
  readonly version: number;
  /** seaworthy.enable for this document */
  readonly enabled: boolean;
  /** may registries be asked in the background (drift, image hover): off by setting, or not in an untrusted workspace */
  readonly network: 'on' | 'off' | 'untrusted';
  /** ShellCheck on RUN scripts: runs, is not installed (or the configured path is not executable), or is turned off */
  readonly shellcheck: 'on' | 'missing' | 'off';
}

/** Custom request: a rule's page as Markdown ({ id }; `index` gives the list of rules), or null for an unknown id. */
export const RULE_PAGE_REQUEST = 'seaworthy/rulePage';
/** The scheme of the read-only documents the client renders rule pages from: seaworthy-rule:/<id>.md */
export const RULE_PAGE_SCHEME = 'seaworthy-rule';

export const CODE_ACTION_FIX_ALL_KIND = 'source.fixAll.seaworthy';
export const SOURCE = 'seaworthy';

/** What Lint Workspace answers: the client shows `message` with a button that opens the Problems panel. */
export interface LintWorkspaceSummary {
  /** Dockerfiles linted (from disk, or open in the editor) */
  readonly files: number;
  /** Dockerfiles found */
  readonly found: number;
  readonly counts: Readonly<Record<SeverityName, number>>;
  readonly cancelled: boolean;
  readonly message: string;
}

/** Custom request: the production checklist of one document (the Production Checklist view shows it). */
export const CHECKLIST_REQUEST = 'seaworthy/checklist';

export interface Checklist {
  /** the file the list is for, as the view's title names it */
  readonly file: string;
  /** items passed, of the items that apply and are checked */
  readonly passed: number;
  readonly total: number;
  readonly items: readonly ChecklistItem[];
}

export interface ChecklistItem {
  readonly label: string;
  /**
   * passed; failed (a finding is shown); suppressed (a finding is there but ignored by a comment or config: not a pass);
   * not-applicable (the file has nothing the item is about); off (no enabled rule checks it: `enable` says how);
   * base (not a check: what the base image's config says, as a registry described it)
   */
  readonly status: 'passed' | 'failed' | 'suppressed' | 'not-applicable' | 'off' | 'base';
  /** the level of the worst finding of a failed or suppressed item */
  readonly level?: SeverityName;
  /** a few words: where it failed, why it does not apply, how to turn it on (empty when it passed: the icon says so) */
  readonly detail: string;
  /** the longer story: the finding's message, the rules that check the item */
  readonly tooltip: string;
  /** where to jump for a failed or suppressed item (0-based LSP range) */
  readonly range?: { start: { line: number; character: number }; end: { line: number; character: number } };
  /** for an item no enabled rule checks: the rule that would, and the level to give it */
  readonly enable?: { readonly rule: string; readonly severity: SeverityName };
}

/**
 * Files whose change re-lints the open Dockerfiles (the client watches them and tells the server): ignore files, team
 * config, Dockerfiles, and the build files that say which context, target and args a Dockerfile is built with.
 */
export const WATCHED_FILES: readonly string[] = [
  '**/{.dockerignore,*.dockerignore,.seaworthy.yaml,.seaworthy.yml,.hadolint.yaml,.hadolint.yml}',
  '**/{Dockerfile,Containerfile,Dockerfile.*,*.Dockerfile,*.dockerfile}',
  '**/{compose.yaml,compose.yml,docker-compose.yaml,docker-compose.yml,compose.override.yaml,compose.override.yml,docker-compose.override.yaml,docker-compose.override.yml}',
  '**/{docker-bake.json,docker-bake.hcl,docker-bake.override.json,docker-bake.override.hcl}',
  '**/.github/workflows/*.{yml,yaml}',
];
