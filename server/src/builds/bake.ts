// Bake files (docker-bake.hcl, docker-bake.json and their .override): the targets that build a Dockerfile.
// The files of one folder are one project, read in Bake's order; targets and variables of the same name are merged,
// later over earlier (args, contexts and labels key by key), and `inherits` is followed the same way. Evaluated: literals, lists, maps,
// variables (their `default`; the environment is not read, so a variable without one is not known here), `${VAR}` in
// strings. Not evaluated (a value not known here, never text): functions, conditionals, operators, for expressions,
// attribute access (`target.base.context`), `%{ }` directives, heredocs, matrices. A target only inherited from, in
// no group and no other target's named context (`target:name`) is a template, not a build. Named `contexts` are read
// (a FROM naming one is built on it); a `cwd://` Dockerfile is from the Bake file's folder.
import { dirname } from 'node:path';
import { localPath, orDefault, type Build, type BuildFileProblem, type BuildFileRead, type Known } from './build';

/** The Bake file names of a folder, in the order Bake reads them. */
export const BAKE_FILES = ['docker-bake.json', 'docker-bake.hcl', 'docker-bake.override.json', 'docker-bake.override.hcl'];

/** An expression of a Bake file, as far as it is evaluated here. */
export type Expr =
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null }
  | { readonly kind: 'template'; readonly parts: readonly (string | Expr)[] }
  | { readonly kind: 'variable'; readonly name: string }
  | { readonly kind: 'list'; readonly items: readonly Expr[] }
  | { readonly kind: 'map'; readonly entries: readonly (readonly [Expr, Expr])[] }
  /** what is not evaluated (a function call …) */
  | { readonly kind: 'unknown' };

/** One file's blocks: variables with their default (undefined: none), targets and groups with their attributes. */
export interface BakeFile {
  readonly file: string;
  readonly variables: ReadonlyMap<string, Expr | undefined>;
  readonly targets: readonly { readonly name: string; readonly attributes: ReadonlyMap<string, Expr> }[];
  readonly groups: readonly { readonly name: string; readonly attributes: ReadonlyMap<string, Expr> }[];
}

export type BakeParse = { readonly bake: BakeFile } | { readonly problem: BuildFileProblem };

const UNKNOWN = Symbol('unknown');

/**
 * How deep values nest (lists in lists, a variable whose default reads another …) and how long an `inherits` chain
 * may be before the rest is not known here: real Bake files stay far below, hostile ones must not exhaust the stack.
 */
export const MAX_BAKE_DEPTH = 64;

/** Attributes Bake merges key by key when a target is defined again or inherited (the others are replaced). */
const MERGED_MAPS: ReadonlySet<string> = new Set(['args', 'contexts', 'labels']);
type Value = string | number | boolean | null | typeof UNKNOWN | readonly Value[] | { readonly [key: string]: Value };

