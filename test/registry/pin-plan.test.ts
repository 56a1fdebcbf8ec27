// What Pin rewrites, decided without the network: the exact characters of each reference, and why others are skipped.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildModel } from '../../server/src/engine/model';
import { pinEdit, planPins } from '../../server/src/engine/fix/pin';
import { applyEdits } from '../../server/src/engine/text';
import { useParser } from '../harness/engine';

const D = 'sha256:' + 'a'.repeat(64);
const OLD = 'sha256:' + 'b'.repeat(64);

/** pins every target of `text` to D and returns the new text and the skip reasons */
function pinAll(text: string, line?: number): { text: string; skipped: string[] } {
  const model = buildModel(text);
  const plan = planPins(model, line);
  return {
    text: applyEdits(
      text,
      plan.targets.map((t) => pinEdit(t, D)),
    ),
    skipped: plan.skipped.map((s) => `${s.range.start.line + 1}: ${s.reason}`),
  };
}

describe('pin plan', () => {
  useParser();
  it('keeps the tag, flags, stage name, comments and CRLF line ends', () => {
    const text = '# syntax=docker/dockerfile:1\r\nFROM --platform=$BUILDPLATFORM golang:1.23 AS build # compile\r\nFROM gcr.io/distroless/static:nonroot\r\n';
    assert.equal(
      pinAll(text).text,
      `# syntax=docker/dockerfile:1\r\nFROM --platform=$BUILDPLATFORM golang:1.23@${D} AS build # compile\r\nFROM gcr.io/distroless/static:nonroot@${D}\r\n`,
    );
  });
  it('updates an existing digest in place instead of pinning twice', () => {
    assert.equal(pinAll(`FROM python:3.12-slim@${OLD}\n`).text, `FROM python:3.12-slim@${D}\n`);
  });
  it('keeps a backtick escape and a continuation between FROM and its image', () => {
    const text = '# escape=`\nFROM `\n  mcr.microsoft.com/windows/nanoserver:ltsc2022 `\n  AS base\n';
    assert.equal(pinAll(text).text, `# escape=\`\nFROM \`\n  mcr.microsoft.com/windows/nanoserver:ltsc2022@${D} \`\n  AS base\n`);
  });
  it('pins an image that comes from an ARG default in the ARG line, once for several FROMs', () => {
    const text = 'ARG BASE="python:3.12-slim"\nFROM ${BASE} AS a\nFROM $BASE\n';
    assert.equal(pinAll(text).text, `ARG BASE="python:3.12-slim@${D}"\nFROM \${BASE} AS a\nFROM $BASE\n`);
    assert.equal(planPins(buildModel(text)).targets.length, 1);
  });
  it('skips stage references, scratch and references it cannot write, each with a reason', () => {
    const text = 'ARG VER=3.12\nARG NONE\nFROM python:${VER} AS a\nFROM ${NONE}\nFROM a\nFROM scratch\nFROM python@' + OLD + '\nFROM python:3.\\\n12\n';
    const { text: out, skipped } = pinAll(text);
    assert.equal(out, text, 'nothing is rewritten');
    assert.deepEqual(skipped, [
      "3: `python:${VER}` is built from ARG values; pin the ARG's default or write the reference out",
      '4: `${NONE}` comes from ARG NONE, which has no default to pin',
      '5: `a` is a stage of this Dockerfile',
      '6: `scratch` is not an image',
      `7: \`python@${OLD}\` has no tag to resolve; it is pinned by digest alone`,
      '8: `python:3.12` is split across lines; join it to pin it',
    ]);
  });
  it('pins only the FROM on the given line', () => {
    const text = 'FROM node:22 AS deps\nRUN npm ci\nFROM node:22-slim\n';
    assert.equal(pinAll(text, 2).text, `FROM node:22 AS deps\nRUN npm ci\nFROM node:22-slim@${D}\n`);
    assert.equal(pinAll(text, 1).text, text, 'a line that is not a FROM pins nothing');
  });
});
