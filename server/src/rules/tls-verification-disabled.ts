import { commandName, effectiveWords } from '../engine/facts/commands';
import { removeInstruction, removeWord } from '../engine/fix/edits';
import { packageManager } from '../engine/facts/packageManagers';
import { textOf, type DockerfileModel, type Instruction, type RunCommand, type Word } from '../engine/model';
import { defineRule, type Fix } from '../engine/rule';
import { heredocMatches, writtenText } from '../engine/facts/secrets';
import type { Range, TextEdit } from '../engine/text';

interface Insecure {
  readonly range: Range;
  /** what was found, as the user wrote it or close to it */
  readonly label: string;
  /** the fix that takes the setting out; absent = decline */
  readonly fix?: { readonly title: string; readonly edits: () => TextEdit[] | undefined };
}

const FALSE = /^(0|false|no|off)$/i;
// variables that switch verification off for every tool that reads them (GIT_SSL_NO_VERIFY: any value at all)
const INSECURE_ENV = new Map<string, (value: string) => boolean>([
  ['PYTHONHTTPSVERIFY', (v) => v === '0'],
  ['NODE_TLS_REJECT_UNAUTHORIZED', (v) => v === '0'],
  ['GIT_SSL_NO_VERIFY', (v) => v !== ''],
  ['PIP_TRUSTED_HOST', (v) => v !== ''],
  ['NPM_CONFIG_STRICT_SSL', (v) => FALSE.test(v)],
  ['YARN_ENABLE_STRICT_SSL', (v) => FALSE.test(v)],
]);
const insecureEnv = (name: string, value: string) => INSECURE_ENV.get(name.toUpperCase())?.(value) ?? false;

