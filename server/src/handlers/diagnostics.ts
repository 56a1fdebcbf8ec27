// Findings -> LSP diagnostics.
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { DiagnosticSeverity, DiagnosticTag, type Connection, type Diagnostic } from 'vscode-languageserver/node';
import { SOURCE } from '../../../shared/src/commands';
import type { Finding, Rule, Severity } from '../engine/rule';
import type { Analysis } from '../analysis';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const docsUris = new Map<string, string>();

/** The rule's documentation page shipped with the extension (docs/rules/<id>.md beside dist/); built once per rule. */
function ruleDocsUri(id: string): string {
  let uri = docsUris.get(id);
  if (uri === undefined) docsUris.set(id, (uri = pathToFileURL(join(__dirname, '..', 'docs', 'rules', `${id}.md`)).toString()));
  return uri;
}

/**
 * The command a client runs to show a rule's page rendered and read-only (initializationOptions.rulePageCommand; the
 * VS Code client's `seaworthy.showRule`). Without one, links point at the Markdown file shipped beside the server.
 */
let rulePageCommand: string | undefined;
export function useRulePageCommand(command: string | undefined): void {
  rulePageCommand = command;
}

/** Where a rule's documentation opens: an external tool's own page, the client's rendered page, or the shipped file. */
export function ruleLink(rule: Rule): string {
  if (rule.docs.url) return rule.docs.url;
  return rulePageCommand ? `command:${rulePageCommand}?${encodeURIComponent(JSON.stringify([rule.id]))}` : ruleDocsUri(rule.id);
}

/**
 * Diagnostic messages are plain text (the Problems panel and most editors show them verbatim): a `code` span of the
 * rule's message becomes “code”. Hovers, which render Markdown, keep the backticks. A span opens with a run of
 * backticks and closes at the next run of the same length, as in Markdown; found in one pass over the runs (a lazy
 * pattern looked from every backtick to the end of a message quoting a word of backticks).
 */
export function plainText(message: string): string {
  const runs: { start: number; end: number }[] = [];
  for (let i = message.indexOf('`'); i >= 0; i = message.indexOf('`', i)) {
    let j = i;
    while (message[j] === '`') j++;
    runs.push({ start: i, end: j });
    i = j;
  }
  // the runs of each length still ahead, in order
  const ahead = new Map<number, number[]>();
  runs.forEach((r, k) => {
    const list = ahead.get(r.end - r.start) ?? [];
    list.push(k);
    ahead.set(r.end - r.start, list);
  });
  const used = new Map<number, number>();
  let out = '';
  let at = 0;
  for (let k = 0; k < runs.length; k++) {
    const open = runs[k];
    if (open.start < at) continue;
    const length = open.end - open.start;
    const list = ahead.get(length)!;
    let next = used.get(length) ?? 0;
    while (next < list.length && list[next] <= k) next++;
    used.set(length, next);
    const close = next < list.length ? runs[list[next]] : undefined;
    if (!close || close.start === open.end) continue;
    const code = message.slice(open.end, close.start);
    out += `${message.slice(at, open.start)}“${code.trim() || code}”`;
    at = close.end;
  }
  return out + message.slice(at);
}

function toDiagnostic(f: Finding): Diagnostic {
  return {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.rule.id,
    codeDescription: { href: ruleLink(f.rule) },
    source: SOURCE,
    message: plainText(f.message),
    tags: f.tags.map((t) => (t === 'unnecessary' ? DiagnosticTag.Unnecessary : DiagnosticTag.Deprecated)),
  };
}

/** Per line, the more severe first: editors that list a line's diagnostics in the order given show the worst on top. */
const bySeverityWithinLine = (a: Finding, b: Finding) =>
  a.range.start.line - b.range.start.line || SEVERITY[a.severity] - SEVERITY[b.severity] || a.range.start.character - b.range.start.character;

export async function publish(connection: Connection, analysis: Analysis | undefined): Promise<void> {
  if (!analysis) return;
  const diagnostics = [...analysis.findings].sort(bySeverityWithinLine).map(toDiagnostic);
  await connection.sendDiagnostics({ uri: analysis.uri, version: analysis.version, diagnostics });
}
