// A finding may carry a level of its own (a setuid shell is worse than a setuid tool), but a level the user sets wins.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SeveritySetting } from '../shared/src/settings';
import { lint } from '../server/src/engine/lint';
import { resolveSettings } from '../server/src/engine/settings';
import { rulesByKey, rules } from '../server/src/rules';
import { useParser } from './harness/engine';

describe("a finding's own level", () => {
  useParser();
  const levelOf = (text: string, overrides: Record<string, SeveritySetting> = {}) =>
    lint({ text, fileName: 'Dockerfile', settings: resolveSettings(overrides, rulesByKey).settings }, rules).findings.find(
      (f) => f.rule.id === 'setuid-bit-set',
    )?.severity;

  it('a setuid shell is an error while the rule keeps its default level; another setuid file stays a warning', () => {
    assert.equal(levelOf('FROM alpine:3.20\nRUN chmod u+s /bin/busybox\n'), 'error');
    assert.equal(levelOf('FROM alpine:3.20\nRUN chmod u+s /usr/local/bin/tool\n'), 'warning');
  });
  it("a level the user set for the rule wins over the finding's own", () => {
    assert.equal(levelOf('FROM alpine:3.20\nRUN chmod u+s /bin/busybox\n', { 'setuid-bit-set': 'information' }), 'information');
    assert.equal(levelOf('FROM alpine:3.20\nRUN chmod u+s /bin/busybox\n', { 'setuid-bit-set': 'off' }), undefined);
  });
});

describe('a key names every rule that carries it', () => {
  const levels = (overrides: Record<string, SeveritySetting>) => {
    const { settings } = resolveSettings(overrides, rulesByKey);
    return ['multiple-cmd', 'multiple-entrypoint', 'multiple-healthchecks', 'multiple-instructions-disallowed'].map((id) =>
      settings.severityOf(rulesByKey.get(id)![0]),
    );
  };
  it("BuildKit's umbrella check sets the three specific rules and its own", () => {
    assert.deepEqual(levels({ MultipleInstructionsDisallowed: 'error' }), ['error', 'error', 'error', 'error']);
    assert.deepEqual(levels({ MultipleInstructionsDisallowed: 'off' }), ['off', 'off', 'off', 'off']);
  });
  it('a hadolint code and an id each name one of them', () => {
    assert.deepEqual(levels({ DL4003: 'off', 'multiple-healthchecks': 'hint' }), ['off', 'warning', 'hint', 'off']);
  });
});
