// Text and attribute values for the XML reports: control characters (most are not even allowed in XML) shown as
// escapes, as everything the CLI prints (printable.ts), then the markup characters escaped.
import { printable } from '../printable';

export const escapeXml = (s: string): string =>
  printable(s)
    .replace(/[<>&"']/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]};`)
    .replace(/[\ufffe\uffff]/g, '');
