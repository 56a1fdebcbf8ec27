import rule from '../../server/src/rules/wget-without-progress';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN wget -q https://x.io/a',
    'FROM debian:12\nRUN wget --quiet https://x.io/a',
    'FROM debian:12\nRUN wget -nv https://x.io/a',
    'FROM debian:12\nRUN wget --no-verbose https://x.io/a',
    'FROM debian:12\nRUN wget --progress=bar:force https://x.io/a',
    'FROM debian:12\nRUN wget -qO- https://x.io/a | sh',
    'FROM debian:12\nRUN wget -O- -q https://x.io/a',
    'FROM debian:12\nRUN wget -o /tmp/wget.log https://x.io/a',
    'FROM debian:12\nRUN wget --append-output=/tmp/wget.log https://x.io/a',
    'FROM debian:12\nRUN curl -fsSLO https://x.io/a',
    'FROM debian:12\nRUN echo wget https://x.io/a',
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN wget https://x.io/a',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 24 }],
      output: 'FROM debian:12\nRUN wget --progress=dot:giga https://x.io/a',
      safe: true,
    },
    {
      // -O takes a value: the bundle holds no quiet option
      code: 'FROM debian:12\nRUN wget -O /tmp/a https://x.io/a',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 34 }],
      output: 'FROM debian:12\nRUN wget --progress=dot:giga -O /tmp/a https://x.io/a',
    },
    {
      code: 'FROM debian:12\nRUN sudo wget https://x.io/a',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 29 }],
      output: 'FROM debian:12\nRUN sudo wget --progress=dot:giga https://x.io/a',
    },
    {
      code: 'FROM debian:12\nONBUILD RUN wget https://x.io/a',
      findings: [{ line: 2, column: 13, endLine: 2, endColumn: 32 }],
      output: 'FROM debian:12\nONBUILD RUN wget --progress=dot:giga https://x.io/a',
    },
    {
      // busybox wget rejects --progress: -q works with both wgets
      code: 'FROM alpine:3.20\nRUN wget https://x.io/a',
      // busybox wget prints no dots
      message: '`wget` without `-q` writes its progress bar into the build log (busybox wget on this base: it has no `--progress` option; `-q` silences it)',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 24 }],
      output: 'FROM alpine:3.20\nRUN wget -q https://x.io/a',
      safe: true,
    },
    {
      // unknown base image: it might be busybox, so the fix is not applied blindly
      code: 'FROM registry.example.com/tools:1\nRUN wget https://x.io/a',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 24 }],
      output: 'FROM registry.example.com/tools:1\nRUN wget --progress=dot:giga https://x.io/a',
      safe: false,
    },
    {
      // JSON form: no fix, inserting a JSON string would be guesswork
      code: 'FROM debian:12\nRUN ["wget", "https://x.io/a"]',
      findings: [{ line: 2, column: 6, endLine: 2, endColumn: 30 }],
    },
  ],
});
