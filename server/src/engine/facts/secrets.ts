// Facts about secrets and trust that the supply-chain rules share: where a value comes from (a BuildKit secret
// mount, an ARG/ENV that lands in the image history, or literal text), what looks like a real credential, how to
// show one without leaking it.
import { variableRefs } from '../expand';
import { variableAt, type DockerfileModel, type Instruction, type RunCommand, type Word } from '../model';
import type { Range } from '../text';

/**
 * A secret shown in a message: the first 4 and last 4 characters (`ghp_…4f2a`). Shorter values show less, so that
 * the shown part is never more than half of the value; values under 8 characters show nothing of themselves.
 */
export function maskSecret(value: string): string {
  if (value.length >= 16) return `${value.slice(0, 4)}…${value.slice(-4)}`;
  if (value.length >= 8) return `${value.slice(0, 2)}…${value.slice(-2)}`;
  return '…';
}

export interface SecretMount {
  readonly id: string | undefined;
  /** where the secret file is mounted (default /run/secrets/<id>) */
  readonly target: string | undefined;
  /** `env=NAME`: the secret is exposed as this variable instead (BuildKit 0.14+) */
  readonly env: string | undefined;
}

/** The `--mount=type=secret,…` flags of a RUN. */
export function secretMounts(ins: Instruction): SecretMount[] {
  const out: SecretMount[] = [];
  for (const f of ins.flags) {
    if (f.name !== 'mount' || !f.value) continue;
    const fields = new Map(
      f.value.split(',').map((kv) => {
        const eq = kv.indexOf('=');
        return eq < 0 ? [kv.toLowerCase(), ''] : [kv.slice(0, eq).toLowerCase(), kv.slice(eq + 1)];
      }),
    );
    if (fields.get('type') !== 'secret') continue;
    const id = fields.get('id');
    const env = fields.get('env');
    const target = fields.get('target') ?? fields.get('dst') ?? fields.get('destination') ?? (env ? undefined : id ? `/run/secrets/${id}` : undefined);
    out.push({ id, target, env });
  }
  return out;
}

/** Whether a path names a secret file: under /run/secrets/ or the target of one of the RUN's secret mounts. */
export function isSecretPath(path: string, mounts: readonly SecretMount[]): boolean {
  const p = path.replace(/^["']|["']$/g, '');
  return p.startsWith('/run/secrets/') || mounts.some((m) => m.target !== undefined && m.target === p);
}

/**
 * Where a value comes from:
 * - 'literal': written in the Dockerfile (no expansion at all);
 * - 'history': it reads an ARG or ENV variable, whose value the image's history or config keeps;
 * - 'secret': it reads a BuildKit secret (a mounted file, a mount's env=, or a variable set from one in this RUN);
 * - 'unknown': it reads something else (a variable sourced from a file, set by the base image …).
 */
export type ValueOrigin = 'literal' | 'history' | 'secret' | 'unknown';

// (a path holds no `$(`: tried from every `$(` of `$(<($(<(…`, a path running to the end was quadratic)
const SUBSTITUTION = /\$\(\s*(?:cat\s+|<\s*)([^)\s$(]+)\s*\)|`\s*cat\s+([^`\s]+)\s*`/g;

export function valueOrigin(text: string, ins: Instruction, model: DockerfileModel): ValueOrigin {
  // single quotes keep `$6$salt$…` literal
  const expanding = text.replace(/'[^']*'/g, "''");
  if (!/[$`]/.test(expanding)) return 'literal';
  const mounts = secretMounts(ins);
  let secret = false;
  let unknown = false;
  for (const m of expanding.matchAll(SUBSTITUTION)) {
    if (isSecretPath(m[1] ?? m[2], mounts)) secret = true;
    else unknown = true;
  }
  const fromSecret = variablesFromSecrets(ins, model, mounts);

  let history = false;
  for (const { name } of variableRefs(expanding.replace(SUBSTITUTION, ''), 'any')) {
    if (fromSecret.has(name)) secret = true;
    else if (variableAt(model, ins, name)) history = true;
    else unknown = true;
  }
  // `$(openssl passwd -1 hunter2)` expands nothing but literal text
  return history ? 'history' : secret ? 'secret' : unknown ? 'unknown' : 'literal';
}

