import { AUTOMATIC_PLATFORM_ARGS, flagValue, rangeInside, variableUses } from '../engine/model';
import { defineRule } from '../engine/rule';
import type { Range } from '../engine/text';

/** Each character of a name in lower case, compared one by one (case is not a typo). */
const lowerChars = (s: string): string[] => Array.from({ length: s.length }, (_, i) => s[i].toLowerCase());

/** Edits between two names (lowerChars), computed only while they can be two or fewer apart. */
function distance(a: readonly string[], b: readonly string[]): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length];
}

/**
 * A declared name one or two edits away (a typo such as BULIDPLATFORM), for the message. Names whose lengths differ
 * by more than two are more than two edits apart: a file with hundreds of global ARGs is not compared in full.
 */
function closest(name: string, known: readonly string[]): string | undefined {
  if (name.length <= 2) return undefined;
  const a = lowerChars(name);
  return known.find((k) => k.length > 2 && Math.abs(k.length - name.length) <= 2 && distance(a, lowerChars(k)) <= 2);
}

export default defineRule({
  id: 'undefined-arg-in-from',
  aliases: [{ tool: 'buildkit', code: 'UndefinedArgInFrom', relation: 'same' }],
  category: 'correctness',
  severity: 'warning',
  fixable: 'never',
  docs: {
    what: "Declare every variable a FROM uses with an `ARG` before the first FROM. Fires on `$NAME` in a FROM image or `--platform` that no global ARG declares and that is not one of BuildKit's automatic platform args.",
    why: 'An undeclared name silently expands to the empty string and ignores `--build-arg`: `FROM node:${NODE_VERSION}` becomes `node:`, and a misspelt `$BUILDPLATFORM` builds for the wrong platform without a word.',
    example: 'FROM node:${NODE_VERSION}-slim\nCMD ["node", "server.js"]',
    instead: 'ARG NODE_VERSION=22\nFROM node:${NODE_VERSION}-slim\nCMD ["node", "server.js"]',
  },
  check({ model, report }) {
    const known = [...model.globalArgs.keys(), ...AUTOMATIC_PLATFORM_ARGS];
    for (const stage of model.stages) {
      const from = stage.from;
      const parts: { text: string; range: Range }[] = [{ text: stage.base.text, range: stage.base.range }];
      const platform = flagValue(from, 'platform');
      if (platform) parts.unshift({ text: platform.text, range: platform.range });
      for (const part of parts) {
        for (const use of variableUses(part.text)) {
          if (model.globalArgs.has(use.name) || AUTOMATIC_PLATFORM_ARGS.has(use.name)) continue;
          const guess = closest(use.name, known);
          report({
            range: rangeInside(model, part.range, part.text, use.start, use.end),
            message: `\`${use.name}\` is not declared by an ARG before the first FROM, so it expands to nothing and ignores --build-arg${guess ? ` (did you mean \`${guess}\`?)` : ''}`,
          });
        }
      }
    }
  },
});
