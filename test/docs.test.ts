// The docs are tests: every rule's example fires it, its "instead" is clean, and every part is written.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { baseLanguage, type BaseLanguage } from '../server/src/engine/facts/baseImage';
import { ruleMarkdown } from '../server/src/engine/docs';
import { buildModel } from '../server/src/engine/model';
import { rules } from '../server/src/rules';
import { lintWithOnly, useParser } from './harness/engine';
import { assertGolden } from './harness/golden';

describe('rule docs', () => {
  useParser();
  for (const rule of rules) {
    it(`${rule.id}: the example fires, the "instead" is clean`, () => {
      assert.ok(
        lintWithOnly(rule, rule.docs.example, {
          dockerignore: rule.docs.exampleFiles?.['.dockerignore'] ?? null,
          registry: rule.docs.registryAnswers,
          images: rule.docs.imageAnswers,
          shellcheck: rule.docs.shellcheckAnswers,
          config: rule.docs.exampleConfig,
        }).length > 0,
        'docs.example does not trigger the rule',
      );
      const ignore = rule.docs.insteadFiles?.['.dockerignore'] ?? '';
      assert.deepEqual(
        lintWithOnly(rule, rule.docs.instead, {
          dockerignore: ignore,
          registry: rule.docs.registryAnswers,
          images: rule.docs.imageAnswers,
          shellcheck: rule.docs.shellcheckAnswers,
          config: rule.docs.exampleConfig,
        }).map((f) => f.message),
        [],
        'docs.instead still triggers the rule',
      );
    });
    for (const [language, pair] of Object.entries(rule.docs.byLanguage ?? {})) {
      it(`${rule.id}: the ${language} example fires, its "instead" is clean, and its base image is ${language}`, () => {
        const options = {
          dockerignore: rule.docs.insteadFiles?.['.dockerignore'] ?? '',
          registry: rule.docs.registryAnswers,
          images: rule.docs.imageAnswers,
          shellcheck: rule.docs.shellcheckAnswers,
          config: rule.docs.exampleConfig,
        };
        assert.ok(
          lintWithOnly(rule, pair.example, { ...options, dockerignore: rule.docs.exampleFiles?.['.dockerignore'] ?? null }).length > 0,
          `byLanguage.${language}.example does not trigger the rule`,
        );
        assert.deepEqual(
          lintWithOnly(rule, pair.instead, options).map((f) => f.message),
          [],
          `byLanguage.${language}.instead still triggers the rule`,
        );
        const model = buildModel(pair.example);
        assert.ok(
          model.stages.some((s) => baseLanguage(s) === language),
          `no stage of byLanguage.${language}.example is built on a ${language} image`,
        );
        assert.match(
          ruleMarkdown(rule, { language: language as BaseLanguage }),
          new RegExp(`\\*\\*Flagged \\(`),
          'the card says which language its example is in',
        );
      });
    }
    it(`${rule.id}: docs are complete`, () => {
      for (const part of ['what', 'why', 'example', 'instead'] as const) assert.ok(rule.docs[part].trim(), `missing docs.${part}`);
      assert.equal(Boolean(rule.docs.fixSafety), rule.fixable !== 'never', 'a fixable rule says why its fix is safe or not; others have no fixSafety');
      assert.match(rule.docs.what, /^[A-Z`]/, 'docs.what starts with the instruction to the reader');
    });
    it(`${rule.id}: hover card`, () => assertGolden(`hover/${rule.id}.md`, ruleMarkdown(rule) + '\n'));
  }
});
