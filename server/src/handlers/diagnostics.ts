// Findings -> LSP diagnostics.
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { DiagnosticSeverity, DiagnosticTag, type Connection, type Diagnostic } from 'vscode-languageserver/node';
import { SOURCE } from '../../../shared/src/commands';
import type { Finding, Severity } from '../engine/rule';
import type { Analysis } from '../analysis';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const docsUris = new Map<string, string>();

/** The rule's documentation page shipped with the extension (docs/rules/<id>.md beside dist/); built once per rule. */
export function ruleDocsUri(id: string): string {
  let uri = docsUris.get(id);
  if (uri === undefined) docsUris.set(id, (uri = pathToFileURL(join(__dirname, '..', 'docs', 'rules', `${id}.md`)).toString()));
  return uri;
}

export function toDiagnostic(f: Finding): Diagnostic {
  return {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.rule.id,
    codeDescription: { href: f.rule.docs.url ?? ruleDocsUri(f.rule.id) },
    source: SOURCE,
    message: f.message,
    tags: f.tags.map((t) => (t === 'unnecessary' ? DiagnosticTag.Unnecessary : DiagnosticTag.Deprecated)),
  };
}

export async function publish(connection: Connection, analysis: Analysis | undefined): Promise<void> {
  if (!analysis) return;
  await connection.sendDiagnostics({ uri: analysis.uri, version: analysis.version, diagnostics: analysis.findings.map(toDiagnostic) });
}
