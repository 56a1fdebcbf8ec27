// The open documents' text, kept in step with the editor's incremental changes.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent, TextDocumentsConfiguration } from 'vscode-languageserver/node';

/**
 * TextDocument.update with whole line counts: vscode-languageserver-textdocument counts the lines of each change's
 * text on its own, so a CR typed before an LF (or an LF after a CR, or a deletion that brings the two together)
 * leaves it with one line too many, and the next change lands one line off: the server's text then differs from the
 * editor's, and so do its diagnostics and the ranges of its fixes. A text holding a CR has its lines counted afresh.
 */
export const syncedDocuments: TextDocumentsConfiguration<TextDocument> = {
  create: (uri: string, languageId: string, version: number, text: string) => TextDocument.create(uri, languageId, version, text),
  update(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
    const updated = TextDocument.update(document, changes, version);
    const text = updated.getText();
    return text.includes('\r') ? TextDocument.create(updated.uri, updated.languageId, version, text) : updated;
  },
};
