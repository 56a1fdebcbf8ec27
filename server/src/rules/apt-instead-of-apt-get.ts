import { effectiveWords } from '../engine/facts/commands';
import type { Word } from '../engine/model';
import { aptInvocation } from '../engine/facts/packageManagers';
import { defineRule, type Fix } from '../engine/rule';

/** Subcommands apt-get runs the same way apt does (apt's own extras: list, search, show, edit-sources… have none). */
const SAME_IN_APT_GET = new Set([
  'install',
  'reinstall',
  'update',
  'remove',
  'purge',
  'autoremove',
  'autopurge',
  'clean',
  'autoclean',
  'dist-upgrade',
  'source',
  'build-dep',
  'download',
  'satisfy',
  'changelog',
]);

/** Options only apt knows (apt 2.7+: `apt install --update` refreshes the lists first); apt-get rejects them. */
const APT_ONLY_OPTIONS = /^--update$/;

function toAptGet(word: Word, sub: string | undefined, jsonForm: boolean, options: readonly string[]): Fix | undefined {
  // a quoted or escaped "apt" is left alone: inserting inside the quotes is guesswork
  if (jsonForm || !word.text.endsWith('apt') || sub === undefined) return undefined;
  // apt-get would refuse the option ("Command line option --update is not understood")
  if (options.some((o) => APT_ONLY_OPTIONS.test(o.split('=', 1)[0]))) return undefined;
  // `apt upgrade` also installs new dependencies; `apt-get upgrade` holds those packages back
  if (sub !== 'upgrade' && !SAME_IN_APT_GET.has(sub)) return undefined;
  return { title: 'Use apt-get instead of apt', safe: sub !== 'upgrade', edits: [{ range: { start: word.range.end, end: word.range.end }, newText: '-get' }] };
}

export default defineRule({
  id: 'apt-instead-of-apt-get',
  aliases: [{ tool: 'hadolint', code: 'DL3027', relation: 'same' }],
  category: 'correctness',
  severity: 'warning',
  fixable: 'sometimes',
  docs: {
    what: 'Use `apt-get` (or `apt-cache`) in RUN, not `apt`. Fires on every `apt` command.',
    why: '`apt` is the interactive front end: its output, defaults and behaviour may change between releases, and it warns "apt does not have a stable CLI interface. Use with caution in scripts." `apt-get` keeps its interface stable for scripts, so a newer base image does not change how the build commands behave.',
    example: 'FROM debian:12\nRUN apt update && apt install -y --no-install-recommends curl',
    instead: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl',
    fixSafety:
      'Renames `apt` to `apt-get` for subcommands apt-get has. Safe except for `apt upgrade`, which also installs new dependencies where `apt-get upgrade` holds those packages back (offered as unsafe). Other subcommands (`apt list`, `apt search`…) and options only apt has (`apt install --update`) get no fix.',
  },
  scope: 'instruction',
  checkInstruction(ins, { report }) {
    for (const cmd of ins.run?.commands ?? []) {
      const inv = aptInvocation(cmd);
      const word = effectiveWords(cmd)[0];
      if (!inv || !word || (word.value ?? '').replace(/^.*\//, '') !== 'apt') continue;
      report({
        range: word.range,
        message: '`apt` has no stable interface for scripts: its behaviour may change with the base image',
        fix: () =>
          toAptGet(
            word,
            inv.sub,
            ins.run!.jsonForm,
            effectiveWords(cmd).map((w) => w.value ?? ''),
          ),
      });
    }
  },
});
