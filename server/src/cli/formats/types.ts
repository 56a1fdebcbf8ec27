// What every output format receives: one entry per file linted.
import type { DockerfileModel } from '../../engine/model';
import type { Finding } from '../../engine/rule';

export interface FileResult {
  readonly file: string;
  readonly findings: readonly Finding[];
  readonly model: DockerfileModel;
  /** one per finding, see fingerprint.ts */
  readonly fingerprints: readonly string[];
}

export type Formatter = (results: readonly FileResult[], options: { color: boolean; toolVersion: string }) => string;