/** The builds of one folder's Bake files (already parsed, in Bake's order). A file with a problem gives no builds. */
export function bakeBuilds(files: readonly BakeParse[]): BuildFileRead {
  const problem = files.find((f): f is { problem: BuildFileProblem } => 'problem' in f);
  if (problem) return { builds: [], problem: problem.problem };
  const bakes = files.map((f) => (f as { bake: BakeFile }).bake);
  if (bakes.length === 0) return { builds: [] };
  const variables = new Map<string, Expr | undefined>();
  const targets = new Map<string, Map<string, Expr>>();
  const grouped = new Set<string>();
  const inherited = new Set<string>();
  for (const bake of bakes) {
    for (const [name, value] of bake.variables) variables.set(name, value);
    for (const t of bake.targets) {
      const merged = targets.get(t.name) ?? new Map<string, Expr>();
      for (const [key, value] of t.attributes) merged.set(key, MERGED_MAPS.has(key) && merged.has(key) ? mergeMaps(merged.get(key)!, value) : value);
      targets.set(t.name, merged);
    }
  }
  const evaluate = evaluator(variables);
  for (const bake of bakes) {
    for (const g of bake.groups) for (const name of stringsOf(evaluate(g.attributes.get('targets')))) grouped.add(name);
  }
  for (const attributes of targets.values()) for (const name of stringsOf(evaluate(attributes.get('inherits')))) inherited.add(name);
  // a target another one takes as a named context (`contexts = { base = "target:base" }`) is built, template or not
  for (const attributes of targets.values()) {
    const contexts = evaluate(attributes.get('contexts'));
    if (isRecord(contexts))
      for (const v of Object.values(contexts)) if (typeof v === 'string' && v.startsWith('target:')) grouped.add(v.slice('target:'.length));
  }

  /**
   * A target's attributes with those it inherits under them (args merged key by key). Each target is resolved once; a
   * cycle (Bake refuses it) or a chain deeper than MAX_BAKE_DEPTH adds nothing from there, and what it would have set
   * is not known here: the context and Dockerfile stay the defaults only if no target of the chain could set them.
   */
  const done = new Map<string, Map<string, Expr>>();
  const resolving = new Set<string>();
  const resolved = (name: string): Map<string, Expr> => {
    const cached = done.get(name);
    if (cached) return cached;
    const own = targets.get(name);
    if (!own || resolving.has(name)) return new Map();
    const out = new Map<string, Expr>();
    if (resolving.size >= MAX_BAKE_DEPTH) {
      // too deep to follow: every attribute is unknown rather than a default taken for it
      for (const key of ['context', 'dockerfile', 'target', 'args']) out.set(key, { kind: 'unknown' });
    } else {
      resolving.add(name);
      for (const parent of stringsOf(evaluate(own.get('inherits')))) {
        for (const [key, value] of resolved(parent)) out.set(key, MERGED_MAPS.has(key) && out.has(key) ? mergeMaps(out.get(key)!, value) : value);
      }
      resolving.delete(name);
    }
    for (const [key, value] of own) if (key !== 'inherits') out.set(key, MERGED_MAPS.has(key) && out.has(key) ? mergeMaps(out.get(key)!, value) : value);
    done.set(name, out);
    return out;
  };

  const file = bakes[0].file;
  const folder = dirname(file);
  const builds: Build[] = [];
  for (const name of targets.keys()) {
    if (inherited.has(name) && !grouped.has(name)) continue;
    const attributes = resolved(name);
    if (attributes.has('dockerfile-inline')) continue;
    const text = (key: string): Known<string> | undefined => {
      const v = attributes.has(key) ? evaluate(attributes.get(key)) : undefined;
      return v === undefined || v === null ? undefined : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;
    };
    const context = orDefault(text('context'), '.');
    const dockerfile = orDefault(text('dockerfile'), 'Dockerfile');
    if (context === null || dockerfile === null) continue;
    const contextPath = localPath(folder, context);
    // `cwd://` names a Dockerfile from the folder Bake runs in (taken to be the Bake file's), else it is from the context
    const dockerfilePath =
      contextPath && (dockerfile.startsWith('cwd://') ? localPath(folder, dockerfile.slice('cwd://'.length)) : localPath(contextPath, dockerfile));
    if (!contextPath || !dockerfilePath) continue;
    const contextsValue = attributes.has('contexts') ? evaluate(attributes.get('contexts')) : undefined;
    const contexts: Record<string, Known<string>> = Object.create(null) as Record<string, Known<string>>;
    if (isRecord(contextsValue)) for (const [key, v] of Object.entries(contextsValue)) contexts[key] = typeof v === 'string' ? v : null;
    const argsValue = attributes.has('args') ? evaluate(attributes.get('args')) : undefined;
    const args: Record<string, Known<string>> = Object.create(null) as Record<string, Known<string>>;
    let argsUnknown = false;
    if (argsValue === UNKNOWN) argsUnknown = true;
    else if (isRecord(argsValue)) {
      for (const [key, v] of Object.entries(argsValue)) {
        if (v === null) continue; // Bake leaves an arg set to null unset
        args[key] = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;
      }
    }
    const platforms = stringsOf(attributes.has('platforms') ? evaluate(attributes.get('platforms')) : undefined);
    builds.push({
      label: `bake target ${name}`,
      file: bakes.find((b) => b.targets.some((t) => t.name === name))?.file ?? file,
      dockerfile: dockerfilePath,
      context: contextPath,
      target: text('target'),
      args,
      ...(argsUnknown ? { argsUnknown } : {}),
      platforms,
      ...(Object.keys(contexts).length ? { contexts } : {}),
    });
  }
  return { builds };
}

const isRecord = (v: Value | undefined): v is { readonly [key: string]: Value } => typeof v === 'object' && v !== null && !Array.isArray(v);
const stringsOf = (v: Value | undefined): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/**
 * Two maps as one, the second's entries over the first's (what is not a map replaces). An entry replaces one of the
 * same key, so a map inherited many ways over stays the size of its keys.
 */
function mergeMaps(a: Expr, b: Expr): Expr {
  if (a.kind !== 'map' || b.kind !== 'map') return b;
  const byKey = new Map<unknown, readonly [Expr, Expr]>();
  for (const entry of [...a.entries, ...b.entries]) {
    const [k] = entry;
    // HCL's `{ X = … }` and `{ "X" = … }` name the same key (a bare name is not read as a variable there); others: each its own
    const key = k.kind === 'literal' ? String(k.value) : k.kind === 'variable' ? k.name : entry;
    byKey.delete(key); // the later entry takes the place of the earlier, last in order
    byKey.set(key, entry);
  }
  return { kind: 'map', entries: [...byKey.values()] };
}

