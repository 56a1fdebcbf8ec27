// What a build downloads: the URLs curl, wget and git clone fetch in RUN, and ADD's remote sources (expanded the
// builder's way), with whether the download's content is checked. One reading for the rules about downloads.
import { expandAt, unquote, type DockerfileModel, type Instruction, type Word } from '../model';
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
const VERIFIERS = /^(sha(1|224|256|384|512)sum|shasum|b2sum|md5sum|gpg|gpgv|cosign|minisign|signify|sigstore|slsa-verifier)$/;

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
  const host = authority.slice(authority.lastIndexOf('@') + 1).replace(/:\d*$/, '').replace(/^\[|\]$/g, '').toLowerCase();
  return host.includes('$') || host === '' ? undefined : host;
}

/** Hosts that are the machine itself or the build's own network: plain HTTP to them crosses no one's network. */
export function isLocalHost(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '::1' || host === '0.0.0.0' || host === 'host.docker.internal'
    || /^10\./.test(host) || /^192\.168\./.test(host) || /^172\.(1[6-9]|2\d|3[01])\./.test(host) || host.endsWith('.local') || host.endsWith('.internal') || !host.includes('.');
}
