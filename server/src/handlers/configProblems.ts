// A team config file's problems, shown once per read: a notification, and diagnostics on the config file itself
// (where the editor puts a squiggle under the broken key). An error means the file was not applied: the Dockerfiles
// are linted with the defaults until it is fixed.
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Connection, type Diagnostic } from 'vscode-languageserver/node';
import { configErrors, describeProblem, type ConfigFile } from '../config/configFile';

/** config files whose diagnostics are published: cleared when config files change, published again if still wrong */
const published = new Set<string>();

export function reportConfig(connection: Connection, config: ConfigFile): void {
  if (config.problems.length === 0) return;
  const uri = pathToFileURL(config.path).href;
  const diagnostics: Diagnostic[] = config.problems.map((p) => ({
    range: { start: { line: p.line, character: p.character }, end: { line: p.line, character: p.character + 1 } },
    severity: p.level === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: 'seaworthy',
    message: p.message,
  }));
  published.add(uri);
  void connection.sendDiagnostics({ uri, diagnostics });
  const errors = configErrors(config);
  if (errors.length) {
    void connection.window.showErrorMessage(
      `Seaworthy: ${describeProblem(config, errors[0])}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}. The file was not applied: Dockerfiles are linted with the default rules until it is fixed.`,
    );
  } else {
    void connection.window.showWarningMessage(`Seaworthy: ${config.problems.map((p) => describeProblem(config, p)).join('; ')}`);
  }
}

/** Config files changed on disk: clear what was published; the next lint reads them again and reports what is still wrong. */
export function forgetConfigReports(connection: Connection): void {
  for (const uri of published) void connection.sendDiagnostics({ uri, diagnostics: [] });
  published.clear();
}