// settings written into yum/dnf repo files, apt.conf, .npmrc or .gitconfig
const CONFIG_TEXT = [
  /(?<![A-Za-z_])sslverify\s*=\s*(0|false|no|off)\b/i,
  /Acquire::https(::[^:\s"=]+)?::Verify-(Peer|Host)(?:\s*=\s*|\s+)"?(false|0|no|off)\b"?/i,
  /(?<![A-Za-z_-])strict-ssl\s*=\s*false\b/i,
];
const CURL_VALUED = new Set('AbcCdDeEFHKmoPQrtTuUwxXYyz');

/** The position of `k` in a curl short-option bundle (`-fsSLk`), or -1. */
function curlInsecureLetter(v: string): number {
  if (!/^-[A-Za-z0-9#:]+$/.test(v)) return -1;
  for (let i = 1; i < v.length; i++) {
    if (v[i] === 'k') return i;
    if (CURL_VALUED.has(v[i])) return -1;
  }
  return -1;
}

function inCommand(model: DockerfileModel, cmd: RunCommand): Insecure[] {
  const out: Insecure[] = [];
  const name = commandName(cmd) ?? '';
  const words = effectiveWords(cmd);
  const v = (w: Word | undefined) => w?.value ?? '';
  const drop = (title: string, ...ws: Word[]) => ({ title, edits: () => ws.map((w) => removeWord(model, w)) });
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    if (name === 'curl') {
      const k = curlInsecureLetter(v(w));
      if (v(w) === '--insecure' || v(w) === '--proxy-insecure' || v(w) === '-k')
        out.push({ range: w.range, label: `curl ${v(w)}`, fix: drop(`Remove ${v(w)} from curl`, w) });
      else if (k > 0 && w.text === w.value) {
        const at = { line: w.range.start.line, character: w.range.start.character + k };
        out.push({
          range: w.range,
          label: `curl ${v(w)}`,
          fix: { title: 'Remove -k from curl', edits: () => [{ range: { start: at, end: { ...at, character: at.character + 1 } }, newText: '' }] },
        });
      }
    }
    if (name === 'wget' && v(w) === '--no-check-certificate')
      out.push({ range: w.range, label: 'wget --no-check-certificate', fix: drop('Remove --no-check-certificate from wget', w) });
    if (/^(pip\d*(\.\d+)?|python\d*(\.\d+)?|uv)$/.test(name)) {
      if (v(w) === '--trusted-host' || v(w) === '--allow-insecure-host')
        out.push({
          range: { start: w.range.start, end: (words[i + 1] ?? w).range.end },
          label: `${name} ${v(w)}`,
          fix: drop(`Remove ${v(w)} from ${name}`, w, ...words.slice(i + 1, i + 2)),
        });
      if (/^--(trusted-host|allow-insecure-host)=/.test(v(w)))
        out.push({ range: w.range, label: `${name} ${v(w)}`, fix: drop(`Remove ${v(w).split('=')[0]} from ${name}`, w) });
      if (/(^|\.)trusted-host$/.test(v(w)) && v(words[i - 1]) === 'set') out.push({ range: cmd.range, label: `${name} config set ${v(w)}` });
    }
    if (/^(npm|yarn|pnpm)$/.test(name)) {
      if (/^--(strict-ssl|enable-strict-ssl)=false$/i.test(v(w)) || v(w) === '--no-strict-ssl')
        out.push({ range: w.range, label: `${name} ${v(w)}`, fix: drop(`Remove ${v(w)} from ${name}`, w) });
      const key = /^(strict-ssl|enableStrictSsl)(=(.*))?$/.exec(v(w));
      if (key && ['set', 'config'].includes(v(words[i - 1])) && FALSE.test(key[3] ?? v(words[i + 1])))
        out.push({ range: cmd.range, label: `${name} config set ${key[1]} false` });
    }
    if (name === 'git') {
      const m = /^(http(\..+)?\.sslverify)(=([^]*))?$/i.exec(v(w));
      if (m && v(words[i - 1]) === '-c' && m[4] !== undefined && FALSE.test(m[4]))
        out.push({
          range: { start: words[i - 1].range.start, end: w.range.end },
          label: `git -c ${v(w)}`,
          fix: drop(`Remove -c ${v(w)} from git`, words[i - 1], w),
        });
      else if (m && m[3] === undefined && v(words[i - 1]) !== '-c' && FALSE.test(v(words[i + 1])))
        out.push({ range: cmd.range, label: `git config ${m[1]} ${v(words[i + 1])}` });
    }
    // yum/dnf --setopt=sslverify=0, apt-get -o Acquire::https::Verify-Peer=false
    if ((name === 'yum-config-manager' || ['apt', 'rpm'].includes(packageManager(name)?.kind ?? '')) && CONFIG_TEXT.some((re) => re.test(v(w)))) {
      const optionWord = /^-o$|^--option$/.test(v(words[i - 1])) ? words[i - 1] : undefined;
      out.push({
        range: { start: (optionWord ?? w).range.start, end: w.range.end },
        label: `${name} ${optionWord ? v(optionWord) + ' ' : ''}${v(w)}`,
        fix: drop(`Remove ${v(w)} from ${name}`, ...(optionWord ? [optionWord] : []), w),
      });
    }
  }
  for (const { word, text } of writtenText(cmd)) {
    const m = CONFIG_TEXT.map((re) => re.exec(text)).find(Boolean);
    if (m) out.push({ range: word.range, label: m[0] });
  }
  // NODE_TLS_REJECT_UNAUTHORIZED=0 npm ci, export GIT_SSL_NO_VERIFY=1
  const exported = cmd.name === 'export' ? cmd.words.slice(1) : [];
  for (const w of [...cmd.assignments, ...exported]) {
    const [key, ...rest] = (w.value ?? '').split('=');
    if (w.value === undefined || !insecureEnv(key, rest.join('='))) continue;
    // removing the only word of an export would leave a bare `export`, which prints every variable
    out.push({ range: w.range, label: w.value, fix: exported.length === 1 ? undefined : drop(`Remove ${key}`, w) });
  }
  return out;
}

function inEnvOrArg(model: DockerfileModel, ins: Instruction): Insecure[] {
  const pairs = ins.keyValues;
  return pairs.flatMap((kv) => {
    if (kv.value === null || kv.value.includes('$') || !insecureEnv(kv.name, kv.value)) return [];
    const range = { start: kv.nameRange.start, end: kv.valueRange?.end ?? kv.nameRange.end };
    // the only pair: the instruction goes; one of several `key=value` pairs: that pair and a blank go
    const edits = (): TextEdit[] | undefined => {
      if (ins.onbuild) return undefined;
      if (pairs.length === 1) return [removeInstruction(model, ins)];
      if (!kv.hasEquals || /\s/.test(textOf(model, range).replace(/\\\s/g, ''))) return undefined;
      return [removeWord(model, { text: '', value: '', range })];
    };
    return [{ range, label: `${ins.keyword} ${kv.name}=${kv.value}`, fix: { title: `Remove ${kv.name}`, edits } }];
  });
}

export default defineRule({
  id: 'tls-verification-disabled',
  aliases: [],
  category: 'security',
  severity: 'error',
  fixable: 'sometimes',
  docs: {
    what: 'Keep TLS certificate checks on; add the missing CA certificate instead. Fires on `curl -k`/`--insecure`, `wget --no-check-certificate`, `pip --trusted-host`, `PIP_TRUSTED_HOST`, `PYTHONHTTPSVERIFY=0`, `NODE_TLS_REJECT_UNAUTHORIZED=0`, `GIT_SSL_NO_VERIFY`, npm/yarn/pnpm `strict-ssl false`, `git config http.sslVerify false`, yum/dnf `sslverify=0` and apt `Acquire::https::Verify-Peer "false"`, in RUN, ENV, ARG and COPY heredocs.',
    why: 'Without certificate checks, anyone on the network path (a proxy, a compromised mirror, a hostile Wi-Fi on a laptop build) can serve a different package or script, and the build installs it without a warning. Set in ENV, the switch also stays on in every container run from the image.',
    example: 'FROM debian:12-slim\nRUN curl -fsSLk -o /tmp/tool.tgz https://downloads.example.com/tool.tgz\nENV NODE_TLS_REJECT_UNAUTHORIZED=0',
    instead:
      'FROM debian:12-slim\nCOPY corp-root-ca.crt /usr/local/share/ca-certificates/\nRUN update-ca-certificates \\\n    && curl -fsSL -o /tmp/tool.tgz https://downloads.example.com/tool.tgz',
    fixSafety:
      'Unsafe: removing the flag or setting turns the checks back on, so a build that relied on it fails until the right CA certificate is installed. Removes an option word (with one blank), a `KEY=value` before a command, one pair of a multi-pair ENV/ARG, or an ENV/ARG that holds only that setting. Declines where text would be left dangling: `npm config set …` or `git config …` commands, settings written by echo/sed, a lone `export`, ONBUILD triggers and JSON-form RUN.',
  },
  scope: 'instruction',
  checkInstruction(ins, { model, report }) {
    const found: Insecure[] = [];
    for (const cmd of ins.run?.commands ?? []) found.push(...inCommand(model, cmd));
    if (ins.keyword === 'ENV' || ins.keyword === 'ARG') found.push(...inEnvOrArg(model, ins));
    found.push(...heredocMatches(model, ins, CONFIG_TEXT).map((m) => ({ range: m.range, label: m.text })));
    for (const f of found) {
      const fix = ins.run?.jsonForm ? undefined : f.fix;
      report({
        range: f.range,
        message: `\`${f.label}\` turns off TLS certificate checks: anyone on the network path can swap what this build downloads`,
        fix:
          fix &&
          ((): Fix | undefined => {
            const edits = fix.edits();
            return edits && { title: fix.title, safe: false, edits };
          }),
      });
    }
  },
});
