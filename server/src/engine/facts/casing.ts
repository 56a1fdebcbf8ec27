// Keyword casing: how a keyword is written, and the casing most of a file's keywords use (BuildKit's reading).
import type { DockerfileModel } from '../model';
import { isInstruction } from './instructions';

export type Casing = 'upper' | 'lower' | 'mixed';

/** `FROM` is upper, `from` is lower, `From` is mixed (BuildKit's isSelfConsistentCasing). */
export function casingOf(word: string): Casing {
  if (word === word.toUpperCase()) return 'upper';
  if (word === word.toLowerCase()) return 'lower';
  return 'mixed';
}

/**
 * The casing most keywords of the file use: lower only when strictly more keywords are lower-case than upper-case,
 * as BuildKit decides (a tie goes to upper). ONBUILD triggers are not counted; BuildKit does not see them. Nor are
 * words that are no instruction (a line left over from a broken continuation or heredoc): BuildKit stops at them.
 */
export function majorityCasing(model: DockerfileModel): 'upper' | 'lower' {
  let lower = 0;
  let upper = 0;
  for (const ins of model.instructions) {
    if (ins.onbuild || !isInstruction(ins.keyword)) continue;
    const c = casingOf(ins.keywordText);
    if (c === 'lower') lower++;
    else if (c === 'upper') upper++;
  }
  return lower > upper ? 'lower' : 'upper';
}

export const inCasing = (word: string, casing: 'upper' | 'lower'): string => (casing === 'upper' ? word.toUpperCase() : word.toLowerCase());
