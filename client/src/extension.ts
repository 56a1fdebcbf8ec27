// The whole client: start the server, forward the palette's commands with the active document. Owns nothing else.
import { window, workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const run = { module: context.asAbsolutePath('dist/server.js'), transport: TransportKind.ipc };
  const serverOptions: ServerOptions = { run, debug: { ...run, options: { execArgv: ['--nolazy', '--inspect=6010'] } } };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'dockerfile' }],
    synchronize: { configurationSection: 'seaworthy', fileEvents: workspace.createFileSystemWatcher('**/{.dockerignore,*.dockerignore,.seaworthy.yaml,.seaworthy.yml,.hadolint.yaml,.hadolint.yml}') },
    middleware: {
      // server commands run from the palette carry no arguments: pass the active document
      executeCommand: (command, args, next) => next(command, args.length > 0 ? args : [window.activeTextEditor?.document.uri.toString()]),
    },
  };
  client = new LanguageClient('seaworthy', 'Seaworthy', serverOptions, clientOptions);
  await client.start();
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
