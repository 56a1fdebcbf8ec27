// What every output format receives: one entry per file linted.
import type { Finding } from '../../engine/rule';

export interface FileResult {
  readonly file: string;
  readonly findings: readonly Finding[];
  /** the text the findings' ranges are in */
  readonly text: string;
  /** one per finding, see fingerprint.ts */
  readonly fingerprints: readonly string[];
}

export type Formatter = (results: readonly FileResult[], options: { color: boolean; toolVersion: string }) => string;
