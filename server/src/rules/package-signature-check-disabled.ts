import { commandName, effectiveWords } from '../engine/facts/commands';
import { removeWord } from '../engine/fix/edits';
import { packageManager } from '../engine/facts/packageManagers';
import { textOf, type DockerfileModel, type Instruction, type RunCommand, type Word } from '../engine/model';
import { defineRule } from '../engine/rule';
import { heredocMatches, writtenText } from '../engine/facts/secrets';
import type { Range, TextEdit } from '../engine/text';

interface Unsigned {
  readonly range: Range;
  readonly label: string;
  /** the words the fix removes; absent = the fix declines */
  readonly words?: readonly Word[];
}

const TRUE = /^(1|true|yes|on)$/i;
// apt options (as -o values) that accept packages or repositories without a valid signature
const APT_UNSIGNED_OPTION =
  /^(APT::Get::AllowUnauthenticated|Acquire::AllowInsecureRepositories|Acquire::AllowDowngradeToInsecureRepositories|APT::Get::Force-Yes)=(.*)$/i;
// the same, written into a config file or a sources list
const CONFIG_TEXT = [
  /(?<![A-Za-z_])gpgcheck\s*=\s*(0|false|no|off)\b/i,
  /(APT::Get::AllowUnauthenticated|Acquire::AllowInsecureRepositories)\s+"?(1|true|yes)"?/i,
  // a local repository (file:, copy:) holds packages this build made itself
  // (the option is looked for ahead, inside one [ … ]: looked for by backtracking, every option tried the rest of the text)
  /\[(?=[^\][]*\b(?:trusted=yes|allow-insecure=yes))[^\][]*\](?!\s*["']?(file|copy):)/i,
];
const LOCAL_PACKAGE = /^(?![a-z]+:\/\/)\S*\.(apk|rpm|deb)\*?$/;
const VERIFY = /\bgpgv\b|\bsha(1|224|256|384|512)sum\b|\bapk verify\b|\brpm -K\b|\brpm --checksig\b/;

/**
 * A text that checks a signature or checksum: VERIFY, or `gpg … --verify` on one line. Read line by line: one
 * pattern for `gpg[^\n]*--verify` tried every `gpg` against the rest of its line.
 */
function verifies(text: string): boolean {
  if (VERIFY.test(text)) return true;
  return (
    text.includes('--verify') &&
    text.split('\n').some((line) => {
      const at = line.lastIndexOf('--verify');
      return at > 0 && /\bgpgv?\b/.test(line.slice(0, at));
    })
  );
}
const FLAGS: Readonly<Record<string, RegExp>> = {
  apk: /^--allow-untrusted$/,
  apt: /^--(allow-unauthenticated|force-yes|allow-insecure-repositories)$/,
  rpm: /^--(nosignature|nodigest)$/,
  dnf: /^--nogpgcheck$/,
  zypper: /^--(no-gpg-checks?|allow-unsigned-rpm)$/,
};

function familyOf(name: string): string | undefined {
  if (name === 'rpm') return 'rpm';
  if (name === 'yum-config-manager') return 'dnf';
  const kind = packageManager(name)?.kind;
  return kind === 'rpm' ? 'dnf' : kind;
}

/**
 * Package files the build made or checked itself: every package operand is a local file, and the RUN mounts it from
 * another stage or an instruction of the file verifies it (gpg --verify, sha256sum) by name.
 */
function trustedLocalFiles(model: DockerfileModel, ins: Instruction, words: readonly Word[]): boolean {
  const files = words
    .slice(1)
    .map((w) => w.value ?? w.text)
    .filter((v) => !v.startsWith('-') && /[./]/.test(v));
  if (files.length === 0 || !files.every((f) => LOCAL_PACKAGE.test(f))) return false;
  if (ins.flags.some((f) => f.name === 'mount' && /(^|,)from=/.test(f.value ?? ''))) return true;
  return files.every((f) => {
    const base = f.slice(f.lastIndexOf('/') + 1);
    return model.instructions.some((other) => other.keyword === 'RUN' && verifies(textOf(model, other.range)) && textOf(model, other.range).includes(base));
  });
}

function inCommand(model: DockerfileModel, ins: Instruction, cmd: RunCommand): Unsigned[] {
  const out: Unsigned[] = [];
  const name = commandName(cmd) ?? '';
  const words = effectiveWords(cmd);
  const family = familyOf(name) && !trustedLocalFiles(model, ins, words) ? familyOf(name) : undefined;
  for (let i = 1; family && i < words.length; i++) {
    const w = words[i];
    const v = w.value ?? '';
    if (FLAGS[family].test(v)) out.push({ range: w.range, label: `${name} ${v}`, words: [w] });
    if (family === 'apt') {
      const option = /^-o$|^--option$/.test(words[i - 1]?.value ?? '') ? words[i - 1] : undefined;
      const m = APT_UNSIGNED_OPTION.exec(v.replace(/^(-o|--option=)/, ''));
      if (m && TRUE.test(m[2].replace(/"/g, '')) && (option || v !== m[0])) {
        out.push({
          range: { start: (option ?? w).range.start, end: w.range.end },
          label: `${name} ${option ? option.value + ' ' : ''}${v}`,
          words: option ? [option, w] : [w],
        });
      }
    }
    if (family === 'dnf' && /^--setopt=/.test(v) && CONFIG_TEXT[0].test(v)) out.push({ range: w.range, label: `${name} ${v}`, words: [w] });
  }
  for (const { word, text } of writtenText(cmd)) {
    const m = CONFIG_TEXT.map((re) => re.exec(text)).find(Boolean);
    if (m) out.push({ range: word.range, label: m[0] });
  }
  return out;
}

export default defineRule({
  id: 'package-signature-check-disabled',
  aliases: [],
  category: 'security',
  severity: 'error',
  fixable: 'sometimes',
  docs: {
    what: "Keep package signature checks on; import the repository's signing key instead. Fires on `apk add --allow-untrusted`, apt `--allow-unauthenticated`, `--force-yes`, `--allow-insecure-repositories`, `-o APT::Get::AllowUnauthenticated=true` and `[trusted=yes]` sources, yum/dnf `--nogpgcheck` and `gpgcheck=0`, `rpm --nosignature`/`--nodigest` and `zypper --no-gpg-checks`. Silent for package files the build made or verified itself (mounted from another stage, or checked by name with `gpg --verify` or `sha256sum`) and for `file:` repositories.",
    why: 'The signature is what ties a package to its publisher: without it a mirror, proxy or anyone on the network path can hand the build a modified package, and it is installed as root into the image with no error. Mirrors are served over plain HTTP more often than not, so the signature is the only check there is.',
    example: 'FROM rockylinux:9\nRUN dnf install -y --nogpgcheck https://example.com/tool-1.2.0.rpm',
    instead: 'FROM rockylinux:9\nRUN rpm --import https://example.com/RPM-GPG-KEY-tool \\\n    && dnf install -y https://example.com/tool-1.2.0.rpm',
    fixSafety:
      'Unsafe: with the option removed, an install of a package whose key was never imported fails until the key is added. Removes the option word (and its `-o` for apt); declines for settings written into files by echo, sed or a heredoc, and for JSON-form RUN.',
  },
  check({ model, report }) {
    for (const ins of model.instructions) {
      const found: Unsigned[] = [
        ...(ins.run?.commands ?? []).flatMap((cmd) => inCommand(model, ins, cmd)),
        ...heredocMatches(model, ins, CONFIG_TEXT).map((m) => ({ range: m.range, label: m.text })),
      ];
      for (const f of found) {
        const words = ins.run?.jsonForm ? undefined : f.words;
        report({
          range: f.range,
          message: `\`${f.label}\` installs packages without checking their signatures: a tampered package goes into the image unnoticed`,
          fix:
            words && (() => ({ title: `Remove ${words.map((w) => w.value).join(' ')}`, safe: false, edits: words.map((w): TextEdit => removeWord(model, w)) })),
        });
      }
    }
  },
});
