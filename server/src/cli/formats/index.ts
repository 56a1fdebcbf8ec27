// The output formats of `seaworthy lint`, by name.
import { formatCheckstyle } from './checkstyle';
import { formatGithub } from './github';
import { formatGitlab } from './gitlab';
import { formatJson } from './json';
import { formatSarif } from './sarif';
import { formatTty } from './tty';
import type { Formatter } from './types';

export const formatters: Readonly<Record<string, Formatter>> = {
  tty: formatTty,
  json: formatJson,
  sarif: formatSarif,
  checkstyle: formatCheckstyle,
  gitlab: formatGitlab,
  github: formatGithub,
};

export type { FileResult } from './types';
