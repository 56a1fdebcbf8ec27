// What the CLI prints to a terminal or a CI log comes partly from the files it reads: a Dockerfile's text, a file
// name, a registry's answer. Control characters in them would reach the terminal (ESC ] 52 sets the clipboard,
// ESC [ 2J clears the screen, a bare CR or LF forges a line), so every printer passes such text through here.

// C0 controls (tab and line breaks included: one value is one line), DEL, C1 controls, and the bidirectional
// overrides and isolates that make text read differently from how it runs
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const escape = (c: string): string => {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/** Text with its control characters shown as escapes (`\x1b`, `\x0a`, `\u202e`): safe to print, still readable. */
export const printable = (text: string): string => text.replace(UNPRINTABLE, escape);

/**
 * JSON (or SARIF) text with the characters JSON.stringify leaves as they are (DEL, C1 controls, bidirectional
 * controls) written as \u escapes: the same data, safe to print.
 */
export const printableJson = (json: string): string =>
  json.replace(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** One line of output (standard output), made printable. */
export const printLine = (line: string): void => {
  process.stdout.write(`${printable(line)}\n`);
};

/** One line of diagnostics (standard error), made printable. */
export const printError = (line: string): void => {
  process.stderr.write(`${printable(line)}\n`);
};

/**
 * The text on one line: each line break, with the blanks around it, becomes one space. Split, not replaced by
 * `\s*[\r\n]+\s*`, which is tried from every blank of a long run of blanks to its end.
 */
export function oneLine(text: string): string {
  const parts = text.split(/[\r\n]+/);
  return parts
    .map((part, i) => (i > 0 ? part.trimStart() : part))
    .map((part, i) => (i < parts.length - 1 ? part.trimEnd() : part))
    .join(' ');
}
