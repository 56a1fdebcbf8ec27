// docker-bake.hcl read through tree-sitter's HCL grammar (@tree-sitter-grammars/tree-sitter-hcl): blocks, attributes
// and expressions become Bake's data (bake.ts evaluates it). The grammar's WASM is loaded by the host, on the first
// Bake HCL file it meets, into the tree-sitter runtime the shell parser already started.
import { Language, Parser, type Node } from 'web-tree-sitter';
import { positionAt } from './build';
import { MAX_BAKE_DEPTH, type BakeFile, type BakeParse, type Expr } from './bake';

let parser: Parser | undefined;

/** Loads the HCL grammar; the tree-sitter runtime must be initialised already (initShellParser). */
export async function initHclParser(wasm: Uint8Array): Promise<void> {
  if (parser) return;
  const hcl = await Language.load(wasm);
  const p = new Parser();
  p.setLanguage(hcl);
  parser = p;
}

export const hclParserReady = (): boolean => parser !== undefined;

/** The tree-sitter runtime was started afresh (reloadShellParser): the grammar loaded into the old one is gone. */
export function forgetHclParser(): void {
  parser = undefined;
}

const UNKNOWN: Expr = { kind: 'unknown' };

/** A docker-bake.hcl file's variables, targets and groups; a syntax error is one problem at its place. */
export function parseBakeHcl(text: string, file: string): BakeParse {
  if (!parser) throw new Error('HCL parser used before initHclParser() finished');
  const tree = parser.parse(text);
  if (!tree) return { problem: { file, message: 'not read: the HCL parser gave up', line: 0, character: 0 } };
  try {
    const root = tree.rootNode;
    if (root.hasError) {
      const bad = firstError(root) ?? root;
      const near = text.slice(bad.startIndex, bad.endIndex).split('\n')[0].slice(0, 40).trim();
      const what = bad.isMissing ? `\`${bad.type}\` missing` : near ? `unexpected \`${near}\`` : 'unexpected end of file';
      return { problem: { file, message: `not valid HCL: ${what}`, ...positionAt(text, bad.startIndex) } };
    }
    const variables = new Map<string, Expr | undefined>();
    const targets: { name: string; attributes: Map<string, Expr> }[] = [];
    const groups: { name: string; attributes: Map<string, Expr> }[] = [];
    const body = root.namedChildren.find((c) => c?.type === 'body');
    for (const block of body?.namedChildren ?? []) {
      if (block?.type !== 'block') continue;
      const kind = block.namedChildren.find((c) => c?.type === 'identifier')?.text;
      const label = block.namedChildren.find((c) => c?.type === 'string_lit' || (c?.type === 'identifier' && c !== block.namedChildren[0]));
      const name = label?.type === 'string_lit' ? stringLiteral(label) : label?.text;
      if (!kind || name === undefined) continue;
      const attributes = new Map<string, Expr>();
      for (const attr of block.namedChildren.find((c) => c?.type === 'body')?.namedChildren ?? []) {
        if (attr?.type !== 'attribute') continue;
        const key = attr.namedChildren.find((c) => c?.type === 'identifier')?.text;
        const value = attr.namedChildren.find((c) => c?.type === 'expression');
        if (key && value) attributes.set(key, expression(value));
      }
      if (kind === 'variable') variables.set(name, attributes.get('default'));
      else if (kind === 'target') targets.push({ name, attributes });
      else if (kind === 'group') groups.push({ name, attributes });
    }
    const bake: BakeFile = { file, variables, targets, groups };
    return { bake };
  } finally {
    tree.delete();
  }
}

/** The first ERROR or MISSING node, in document order; a loop, not recursion (the tree may nest thousands deep). */
function firstError(root: Node): Node | undefined {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.isError || node.isMissing) return node;
    const children = node.children.filter((c): c is Node => c !== null && (c.hasError || c.isMissing));
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return undefined;
}

const named = (node: Node): Node[] => node.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');

function expression(node: Node, depth = 0): Expr {
  if (depth >= MAX_BAKE_DEPTH) return UNKNOWN; // nested deeper than any Bake file needs: not evaluated
  const parts = named(node);
  if (parts.length !== 1) return UNKNOWN; // a value with a postfix: attribute access, index, splat
  const [inner] = parts;
  switch (inner.type) {
    case 'expression':
      return expression(inner, depth + 1); // ( … )
    case 'literal_value':
      return literal(named(inner)[0]);
    case 'variable_expr':
      return { kind: 'variable', name: inner.text };
    case 'template_expr': {
      const t = named(inner)[0];
      return t?.type === 'quoted_template' ? template(t, depth + 1) : UNKNOWN; // heredocs are not evaluated
    }
    case 'collection_value': {
      const c = named(inner)[0];
      if (c?.type === 'tuple')
        return {
          kind: 'list',
          items: named(c)
            .filter((x) => x.type === 'expression')
            .map((x) => expression(x, depth + 1)),
        };
      if (c?.type === 'object') {
        const entries = named(c)
          .filter((x) => x.type === 'object_elem')
          .map((e) => {
            const key = e.childForFieldName('key');
            const val = e.childForFieldName('val');
            return [key ? expression(key, depth + 1) : UNKNOWN, val ? expression(val, depth + 1) : UNKNOWN] as const;
          });
        return { kind: 'map', entries };
      }
      return UNKNOWN;
    }
    default:
      return UNKNOWN; // function calls, conditionals, operations, for expressions
  }
}

function literal(node: Node | undefined): Expr {
  switch (node?.type) {
    case 'string_lit':
      return { kind: 'literal', value: stringLiteral(node) };
    case 'numeric_lit':
      return { kind: 'literal', value: Number(node.text) };
    case 'bool_lit':
      return { kind: 'literal', value: node.text === 'true' };
    case 'null_lit':
      return { kind: 'literal', value: null };
    default:
      return UNKNOWN;
  }
}

function template(node: Node, depth: number): Expr {
  const parts: (string | Expr)[] = [];
  for (const part of named(node)) {
    if (part.type === 'template_literal') parts.push(unescape(part.text));
    else if (part.type === 'template_interpolation') {
      const e = named(part).find((x) => x.type === 'expression');
      parts.push(e ? expression(e, depth + 1) : UNKNOWN);
    } else if (part.type === 'template_directive') return UNKNOWN;
  }
  return { kind: 'template', parts };
}

const stringLiteral = (node: Node): string =>
  named(node)
    .filter((x) => x.type === 'template_literal')
    .map((x) => unescape(x.text))
    .join('');

/** HCL's escapes in a quoted string: \n \r \t \" \\ \uNNNN \UNNNNNNNN, and $${ / %%{ for a literal ${ / %{. */
function unescape(s: string): string {
  return s.replace(/\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|(.))|([$%])\4\{/g, (m, u4: string, u8: string, c: string, d: string) => {
    if (d) return `${d}{`;
    if (u4 || u8) {
      const code = parseInt(u4 ?? u8, 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : c;
  });
}
