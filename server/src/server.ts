// The language server's wiring: one line per LSP method. Runs in VS Code (IPC) and on its own (`--stdio`).
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createConnection, ErrorCodes, ProposedFeatures, ResponseError, TextDocuments } from 'vscode-languageserver/node';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AnalysisCache, type Analysis } from './analysis';
import { SettingsCache } from './config/documentSettings';
import { adaptiveWait, perDocumentDebounce } from './debounce';
import { codeActions } from './handlers/codeAction';
import { publish } from './handlers/diagnostics';
import { executeCommand } from './handlers/executeCommand';
import { hover } from './handlers/hover';
import { initialize, type ClientFeatures } from './handlers/initialize';
import { checklist } from './engine/checklist';
import { WorkspaceLinter } from './handlers/workspace';
import { Host, loadShellParser } from './host';
import { forgetConfigReports, reportConfig } from './handlers/configProblems';
import { CHECKLIST_REQUEST, Commands, TRUST_GRANTED_NOTIFICATION } from '../../shared/src/commands';
import { RegistryFeature } from './handlers/registry';
import { ShellCheckFeature } from './shellcheck/editor';

// the shell parser's WASM compiles while the client and server shake hands; the first lint waits for it
const shellReady = loadShellParser();
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
// a file the host refused to read (a FIFO named .dockerignore …): said once
const refusedFiles = new Set<string>();
const host = new Host((message) => { if (!refusedFiles.has(message)) { refusedFiles.add(message); void connection.window.showWarningMessage(`Seaworthy: ${message}`); } });
const settings = new SettingsCache(connection);
const failedRules = new Set<string>();
const reportedConfigs = new Set<string>();
const analyses = new AnalysisCache(host, (uri) => settings.get(uri), (id, error) => {
  if (failedRules.has(id)) return; // once per rule: a broken rule must not flood the log
  failedRules.add(id);
  connection.console.error(`Seaworthy rule ${id} failed and was skipped: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
}, (config) => {
  if (reportedConfigs.has(config.path)) return;
  reportedConfigs.add(config.path);
  reportConfig(connection, config);
});
let features: ClientFeatures = { configurationPull: false, debounceMs: undefined, workspaceFolders: [], workspaceFoldersChange: false, trusted: true };
const registry = new RegistryFeature(connection, () => features.configurationPull, true);
analyses.registry = registry.facts;
analyses.ready = shellReady;
shellReady.catch((e: unknown) => connection.console.error(`Seaworthy cannot parse shell commands, so it does not lint: ${e instanceof Error ? e.message : String(e)}`));
const shellcheck = new ShellCheckFeature(connection, () => features.configurationPull, true);
analyses.shellcheck = shellcheck.facts;
// digest drift and ShellCheck are asked after the diagnostics are out, and only add to them (when they answer: relint)
const afterPublish = (a: Analysis, relint: () => void) => {
  if (!a.enabled) return;
  void registry.checkDrift(a, relint);
  void shellcheck.check(a, relint);
};
const workspaceLint = new WorkspaceLinter(connection, documents, analyses, () => features.workspaceFolders, afterPublish);
const publishSoon = perDocumentDebounce<TextDocument>((doc) => features.debounceMs ?? adaptiveWait(analyses.lastCost(doc.uri)), async (doc) => {
  const a = await analyses.current(documents.get(doc.uri));
  publish(connection, a);
  if (a) afterPublish(a, () => { analyses.drop(doc.uri); const now = documents.get(doc.uri); if (now) publishSoon(now); });
});
const current = (uri: string) => analyses.current(documents.get(uri));
const relintAll = () => documents.all().forEach(publishSoon);

// after `shutdown` the spec wants every request answered with InvalidRequest, and nothing more published
let shutDown = false;
connection.onShutdown(() => { shutDown = true; });
const live = <P, R>(handler: (p: P) => R) => (p: P): R | ResponseError<void> =>
  shutDown ? new ResponseError(ErrorCodes.InvalidRequest, 'Seaworthy is shutting down') : handler(p);

connection.onInitialize((p) => {
  const init = initialize(p);
  features = init.features;
  settings.supportsPull = features.configurationPull;
  registry.trusted = features.trusted;
  shellcheck.trusted = features.trusted;
  return init.result;
});
connection.onInitialized(() => {
  if (!features.workspaceFoldersChange) return;
  connection.workspace.onDidChangeWorkspaceFolders((e) => {
    const removed = new Set(e.removed.map((f) => f.uri));
    features.workspaceFolders = [...features.workspaceFolders.filter((f) => !removed.has(f)), ...e.added.map((f) => f.uri)];
  });
});
connection.onDidChangeConfiguration(() => { settings.clear(); registry.reset(); shellcheck.reset(); analyses.clear(); relintAll(); });
connection.onNotification(TRUST_GRANTED_NOTIFICATION, () => { registry.trusted = true; shellcheck.trusted = true; shellcheck.reset(); analyses.clear(); relintAll(); });
connection.onDidChangeWatchedFiles((p) => {
  for (const c of p.changes) if (c.uri.startsWith('file:')) host.forgetFolder(dirname(fileURLToPath(c.uri)));
  host.forgetConfigs(); reportedConfigs.clear(); forgetConfigReports(connection); analyses.clear(); relintAll();
  for (const c of p.changes) void workspaceLint.changed(c.uri, c.type === 3 /* Deleted */);
});
documents.onDidChangeContent(({ document }) => { if (!shutDown) publishSoon(document); });
documents.onDidClose(({ document }) => {
  publishSoon.cancel(document.uri); analyses.forget(document.uri); settings.drop(document.uri);
  // a file Lint Workspace covers keeps its findings, read again from disk; any other is cleared
  if (workspaceLint.isTracked(document.uri)) setImmediate(() => void workspaceLint.lintFile(document.uri));
  else void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
});
connection.onHover(live(async (p) => {
  const a = await current(p.textDocument.uri);
  const image = a && (await registry.hover(a, p.position));
  const cards = hover(a, p.position);
  if (!image) return cards;
  const text = cards && typeof cards.contents === 'object' && 'value' in cards.contents ? `${image}\n\n---\n\n${cards.contents.value}` : image;
  return { contents: { kind: 'markdown', value: text } };
}));
connection.onCodeAction(live(async (p) => codeActions(await current(p.textDocument.uri), p)));
connection.onExecuteCommand(live((p) => (p.command === Commands.lintWorkspace ? workspaceLint.lintAll() : executeCommand(p, { documents, analyses, connection, registry }))));
connection.onRequest(CHECKLIST_REQUEST, live(async (p: { uri: string }) => { const a = await current(p.uri); return a ? checklist(a.model, a.findings, a.activeRules) : []; }));

process.on('unhandledRejection', (e) => connection.console.error(`Seaworthy: unhandled rejection: ${String(e)}`));
documents.listen(connection);
connection.listen();