/** Evaluates expressions against the variables' defaults; a variable that refers to itself, directly or not, is unknown. */
function evaluator(variables: ReadonlyMap<string, Expr | undefined>): (e: Expr | undefined) => Value | undefined {
  const cache = new Map<string, Value>();
  const evaluating = new Set<string>();
  let depth = 0;
  const variable = (name: string): Value => {
    if (cache.has(name)) return cache.get(name)!;
    const expr = variables.get(name);
    if (!variables.has(name) || expr === undefined || evaluating.has(name)) return UNKNOWN;
    evaluating.add(name);
    const value = evaluate(expr);
    evaluating.delete(name);
    cache.set(name, value);
    return value;
  };
  const evaluate = (e: Expr): Value => {
    if (depth >= MAX_BAKE_DEPTH) return UNKNOWN;
    depth++;
    try {
      return evaluateOne(e);
    } finally {
      depth--;
    }
  };
  const evaluateOne = (e: Expr): Value => {
    switch (e.kind) {
      case 'literal':
        return e.value;
      case 'variable':
        return variable(e.name);
      case 'template': {
        let out = '';
        for (const part of e.parts) {
          const v = typeof part === 'string' ? part : evaluate(part);
          if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out += String(v);
          else return UNKNOWN; // null, a list or a map in a string: Bake fails; not known here either way
        }
        return out;
      }
      case 'list':
        return e.items.map(evaluate);
      case 'map': {
        const out: Record<string, Value> = Object.create(null) as Record<string, Value>;
        for (const [k, v] of e.entries) {
          const key = k.kind === 'variable' ? k.name : evaluate(k);
          if (typeof key !== 'string') return UNKNOWN;
          out[key] = evaluate(v);
        }
        return out;
      }
      default:
        return UNKNOWN;
    }
  };
  return (e) => (e === undefined ? undefined : evaluate(e));
}

/**
 * A Bake string (JSON files: every string is a template): `${NAME}` reads a variable, `$${` is a literal `${`; any
 * other `${ … }` or a `%{ }` directive is not evaluated.
 */
export function bakeTemplate(s: string): Expr {
  if (!s.includes('${') && !s.includes('%{')) return { kind: 'literal', value: s };
  const parts: (string | Expr)[] = [];
  let text = '';
  for (let i = 0; i < s.length; i++) {
    if ((s[i] === '$' || s[i] === '%') && s[i + 1] === s[i] && s[i + 2] === '{') {
      text += `${s[i]}{`;
      i += 2;
    } else if (s[i] === '%' && s[i + 1] === '{') return { kind: 'unknown' };
    else if (s[i] === '$' && s[i + 1] === '{') {
      const end = s.indexOf('}', i + 2);
      const name = end < 0 ? undefined : /^\s*([A-Za-z_][A-Za-z0-9_-]*)\s*$/.exec(s.slice(i + 2, end))?.[1];
      if (!name) return { kind: 'unknown' };
      if (text) parts.push(text);
      text = '';
      parts.push({ kind: 'variable', name });
      i = end;
    } else text += s[i];
  }
  if (text) parts.push(text);
  return { kind: 'template', parts };
}

/** A docker-bake.json file: `variable`, `target` and `group` objects, every string a template. */
export function parseBakeJson(text: string, file: string): BakeParse {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const at = /position (\d+)/.exec(message);
    let line = 0;
    let character = 0;
    if (at) for (let i = 0; i < Number(at[1]) && i < text.length; i++) text[i] === '\n' ? ((line += 1), (character = 0)) : (character += 1);
    // V8 says "Unexpected token } in JSON at position 12": the place is ours to give
    const cut = message.indexOf(' in JSON at position');
    return { problem: { file, message: `not valid JSON: ${cut >= 0 ? message.slice(0, cut) : message}`, line, character } };
  }
  const fail = (message: string): BakeParse => ({ problem: { file, message, line: 0, character: 0 } });
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(data)) return fail('expected an object with `target` (and `variable`, `group`) at the top level');
  const toExpr = (v: unknown, depth = 0): Expr =>
    depth >= MAX_BAKE_DEPTH
      ? { kind: 'unknown' }
      : typeof v === 'string'
        ? bakeTemplate(v)
        : typeof v === 'number' || typeof v === 'boolean' || v === null
          ? { kind: 'literal', value: v }
          : Array.isArray(v)
            ? { kind: 'list', items: v.map((x) => toExpr(x, depth + 1)) }
            : isObject(v)
              ? { kind: 'map', entries: Object.entries(v).map(([k, x]) => [{ kind: 'literal', value: k }, toExpr(x, depth + 1)] as const) }
              : { kind: 'unknown' };
  const blocks = (key: string) => {
    const v = data[key];
    if (v === undefined) return [];
    if (!isObject(v) || !Object.values(v).every(isObject)) return undefined;
    return Object.entries(v as Record<string, Record<string, unknown>>).map(([name, attrs]) => ({
      name,
      attributes: new Map(Object.entries(attrs).map(([k, x]) => [k, toExpr(x)])),
    }));
  };
  const targets = blocks('target');
  const groups = blocks('group');
  const variableBlocks = blocks('variable');
  if (!targets) return fail('`target` must map target names to objects');
  if (!groups) return fail('`group` must map group names to objects');
  if (!variableBlocks) return fail('`variable` must map variable names to objects');
  const variables = new Map(variableBlocks.map((b) => [b.name, b.attributes.get('default')]));
  return { bake: { file, variables, targets, groups } };
}
