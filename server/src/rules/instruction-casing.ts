import { defineRule } from '../engine/rule';
import { casingOf, inCasing, majorityCasing } from '../engine/facts/casing';
import { isInstruction } from '../engine/facts/instructions';

export default defineRule({
  id: 'instruction-casing',
  aliases: [{ tool: 'buildkit', code: 'ConsistentInstructionCasing', relation: 'same' }],
  category: 'maintainability',
  severity: 'warning',
  fixable: 'always',
  docs: {
    what: 'Write every instruction keyword in the same case, all upper (`RUN`) or all lower (`run`). Fires on mixed-case keywords (`Run`) and on keywords in the minority case; a tie counts as upper case, as in BuildKit.',
    why: 'BuildKit reports inconsistent casing on every build, and a reader scanning for `RUN` or `COPY` misses the `copy` among them. One style makes the file greppable and the build output quiet.',
    example: 'FROM alpine:3.20\nrun apk add --no-cache curl\nCOPY app /app',
    instead: 'FROM alpine:3.20\nRUN apk add --no-cache curl\nCOPY app /app',
    fixSafety: 'Safe: keyword case has no meaning to the builder; only the keyword is rewritten.',
  },
  check({ model, report }) {
    const majority = majorityCasing(model);
    for (const ins of model.instructions) {
      // ONBUILD triggers are not instructions of this build; BuildKit leaves them alone
      if (ins.onbuild) continue;
      // a word that is no instruction (`["/usr/bin/app"]` after an ENTRYPOINT whose line ended early) is the syntax
      // error's to report: rewriting its case would change the user's text and fix nothing
      if (!isInstruction(ins.keyword)) continue;
      const word = ins.keywordText;
      const casing = casingOf(word);
      if (casing === majority) continue;
      const wanted = inCasing(word, majority);
      report({
        range: ins.keywordRange,
        message:
          casing === 'mixed' ? `\`${word}\` mixes upper and lower case` : `\`${word}\` is ${casing} case while most keywords in this file are ${majority} case`,
        fix: () => ({ title: `Write ${wanted}`, safe: true, edits: [{ range: ins.keywordRange, newText: wanted }] }),
      });
    }
  },
});
