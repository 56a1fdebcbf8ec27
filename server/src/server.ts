// The language server's wiring: one line per LSP method. Runs in VS Code (IPC) and on its own (`--stdio`).
// first: the heap's settings are made before anything else runs (see heap.ts)
import { linting, startedUp } from './heap';
import {
  createConnection,
  ErrorCodes,
  ExecuteCommandRequest,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  type CancellationToken,
  type ExecuteCommandParams,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { syncedDocuments } from './documents';
import { basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AnalysisCache, type Analysis } from './analysis';
import { SettingsCache } from './config/documentSettings';
import { lintScheduler } from './debounce';
import { codeActions } from './handlers/codeAction';
import { publish, useRulePageCommand } from './handlers/diagnostics';
import { executeCommand } from './handlers/executeCommand';
import { hover } from './handlers/hover';
import { initialize, type ClientFeatures } from './handlers/initialize';
import { VERSION } from '../../shared/src/version';
import { rulePageMarkdown } from './handlers/rulePage';
import { checklistView } from './handlers/checklist';
import { stageImage } from './engine/facts/stageImage';
import { WorkspaceLinter } from './handlers/workspace';
import { Host, loadShellParser } from './host';
import { forgetConfigReports, reportConfig } from './handlers/configProblems';
import { configErrors, describeProblem } from './config/configFile';
import {
  CHECKLIST_REQUEST,
  Commands,
  RULE_PAGE_REQUEST,
  STATUS_NOTIFICATION,
  TRUST_GRANTED_NOTIFICATION,
  type DocumentStatus,
} from '../../shared/src/commands';
import { ImageRegistryFeature } from './handlers/imageRegistry';
import { ShellCheckFeature } from './shellcheck/editor';
import { rules } from './rules';
import { anyNeeds } from './engine/rule';

/** A lint that took longer than this is written to the log (with the file's size), so a slow file can be reported. */
const SLOW_LINT_MS = 100;

// run by hand (the npm package's `seaworthy-language-server`) without a transport: say how, instead of a stack trace
if (!process.argv.slice(2).some((a) => /^--(stdio|node-ipc|socket|pipe)\b/.test(a))) {
  process.stderr.write(
    'Usage: seaworthy-language-server --stdio\nThe Seaworthy language server for editors that speak LSP (files of language "dockerfile").\n',
  );
  process.exit(process.argv.includes('--help') ? 0 : 2);
}

// the shell parser's WASM compiles while the client and server shake hands; the first lint waits for it
const shellReady = loadShellParser();
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(syncedDocuments);
// a file the host refused to read (a FIFO named .dockerignore …): said once
const refusedFiles = new Set<string>();
const host = new Host((message) => {
  if (!refusedFiles.has(message)) {
    refusedFiles.add(message);
    void connection.window.showWarningMessage(`Seaworthy: ${message}`);
  }
});
const settings = new SettingsCache(connection);
const failedRules = new Set<string>();
const reportedConfigs = new Set<string>();
const loggedConfigs = new Set<string>();
const analyses = new AnalysisCache(
  host,
  (uri) => settings.get(uri),
  (id, error) => {
    if (failedRules.has(id)) return; // once per rule: a broken rule must not flood the log
    failedRules.add(id);
    connection.console.error(`Seaworthy rule ${id} failed and was skipped: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  },
  (config) => {
    if (!loggedConfigs.has(config.path)) {
      loggedConfigs.add(config.path);
      const errors = configErrors(config).length;
      connection.console.info(
        `Config file ${config.path} read${config.problems.length ? `: ${config.problems.map((p) => describeProblem(config, p)).join('; ')}${errors ? ' (not applied)' : ''}` : ''}`,
      );
    }
    if (reportedConfigs.has(config.path)) return;
    reportedConfigs.add(config.path);
    reportConfig(connection, config);
  },
);
analyses.onLinted = (a, ms) => {
  if (ms >= SLOW_LINT_MS)
    connection.console.info(`Slow lint: ${a.uri} (${a.model.lines.lineCount.toLocaleString('en-US')} lines, version ${a.version}) took ${Math.round(ms)} ms`);
};
let features: ClientFeatures = {
  configurationPull: false,
  debounceMs: undefined,
  workspaceFolders: [],
  workspaceFoldersChange: false,
  trusted: true,
  rulePageCommand: undefined,
  clientShowsResults: false,
  client: 'an unnamed client',
  lintBudgetMs: undefined,
  cacheDir: undefined,
  disabledCodeActions: false,
};
// a lint stopped past its budget: the document gets one finding saying so, and the user is told once per file
const toldTooExpensive = new Set<string>();
analyses.onLintFailure = (uri, error) =>
  connection.console.error(`Seaworthy could not lint ${uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
analyses.onStopped = (uri) => {
  if (toldTooExpensive.has(uri)) return;
  toldTooExpensive.add(uri);
  void connection.window.showWarningMessage(
    `Seaworthy: linting ${uri.startsWith('file:') ? fileURLToPath(uri) : uri} took more than ${analyses.budgetMs / 1000} s, so it was stopped (other files are linted as usual; each edit of this one is tried again).`,
  );
};
const registry = new ImageRegistryFeature(connection, true);
analyses.registry = registry.facts;
analyses.ready = shellReady;
shellReady.catch((e: unknown) =>
  connection.console.error(`Seaworthy cannot parse shell commands, so it does not lint: ${e instanceof Error ? e.message : String(e)}`),
);
const shellcheck = new ShellCheckFeature(connection, true);
analyses.shellcheck = shellcheck.facts;

/** What the status bar shows for a document besides its counts: off, network off, ShellCheck missing. */
async function sendStatus(a: Analysis): Promise<void> {
  const status: DocumentStatus = {
    uri: a.uri,
    version: a.version,
    enabled: a.enabled,
    network: registry.networkState(a),
    shellcheck: a.enabled && anyNeeds(a.activeRules, 'shellcheck') ? await shellcheck.state(a) : 'off',
  };
  void connection.sendNotification(STATUS_NOTIFICATION, status);
}
// digest drift and ShellCheck are asked after the diagnostics are out, and only add to them (when they answer: relint)
const afterPublish = (a: Analysis, relint: () => void): Promise<void> => {
  if (!a.enabled) return Promise.resolve();
  void registry.refresh(a, relint);
  return shellcheck.check(a, relint);
};
const workspaceLint = new WorkspaceLinter(
  connection,
  documents,
  analyses,
  () => features.workspaceFolders,
  afterPublish,
  () => features.clientShowsResults,
);
/** the first diagnostics are out (heap.ts) */
let started = false;
const publishSoon = lintScheduler<TextDocument>(
  async (doc) => {
    const uri = doc.uri; // what the relint below keeps: not this version's document
    linting(uri);
    const a = await analyses.current(documents.get(uri));
    // written before the rest starts: the status's ShellCheck version, ShellCheck's planning and the registry's asks
    // start processes and connections (loading Node's modules for them) in this same turn, ahead of the write
    await publish(connection, a).catch(() => undefined);
    if (!a) return;
    if (!started) startedUp();
    started = true;
    void sendStatus(a);
    void afterPublish(a, () => {
      analyses.drop(uri);
      const now = documents.get(uri);
      if (now) publishSoon(now);
    });
  },
  () => features.debounceMs ?? 0,
);
const current = (uri: string) => analyses.current(documents.get(uri));
const relintAll = () => documents.all().forEach(publishSoon);

// after `shutdown` the spec wants every request answered with InvalidRequest, and nothing more published
let shutDown = false;
connection.onShutdown(() => {
  shutDown = true;
});
const live =
  <A extends unknown[], R>(handler: (...a: A) => R) =>
  (...a: A): R | ResponseError<void> =>
    shutDown ? new ResponseError(ErrorCodes.InvalidRequest, 'Seaworthy is shutting down') : handler(...a);

connection.onInitialize((p) => {
  const init = initialize(p);
  features = init.features;
  host.setRoots(folderPaths(features.workspaceFolders));
  settings.supportsPull = features.configurationPull;
  settings.canOpenSettings = features.clientShowsResults;
  registry.trusted = features.trusted;
  registry.clientShowsResults = features.clientShowsResults;
  registry.cacheDir = features.cacheDir;
  shellcheck.trusted = features.trusted;
  useRulePageCommand(features.rulePageCommand);
  if (features.lintBudgetMs !== undefined) analyses.budgetMs = features.lintBudgetMs;
  return init.result;
});
connection.onInitialized(() => {
  connection.console.info(
    `Seaworthy server ${VERSION} on Node ${process.version} (${process.platform}/${process.arch}) for ${features.client}; workspace ${features.trusted ? 'trusted' : 'not trusted'}`,
  );
  if (!features.workspaceFoldersChange) return;
  connection.workspace.onDidChangeWorkspaceFolders((e) => {
    const removed = new Set(e.removed.map((f) => f.uri));
    features.workspaceFolders = [...features.workspaceFolders.filter((f) => !removed.has(f)), ...e.added.map((f) => f.uri)];
    host.setRoots(folderPaths(features.workspaceFolders));
    host.forgetBuilds();
  });
});
connection.onDidChangeConfiguration(() => {
  settings.clear();
  registry.reset();
  shellcheck.reset();
  analyses.clear();
  relintAll();
});
connection.onNotification(TRUST_GRANTED_NOTIFICATION, () => {
  registry.trusted = true;
  shellcheck.trusted = true;
  shellcheck.reset();
  analyses.clear();
  relintAll();
});
connection.onDidChangeWatchedFiles((p) => {
  for (const c of p.changes) if (c.uri.startsWith('file:')) host.forgetFolder(dirname(fileURLToPath(c.uri)));
  host.forgetConfigs();
  host.forgetBuilds();
  reportedConfigs.clear();
  loggedConfigs.clear();
  forgetConfigReports(connection);
  analyses.clear();
  relintAll();
  void workspaceLint.changed(p.changes.map((c) => ({ uri: c.uri, deleted: c.type === 3 /* Deleted */ })));
});
documents.onDidChangeContent(({ document }) => {
  if (!shutDown) publishSoon(document);
});
documents.onDidClose(({ document }) => {
  publishSoon.cancel(document.uri);
  analyses.forget(document.uri);
  settings.drop(document.uri);
  // a file Lint Workspace covers keeps its findings, read again from disk; any other is cleared
  if (workspaceLint.isTracked(document.uri)) setImmediate(() => void workspaceLint.lintFile(document.uri));
  else void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
});
connection.onHover(
  live(async (p) => {
    const a = await current(p.textDocument.uri);
    return hover(a, p.position, a && (await registry.hover(a, p.position)));
  }),
);
connection.onCodeAction(live(async (p) => codeActions(await current(p.textDocument.uri), p, features.disabledCodeActions)));
// (onRequest rather than onExecuteCommand, which hides the client's workDoneToken: Lint Workspace reports to it)
connection.onRequest(
  ExecuteCommandRequest.type,
  live(async (p: ExecuteCommandParams, token: CancellationToken) =>
    p.command === Commands.lintWorkspace
      ? workspaceLint.lintAll(
          p.workDoneToken !== undefined ? connection.window.attachWorkDoneProgress(p.workDoneToken) : await connection.window.createWorkDoneProgress(),
          token,
        )
      : executeCommand(p, { documents, analyses, connection, registry }),
  ),
);
connection.onRequest(
  CHECKLIST_REQUEST,
  live(async (p: { uri: string }) => {
    const a = await current(p.uri);
    if (!a) return null;
    // what the registry said about the final image's base, for the items it answers and the base's own rows
    const image = a.model.finalStage && stageImage(a.model, a.model.finalStage, { registry: registry.facts, platforms: a.platforms });
    return checklistView(
      { model: a.model, findings: a.findings, suppressed: a.suppressed, activeRules: a.activeRules, allRules: rules, image },
      fileLabel(p.uri),
    );
  }),
);
connection.onRequest(
  RULE_PAGE_REQUEST,
  live((p: { id: string }) => rulePageMarkdown(p.id)),
);

/** The local folders of workspace folder URIs (searches for build files stop there outside a git repository). */
const folderPaths = (uris: readonly string[]): string[] => uris.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));

/** A document's name as the checklist's title shows it: the file and its folder ("api/Dockerfile"). */
function fileLabel(uri: string): string {
  const path = uri.startsWith('file:') ? fileURLToPath(uri) : decodeURIComponent(uri.replace(/^[a-z]+:/i, ''));
  const folder = basename(dirname(path));
  return folder && folder !== '.' && folder !== '/' ? `${folder}/${basename(path)}` : basename(path);
}

process.on('unhandledRejection', (e) => connection.console.error(`Seaworthy: unhandled rejection: ${String(e)}`));
documents.listen(connection);
connection.listen();
