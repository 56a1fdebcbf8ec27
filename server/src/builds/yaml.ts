// YAML build files (compose, GitHub workflows) read into plain data: numbers keep the text they were written with
// (`PYTHON_VERSION: 3.10` is "3.10", not 3.1), merge keys (`<<: *defaults`) apply, and a file that is not valid YAML is
// one problem at its place.
import { isScalar, parseDocument, visit, type YAMLMap } from 'yaml';
import { positionAt, type BuildFileProblem } from './build';

export type YamlRead = { readonly data: unknown; readonly problem?: undefined } | { readonly data?: undefined; readonly problem: BuildFileProblem };

export function readYaml(text: string, file: string): YamlRead {
  let doc;
  try {
    // keys are checked unique below, in one pass: the library's own check compares each key with every other one
    doc = parseDocument(text, { merge: true, uniqueKeys: false });
  } catch (e) {
    return { problem: { file, message: `not valid YAML (${(e as Error).message.split('\n')[0]})`, line: 0, character: 0 } };
  }
  if (doc.errors.length) {
    const e = doc.errors[0];
    const at = e.linePos?.[0];
    // the library's message ends with its own " at line L, column C:" and a code frame; the place is ours to give
    const reason = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    return { problem: { file, message: `not valid YAML: ${reason}`, line: at ? at.line - 1 : 0, character: at ? at.col - 1 : 0 } };
  }
  let duplicate: { key: string; offset: number } | undefined;
  visit(doc, {
    Map(_, node: YAMLMap) {
      const seen = new Set<string>();
      for (const item of node.items) {
        if (!isScalar(item.key) || item.key.value === '<<') continue;
        const key = String(item.key.value);
        if (seen.has(key)) {
          duplicate = { key, offset: item.key.range?.[0] ?? 0 };
          return visit.BREAK;
        }
        seen.add(key);
      }
      return undefined;
    },
    Scalar(_, node) {
      if (typeof node.value === 'number' && node.type === 'PLAIN' && typeof node.source === 'string') node.value = node.source;
    },
  });
  if (duplicate)
    return {
      problem: {
        file,
        message: `not valid YAML: the key \`${duplicate.key.slice(0, 40)}\` is given twice in one mapping`,
        ...positionAt(text, duplicate.offset),
      },
    };
  try {
    return { data: doc.toJS({ maxAliasCount: 100 }) ?? {} };
  } catch (e) {
    // an alias bomb, or a merge key that is not a mapping
    return { problem: { file, message: `not read: ${(e as Error).message.split('\n')[0]}`, line: 0, character: 0 } };
  }
}

export type YamlMap = Record<string, unknown>;
export const isMap = (v: unknown): v is YamlMap => typeof v === 'object' && v !== null && !Array.isArray(v);
export const own = (o: YamlMap, key: string): unknown => (Object.hasOwn(o, key) ? o[key] : undefined);
/** A scalar as text: strings as they are, numbers as written, booleans as true/false; null for anything else. */
export const scalarText = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null);

/** The place of the value at `path` in the text, for problems (the key's name for a mapping entry). */
export function placeOf(text: string, path: readonly (string | number)[]): { line: number; character: number } {
  const doc = parseDocument(text, { merge: true });
  const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
  const last = path[path.length - 1];
  const items = (parent as { items?: { key?: { value?: unknown; range?: number[] }; range?: number[] }[] } | null)?.items;
  const item = typeof last === 'number' ? items?.[last] : items?.find((i) => isScalar(i.key) && i.key.value === last);
  const range = (typeof last === 'number' ? item?.range : item?.key?.range) ?? (doc.getIn(path, true) as { range?: number[] } | undefined)?.range;
  return positionAt(text, range?.[0] ?? 0);
}
