// The Dockerfile's instructions: what a line must start with to be one (BuildKit stops at any other word).

/** Every instruction keyword the Dockerfile frontend knows, upper case. */
export const INSTRUCTION_KEYWORDS: ReadonlySet<string> = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);

/** Whether a line's first word is an instruction in any case (`run`, `Run`); the model's `keyword` is upper case. */
export const isInstruction = (keyword: string): boolean => INSTRUCTION_KEYWORDS.has(keyword.toUpperCase());
