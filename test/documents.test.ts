// The server's copy of an open document follows the editor's changes exactly, line breaks of every kind included.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { syncedDocuments } from '../server/src/documents';
import { applyEdits, LineIndex } from '../server/src/engine/text';

test("a CR typed before an LF, then another change: the server holds the editor's text, line for line", () => {
  let doc = syncedDocuments.create('file:///x/Dockerfile', 'dockerfile', 1, 'FROM python:3.12\nWORKDIR /app\nCOPY . .\n');
  doc = syncedDocuments.update(doc, [{ range: { start: { line: 0, character: 16 }, end: { line: 0, character: 16 } }, text: '\r' }], 2);
  doc = syncedDocuments.update(doc, [{ range: { start: { line: 1, character: 12 }, end: { line: 1, character: 12 } }, text: ' ' }], 3);
  assert.equal(doc.getText(), 'FROM python:3.12\r\nWORKDIR /app \nCOPY . .\n');
  assert.equal(doc.lineCount, 4);
});

test('random changes with CR, LF and CRLF: the text equals the edits applied to the text', () => {
  const piece = fc.oneof(fc.constantFrom('\r', '\n', '\r\n', 'x', ' ', ''), fc.string({ maxLength: 4 }));
  fc.assert(
    fc.property(fc.array(fc.record({ at: fc.nat(), del: fc.nat({ max: 3 }), text: piece }), { minLength: 1, maxLength: 10 }), (steps) => {
      let text = 'FROM a\r\nRUN b\nCMD c\r';
      let doc = syncedDocuments.create('file:///x/Dockerfile', 'dockerfile', 1, text);
      let version = 1;
      for (const s of steps) {
        const index = new LineIndex(text);
        const start = s.at % (text.length + 1);
        const edit = { range: { start: index.positionAt(start), end: index.positionAt(Math.min(text.length, start + s.del)) }, newText: s.text };
        text = applyEdits(text, [edit]);
        doc = syncedDocuments.update(doc, [{ range: edit.range, text: edit.newText }], ++version);
        assert.equal(doc.getText(), text);
        assert.equal(doc.lineCount, new LineIndex(text).lineCount);
      }
    }),
    { numRuns: 300 },
  );
});