/** Variables a RUN fills from a secret: a mount's env=, `X=$(cat /run/secrets/x)`, `read X < /run/secrets/x`. */
function variablesFromSecrets(ins: Instruction, model: DockerfileModel, mounts: readonly SecretMount[]): Set<string> {
  const names = new Set(mounts.flatMap((m) => (m.env ? [m.env] : [])));
  const body = model.text.slice(model.lines.offsetAt(ins.range.start), model.lines.offsetAt(ins.range.end));
  for (const m of body.matchAll(/(?<![A-Za-z0-9_])([A-Za-z_][A-Za-z0-9_]*)=["']?(?:\$\(\s*(?:cat\s+|<\s*)([^)\s$(]+)\s*\)|`\s*cat\s+([^`\s]+)\s*`)/g)) {
    if (isSecretPath(m[2] ?? m[3], mounts)) names.add(m[1]);
  }
  for (const m of body.matchAll(/\bread\s+(?:-[a-z]+\s+){0,8}([A-Za-z_][A-Za-z0-9_]*)\s*<\s*(\S+)/g)) if (isSecretPath(m[2], mounts)) names.add(m[1]);
  return names;
}

// Parts of a name that say "this holds a secret", and parts that say it holds something about one instead.
const SECRET_PART =
  /^(apikey|api_key|auth|authtoken|credential|credentials|key|password|passwd|passphrase|pword|pwd|pswd|pass|secret|token|privatekey|private_key|accesskey|secretkey|psk)$/i;
// short forms that mean a password only at the end of a name (DB_PW, ADMIN_PW): PW_ first is as often Playwright's
const SECRET_LAST_PART = /^(pw)$/i;
const HARMLESS_PART =
  /^(public|pub|file|path|dir|url|uri|host|version|ver|id|name|type|length|module|enabled|endpoint|header|gpg|pgp|fingerprint|user|username|hash|sha1|sha256|sha512|md5|checksum|digest|sum|env|cmd|prompt|policy|expiry|expires|ttl|size|mode|method|storage|min|max|days|warn|age|through|thru|rate)$/i;
// whole names that only look like one: the shell's working directory, login.defs' password ageing settings
const NOT_SECRET = /^(pwd|oldpwd|pass_(max|min|warn)_(days|age|len))$/i;

/**
 * A variable or setting name that holds a credential (DB_PASSWORD, apiKey, GITHUB_TOKEN, MAIL_PASS, PWD_DB, DB_PW,
 * WIFI_PSK), not one about it (TOKEN_URL, TOKEN_TTL), nor a word that merely contains one (PASSENGER_*, BYPASS,
 * COMPASS), nor PWD, the working directory.
 */
export function secretLikeName(name: string): boolean {
  if (NOT_SECRET.test(name)) return false;
  const parts = name.split(/[_\-.]|(?<=[a-z])(?=[A-Z])/).filter(Boolean);
  if (parts.some((p) => HARMLESS_PART.test(p))) return false;
  return parts.some((p) => SECRET_PART.test(p)) || SECRET_LAST_PART.test(parts.at(-1) ?? '') || /(apikey|password|passwd|secret|token)$/i.test(name);
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) h -= (n / s.length) * Math.log2(n / s.length);
  return h;
}

// Documentation values (AWS's own examples), and words people write where a value is still to be filled in.
const PLACEHOLDER =
  /EXAMPLE|example|changeme|change_me|change-me|placeholder|dummy|your[-_]?|<[^<>]*>|\{\{|x{4,}|X{4,}|\*{3,}|\.{3}|…|^(.)\1*$|redacted|sample|fake|test|insert|replace|todo/i;

/** A value that stands for a credential without being one: `changeme`, `<your-token>`, `xxxx`, AWS's EXAMPLE keys. */
export const isPlaceholder = (value: string): boolean => PLACEHOLDER.test(value);

export interface KnownSecret {
  /** what kind of credential the format says it is */
  readonly kind: string;
  readonly value: string;
  /** offsets in the searched text */
  readonly start: number;
  readonly end: number;
}

const FORMATS: readonly { kind: string; pattern: RegExp }[] = [
  { kind: 'AWS access key id', pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/g },
  { kind: 'GitHub token', pattern: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})/g },
  { kind: 'GitLab token', pattern: /(?<![A-Za-z0-9_])glpat-[A-Za-z0-9_-]{20,}/g },
  { kind: 'Slack token', pattern: /(?<![A-Za-z0-9_])xox[baprs]-[A-Za-z0-9-]{10,}/g },
  { kind: 'Stripe live key', pattern: /(?<![A-Za-z0-9_])[sr]k_live_[A-Za-z0-9]{20,}/g },
  { kind: 'Google API key', pattern: /(?<![A-Za-z0-9_])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g },
  { kind: 'npm token', pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/g },
  // the header alone is in every tutorial that greps for keys: key material must follow it
  { kind: 'private key', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----(?=(?:\\n|\s|["'])*[A-Za-z0-9+/=]{40})/g },
  { kind: 'JWT', pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
];

/** Values in a text that have the format of a real credential (documentation placeholders excluded). */
export function knownSecrets(text: string): KnownSecret[] {
  const out: KnownSecret[] = [];
  for (const { kind, pattern } of FORMATS) {
    for (const m of text.matchAll(pattern)) {
      if (kind !== 'private key' && isPlaceholder(m[0])) continue;
      if (kind === 'JWT' && !isJwt(m[0])) continue;
      out.push({ kind, value: m[0], start: m.index, end: m.index + m[0].length });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function isJwt(token: string): boolean {
  try {
    const header = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8')) as unknown;
    return typeof header === 'object' && header !== null && 'alg' in header;
  } catch {
    return false;
  }
}

/** The value of an option in `-p VALUE`, `-pVALUE`, `--password VALUE` or `--password=VALUE` form, from `words[i]`. */
export function optionValue(
  words: readonly Word[],
  i: number,
  short: string | undefined,
  long: readonly string[],
): { option: Word; value: Word | undefined; inline: string | undefined } | undefined {
  const w = words[i];
  const t = w.value ?? w.text;
  for (const l of long) {
    if (t === `--${l}`) return { option: w, value: words[i + 1], inline: undefined };
    if (t.startsWith(`--${l}=`)) return { option: w, value: undefined, inline: w.text.slice(w.text.indexOf('=') + 1) };
  }
  if (short && t === `-${short}`) return { option: w, value: words[i + 1], inline: undefined };
  if (short && w.text.startsWith(`-${short}`) && !w.text.startsWith('--') && w.text.length > 2) return { option: w, value: undefined, inline: w.text.slice(2) };
  return undefined;
}

/**
 * Text a command writes into a configuration file: the arguments of echo/printf and the replacement of a sed
 * `s/…/…/` (the search part is what is there already, not what the command writes).
 */
export function writtenText(cmd: RunCommand): { word: Word; text: string }[] {
  const name = cmd.name?.replace(/^.*\//, '');
  const args = cmd.words.slice(1);
  // echo -e and printf turn \n into line breaks: the written file has one setting per line
  if (name === 'echo' || name === 'printf') return args.map((w) => ({ word: w, text: (w.value ?? w.text).replace(/\\n/g, '\n') }));
  if (name === 'sed') {
    return args.flatMap((w) => {
      const replacement = sedReplacement(w.value ?? w.text);
      return replacement !== undefined ? [{ word: w, text: replacement }] : /^[0-9$]*[aic]\\?\s*\S/.test(w.value ?? '') ? [{ word: w, text: w.value! }] : [];
    });
  }
  return [];
}

/**
 * The replacement of a sed `s/search/replacement/` word (any delimiter; a backslash escapes the next character).
 * Read in one pass: a regular expression with overlapping alternatives for "a character" and "an escaped character"
 * took 36 s on 40 backslashes.
 */
function sedReplacement(word: string): string | undefined {
  if (word.length < 2 || word[0] !== 's') return undefined;
  const delimiter = word[1];
  let at = 2;
  const part = (): string | undefined => {
    const start = at;
    while (at < word.length && word[at] !== delimiter) at += word[at] === '\\' ? 2 : 1;
    return at < word.length ? word.slice(start, at++) : undefined;
  };
  return part() === undefined ? undefined : part();
}

/** Matches of setting patterns in the files COPY/ADD write from heredocs (`COPY <<EOF /etc/yum.repos.d/x.repo`). */
export function heredocMatches(model: DockerfileModel, ins: Instruction, patterns: readonly RegExp[]): { range: Range; text: string }[] {
  if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') return [];
  return ins.heredocs.flatMap((h) => {
    if (!h.contentRange) return [];
    const base = model.lines.offsetAt(h.contentRange.start);
    const content = model.text.slice(base, model.lines.offsetAt(h.contentRange.end));
    return patterns.flatMap((re) => {
      const m = re.exec(content);
      return m ? [{ range: { start: model.lines.positionAt(base + m.index), end: model.lines.positionAt(base + m.index + m[0].length) }, text: m[0] }] : [];
    });
  });
}

/** The user part of a URL: `scheme://user:password@host` or `scheme://user@host`, with the offsets of the part after `//`. */
export interface UrlUserinfo {
  readonly scheme: string;
  readonly user: string;
  readonly password: string | undefined;
  /** offsets of `user[:password]` in the searched text */
  readonly start: number;
  readonly end: number;
}

/** A credential in a URL: the password, or a user part alone that looks like a token; `value` and its offsets. */
export interface UrlCredential extends UrlUserinfo {
  readonly value: string;
}

const SCHEME_CHAR = /[A-Za-z0-9+.-]/;
const AUTHORITY_END = /[/?#\s"'`<>\\]/;

/** Every `scheme://userinfo@` in a text, found by a scan from each `://` (linear in the text, whatever it holds). */
export function urlUserinfos(text: string): UrlUserinfo[] {
  const out: UrlUserinfo[] = [];
  for (let at = text.indexOf('://'); at >= 0; at = text.indexOf('://', at + 3)) {
    let s = at;
    while (s > 0 && at - s < 32 && SCHEME_CHAR.test(text[s - 1])) s--;
    while (s < at && !/[A-Za-z]/.test(text[s])) s++;
    if (s === at) continue;
    let e = at + 3;
    while (e < text.length && !AUTHORITY_END.test(text[e])) e++;
    const authority = text.slice(at + 3, e);
    const sign = authority.lastIndexOf('@');
    if (sign <= 0) continue;
    const userinfo = authority.slice(0, sign);
    const colon = userinfo.indexOf(':');
    out.push({
      scheme: text.slice(s, at),
      user: colon < 0 ? userinfo : userinfo.slice(0, colon),
      password: colon < 0 ? undefined : userinfo.slice(colon + 1),
      start: at + 3,
      end: at + 3 + sign,
    });
  }
  return out;
}

/** Credentials in URLs: a password, or a user part alone that looks like a token (`https://ghp_…@github.com`); a bare user name (`ssh://git@host`) is none. */
export function urlCredentials(text: string): UrlCredential[] {
  return urlUserinfos(text).flatMap((u) => {
    if (u.password) return [{ ...u, value: u.password, start: u.end - u.password.length }];
    if (u.password === undefined && looksLikeToken(u.user)) return [{ ...u, value: u.user }];
    return [];
  });
}

const looksLikeToken = (v: string): boolean => knownSecrets(v).length > 0 || (/^[A-Za-z0-9_.~-]{20,}$/.test(v) && /[0-9]/.test(v) && shannonEntropy(v) >= 3.5);

// measured on ../shared/corpus: values under this are words, versions and names, not generated credentials
const MIN_ENTROPY = 3.5;
const MIN_LENGTH = 12;
// a value naming the file a secret is in (assets/tls/server.key) is not the secret
const FILE_NAME = /\.(key|pem|crt|cert|p12|pfx|jks|keystore|der|asc|gpg|json|ya?ml|txt|conf|cfg|env|ini)$/i;

/** A generated-looking value: long, varied, mixing letters with digits or symbols, not a path, URL or placeholder. */
export function looksGenerated(value: string): boolean {
  if (value.length < MIN_LENGTH || isPlaceholder(value) || /^(\/|\.\/|~\/|[a-z][a-z0-9+.-]*:\/\/)/i.test(value) || FILE_NAME.test(value)) return false;
  if (!/[0-9]/.test(value) && !/[^A-Za-z0-9]/.test(value)) return false;
  if (/^(true|false|null|none)$/i.test(value) || /^[\d.:-]+$/.test(value) || /^\d+\.\d[-\w.]*$/.test(value)) return false;
  return shannonEntropy(value) >= MIN_ENTROPY;
}

/** A `NAME=value`, `NAME: value` or `"name": "value"` in the text, with the offsets of the value. */
export interface Assignment {
  readonly name: string;
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

const NAME_CHAR = /[A-Za-z0-9_.-]/;
const VALUE_STOP = /[\s"'\\;&|()<>$`,{}[\]]/;
// a name or a value longer than this is no setting (and bounding both keeps the scan linear)
const MAX_NAME = 128;
const MAX_VALUE = 512;

/**
 * Every `NAME=value`, `NAME: value`, `"name": "value"` anywhere in a text (RUN lines, heredocs, comments), scanned from
 * each `=` and `:` with bounded look-back and look-ahead, so the cost stays linear in the text.
 */
export function assignments(text: string): Assignment[] {
  const out: Assignment[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '=' && c !== ':') continue;
    // the name: [A-Za-z_][A-Za-z0-9_.-]*, then an optional quote and blanks before the sign
    let n = i;
    while (n > 0 && (text[n - 1] === ' ' || text[n - 1] === '\t')) n--;
    if (n > 0 && (text[n - 1] === '"' || text[n - 1] === "'")) n--;
    const nameEnd = n;
    while (n > 0 && nameEnd - n < MAX_NAME && NAME_CHAR.test(text[n - 1])) n--;
    while (n < nameEnd && !/[A-Za-z_]/.test(text[n])) n++;
    if (n === nameEnd || (n > 0 && /[A-Za-z0-9_$]/.test(text[n - 1]))) continue;
    // the value: blanks, an optional quote, then characters up to a stop (and the same quote, when one opened it)
    let v = i + 1;
    while (v < text.length && (text[v] === ' ' || text[v] === '\t')) v++;
    const quote = text[v] === '"' || text[v] === "'" ? text[v++] : '';
    let e = v;
    while (e < text.length && e - v <= MAX_VALUE && !VALUE_STOP.test(text[e])) e++;
    if (e === v || e - v > MAX_VALUE || (quote && text[e] !== quote)) continue;
    out.push({ name: text.slice(n, nameEnd), value: text.slice(v, e), start: v, end: e });
  }
  return out;
}

/** A value of a secret-like name that looks like a real credential, anywhere in the file. */
export interface NamedSecret {
  readonly name: string;
  readonly value: string;
  readonly start: number;
  readonly end: number;
  /** an ENV, ARG or LABEL pair (rather than text found in a RUN line, a heredoc or a comment) */
  readonly pair: boolean;
}

/** Generated-looking values given to names like PASSWORD, TOKEN or API_KEY: in ENV/ARG/LABEL pairs and in the text. */
export function namedSecrets(model: DockerfileModel): readonly NamedSecret[] {
  let out = named.get(model);
  if (out) return out;
  out = findNamedSecrets(model);
  named.set(model, out);
  return out;
}

// read by the secret rule and by every message's masking (secretMasker): found once per model
const named = new WeakMap<DockerfileModel, readonly NamedSecret[]>();

function findNamedSecrets(model: DockerfileModel): NamedSecret[] {
  const out: NamedSecret[] = [];
  for (const ins of model.instructions) {
    for (const kv of ins.keyValues) {
      if (kv.value === null || !kv.valueRange || kv.value.includes('$') || !secretLikeName(kv.name) || !looksGenerated(kv.value)) continue;
      out.push({ name: kv.name, value: kv.value, start: model.lines.offsetAt(kv.valueRange.start), end: model.lines.offsetAt(kv.valueRange.end), pair: true });
    }
  }
  for (const a of assignments(model.text)) if (secretLikeName(a.name) && looksGenerated(a.value)) out.push({ ...a, pair: false });
  return out;
}

const maskers = new WeakMap<DockerfileModel, (text: string) => string>();

/**
 * Hides in any text (a message, a fix title, what a fingerprint hashes) every secret of the file that a secret rule
 * would mask: values in a known credential format, passwords and tokens in URLs, generated-looking values of
 * secret-like names. Computed once per model, whatever rules are on: a secret must not reach a message through a rule
 * that merely quotes the text.
 */
export function secretMasker(model: DockerfileModel): (text: string) => string {
  let mask = maskers.get(model);
  if (mask) return mask;
  const values = new Set<string>();
  for (const s of knownSecrets(model.text)) values.add(s.value);
  for (const c of urlCredentials(model.text)) if (!c.value.includes('$')) values.add(c.value);
  for (const s of namedSecrets(model)) values.add(s.value);
  const list = [...values].filter((v) => v.length > 0).sort((a, b) => b.length - a.length);
  if (list.length === 0) mask = maskUrlCredentials;
  else {
    const escaped = list.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    // whole values only: a short password must not mask the same letters inside other words
    const any = new RegExp(`(?<![A-Za-z0-9])(?:${escaped.join('|')})(?![A-Za-z0-9])`, 'g');
    mask = (text) => maskUrlCredentials(text.replace(any, (v) => maskSecret(v)));
  }
  maskers.set(model, mask);
  return mask;
}

/** `https://deploy:P4ssw0rd@host` -> `https://deploy:…@host`; a token alone in the user part -> `https://…@host`. */
function maskUrlCredentials(text: string): string {
  if (!text.includes('://')) return text;
  let out = '';
  let from = 0;
  for (const c of urlCredentials(text)) {
    out += text.slice(from, c.start) + '…';
    from = c.end;
  }
  return out + text.slice(from);
}
