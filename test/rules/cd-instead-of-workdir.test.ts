import rule from '../../server/src/rules/cd-instead-of-workdir';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'WORKDIR /opt',
    'FROM debian:12\nWORKDIR /opt\nRUN make',
    'FROM debian:12\nRUN echo cd /opt',
    'FROM debian:12\nRUN ROOT="$(cd "$(dirname "$0")" && pwd)" && echo "$ROOT"', // computes a path
    'FROM debian:12\nRUN ["make", "-C", "/src"]',
    'FROM debian:12\nRUN cdrecord --version',
    // scoped: a subshell, a `cd -` that returns, pushd/popd
    'FROM debian:12\nRUN ( cd /tmp && make install ) && rm -rf /tmp/src',
    'FROM debian:12\nRUN (cd /a && tar -c .) | (cd /b && tar -x)',
    'FROM debian:12\nRUN cd /tmp/src && make install && cd - && rm -rf /tmp/src',
    'FROM debian:12\nRUN cd /tmp/src && make && cd "$OLDPWD"',
    'FROM debian:12\nRUN pushd /tmp/src && make && popd',
  ],
  invalid: [
    {
      code: 'FROM golang:1.23\nCOPY . /src\nRUN cd /src && go build -o /out/app .',
      findings: [{ line: 3, column: 5, endLine: 3, endColumn: 12 }],
      output: 'FROM golang:1.23\nCOPY . /src\nWORKDIR /src\nRUN go build -o /out/app .',
      safe: false,
    },
    {
      // a continued RUN keeps its continuation; lower-case keywords stay lower-case
      code: 'from golang:1.23\nrun cd /src && \\\n    go build .',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 12 }],
    },
    {
      // the cd after the one a `cd -` undid lasts
      code: 'FROM debian:12\nRUN ( cd /a && make ) && cd /b && make && cd - && cd /c && make',
      findings: [{ line: 2, column: 51, endLine: 2, endColumn: 56 }],
    },
    {
      code: 'RUN cd /opt',
      findings: [{ line: 1, column: 5, endLine: 1, endColumn: 12 }],
    },
    {
      code: 'FROM debian:12\nRUN curl -fsSLO https://example.com/x.tgz \\\n  && cd /tmp && tar xzf x.tgz',
      findings: [{ line: 3, column: 6, endLine: 3, endColumn: 13 }],
    },
    {
      code: 'FROM debian:12\nONBUILD RUN cd /src && make',
      findings: [{ line: 2, column: 13, endLine: 2, endColumn: 20 }],
    },
    {
      code: 'FROM debian:12\nRUN <<EOF\ncd /src\nmake\nEOF',
      findings: [{ line: 3, column: 1, endLine: 3, endColumn: 8 }],
    },
    {
      code: 'FROM debian:12\nRUN cd /src && make && cd',
      // one finding per RUN
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 12 }],
    },
  ],
});
