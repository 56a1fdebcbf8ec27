// Code actions: each finding's fix, "Ignore <rule> for this line", and fix-all (source.fixAll.seaworthy).
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  CreateFile,
  TextDocumentEdit,
  type CodeAction,
  type CodeActionParams,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { CODE_ACTION_FIX_ALL_KIND, Commands, SOURCE } from '../../../shared/src/commands';
import { fixAllText } from '../engine/fix/fixAll';
import { instructionAt } from '../engine/lint';
import type { Finding, Fix } from '../engine/rule';
import { rangesIntersect, sameRange } from '../engine/text';
import type { Analysis } from '../analysis';

export function versionedEdit(a: Analysis, edits: readonly TextEdit[]): WorkspaceEdit {
  // versioned: VS Code refuses an edit computed for older text instead of misplacing it
  return { documentChanges: [TextDocumentEdit.create({ uri: a.uri, version: a.version }, [...edits])] };
}

export function fixEdit(a: Analysis, fix: Fix): WorkspaceEdit | undefined {
  if (!fix.createFile) return versionedEdit(a, fix.edits);
  const target = createdFileUri(a, fix);
  if (!target) return undefined;
  const at = fix.createFile.appendAt;
  if (at) {
    return {
      documentChanges: [
        TextDocumentEdit.create({ uri: target, version: null }, [{ range: { start: at, end: at }, newText: fix.createFile.text }]),
        ...(fix.edits.length ? [TextDocumentEdit.create({ uri: a.uri, version: a.version }, [...fix.edits])] : []),
      ],
    };
  }
  return {
    documentChanges: [
      CreateFile.create(target, { ignoreIfExists: true }),
      TextDocumentEdit.create({ uri: target, version: null }, [
        { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: fix.createFile.text },
      ]),
      ...(fix.edits.length ? [TextDocumentEdit.create({ uri: a.uri, version: a.version }, [...fix.edits])] : []),
    ],
  };
}

/** A fix's title as the menu shows it: an unsafe fix says it changes behaviour, inside the title's own parentheses if it has some. */
function actionTitle(fix: Fix): string {
  if (fix.safe) return fix.title;
  return fix.title.endsWith(')') ? `${fix.title.slice(0, -1)}; changes behaviour)` : `${fix.title} (changes behaviour)`;
}

/** The file a fix creates or adds to: opened after the edit, so the user sees (and saves, or undoes) what was written. */
function createdFileUri(a: Analysis, fix: Fix): string | undefined {
  if (!fix.createFile || !a.uri.startsWith('file:')) return undefined;
  return pathToFileURL(join(dirname(fileURLToPath(a.uri)), fix.createFile.relativePath)).toString();
}

export const FIX_ALL_TITLE = 'Fix all safe Seaworthy problems in this file';

/** `disabledSupport`: the client shows a declined fix greyed out with its reason (others are not sent what they cannot show) */
export function codeActions(a: Analysis | undefined, p: CodeActionParams, disabledSupport = false): CodeAction[] {
  if (!a) return [];
  const only = p.context.only;
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const actions: CodeAction[] = [];
  const here = a.findings.filter((f) => rangesIntersect(f.range, p.range));
  const diagnosticsOf = (f: Finding) => p.context.diagnostics.filter((d) => d.code === f.rule.id && sameRange(d.range, f.range));
  if (wants(CodeActionKind.QuickFix)) {
    for (const f of here) {
      const edit = f.fix && fixEdit(a, f.fix);
      if (f.fix && edit) {
        const created = createdFileUri(a, f.fix);
        const show = created ? { command: { title: 'Show the file', command: Commands.showFile, arguments: [created] } } : {};
        actions.push({ title: actionTitle(f.fix), kind: CodeActionKind.QuickFix, isPreferred: f.fix.safe, diagnostics: diagnosticsOf(f), edit, ...show });
      } else if (f.fixDeclined && disabledSupport) {
        // the fix the user came for, greyed out with why it is not offered (VS Code shows the reason when it is picked)
        actions.push({ title: f.fixDeclined.title, kind: CodeActionKind.QuickFix, diagnostics: diagnosticsOf(f), disabled: { reason: f.fixDeclined.reason } });
      }
    }
    // as ESLint does: the whole file's safe fixes, from the menu the user already has open
    if (here.length > 0 && a.findings.filter((f) => f.fix?.safe && !f.fix.createFile).length > 1) {
      const edit = fixAllEdit(a);
      if (edit)
        actions.push({
          title: FIX_ALL_TITLE,
          kind: CodeActionKind.QuickFix,
          diagnostics: p.context.diagnostics.filter((d) => d.source === SOURCE),
          edit: versionedEdit(a, [edit]),
        });
    }
    for (const f of here) {
      // the registry has not been asked yet: the action asks it (a command, not an edit)
      if (f.fixNeeds === 'registry' && !f.fix) {
        actions.push({
          title: 'Pin base image digest (asks the registry)',
          kind: CodeActionKind.QuickFix,
          diagnostics: diagnosticsOf(f),
          command: { title: 'Pin base image digest', command: Commands.pinDigest, arguments: [a.uri, f.range.start] },
        });
      }
    }
    const ignored = new Set<string>();
    for (const f of here) {
      if (ignored.has(f.rule.id)) continue;
      ignored.add(f.rule.id);
      const ignore = ignoreForLine(a, f);
      if (ignore)
        actions.push({
          title: `Ignore ${f.rule.id} for this line`,
          kind: CodeActionKind.QuickFix,
          diagnostics: diagnosticsOf(f),
          edit: versionedEdit(a, [ignore]),
        });
    }
  }
  if (wants(CODE_ACTION_FIX_ALL_KIND) && a.findings.some((f) => f.fix?.safe && !f.fix.createFile)) {
    const edit = fixAllEdit(a);
    if (edit) actions.push({ title: FIX_ALL_TITLE, kind: CODE_ACTION_FIX_ALL_KIND, edit: versionedEdit(a, [edit]) });
  }
  return actions;
}

/** All safe fixes, applied until none is left (fixes at the same spot land in later rounds), as one minimal edit. */
export function fixAllEdit(a: Analysis): TextEdit | undefined {
  return fixAllText(a.model.text, a.relint).edit;
}

/** Writes `# seaworthy-ignore <id>` above the instruction, or adds the id to such a comment already there. */
function ignoreForLine(a: Analysis, f: Finding): TextEdit | undefined {
  const ins = instructionAt(a.model, f.range.start.line);
  if (!ins) return undefined;
  const line = ins.range.start.line;
  const lines = a.model.lines;
  if (line > 0) {
    const above = lines.lineText(line - 1);
    // the head, then a check of the list: one pattern for both backtracked quadratically over a line of blanks
    const head = /^\s*#\s*seaworthy-ignore(?!-file)\s/i.exec(above);
    if (head && /^[\w\s,.-]*$/.test(above.slice(head[0].length))) {
      return {
        range: { start: { line: line - 1, character: above.trimEnd().length }, end: { line: line - 1, character: above.length } },
        newText: `,${f.rule.id}`,
      };
    }
  }
  const indent = /^[ \t]*/.exec(lines.lineText(line))![0];
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}# seaworthy-ignore ${f.rule.id}${a.model.eol}` };
}
