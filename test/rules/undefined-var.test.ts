import rule from '../../server/src/rules/undefined-var';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    '\nFROM scratch\nARG foo\nCOPY Dockerfile${foo} .',
    '\nFROM alpine AS base\nARG foo=Dockerfile\n\nFROM base\nCOPY $foo .',
    '\nFROM alpine\nRUN echo $PATH',
    'FROM alpine\nENV PATH=$PATH:/tmp/bin',
    'FROM golang:1.23-alpine\nWORKDIR $GOPATH/src/app', // GOPATH is two edits from PATH: no near-miss
    'FROM mcr.microsoft.com/windows/servercore\nENV ProgramFiles="C:\\Program Files" \\\n    PSCORE="$ProgramFiles\\pwsh.exe"',
    'FROM eclipse-temurin:21\nENV PATH=$JAVA_HOME/bin:$PATH', // JAVA_HOME comes from the image
    'FROM scratch\nCOPY ${SRC:-.} /app', // a default handles the unset case on purpose
    'FROM scratch\nARG TARGETARCH\nCOPY bin/$TARGETARCH/app /app',
    'FROM scratch\nCOPY \\$notavar /x',
    'FROM scratch\nCMD echo $foo',
    'FROM scratch\nCOPY <<EOF /x\n$foo\nEOF',
    'ARG VERSION=1\nFROM alpine:$VERSION',
    'FROM scratch\nENV A=1 B=$A', // env-self-reference reports this one
    // BuildKit's pattern forms name the variable before the operator
    'FROM scratch\nARG version=v1.2.3\nENV a=${version#v} b=${version##*.} c=${version%.*} d=${version%%.*} e=${version/v/x} f=${version//./-}',
    'FROM scratch\nARG img=a/b\nLABEL x=${img%%/*}\nWORKDIR /opt/${img#a/}\nCOPY ${img/\\//-} /x',
    'FROM scratch\nARG v\nCOPY ${v:+x} ${v-y} ${v+z} ${v:?required} /x',
  ],
  invalid: [
    {
      // the pattern forms still read the variable: an undefined one is empty
      code: 'FROM scratch\nCOPY ${nope#x} ${nada//a/b} /x',
      findings: [
        { line: 2, column: 6, endLine: 2, endColumn: 15 },
        { line: 2, column: 16, endLine: 2, endColumn: 28 },
      ],
      message: '`$nope` is not defined by any ARG or ENV before this line, so it expands to an empty string',
    },
    {
      code: '\nFROM scratch AS first\nCOPY $foo .\n\nFROM scratch AS second\nCOPY $bar .',
      findings: [
        { line: 3, column: 6, endLine: 3, endColumn: 10 },
        { line: 6, column: 6, endLine: 6, endColumn: 10 },
      ],
    },
    {
      code: '\nFROM alpine\nCOPY $foo .\nARG foo=bar\nRUN echo $foo',
      findings: [{ line: 3, column: 6, endLine: 3, endColumn: 10 }],
    },
    {
      code: '\nFROM alpine\nARG DIR_BINARIES=binaries/\nARG DIR_ASSETS=assets/\nARG DIR_CONFIG=config/\nCOPY $DIR_ASSET .\n\t',
      findings: [{ line: 6, column: 6, endLine: 6, endColumn: 16 }],
    },
    {
      code: '\nFROM alpine\nENV PATH=$PAHT:/tmp/bin\n\t\t',
      findings: [{ line: 3, column: 10, endLine: 3, endColumn: 15 }],
    },
    {
      code: 'ARG VERSION=1.0\nFROM alpine\nLABEL org.opencontainers.image.version=${VERSION}',
      findings: [{ line: 3, column: 40, endLine: 3, endColumn: 50 }],
    },
    {
      code: 'FROM scratch\nWORKDIR /opt/$APP',
      findings: [{ line: 2, column: 14, endLine: 2, endColumn: 18 }],
    },
  ],
});
