// A build of a Dockerfile as a build file describes it (compose, Bake, a GitHub workflow, .seaworthy.yaml): which folder
// is its context, which stage it builds, the args and platforms it passes. The readers here are pure (text in, builds
// out); host.ts finds and reads the files.
import { isAbsolute, join, normalize } from 'node:path';

/** A value a build file sets to something not known here (an environment variable, `${{ … }}`): not text to lint. */
export type Known<T> = T | null;

export interface Build {
  /** how messages name it: "compose service api", "bake target web", "workflow ci.yml job image" */
  readonly label: string;
  /** the file that describes it */
  readonly file: string;
  /** absolute path of the Dockerfile */
  readonly dockerfile: string;
  /** absolute path of the build context's folder */
  readonly context: string;
  /** the stage built: undefined = the last one; null = set, but to a value not known here */
  readonly target?: Known<string>;
  /** build args: a null value is passed, but its value is not known here */
  readonly args: Readonly<Record<string, Known<string>>>;
  /** the build passes args that cannot be listed here (a whole `build-args: ${{ … }}`): any ARG may be overridden */
  readonly argsUnknown?: boolean;
  /** the platforms built for (those known here) */
  readonly platforms: readonly string[];
  /** named build contexts: name -> value as --build-context takes it (`docker-image://…`, a path, `target:x`); null: not known here */
  readonly contexts?: Readonly<Record<string, Known<string>>>;
}

/** One thing wrong with a build file (0-based place): the file gives no builds, and this is said once. */
export interface BuildFileProblem {
  readonly file: string;
  readonly message: string;
  readonly line: number;
  readonly character: number;
}

/** What one build file describes: its builds, or the reason it gives none. */
export interface BuildFileRead {
  readonly builds: readonly Build[];
  readonly problem?: BuildFileProblem;
}

/** `path:line:column: message`, the way compilers print it. */
export const describeBuildProblem = (p: BuildFileProblem): string => `${p.file}:${p.line + 1}:${p.character + 1}: ${p.message}`;

/** A setting's value, or `fallback` when it is not set (a value set but not known here stays null). */
export const orDefault = <T>(value: Known<T> | undefined, fallback: T): Known<T> => (value === undefined ? fallback : value);

/** A path a build file gives, made absolute against `base`; undefined for what is not a local folder or file (URLs, `target:x`). */
export function localPath(base: string, path: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path) || /^git@/.test(path) || /^(target|docker-image|oci-layout):/.test(path)) return undefined;
  return normalize(isAbsolute(path) ? path : join(base, path));
}

/** Two builds that would lint alike (same Dockerfile, context, target, args, platforms) are one. */
export function buildKey(b: Build): string {
  const args = Object.keys(b.args)
    .sort()
    .map((k) => [k, b.args[k]]);
  const contexts = Object.keys(b.contexts ?? {})
    .sort()
    .map((k) => [k, b.contexts![k]]);
  return JSON.stringify([b.dockerfile, b.context, b.target, args, b.argsUnknown ?? false, [...b.platforms].sort(), contexts]);
}

/** Where `offset` falls in `text` (0-based line and character). */
export function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, character: offset - start };
}
