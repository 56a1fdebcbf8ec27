// "Seaworthy: Lint Workspace": every Dockerfile of the workspace folders into the Problems panel, kept current as the
// files change on disk; open documents are the editor's business and are skipped here.
import { relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import picomatch from 'picomatch';
import { discover } from '../cli/discover';
import { DEFAULT_MAX_LENGTH } from '../engine/limits';
import { maxTextBytes, readRegularText } from '../host';
import type { Analysis, AnalysisCache } from '../analysis';
import { publish } from './diagnostics';

export class WorkspaceLinter {
  /** files linted from disk by the last Lint Workspace: kept current when they change */
  private readonly tracked = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly analyses: AnalysisCache,
    private readonly folders: () => readonly string[],
    /** what the editor does after publishing an open document (ShellCheck, digest drift): the same for files from disk */
    private readonly afterPublish: (a: Analysis, relint: () => void) => void = () => undefined,
  ) {}

  async lintAll(): Promise<number> {
    const folders = this.folders().filter((f) => f.startsWith('file:')).map((f) => fileURLToPath(f));
    if (folders.length === 0) {
      void this.connection.window.showInformationMessage('Seaworthy: open a folder to lint its Dockerfiles.');
      return 0;
    }
    const progress = await this.connection.window.createWorkDoneProgress();
    progress.begin('Seaworthy: linting the workspace', 0, 'finding Dockerfiles…', true);
    try {
      const files: string[] = [];
      for (const folder of folders) {
        const excluded = await this.excludes(folder);
        let found: string[] = [];
        try {
          found = discover([folder]);
        } catch {
          // a folder without Dockerfiles
        }
        files.push(...found.filter((f) => !excluded(relative(folder, f))));
      }
      let done = 0;
      for (const file of files) {
        if (progress.token.isCancellationRequested) break;
        await this.lintFile(pathToFileURL(file).toString());
        progress.report(Math.round((++done / files.length) * 100), `${done}/${files.length} ${relative(folders[0], file)}`);
      }
      return done;
    } finally {
      progress.done();
    }
  }

  /** A watched file changed on disk: re-lint it if Lint Workspace put it in the Problems panel. */
  async changed(uri: string, deleted: boolean): Promise<void> {
    if (!this.tracked.has(uri) || this.documents.get(uri)) return;
    if (deleted) {
      this.tracked.delete(uri);
      await this.connection.sendDiagnostics({ uri, diagnostics: [] });
    } else await this.lintFile(uri);
  }

  /** A document was closed: if the workspace lint covers it, show its findings from disk again instead of none. */
  isTracked(uri: string): boolean {
    return this.tracked.has(uri);
  }

  async lintFile(uri: string): Promise<void> {
    if (this.documents.get(uri)) return;
    let text: string;
    try {
      // a regular file of a sane size only: a FIFO or a device named Dockerfile is not waited on
      text = readRegularText(fileURLToPath(uri), maxTextBytes(16 * DEFAULT_MAX_LENGTH));
    } catch {
      return;
    }
    this.tracked.add(uri);
    const a = await this.analyses.detached(uri, text);
    await publish(this.connection, a);
    this.afterPublish(a, () => void this.lintFile(uri));
  }

  /** VS Code's files.exclude for the folder, as a matcher of folder-relative paths. */
  private async excludes(folder: string): Promise<(path: string) => boolean> {
    let globs: string[] = [];
    try {
      const setting = (await this.connection.workspace.getConfiguration({ scopeUri: pathToFileURL(folder).toString(), section: 'files.exclude' })) as Record<string, boolean> | null;
      globs = Object.entries(setting ?? {}).filter(([, on]) => on === true).map(([glob]) => glob);
    } catch {
      // a client without workspace/configuration
    }
    const isMatch = globs.length ? picomatch(globs, { dot: true }) : () => false;
    return (path) => {
      const parts = path.split(/[\\/]/);
      return parts.some((_, i) => isMatch(parts.slice(0, i + 1).join('/')));
    };
  }
}
