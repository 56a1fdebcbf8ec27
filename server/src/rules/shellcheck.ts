import { isWordList, variableAt, type DockerfileModel, type Instruction } from '../engine/model';
import { defineRule, type Rule, type Severity, type ShellCheckComment, type ShellCheckLevel } from '../engine/rule';

const SEVERITY: Readonly<Record<ShellCheckLevel, Severity>> = { error: 'error', warning: 'warning', info: 'information', style: 'hint' };

/**
 * Why ShellCheck's quoting fix must not be offered here: a variable it would quote is declared (ARG/ENV) as a list of
 * words, which the command needs split (`ARG PACKAGES="git vim"` … `apt-get install $PACKAGES`), or as empty, which
 * quoted becomes an empty argument (`ARG EXTRA_ARGS` … `ls $EXTRA_ARGS /`). Undefined when quoting is fine.
 */
function quotingBreaks(model: DockerfileModel, ins: Instruction, script: string, c: ShellCheckComment): string | undefined {
  if (!c.fix?.some((r) => r.text.includes('"'))) return undefined;
  for (const m of script.slice(c.start, c.end).matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) {
    const declared = variableAt(model, ins, m[1]);
    if (!declared) continue;
    if (!declared.value) return `\`${m[1]}\` is empty unless a build argument sets it, and quoted it would be an empty argument`;
    if (isWordList(declared.value)) return `\`${m[1]}\` is a list of words ("${declared.value}") that quoting would pass as one`;
  }
  return undefined;
}

const shellcheck: Rule = defineRule({
  id: 'shellcheck',
  aliases: [],
  category: 'correctness',
  severity: 'warning',
  fixable: 'sometimes',
  needs: ['shellcheck'],
  docs: {
    what: 'Fix what ShellCheck finds in RUN scripts. When `shellcheck` is installed, every shell-form RUN (a heredoc script too) is checked in the dialect of the SHELL in effect (POSIX sh by default; bash on a base whose `/bin/sh` is bash, the RHEL family: UBI, Fedora, CentOS, Rocky, Alma, Amazon Linux) and each finding shows as `shellcheck/SC…` where it is in the Dockerfile, with ShellCheck\'s level as its severity. ShellCheck is told which variables the ARG and ENV in effect set (so `$UID` from `ARG UID=1001` is not "undefined in POSIX sh"), and an unquoted use of one whose value is a list of words (`ARG PACKAGES="git vim"` … `apt-get install $PACKAGES`) is taken as meant: no SC2086 or SC2046 for it. Turn one code off with `"SC2086": "off"` in `seaworthy.rules` or `# hadolint ignore=SC2086` above the RUN; all of them with `"shellcheck": "off"`, `seaworthy.shellcheck.enable` or the CLI\'s `--no-shellcheck`.',
    why: 'A broken RUN script fails the build at best; at worst it half works and the image ships that way: an unquoted variable splits a path with a space in it, `[[` is "not found" under Debian\'s dash, a `cd` that failed lets the next command write into the wrong folder. ShellCheck finds these before anything is built.',
    example: 'FROM debian:12\nRUN for f in /etc/app/*.conf; do cp $f /backup/; done',
    instead: 'FROM debian:12\nRUN for f in /etc/app/*.conf; do cp "$f" /backup/; done',
    fixSafety:
      'Where ShellCheck proposes a fix (quoting a variable, `$(…)` for backticks, …) it is offered as a quick fix to apply by hand, never applied by fix-all, not even with `--fix --unsafe`: quoting stops word splitting some scripts rely on. Quoting is not offered for a variable an ARG or ENV declares as a list of words (`ARG PACKAGES="git vim"`) or as empty (`ARG EXTRA_ARGS`): the command needs the words split, or no argument at all. A fix that would cross a line of a continued RUN is not offered.',
    shellcheckAnswers: {
      'for f in /etc/app/*.conf; do cp $f /backup/; done': [
        {
          line: 1,
          column: 33,
          endLine: 1,
          endColumn: 35,
          level: 'info',
          code: 2086,
          message: 'Double quote to prevent globbing and word splitting.',
          fix: {
            replacements: [
              { line: 1, column: 33, endLine: 1, endColumn: 33, replacement: '"' },
              { line: 1, column: 35, endLine: 1, endColumn: 35, replacement: '"' },
            ],
          },
        },
      ],
    },
  },
  check({ model, shellcheck: facts, report }) {
    for (const ins of model.instructions) {
      const script = ins.run?.script;
      const comments = script && facts.commentsOn(model, ins);
      if (!comments) continue;
      for (const c of comments) {
        const start = model.lines.positionAt(script.toDoc(c.start));
        const end = c.end > c.start ? model.lines.positionAt(script.toDoc(c.end, true)) : start;
        const breaks = quotingBreaks(model, ins, script.text, c);
        const edits = breaks ? undefined : c.fix;
        report({
          range: { start, end },
          message: breaks ? `${c.message} (no quick fix: ${breaks})` : c.message,
          rule: codeRule(c.code, c.level),
          fix:
            edits &&
            (() => ({
              title: fixTitle(script.text, edits),
              safe: false,
              quickFixOnly: true,
              edits: edits.map((e) => ({
                range: {
                  start: model.lines.positionAt(script.toDoc(e.start)),
                  end: model.lines.positionAt(e.end > e.start ? script.toDoc(e.end, true) : script.toDoc(e.start)),
                },
                newText: e.text,
              })),
            })),
        });
      }
    }
  },
});

