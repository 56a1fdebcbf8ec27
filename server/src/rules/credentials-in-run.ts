import { commandName, effectiveWords } from '../engine/facts/commands';
import type { DockerfileModel, Instruction, RunCommand, Word } from '../engine/model';
import { defineRule } from '../engine/rule';
import { isSecretPath, optionValue, secretMounts, urlUserinfos, valueOrigin, writtenText } from '../engine/facts/secrets';
import type { Range } from '../engine/text';

interface Credential {
  readonly range: Range;
  /** where it was found, without the value (`docker login -p`) */
  readonly label: string;
  /** the text that holds the credential, as written (quotes and $VARS kept) */
  readonly value: string;
  /** the option's whole value, for labels */
  readonly raw?: string;
  /** what goes wrong, when it is not "shown by docker history" */
  readonly consequence?: string;
}

const LOGIN_TOOLS = /^(docker|podman|buildah|skopeo|nerdctl|helm|oras)$/;
const GLOBAL_VALUED = new Set(['--config', '-c', '--context', '-H', '--host', '-l', '--log-level', '--namespace', '-n', '--kube-context']);
const AUTH_HEADER = /^["']?(authorization|proxy-authorization|private-token|job-token|x-api-key|x-auth-token)\s*:\s*(\S.*?)["']?$/i;
// read on the last line of a word only, where `.*$` cannot fail (and so be tried again from every `:`)
const NPM_AUTH = /(?:^|:)(_authToken|_auth|_password)(?:=(.*))?$/;
const lastLine = (v: string) => v.slice(Math.max(v.lastIndexOf('\n'), v.lastIndexOf('\r'), v.lastIndexOf('\u2028'), v.lastIndexOf('\u2029')) + 1);

/** Options with a credential as their value: `-p X`, `-pX`, `--password X`, `--password=X`. */
function optionCredentials(
  name: string,
  words: readonly Word[],
  short: string | undefined,
  long: readonly string[],
  part: (v: string) => string | undefined = (v) => v,
): Credential[] {
  const out: Credential[] = [];
  for (let i = 1; i < words.length; i++) {
    const opt = optionValue(words, i, short, long);
    const raw = opt && (opt.inline ?? opt.value?.text);
    const value = raw === undefined ? undefined : part(raw);
    if (!opt || value === undefined || value === '') continue;
    const flag = opt.option.text.startsWith('--') ? opt.option.text.replace(/=.*/, '') : opt.option.text.slice(0, 2);
    out.push({ range: { start: opt.option.range.start, end: (opt.value ?? opt.option).range.end }, label: `${name} ${flag}`, value, raw });
  }
  return out;
}

/** `docker login`, `docker --config /x login`, `helm registry login`, but not `docker run -p 80:80 image login`. */
function isLogin(values: readonly string[]): boolean {
  let i = 1;
  while (i < values.length && values[i].startsWith('-')) i += GLOBAL_VALUED.has(values[i]) ? 2 : 1;
  if (values[i] === 'registry') i++;
  return values[i] === 'login';
}

function credentials(cmd: RunCommand): Credential[] {
  const name = commandName(cmd) ?? '';
  const words = effectiveWords(cmd);
  const values = words.map((w) => w.value ?? '');
  const out: Credential[] = [];
  if (LOGIN_TOOLS.test(name) && isLogin(values)) out.push(...optionCredentials(`${name} login`, words, 'p', ['password']));
  if (name === 'curl') {
    // -u user:password (a user alone makes curl prompt, which fails in a build but leaks nothing)
    const password = (v: string) => (/^["']?[^:]*:/.test(v) ? v.slice(v.indexOf(':') + 1).replace(/["']$/, '') : undefined);
    out.push(...optionCredentials('curl', words, 'u', ['user'], password), ...optionCredentials('curl', words, 'U', ['proxy-user'], password));
  }
  if (name === 'wget') out.push(...optionCredentials('wget', words, undefined, ['password', 'http-password', 'ftp-password', 'proxy-password']));
  if (name === 'curl' || name === 'wget') {
    const header = (v: string) => AUTH_HEADER.exec(v)?.[2];
    out.push(
      ...optionCredentials(name, words, name === 'curl' ? 'H' : undefined, ['header'], header).map((c) => ({
        ...c,
        label: `${c.label} ${AUTH_HEADER.exec(c.raw ?? '')?.[1]}:`,
      })),
    );
  }
  if (name === 'gcloud' && values.includes('auth')) {
    // a key file not mounted as a secret was copied into a layer (or is about to be)
    out.push(
      ...optionCredentials('gcloud auth', words, undefined, ['key-file', 'cred-file'])
        .filter((c) => !isSecretPath(c.value, secretMounts(cmd.instruction)))
        .map((c) => ({ ...c, consequence: 'reads a key file that is not a secret mount, so the key sits in an image layer' })),
    );
  }
  if (name === 'aws' && values.includes('configure') && values.includes('set')) {
    const i = values.findIndex((v) => /(^|\.)(aws_secret_access_key|aws_session_token)$/.test(v));
    if (i > 0 && words[i + 1])
      out.push({
        range: { start: words[i].range.start, end: words[i + 1].range.end },
        label: `aws configure set ${values[i].replace(/^.*\./, '')}`,
        value: words[i + 1].text,
      });
  }
  if (/^(npm|yarn|pnpm)$/.test(name) && (values.includes('set') || values.includes('config'))) {
    values.forEach((v, i) => {
      const m = NPM_AUTH.exec(lastLine(v)) ?? (v === 'npmAuthToken' || v === 'npmAuthIdent' ? [v, v] : null);
      if (!m || i < 2) return;
      const value = m[2] ?? words[i + 1]?.text;
      const end = m[2] === undefined ? words[i + 1]?.range.end : words[i].range.end;
      if (value && end) out.push({ range: { start: words[i].range.start, end }, label: `${name} config set ${m[1]}`, value });
    });
  }
  // echo "//registry.npmjs.org/:_authToken=…" > .npmrc
  for (const { word } of writtenText(cmd)) {
    const m = /:(_authToken|_auth|_password)=([^\s"']+)/.exec(word.text);
    if (m) out.push({ range: word.range, label: `${name} …:${m[1]}=`, value: m[2] });
  }
  // scheme://user:password@host, and scheme://token@host for git (a bare user name prompts, it is no credential)
  for (const w of words.slice(1)) {
    const u = urlUserinfos(w.text)[0];
    if (!u || u.password === '' || (u.password === undefined && (name !== 'git' || !/^(\$|[A-Za-z0-9_]{20,}$)/.test(u.user)))) continue;
    out.push({ range: w.range, label: `${name} ${u.scheme}://${u.password === undefined ? '…@' : '…:…@'}`, value: u.password ?? u.user });
  }
  return out;
}

function leaked(model: DockerfileModel, ins: Instruction): Credential[] {
  return (ins.run?.commands ?? []).flatMap(credentials).filter((c) => {
    const origin = valueOrigin(c.value, ins, model);
    // an unknown $VAR (sourced from a file, set by the base image) is not in this file's history
    return origin === 'literal' || origin === 'history';
  });
}

export default defineRule({
  id: 'credentials-in-run',
  aliases: [],
  category: 'security',
  severity: 'error',
  fixable: 'never',
  checklist: { item: 'no-secrets' },
  pointsAtSecrets: true,
  docs: {
    what: 'Pass credentials with a BuildKit secret mount (`RUN --mount=type=secret,id=…`), not on the RUN line. Fires on `docker login -p`, `curl -u user:pass`, `Authorization:` headers, URLs with `user:token@`, `gcloud auth … --key-file`, `aws configure set aws_secret_access_key` and `npm config set //…:_authToken`, when the value is literal or comes from an ARG or ENV.',
    why: 'Every RUN line is stored in the image history, and ARG and ENV values with it: anyone who can pull the image (or read the build cache, or the CI log) can read the credential with `docker history`. A secret mount exists only while that one RUN executes and is never written to a layer.',
    example: 'FROM debian:12-slim\nARG ARTIFACTORY_PASSWORD\nRUN curl -fsSL -u ci:$ARTIFACTORY_PASSWORD -o /tmp/app.tgz https://artifacts.example.com/app.tgz',
    instead:
      'FROM debian:12-slim\nRUN --mount=type=secret,id=artifactory_password,env=ARTIFACTORY_PASSWORD \\\n    curl -fsSL -u ci:$ARTIFACTORY_PASSWORD -o /tmp/app.tgz https://artifacts.example.com/app.tgz',
  },
  check({ model, report }) {
    for (const ins of model.instructions) {
      for (const c of leaked(model, ins)) {
        report({
          range: c.range,
          message: `\`${c.label}\` ${c.consequence ?? 'puts a credential where `docker history` shows it'}; pass it with \`RUN --mount=type=secret,id=…\``,
        });
      }
    }
  },
});
