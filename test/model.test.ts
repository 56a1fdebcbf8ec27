// The model maps every shell word back to the exact text it came from, whatever the file's layout.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Add, Copy, DockerfileParser, Run } from 'dockerfile-ast';
import { BASE_WORKDIR, buildModel, envAt, shellAt, userAt, variableAt, variablesAt, workdirAt, type DockerfileModel } from '../server/src/engine/model';
import { scanLeadingFlags } from '../server/src/engine/model/source';
import { LineIndex } from '../server/src/engine/text';
import { useParser } from './harness/engine';

function wordsAndTheirText(model: DockerfileModel): [string, string][] {
  const out: [string, string][] = [];
  for (const ins of model.instructions) {
    for (const cmd of ins.run?.commands ?? []) {
      for (const w of cmd.words) {
        const text = model.text.slice(model.lines.offsetAt(w.range.start), model.lines.offsetAt(w.range.end));
        out.push([w.text, text]);
      }
    }
  }
  return out;
}

const CORPUS = join(process.cwd(), '..', 'shared', 'corpus', 'files');

describe('model', () => {
  useParser();
  it('parses RUN into commands with words, across continuations and dropped comment lines', () => {
    const m = buildModel('FROM debian:12\nRUN apt-get update \\\n  # a comment Docker drops\n  && apt-get install -y \\\n     curl\n');
    const cmds = m.instructions[1].run!.commands;
    assert.deepEqual(
      cmds.map((c) => c.words.map((w) => w.value)),
      [
        ['apt-get', 'update'],
        ['apt-get', 'install', '-y', 'curl'],
      ],
    );
    assert.deepEqual(cmds[1].words[3].range, { start: { line: 4, character: 5 }, end: { line: 4, character: 9 } });
    assert.equal(m.instructions[1].run!.hasCommentInContinuation, true);
  });
  it('honours # escape=` and CRLF', () => {
    const m = buildModel('# escape=`\r\nFROM debian:12\r\nRUN apt-get update `\r\n && apt-get install -y curl\r\n');
    assert.deepEqual(
      m.instructions[1].run!.commands.map((c) => c.words.map((w) => w.value).join(' ')),
      ['apt-get update', 'apt-get install -y curl'],
    );
  });
  it('takes a RUN <<EOF heredoc as the script, and JSON form as one command', () => {
    const m = buildModel('FROM alpine:3.20\nRUN <<EOF\nset -e\napk add curl\nEOF\nRUN ["echo", "hi there"]\n');
    assert.deepEqual(
      m.instructions[1].run!.commands.map((c) => c.name),
      ['set', 'apk'],
    );
    assert.equal(m.instructions[1].run!.fromHeredoc, true);
    assert.deepEqual(
      m.instructions[2].run!.commands[0].words.map((w) => w.value),
      ['echo', 'hi there'],
    );
  });
  it('counts lines as LSP clients do: a lone CR ends a line too', () => {
    const m = buildModel('FROM debian:12\rRUN apt-get update\r\nRUN echo\n');
    assert.deepEqual(
      m.instructions.map((i) => i.range.start.line),
      [0, 1, 2],
    );
    assert.deepEqual(m.instructions[1].run!.commands[0].words[1].range, { start: { line: 1, character: 12 }, end: { line: 1, character: 18 } });
  });
  it('removes quotes from literal words and leaves expansions unresolved', () => {
    const m = buildModel(`FROM alpine:3.20\nRUN echo "a b" 'c' d"e"f $HOME "$X"\n`);
    assert.deepEqual(
      m.instructions[1].run!.commands[0].words.map((w) => w.value),
      ['echo', 'a b', 'c', 'def', undefined, undefined],
    );
  });
  it('does not parse PowerShell or cmd bodies as POSIX shell', () => {
    const m = buildModel('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN Invoke-WebRequest -Uri x | Out-Null\n');
    assert.equal(m.instructions[2].run!.foreignShell, true);
    assert.deepEqual(m.instructions[2].run!.commands, []);
  });
  it('resolves stages: ARG defaults in FROM, stage references, the final stage, who uses whom', () => {
    const m = buildModel('ARG PY=3.12\nFROM python:${PY}-slim AS build\nFROM build AS test\nFROM gcr.io/distroless/python3\nCOPY --from=build /a /a\n');
    assert.equal(m.stages[0].base.kind === 'image' && m.stages[0].base.ref.tag, '3.12-slim');
    assert.equal(m.stages[1].base.kind, 'stage');
    assert.deepEqual(m.stages[0].usedBy, [1, 2]);
    assert.equal(m.finalStage, m.stages[2]);
  });
  it('answers what is in effect at an instruction or in an image: variables, USER, SHELL', () => {
    const m = buildModel(
      [
        'ARG BASE=3.20 REGION=eu',
        'FROM alpine:${BASE} AS base',
        'ARG REGION',
        'ARG LEVEL=debug',
        'ENV LEVEL=info MODE=prod',
        'USER app',
        'SHELL ["/bin/ash", "-eo", "pipefail", "-c"]',
        'ONBUILD ENV MODE=child',
        'RUN echo one',
        'FROM base',
        'RUN echo two',
        'USER root',
      ].join('\n'),
    );
    const on = (line: number) => m.instructions.find((i) => i.range.start.line === line && !i.onbuild)!;
    const one = on(8);
    const two = on(10);
    assert.equal(envAt(m, one, 'LEVEL'), 'info', 'ENV wins over an ARG of the same name, whatever their order');
    assert.equal(envAt(m, one, 'REGION'), 'eu', 'a global ARG declared again takes its default');
    assert.equal(envAt(m, one, 'BASE'), undefined, 'a global ARG is out of scope in a stage that does not declare it');
    assert.equal(envAt(m, one, 'MODE'), 'prod', 'ONBUILD runs in another build');
    assert.equal(envAt(m, two, 'MODE'), 'prod', 'ENV carries into a stage built FROM it');
    assert.equal(variableAt(m, two, 'REGION')?.value, 'eu', 'an ARG carries into a stage built FROM its stage (BuildKit)');
    assert.equal(variableAt(m, m.instructions[0], 'REGION'), undefined, 'nothing is declared before the first line');
    assert.equal(envAt(m, m.stages[0], 'LEVEL'), 'info');
    assert.equal(envAt(m, m.stages[0], 'REGION'), undefined, 'an image keeps its ENV, not its ARGs');
    // all of them at once, as variableAt gives each
    for (const at of [one, two, m.stages[0], m.instructions[0]]) {
      const all = variablesAt(m, at);
      const names = new Set([...m.instructions.flatMap((i) => i.keyValues.map((kv) => kv.name)), ...all.keys()]);
      for (const name of names) assert.deepEqual(all.get(name), variableAt(m, at, name), name);
    }
    assert.deepEqual(shellAt(m, two)?.words, ['/bin/ash', '-eo', 'pipefail', '-c']);
    assert.equal(shellAt(m, m.instructions[1]), undefined);
    assert.equal(userAt(m, two)?.user, 'app');
    assert.equal(userAt(m, 'end')?.user, 'root');
  });
  it('follows the working directory: variables expanded, relative paths joined, carried into stages built FROM it', () => {
    const m = buildModel(
      [
        'FROM golang:1.23 AS build',
        'COPY a .',
        'ENV GOPATH=/go',
        'ENV APP=$GOPATH/src/app',
        'WORKDIR $APP',
        'WORKDIR ../lib/',
        'FROM build',
        'RUN make',
        'FROM alpine:3.20',
        'WORKDIR "/srv"',
        'WORKDIR $UNSET',
        'RUN ls',
      ].join('\n'),
    );
    const on = (line: number) => m.instructions.find((i) => i.range.start.line === line)!;
    assert.equal(workdirAt(m, on(1)), BASE_WORKDIR, "before any WORKDIR: the base image's, unknown");
    assert.equal(workdirAt(m, on(5)), '/go/src/app');
    assert.equal(workdirAt(m, m.stages[0]), '/go/src/lib');
    assert.equal(workdirAt(m, on(7)), '/go/src/lib', 'a stage built FROM another starts where it ended');
    assert.equal(workdirAt(m, on(10)), '/srv');
    assert.equal(workdirAt(m, on(11)), undefined, 'a variable without a value');
  });
  it(
    'reads flags (and where their values are) exactly as dockerfile-ast does, on every RUN, COPY and ADD of the corpus',
    { skip: !existsSync(CORPUS) && 'no ../shared/corpus here' },
    () => {
      let runs = 0;
      let copies = 0;
      for (const f of readdirSync(CORPUS)) {
        const text = readFileSync(join(CORPUS, f), 'utf8');
        const ast = DockerfileParser.parse(text);
        const lines = new LineIndex(text);
        for (const ins of ast.getInstructions()) {
          if (!(ins instanceof Run || ins instanceof Copy || ins instanceof Add)) continue;
          if (ins instanceof Run) runs++;
          else copies++;
          const theirs = ins.getFlags();
          const ours = scanLeadingFlags(
            text,
            lines,
            lines.offsetAt(ins.getInstructionRange().end),
            lines.offsetAt(ins.getRange().end),
            ast.getEscapeCharacter(),
          );
          const expected = theirs.map((fl) => ({ name: fl.getName(), value: fl.getValue(), range: fl.getRange(), valueRange: fl.getValueRange() }));
          assert.deepEqual(ours.flags, expected, `${f}: ${ins.getTextContent()}`);
          const first = ins.getArguments().find((a) => !a.getValue().startsWith('--'));
          if (first && ins instanceof Run) assert.equal(ours.bodyStart, lines.offsetAt(first.getRange().start), `${f}: ${ins.getTextContent()}`);
        }
      }
      assert.ok(runs > 2000, `only ${runs} RUNs`);
      assert.ok(copies > 1000, `only ${copies} COPY/ADD`);
    },
  );
  it('maps every shell word of the corpus back to its own text', { skip: !existsSync(CORPUS) && 'no ../shared/corpus here' }, () => {
    let words = 0;
    for (const f of readdirSync(CORPUS)) {
      const model = buildModel(readFileSync(join(CORPUS, f), 'utf8'));
      for (const [word, text] of wordsAndTheirText(model)) {
        words++;
        // a word that spans a continuation is written with the escape and newline in the file
        if (word.includes('\n')) continue;
        assert.equal(text.replace(/\r/g, ' '), word, `${f}: word "${word}" maps to "${text}"`);
      }
    }
    assert.ok(words > 20000, `only ${words} words`);
  });
});
