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

/** Whether an instruction's keyword (the model's `keyword`: upper case, however it was written) is a Dockerfile instruction. */
export const isInstruction = (keyword: string): boolean => INSTRUCTION_KEYWORDS.has(keyword);
