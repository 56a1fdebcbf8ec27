// "Seaworthy: Lint Workspace": every Dockerfile of the workspace folders into the Problems panel, kept current as the
// files change on disk; open documents are the editor's business and are skipped here.
import { relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CancellationToken, Connection, TextDocuments, WorkDoneProgressReporter } from 'vscode-languageserver/node';
import type { LintWorkspaceSummary } from '../../../shared/src/commands';
import type { SeverityName } from '../../../shared/src/settings';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { globMatcher } from '../engine/glob';
import { discover } from '../discover';
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
    /**
     * what the editor does after publishing an open document (ShellCheck, digest drift): the same for files from disk;
     * settles when ShellCheck has answered (drift is not waited for: a registry may take its full timeout)
     */
    private readonly afterPublish: (a: Analysis, relint: () => void) => Promise<void> | void = () => undefined,
    /** the client shows the summary itself (initializationOptions.clientShowsResults) */
    private readonly clientShowsResults: () => boolean = () => false,
  ) {}

  /**
   * Lints every Dockerfile of the workspace folders, reporting "N/M file" to `progress` and stopping when `token` (or
   * the progress, if the user cancels it there) is cancelled. Open documents are counted as the editor linted them.
   */
  async lintAll(progress: WorkDoneProgressReporter, token: CancellationToken): Promise<LintWorkspaceSummary> {
    const counts: Record<SeverityName, number> = { error: 0, warning: 0, information: 0, hint: 0 };
    const summary = (files: number, found: number, cancelled: boolean, message?: string): LintWorkspaceSummary => ({
      files,
      found,
      counts,
      cancelled,
      message: message ?? summaryMessage(files, found, counts, cancelled),
    });
    const folders = this.folders()
      .filter((f) => f.startsWith('file:'))
      .map((f) => fileURLToPath(f));
    if (folders.length === 0) {
      const message = 'Open a folder to lint its Dockerfiles.';
      if (!this.clientShowsResults()) void this.connection.window.showInformationMessage(`Seaworthy: ${message}`);
      return summary(0, 0, false, message);
    }
    const cancelled = () => token.isCancellationRequested || (progress as { token?: CancellationToken }).token?.isCancellationRequested === true;
    progress.begin('Seaworthy: Lint Workspace', 0, 'finding Dockerfiles…', true);
    const started = performance.now();
    let done = 0;
    let files: string[] = [];
    /** each file's analysis once ShellCheck has answered: what the Problems panel ends up showing */
    const finals: Promise<Analysis | undefined>[] = [];
    try {
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
      files = [...new Set(files)];
      for (const file of files) {
        // let requests in between files: a hover stays quick, and a cancellation is seen
        await new Promise((resolve) => setImmediate(resolve));
        if (cancelled()) break;
        const uri = pathToFileURL(file).toString();
        const open = this.documents.get(uri);
        // the file is published before the next one starts; ShellCheck's answers are awaited together at the end
        finals.push(open ? this.analyses.current(open) : Promise.resolve((await this.lintFromDisk(uri))?.final));
        done++;
        progress.report(Math.round((done / files.length) * 100), `${done}/${files.length} ${relative(folders[0], file)}`);
      }
      if (done > 0) progress.report(100, `${done}/${files.length} linted; waiting for ShellCheck…`);
      for (const a of await Promise.all(finals)) for (const f of a?.findings ?? []) counts[f.severity]++;
    } finally {
      progress.done();
    }
    const result = summary(done, files.length, done < files.length);
    this.connection.console.info(`Lint Workspace: ${result.message} (${Math.round(performance.now() - started)} ms)`);
    if (!this.clientShowsResults()) void this.connection.window.showInformationMessage(`Seaworthy: ${result.message}`);
    return result;
  }

  /**
   * Watched files changed on disk: a file Lint Workspace put in the Problems panel is linted again (or cleared when
   * deleted). Any other file (a compose, Bake or workflow file, a .dockerignore, the team's config) may change the
   * findings of every such file (its context, target, args, ignore file), so they are all linted again.
   */
  async changed(changes: readonly { readonly uri: string; readonly deleted: boolean }[]): Promise<void> {
    const deleted = new Set(changes.filter((c) => c.deleted).map((c) => c.uri));
    const others = changes.some((c) => !this.tracked.has(c.uri));
    for (const uri of new Set(others ? [...this.tracked] : changes.map((c) => c.uri))) {
      if (!this.tracked.has(uri) || this.documents.get(uri)) continue;
      if (deleted.has(uri)) {
        this.tracked.delete(uri);
        await this.connection.sendDiagnostics({ uri, diagnostics: [] });
      } else await this.lintFile(uri);
    }
  }

  /** A document was closed: if the workspace lint covers it, show its findings from disk again instead of none. */
  isTracked(uri: string): boolean {
    return this.tracked.has(uri);
  }

  /** Lints a file from disk into the Problems panel (unless it is open: the editor's business). */
  async lintFile(uri: string): Promise<void> {
    await this.lintFromDisk(uri);
  }

  /**
   * The file's analysis as published, and (`final`) the one published after ShellCheck answered, which is what the
   * Problems panel ends up showing; undefined for an open or unreadable file.
   */
  private async lintFromDisk(uri: string): Promise<{ analysis: Analysis; final: Promise<Analysis> } | undefined> {
    if (this.documents.get(uri)) return undefined;
    let text: string;
    try {
      // a regular file of a sane size only: a FIFO or a device named Dockerfile is not waited on
      text = readRegularText(fileURLToPath(uri), maxTextBytes(16 * DEFAULT_MAX_LENGTH));
    } catch {
      return undefined;
    }
    this.tracked.add(uri);
    const analysis = await this.analyses.detached(uri, text);
    await publish(this.connection, analysis);
    let again: Promise<{ analysis: Analysis } | undefined> | undefined;
    const settled = this.afterPublish(analysis, () => {
      again = this.lintFromDisk(uri);
    });
    const final = Promise.resolve(settled).then(async () => (again ? ((await again)?.analysis ?? analysis) : analysis));
    return { analysis, final };
  }

  /** VS Code's files.exclude for the folder, as a matcher of folder-relative paths. */
  private async excludes(folder: string): Promise<(path: string) => boolean> {
    let globs: string[] = [];
    try {
      const setting = (await this.connection.workspace.getConfiguration({ scopeUri: pathToFileURL(folder).toString(), section: 'files.exclude' })) as Record<
        string,
        boolean
      > | null;
      globs = Object.entries(setting ?? {})
        .filter(([, on]) => on === true)
        .map(([glob]) => glob);
    } catch {
      // a client without workspace/configuration
    }
    const isMatch = globMatcher(globs);
    return (path) => {
      const parts = path.split(/[\\/]/);
      return parts.some((_, i) => isMatch(parts.slice(0, i + 1).join('/')));
    };
  }
}

const LEVEL_NAMES: readonly [SeverityName, string, string][] = [
  ['error', 'error', 'errors'],
  ['warning', 'warning', 'warnings'],
  ['information', 'information', 'information'],
  ['hint', 'hint', 'hints'],
];

/** "Linted 42 Dockerfiles: 17 warnings, 31 information", or where a cancelled run stopped. */
function summaryMessage(files: number, found: number, counts: Readonly<Record<SeverityName, number>>, cancelled: boolean): string {
  if (found === 0) return 'No Dockerfile in the workspace.';
  const problems = LEVEL_NAMES.filter(([k]) => counts[k] > 0).map(([k, one, many]) => `${counts[k]} ${counts[k] === 1 ? one : many}`);
  const what = problems.length ? problems.join(', ') : 'no problems';
  const linted = `${files} Dockerfile${files === 1 ? '' : 's'}`;
  return cancelled ? `Lint Workspace stopped after ${linted} of ${found}: ${what} so far.` : `Linted ${linted}: ${what}.`;
}
