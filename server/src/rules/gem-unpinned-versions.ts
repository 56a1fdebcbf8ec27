import { hasToolOption, toolCall } from '../engine/facts/langPackages';
import type { Word } from '../engine/model';
import { defineRule } from '../engine/rule';

/** `name:1.2.3` pins; a `.gem` file or a path installs what is on disk. */
const pinnedOrLocal = (spec: string) => spec.includes(':') || spec.endsWith('.gem') || spec.includes('/');

export default defineRule({
  id: 'gem-unpinned-versions',
  aliases: [{ tool: 'hadolint', code: 'DL3028', relation: 'same' }],
  category: 'reproducibility',
  severity: 'information',
  fixable: 'never',
  docs: {
    what: 'Pin the version of each gem `gem install` names (`gem install bundler:2.5.16` or `-v 2.5.16`). Fires on a gem name without a version; `.gem` files and paths are left alone.',
    why: 'A bare gem name installs the newest release at build time, so rebuilding the same commit can bring in a new major version that breaks the application or its Gemfile.lock. A pinned version keeps the image reproducible.',
    example: 'FROM ruby:3.3-slim\nRUN gem install bundler',
    instead: 'FROM ruby:3.3-slim\nRUN gem install bundler:2.5.16',
  },
  scope: 'instruction',
  checkInstruction(ins, { report }) {
    for (const cmd of ins.run?.commands ?? []) {
      const call = toolCall(cmd, 'gem');
      if ((call?.sub?.value !== 'install' && call?.sub?.value !== 'i') || hasToolOption(call, '-v', '--version')) continue;
      const gems = call.operands.filter((w): w is Word & { value: string } => {
        if (w.value === undefined || pinnedOrLocal(w.value)) return false;
        // `--use-system-libraries true`: the value of an option gem passes on, not a gem
        const previous = call.words[call.words.indexOf(w) - 1];
        return !(/^(true|false)$/.test(w.value) && (previous?.value ?? '').startsWith('-'));
      });
      for (const w of gems) {
        report({ range: w.range, message: `\`${w.value}\` is installed without a version, so each build may get a different release` });
      }
    }
  },
});
