// Variables as the builder expands them (in FROM, WORKDIR, COPY …; RUN is the shell's business): where a text uses
// them, and the text with their values, for every reader, on engine/expand.ts's linear reading of references.
import { applyOperator, DEFAULT_AND_REQUIRED_OPS, DEFAULT_OPS, expandVariables as expandRefs, variableRefs } from '../expand';
import { parseImageRef, type ImageRef } from '../imageRef';
import type { BuildOptions, DockerfileModel } from './types';

/** Platform ARGs BuildKit defines in the global scope: FROM may use them without an ARG line. */
export const AUTOMATIC_PLATFORM_ARGS: ReadonlySet<string> = new Set([
  'TARGETPLATFORM',
  'TARGETOS',
  'TARGETARCH',
  'TARGETVARIANT',
  'BUILDPLATFORM',
  'BUILDOS',
  'BUILDARCH',
  'BUILDVARIANT',
]);

export interface VariableUse {
  readonly name: string;
  /** offsets of the whole `$NAME` / `${NAME…}` inside the text */
  readonly start: number;
  readonly end: number;
}

/** `$X`, `${X}`, `${X:-word}` … in a text, in order. */
export function variableUses(text: string): VariableUse[] {
  return variableRefs(text, DEFAULT_AND_REQUIRED_OPS).map(({ name, start, end }) => ({ name, start, end }));
}

/**
 * The text with its variables expanded: `value` gives a name's value (undefined: not set), read the builder's way
 * (`${X:-word}`, `${X:+word}` …). A variable without a value makes the whole text undefined with `unset: 'fail'`,
 * expands to nothing with `unset: 'empty'` (what the builder does), or to the string given instead.
 */
export function expandVariables(
  text: string,
  value: (name: string) => string | undefined,
  unset: 'fail' | 'empty' | { readonly placeholder: string },
): string | undefined {
  return expandRefs(
    text,
    DEFAULT_AND_REQUIRED_OPS,
    (ref) => applyOperator(ref, value(ref.name)) ?? (unset === 'fail' ? undefined : unset === 'empty' ? '' : unset.placeholder),
  );
}

/**
 * Substitutes ${VAR}, $VAR, ${VAR:-x} and ${VAR:+x} with ARG defaults; undefined when a variable has no value. Longer
 * than MAX_EXPANSION characters, the result is cut just past it.
 */
export function substituteArgs(text: string, args: ReadonlyMap<string, string | undefined>): string | undefined {
  return expandRefs(text, DEFAULT_OPS, (ref) => applyOperator(ref, args.get(ref.name)));
}

/**
 * The text with every variable replaced the way the builder does when no --build-arg is given, quotes removed:
 * `args` holds the defaults (undefined for an ARG without one); an undeclared name expands to the empty string, and
 * `${X:-word}` / `${X-word}` then give word. Longer than MAX_EXPANSION characters, the result is cut just past it.
 */
export const expandWithDefaults = (text: string, args: ReadonlyMap<string, string | undefined>): string =>
  expandVariables(text, (name) => args.get(name), 'empty')!.replace(/["']/g, '');

// what BuildKit gives the automatic platform ARGs when building for linux/amd64 on linux/amd64
const AUTOMATIC_DEFAULTS: Readonly<Record<string, string>> = {
  TARGETPLATFORM: 'linux/amd64',
  TARGETOS: 'linux',
  TARGETARCH: 'amd64',
  TARGETVARIANT: '',
  BUILDPLATFORM: 'linux/amd64',
  BUILDOS: 'linux',
  BUILDARCH: 'amd64',
  BUILDVARIANT: '',
};

/** Global ARG defaults as FROM sees them: each default expanded with the ARGs above it, automatic platform ARGs set. */
export function globalArgDefaults(model: DockerfileModel): Map<string, string | undefined> {
  return globalArgs(model.globalArgs, {});
}

/** Global ARG values as FROM sees them in the model's build: its --build-arg values over the defaults. */
export function globalArgValues(model: DockerfileModel): Map<string, string | undefined> {
  return globalArgs(model.globalArgs, model.build);
}

function globalArgs(declared: ReadonlyMap<string, string | undefined>, build: BuildOptions): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>(Object.entries(AUTOMATIC_DEFAULTS));
  for (const [name, value] of declared) {
    if (build.argsUnknown || (build.args && Object.hasOwn(build.args, name))) out.set(name, argInBuild(build, name, value));
    else if (value !== undefined) out.set(name, expandWithDefaults(value, out));
    else if (!AUTOMATIC_PLATFORM_ARGS.has(name)) out.set(name, undefined);
  }
  return out;
}

/**
 * A declared ARG's value in a build: the --build-arg the build passes for it (undefined when its value is not known
 * here, or when the build passes args that cannot be listed), else `fallback` (its default).
 */
export function argInBuild(build: BuildOptions, name: string, fallback: string | undefined): string | undefined {
  if (build.argsUnknown) return undefined;
  if (build.args && Object.hasOwn(build.args, name)) return build.args[name] ?? undefined;
  return fallback;
}

/** What stands for a value nobody knows yet in partialImageRef: valid in a registry, a path and a tag alike. */
export const UNKNOWN_PART = 'seaworthy-unknown';

/**
 * What can be told of a FROM image whose variables are not all known (`evil.example.com/x:${TAG}`, `${TAG:?}`):
 * the reference with each unknown variable standing as UNKNOWN_PART, and which of its parts are literal. The registry
 * is known when the text up to the first `/` holds no unknown variable (or, without a `/`, when the only unknown
 * ones follow the tag's `:`); the name when registry and path are. Undefined when nothing parses.
 */
export function partialImageRef(
  text: string,
  args: ReadonlyMap<string, string | undefined>,
): { ref: ImageRef; registryKnown: boolean; nameKnown: boolean } | undefined {
  // `${X}`, `$X`, `${X:?}` without a value (or `${X:?}` empty): the value given at build time
  const out = expandRefs(text, DEFAULT_AND_REQUIRED_OPS, (ref) => {
    const value = args.get(ref.name);
    const required = ref.op === ':?' ? value !== undefined && value !== '' : value !== undefined;
    return ref.op?.endsWith('-') || ref.op?.endsWith('+') || required ? (applyOperator(ref, value) ?? UNKNOWN_PART) : UNKNOWN_PART;
  })!;
  const firstUnknown = out.indexOf(UNKNOWN_PART);
  const ref = parseImageRef(out.replace(/["']/g, ''));
  if (!ref) return undefined;
  if (firstUnknown < 0) return { ref, registryKnown: true, nameKnown: true };
  const slash = out.indexOf('/');
  const registryKnown = slash >= 0 ? slash < firstUnknown : out.slice(0, firstUnknown).includes(':');
  const nameKnown = registryKnown && !ref.path.includes(UNKNOWN_PART) && !(ref.registry ?? '').includes(UNKNOWN_PART);
  return { ref, registryKnown, nameKnown };
}

const PATH_START = /^(?:\/|~|\.\.?\/|[A-Za-z]:[\\/])/;

/**
 * A value of several words meant to split (`git vim`, `-q -y`, `/usr/lib /usr/share`), not one path with a space in it
 * (`/etc/my app`, `~/My Documents`): there, quoting is what keeps it one argument.
 */
export function isWordList(value: string): boolean {
  const words = value.trim().split(/\s+/);
  if (words.length < 2) return false;
  return !(PATH_START.test(words[0]) && words.slice(1).some((w) => !PATH_START.test(w)));
}
