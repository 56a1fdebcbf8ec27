// The output formats of `seaworthy lint`, by name.
import { formatCheckstyle } from './checkstyle';
import { formatCodeclimate } from './codeclimate';
import { formatGithub } from './github';
import { formatGitlab } from './gitlab';
import { formatGnu } from './gnu';
import { formatJson } from './json';
import { formatJunit } from './junit';
import { formatSarif } from './sarif';
import { formatSonarqube } from './sonarqube';
import { formatTty } from './tty';
import type { Formatter } from './types';

export const formatters: Readonly<Record<string, Formatter>> = {
  tty: formatTty,
  json: formatJson,
  sarif: formatSarif,
  checkstyle: formatCheckstyle,
  gitlab: formatGitlab,
  github: formatGithub,
  junit: formatJunit,
  codeclimate: formatCodeclimate,
  sonarqube: formatSonarqube,
  gnu: formatGnu,
};

export type { FileResult } from './types';
