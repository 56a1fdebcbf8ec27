import { commandName, runCommands } from '../engine/facts/commands';
import { stageChain, type RunCommand } from '../engine/model';
import { defineRule } from '../engine/rule';

const TOOLS = ['curl', 'wget'] as const;

export default defineRule({
  id: 'curl-and-wget',
  aliases: [{ tool: 'hadolint', code: 'DL4001', relation: 'same' }],
  category: 'size',
  severity: 'warning',
  fixable: 'never',
  docs: {
    what: 'Use either `curl` or `wget` in a stage, not both. Fires on the uses of the second tool once the stage (or a stage it is built FROM) already uses the other.',
    why: 'Both tools do the same job; installing both doubles the download tooling (and its CVEs) in the image, and two sets of flags for retries, TLS and redirects drift apart.',
    example: 'FROM debian:12\nRUN wget -q https://example.com/a.tar.gz\nRUN curl -fsSLO https://example.com/b.tar.gz',
    instead: 'FROM debian:12\nRUN curl -fsSLO https://example.com/a.tar.gz\nRUN curl -fsSLO https://example.com/b.tar.gz',
  },
  check({ model, report }) {
    const scopes =
      model.stages.length > 0
        ? model.stages.map((s) => ({ own: runCommands(s), chain: [...stageChain(s)].reverse().flatMap(runCommands) }))
        : [{ own: runCommands(model), chain: runCommands(model) }];
    for (const { own, chain } of scopes) {
      const first = (tool: string) => chain.find((c) => commandName(c) === tool);
      const [curl, wget] = TOOLS.map(first);
      if (!curl || !wget) continue;
      // the tool that came second is the one to drop
      const earlier: RunCommand = chain.indexOf(curl) < chain.indexOf(wget) ? curl : wget;
      const later = commandName(earlier) === 'curl' ? 'wget' : 'curl';
      for (const cmd of own) {
        if (commandName(cmd) !== later) continue;
        report({
          range: cmd.range,
          message: `\`${later}\` is used in a stage that already uses \`${commandName(earlier)}\` (line ${earlier.range.start.line + 1}); one download tool is enough`,
        });
      }
    }
  },
});
