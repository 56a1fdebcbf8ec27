// What a build downloads: the URLs curl, wget and git clone fetch in RUN, and ADD's remote sources (expanded the
// builder's way), with whether the download's content is checked. One reading for the rules about downloads.
import { expandAt, unquote, type DockerfileModel, type Instruction, type RunCommand, type Word } from '../model';
import { copySources } from './buildContext';
import { commandName, effectiveWords } from './commands';

export interface Download {
  readonly ins: Instruction;
  /** the word that names the URL */
  readonly word: Word;
  /** the URL as the tool sees it (ADD: expanded; RUN: as written, quotes removed) */
  readonly url: string;
  readonly tool: 'curl' | 'wget' | 'git' | 'ADD';
  /** a checksum or signature check of the content: ADD --checksum, sha256sum/gpg --verify … in the same RUN */
  readonly verified: boolean;
}

const URL = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;
// commands that check what was downloaded against a known value or signature
export const VERIFIERS = /^(sha(1|224|256|384|512)sum|shasum|b2sum|md5sum|gpg|gpgv|cosign|minisign|signify|sigstore|slsa-verifier)$/;

const downloadsOf = new WeakMap<DockerfileModel, readonly Download[]>();

/** Every download of the file, in order. Shared: do not modify. */
export function downloads(model: DockerfileModel): readonly Download[] {
  let out = downloadsOf.get(model);
  if (out) return out;
  const list: Download[] = [];
  for (const ins of model.instructions) {
    if (ins.keyword === 'ADD') {
      const verified = ins.flags.some((f) => f.name === 'checksum');
      for (const { word, path } of copySources(ins)) {
        const url = path.includes('$') ? (expandAt(model, ins, path) ?? path) : path;
        if (URL.test(url)) list.push({ ins, word, url, tool: 'ADD', verified });
      }
      continue;
    }
    const commands = ins.run?.commands ?? [];
    const verified = commands.some((c) => VERIFIERS.test(commandName(c) ?? ''));
    for (const cmd of commands) {
      const name = commandName(cmd);
      const words = effectiveWords(cmd);
      const tool = name === 'curl' ? 'curl' : name === 'wget' ? 'wget' : name === 'git' && words.some((w) => w.value === 'clone') ? 'git' : undefined;
      if (!tool) continue;
      for (const word of words.slice(1)) {
        const url = unquote(word.value ?? word.text);
        if (URL.test(url)) list.push({ ins, word, url, tool, verified });
      }
    }
  }
  downloadsOf.set(model, (out = list));
  return out;
}

/** The host of a URL (`http://user@host:80/x` -> `host`), lower-cased; undefined when it holds a variable. */
export function urlHost(url: string): string | undefined {
  const rest = url.slice(url.indexOf('://') + 3);
  const authority = rest.split(/[/?#]/, 1)[0];
  const host = authority
    .slice(authority.lastIndexOf('@') + 1)
    .replace(/:\d*$/, '')
    .replace(/^\[|\]$/g, '')
    .toLowerCase();
  return host.includes('$') || host === '' ? undefined : host;
}

/** Hosts that are the machine itself or the build's own network: plain HTTP to them crosses no one's network. */
export function isLocalHost(host: string): boolean {
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127\./.test(host) ||
    host === '::1' ||
    host === '0.0.0.0' ||
    host === 'host.docker.internal' ||
    /^10\./.test(host) ||
    /^192\.168\./.test(host) ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(host) ||
    host.endsWith('.local') ||
    host.endsWith('.internal') ||
    !host.includes('.')
  );
}

/** The file a `wget -O FILE` / `curl -o FILE` writes, as written (stdout `-` excluded). */
export function downloadTarget(cmd: RunCommand): string | undefined {
  const name = commandName(cmd);
  const short = name === 'wget' ? 'O' : name === 'curl' ? 'o' : undefined;
  if (!short) return undefined;
  const long = name === 'wget' ? '--output-document' : '--output';
  const words = effectiveWords(cmd).slice(1);
  for (let i = 0; i < words.length; i++) {
    const v = words[i].value ?? '';
    let target: string | undefined;
    if (v === long) target = words[i + 1]?.value;
    else if (v.startsWith(`${long}=`)) target = v.slice(long.length + 1);
    else if (/^-[A-Za-z]/.test(v) && !v.startsWith('--') && v.includes(short)) {
      const rest = v.slice(v.indexOf(short) + 1);
      target = rest === '' ? words[i + 1]?.value : rest;
    } else continue;
    return target === '-' ? undefined : target;
  }
  return undefined;
}

/**
 * The file a curl/wget command saves, as written: `-o FILE` / `-O FILE`, or the URL's last part where it names the
 * file itself (`curl -O URL`, `wget URL`). Undefined for output to stdout or when it cannot be told.
 */
export function savedFile(cmd: RunCommand): string | undefined {
  const target = downloadTarget(cmd);
  if (target !== undefined) return target;
  const name = commandName(cmd);
  const words = effectiveWords(cmd)
    .slice(1)
    .map((w) => w.value ?? '');
  const remoteName =
    name === 'curl'
      ? words.some((w) => w === '--remote-name' || (/^-[A-Za-z]+$/.test(w) && w.includes('O')))
      : name === 'wget' && !words.some((w) => /^(-[A-Za-z]*O|--output-document)/.test(w) || w === '-qO-' || w === '-O-');
  if (!remoteName) return undefined;
  const url = words.find((w) => URL.test(w));
  const last = url?.split(/[?#]/, 1)[0].split('/').pop();
  return last && !last.includes('$') ? last : undefined;
}
