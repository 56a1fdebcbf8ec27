import { defineRule } from '../engine/rule';

// Docker's label-key guideline, as hadolint checks it: lower-case alphanumerics, dots and dashes, starting with a
// letter and ending with a letter or digit, no `..` or `--`, and not in the namespaces Docker reserves.
const RESERVED = ['com.docker.', 'io.docker.', 'org.dockerproject.'];

function keyProblem(key: string): string | undefined {
  const reserved = RESERVED.find((p) => key.startsWith(p));
  if (reserved) return `is in the \`${reserved}\` namespace Docker reserves for itself`;
  if (/[^a-z0-9.-]/.test(key)) return 'has characters other than lower-case letters, digits, `.` and `-`';
  if (!/^[a-z]/.test(key) || !/[a-z0-9]$/.test(key)) return 'does not start with a letter and end with a letter or digit';
  if (key.includes('..') || key.includes('--')) return 'has consecutive separators';
  return undefined;
}

const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
const RFC3339 = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt ]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
// local@domain, where the domain has a dot with a character on each side: checked after the pattern, since one
// pattern that looks for "the" dot tries every dot of a long domain against every other
const EMAIL = /^[^\s@<>()[\]",;:]+@([^\s@<>()[\]",;:]+)$/;
const isEmail = (v: string) => {
  const domain = EMAIL.exec(v)?.[1];
  const dot = domain?.indexOf('.', 1) ?? -1;
  return domain !== undefined && dot > 0 && dot < domain.length - 1;
};
// a git commit id: abbreviated (at least 7) or full SHA-1, or a full SHA-256 object name
const GIT_HASH = /^([0-9a-f]{7,40}|[0-9a-f]{64})$/;

function isUrl(v: string): boolean {
  if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$/.test(v)) return false;
  try {
    return Boolean(new URL(v));
  } catch {
    return false;
  }
}

/** SPDX license expression syntax: ids (with an optional +), LicenseRef-…, AND / OR / WITH, parentheses. */
function isSpdx(v: string): boolean {
  const tokens = v.replace(/[()]/g, ' $& ').trim().split(/\s+/);
  let depth = 0;
  let expectId = true;
  for (const t of tokens) {
    if (expectId) {
      if (t === '(') depth++;
      else if (/^((DocumentRef-[\w.-]+:)?LicenseRef-[\w.-]+|[A-Za-z0-9][\w.-]*\+?)$/.test(t) && !/^(AND|OR|WITH)$/.test(t)) expectId = false;
      else return false;
    } else if (t === ')') {
      if (--depth < 0) return false;
    } else if (t === 'AND' || t === 'OR' || t === 'WITH') expectId = true;
    else return false;
  }
  return !expectId && depth === 0;
}

// keyed by the schema's types, which users write: a Map, so `constructor` or `__proto__` is just an unknown type
const CHECKS = new Map<string, { ok: (v: string) => boolean; what: string }>([
  ['url', { ok: isUrl, what: 'is not a URL' }],
  ['semver', { ok: (v) => SEMVER.test(v), what: 'is not a semantic version' }],
  ['rfc3339', { ok: (v) => RFC3339.test(v), what: 'is not an RFC 3339 date-time' }],
  ['hash', { ok: (v) => GIT_HASH.test(v), what: 'is not a git commit hash' }],
  ['email', { ok: isEmail, what: 'is not an email address' }],
  ['spdx', { ok: isSpdx, what: 'is not an SPDX license expression' }],
  ['text', { ok: () => true, what: '' }],
]);

export default defineRule({
  id: 'label-invalid',
  aliases: [
    { tool: 'hadolint', code: 'DL3048', relation: 'same' },
    { tool: 'hadolint', code: 'DL3050', relation: 'same' },
    { tool: 'hadolint', code: 'DL3051', relation: 'same' },
    { tool: 'hadolint', code: 'DL3052', relation: 'same' },
    { tool: 'hadolint', code: 'DL3053', relation: 'same' },
    { tool: 'hadolint', code: 'DL3054', relation: 'inspired' },
    { tool: 'hadolint', code: 'DL3055', relation: 'inspired' },
    { tool: 'hadolint', code: 'DL3056', relation: 'same' },
    { tool: 'hadolint', code: 'DL3058', relation: 'same' },
  ],
  category: 'maintainability',
  severity: 'warning',
  fixable: 'never',
  docs: {
    what: "Write label keys in lower-case reverse-DNS form (`org.example.team`) and give labels the values your `labelSchema` expects. Fires on keys with other characters or in Docker's reserved namespaces and, when a schema is configured, on empty values, values of the wrong type (url, semver, rfc3339, hash, email, spdx) and, with `strictLabels`, on labels the schema does not list.",
    why: 'Labels are read by machines: registries link `org.opencontainers.image.source`, policies select images by owner, SBOM and license scanners parse versions and SPDX ids. A mistyped key or a value in the wrong format is silently ignored, and the image drops out of the inventory it was meant to appear in.',
    example: 'FROM alpine:3.20\nLABEL Com.Example.Team="web"',
    instead: 'FROM alpine:3.20\nLABEL com.example.team="web"',
  },
  check({ model, config, report }) {
    const schema = config.labelSchema;
    for (const ins of model.instructions) {
      if (ins.keyword !== 'LABEL') continue;
      for (const kv of ins.keyValues) {
        const problem = keyProblem(kv.name);
        if (problem)
          report({
            range: kv.nameRange,
            message: `Label key \`${kv.name}\` ${problem}, so tools that follow Docker's label conventions may ignore or misread it`,
          });
        if (!schema) continue;
        // own keys only: a label named `constructor` is not in a schema because every object has a constructor
        const type = Object.hasOwn(schema, kv.name) ? schema[kv.name] : undefined;
        if (type === undefined) {
          if (config.strictLabels) report({ range: kv.nameRange, message: `Label \`${kv.name}\` is not in the team's label schema` });
          continue;
        }
        const value = kv.value ?? '';
        const range = kv.valueRange ?? kv.nameRange;
        if (value.trim() === '') report({ range, message: `Label \`${kv.name}\` is empty, so the schema's \`${type}\` value is missing` });
        else {
          const check = CHECKS.get(type);
          if (check && !value.includes('$') && !check.ok(value))
            report({ range, message: `Label \`${kv.name}\` value \`${value}\` ${check.what}, as the label schema requires` });
        }
      }
    }
  },
});
