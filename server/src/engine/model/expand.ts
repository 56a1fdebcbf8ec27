// Variable expansion as the builder does it in FROM, WORKDIR, COPY … (not the shell's): `$NAME`, `${NAME}`,
// `${NAME:-word}`, `${NAME-word}`, `${NAME:+word}`, `${NAME+word}`.
import { applyOperator, DEFAULT_OPS, expandVariables } from '../expand';

/**
 * Substitutes ${VAR}, $VAR, ${VAR:-x} and ${VAR:+x} with ARG defaults; undefined when a variable has no value. Longer
 * than MAX_EXPANSION characters, the result is cut just past it.
 */
export function substituteArgs(text: string, args: ReadonlyMap<string, string | undefined>): string | undefined {
  return expandVariables(text, DEFAULT_OPS, (ref) => applyOperator(ref, args.get(ref.name)));
}
