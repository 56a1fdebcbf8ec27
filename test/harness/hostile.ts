// Hostile inputs of a given size: the shapes that once froze the linter (issue 23), as generators that grow with n.
// Shared by the freeze tests, the fuzz test's cost-ratio checks and scripts/bench-hostile.mjs.
import type { LintConfig } from '../../server/src/engine/rule';

export interface HostileInput {
  readonly text: string;
  /** what .seaworthy.yaml would configure */
  readonly config?: LintConfig;
  /** the .dockerignore beside the file */
  readonly dockerignore?: string;
}

export interface Shape {
  readonly name: string;
  /** what n counts */
  readonly unit: string;
  /** sizes the benchmark measures (each the double of the one before) */
  readonly sizes: readonly number[];
  make(n: number): HostileInput;
}

const HOSTILE_GLOB = '*a*a*a*a*a*a*a*b';

export const SHAPES: readonly Shape[] = [
  { name: 'sed backslashes', unit: 'backslashes', sizes: [16, 32, 64], make: (n) => ({ text: `FROM alpine:3.20\nRUN sed 's/${'\\'.repeat(n)}' f\n` }) },
  {
    name: 'ARG expansion chain',
    unit: 'levels',
    sizes: [12, 24, 48],
    make: (n) => ({ text: ['ARG A0=xy', ...Array.from({ length: n }, (_, i) => `ARG A${i + 1}=\${A${i}}\${A${i}}`), `FROM alpine:\${A${n}}`, ''].join('\n') }),
  },
  {
    name: 'curl-pipe-sh joined with &&',
    unit: 'commands',
    sizes: [250, 500, 1000],
    make: (n) => ({ text: `FROM alpine:3.20\nRUN ${Array(n).fill('curl http://x | sh').join(' && ')}\n` }),
  },
  {
    name: 'chained stages',
    unit: 'stages',
    sizes: [1000, 2000, 4000],
    make: (n) => ({ text: 'FROM alpine:3.20 AS s0\n' + Array.from({ length: n }, (_, i) => `FROM s${i} AS s${i + 1}\n`).join('') }),
  },
  {
    name: 'seaworthy-ignore flood',
    unit: 'comment lines',
    sizes: [5000, 10000, 20000],
    make: (n) => ({ text: 'FROM alpine:3.20\n' + '# seaworthy-ignore apt-missing-yes\n'.repeat(n) + 'RUN apt-get install curl\n' }),
  },
  {
    name: 'dashed word',
    unit: 'characters',
    sizes: [20000, 40000, 80000, 160000],
    make: (n) => ({ text: `FROM alpine:3.20\nRUN echo ${'a-'.repeat(n / 2)}a\n` }),
  },
  {
    name: 'dotted word',
    unit: 'characters',
    sizes: [20000, 40000, 80000, 160000],
    make: (n) => ({ text: `FROM alpine:3.20\nRUN echo ${'a.'.repeat(n / 2)}a\n` }),
  },
  {
    name: 'URL-like word',
    unit: 'characters',
    sizes: [20000, 40000, 80000, 160000],
    make: (n) => ({ text: `FROM alpine:3.20\nRUN curl https://${'a.'.repeat(n / 4)}${'a/'.repeat(n / 4)}x\n` }),
  },
  {
    name: '${ nesting',
    unit: 'characters',
    sizes: [10000, 20000, 40000, 80000],
    make: (n) => ({ text: `FROM alpine:3.20\nRUN echo ${'${'.repeat(n / 2)}\n` }),
  },
  {
    name: '$( nesting',
    unit: 'levels',
    sizes: [500, 1000, 2000, 4000],
    make: (n) => ({ text: `FROM alpine:3.20\nRUN ${'echo $('.repeat(n)}true${')'.repeat(n)}\n` }),
  },
  // tree-sitter-bash's error recovery on these is quadratic: 24 KB of `))` took 7 s to parse
  {
    name: 'closing parentheses',
    unit: 'characters',
    sizes: [6000, 12000, 24000],
    make: (n) => ({ text: `FROM alpine:3.20\nRUN echo ${'))'.repeat(n / 2)}\n` }),
  },
  { name: '&& chain', unit: 'commands', sizes: [2500, 5000, 10000], make: (n) => ({ text: `FROM alpine:3.20\nRUN ${Array(n).fill('true').join(' && ')}\n` }) },
  {
    name: 'allowedBaseImages glob',
    unit: 'characters of the image name',
    sizes: [32, 64, 128],
    make: (n) => ({ text: `FROM ${'a'.repeat(n)}:1\n`, config: { allowedBaseImages: [HOSTILE_GLOB] } }),
  },
  {
    // every source checked against every pattern: a repeated line of each made it quadratic (3,000 of each: 9 s)
    name: 'COPY sources and .dockerignore lines',
    unit: 'sources and patterns',
    sizes: [1000, 2000, 4000],
    make: (n) => ({ text: `FROM alpine:3.20\nCOPY ${'src/app.txt \\\n  '.repeat(n)}/app/\n`, dockerignore: `src/app.txt\n${'**/*.tmp\n'.repeat(n)}` }),
  },
  {
    name: '.dockerignore glob',
    unit: 'characters of the copied name',
    sizes: [32, 64, 128],
    make: (n) => ({ text: `FROM alpine:3.20\nCOPY ${'a'.repeat(n)} /app/\n`, dockerignore: `${HOSTILE_GLOB}\n` }),
  },
];

// An ordinary Dockerfile: the baseline a hostile input of the same size is measured against.
const ORDINARY = `FROM python:3.12-slim AS build
ARG PIP_VERSION=24.0
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends build-essential curl \\
    && rm -rf /var/lib/apt/lists/*
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN python -m compileall -q /app && useradd --create-home --uid 10001 app
FROM python:3.12-slim
COPY --from=build /app /app
USER 10001
EXPOSE 8000
HEALTHCHECK CMD curl -f http://localhost:8000/health || exit 1
CMD ["python", "-m", "app"]
`;

/** An ordinary Dockerfile of about `length` characters (whole blocks of a two-stage Python build). */
export function ordinaryOfLength(length: number): string {
  return ORDINARY.repeat(Math.max(1, Math.round(length / ORDINARY.length)));
}
