// A real JSON-RPC client for the bundled server, spawned over stdio: what Neovim, Helix or VS Code would be.
import { spawn, type ChildProcess } from 'node:child_process';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { SERVER } from './paths';

export interface LspClient {
  connection: MessageConnection;
  child: ChildProcess;
  /** the settings the server pulls (workspace/configuration), per section */
  settings: Record<string, unknown>;
  /** settings of folders (multi-root workspaces): a request whose scopeUri lies in `folder` gets these instead */
  folderSettings: { folder: string; settings: Record<string, unknown> }[];
  /** edits the server asked the client to apply (workspace/applyEdit) */
  appliedEdits: WorkspaceEdit[];
  /** messages the server showed (window/showMessage and showMessageRequest) */
  messages: string[];
  /** lines the server wrote to the client's log (window/logMessage) */
  logs: string[];
  /** documents the server asked the client to show (window/showDocument) */
  shownDocuments: string[];
  /** the title of the action a user picks when the server asks (showMessageRequest); undefined dismisses it */
  answer: string | undefined;
  open(uri: string, text: string, version?: number): Promise<Diagnostic[]>;
  /** resolves with the next diagnostics published for uri that satisfy `until` */
  diagnostics(uri: string, until?: (d: PublishDiagnosticsParams) => boolean, ms?: number): Promise<PublishDiagnosticsParams>;
  close(): Promise<void>;
}

export async function startServer(
  initializationOptions: Record<string, unknown> = { debounceMs: 0 },
  workspaceFolders: string[] = [],
  env: NodeJS.ProcessEnv = process.env,
  cwd?: string,
  textDocumentCapabilities: Record<string, unknown> = {},
): Promise<LspClient> {
  // cwd: the folder the editor starts the server in (Neovim and Helix: the project's)
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env, cwd });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published: PublishDiagnosticsParams[] = [];
  const waiters: { uri: string; until: (d: PublishDiagnosticsParams) => boolean; resolve: (d: PublishDiagnosticsParams) => void }[] = [];
  const client: LspClient = {
    connection,
    child,
    settings: { seaworthy: { enable: true, rules: {}, network: false } },
    folderSettings: [],
    appliedEdits: [],
    messages: [],
    logs: [],
    shownDocuments: [],
    answer: undefined,
    async open(uri, text, version = 1) {
      const got = client.diagnostics(uri);
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version, text } });
      return (await got).diagnostics;
    },
    diagnostics(uri, until = () => true, ms = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${ms} ms`)), ms);
        waiters.push({
          uri,
          until,
          resolve: (d) => {
            clearTimeout(timer);
            resolve(d);
          },
        });
      });
    },
    async close() {
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } catch {
        // already gone
      }
      connection.dispose();
      child.kill();
    },
  };
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.push(p);
    const i = waiters.findIndex((w) => w.uri === p.uri && w.until(p));
    if (i >= 0) waiters.splice(i, 1)[0].resolve(p);
  });
  connection.onRequest('workspace/configuration', (p: { items: { section?: string; scopeUri?: string }[] }) =>
    p.items.map((item) => {
      const folder = client.folderSettings.find((f) => item.scopeUri?.startsWith(`${f.folder.replace(/\/$/, '')}/`));
      return (folder?.settings ?? client.settings)[item.section ?? ''] ?? null;
    }),
  );
  connection.onRequest('workspace/applyEdit', (p: { edit: WorkspaceEdit }) => {
    client.appliedEdits.push(p.edit);
    return { applied: true };
  });
  connection.onRequest('window/showMessageRequest', (p: { message: string; actions?: { title: string }[] }) => {
    client.messages.push(p.message);
    return p.actions?.find((a) => a.title === client.answer) ?? null;
  });
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('window/showDocument', (p: { uri: string }) => {
    client.shownDocuments.push(p.uri);
    return { success: true };
  });
  connection.onNotification('window/showMessage', (p: { message: string }) => {
    client.messages.push(p.message);
  });
  connection.onNotification('window/logMessage', (p: { message: string }) => {
    client.logs.push(p.message);
  });
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: workspaceFolders[0] ?? null,
    workspaceFolders: workspaceFolders.map((uri, i) => ({ uri, name: `folder${i}` })),
    clientInfo: { name: 'seaworthy-test-client', version: '1' },
    capabilities: {
      textDocument: textDocumentCapabilities,
      window: { workDoneProgress: true, showDocument: { support: true } },
      workspace: { configuration: true, applyEdit: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
    },
    initializationOptions,
  });
  await connection.sendNotification('initialized', {});
  return client;
}