export default shellcheck;

const brief = (text: string) => {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 40 ? `${flat.slice(0, 39)}…` : flat;
};

/** Says what ShellCheck's fix does to the script: "Quote $VERSION", "Change “`date`” to “$(date)”", "Add “ || exit”". */
export function fixTitle(script: string, edits: readonly { start: number; end: number; text: string }[]): string {
  const start = Math.min(...edits.map((e) => e.start));
  const end = Math.max(...edits.map((e) => e.end));
  const [a, b] = edits;
  if (edits.length === 2 && a.start === a.end && b.start === b.end && a.text === b.text && /^["']$/.test(a.text))
    return `Quote ${brief(script.slice(a.start, b.start))}`;
  if (start === end) return `Add “${brief(edits.map((e) => e.text).join(''))}”`;
  let after = '';
  let at = start;
  for (const e of [...edits].sort((x, y) => x.start - y.start)) {
    after += script.slice(at, e.start) + e.text;
    at = e.end;
  }
  after += script.slice(at, end);
  return after ? `Change “${brief(script.slice(start, end))}” to “${brief(after)}”` : `Remove “${brief(script.slice(start, end))}”`;
}

const byCode = new Map<string, Rule>();
const LEVEL_OF = Object.fromEntries(Object.entries(SEVERITY).map(([level, severity]) => [severity, level])) as Readonly<Record<Severity, ShellCheckLevel>>;

/** The per-code rule for an id such as `shellcheck/SC2086` whose default level was `severity` (results sent between threads name rules by id). */
export function shellcheckCodeRule(id: string, severity: Severity): Rule | undefined {
  const m = /^shellcheck\/SC(\d+)$/.exec(id);
  return m ? codeRule(Number(m[1]), LEVEL_OF[severity]) : undefined;
}

/** The rule a ShellCheck code's findings are filed under: `shellcheck/SC2086`, alias `SC2086`, made once per code and level. */
function codeRule(code: number, level: ShellCheckLevel): Rule {
  const key = `${code}:${level}`;
  let rule = byCode.get(key);
  if (!rule) {
    const sc = `SC${code}`;
    const url = `https://www.shellcheck.net/wiki/${sc}`;
    rule = {
      id: `shellcheck/${sc}`,
      aliases: [{ tool: 'shellcheck', code: sc, relation: 'same' }],
      category: 'correctness',
      severity: SEVERITY[level],
      fixable: 'sometimes',
      parent: shellcheck,
      docs: {
        what: `Follow ShellCheck's advice ${sc} for this RUN script: [${sc} on the ShellCheck wiki](${url}) explains the problem and how to write it instead.`,
        why: shellcheck.docs.why,
        example: '',
        instead: '',
        url,
        fixSafety: shellcheck.docs.fixSafety,
      },
      check: () => undefined,
    };
    byCode.set(key, rule);
  }
  return rule;
}
