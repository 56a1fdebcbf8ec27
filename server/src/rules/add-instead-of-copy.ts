import { defineRule } from '../engine/rule';

// ADD extracts these local archives (that is ADD's reason to exist); .zip is not among them
const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|gz|bz2|xz|tar\.zst|zst)$/i;
const REMOTE = /^(https?|git|ssh):\/\/|^git@/i;
const unquote = (s: string) => s.replace(/^(["'])(.*)\1$/, '$2');

export default defineRule({
  id: 'add-instead-of-copy',
  aliases: [{ tool: 'hadolint', code: 'DL3020', relation: 'same' }],
  category: 'maintainability',
  severity: 'warning',
  fixable: 'sometimes',
  docs: {
    what: 'Use COPY for local files and folders; keep ADD for local archives it should extract. Fires on ADD whose sources are all local and not archives.',
    why: 'ADD also fetches URLs and unpacks tarballs, so a reader cannot tell from `ADD config/ /etc/app/` whether it copies, downloads or extracts, and a file renamed to `.tar` silently starts being extracted. COPY does one predictable thing.',
    example: 'FROM nginx:1.27\nADD nginx.conf /etc/nginx/nginx.conf',
    instead: 'FROM nginx:1.27\nCOPY nginx.conf /etc/nginx/nginx.conf',
    fixSafety: 'Safe: for local files that are not archives ADD and COPY behave the same; the keyword is replaced, its case kept.',
  },
  scope: 'instruction',
  checkInstruction(ins, { report }) {
    if (ins.keyword !== 'ADD' || ins.heredocs.length > 0) return;
    const sources = ins.isJsonForm ? [] : ins.args.slice(0, -1).map((a) => unquote(a.value ?? ''));
    if (sources.length === 0 || sources.some((s) => REMOTE.test(s) || ARCHIVE.test(s) || s.includes('$'))) return;
    // --checksum and --keep-git-dir only exist on ADD
    const addOnly = ins.flags.some((f) => f.name === 'checksum' || f.name === 'keep-git-dir' || f.name === 'unpack');
    report({
      range: ins.keywordRange,
      message: `ADD of local ${sources.length === 1 ? `\`${sources[0]}\`` : 'files'}: COPY says the same without ADD's downloading and unpacking`,
      fix: () =>
        addOnly
          ? undefined
          : {
              title: 'Use COPY',
              safe: true,
              edits: [{ range: ins.keywordRange, newText: ins.keywordText === ins.keywordText.toLowerCase() ? 'copy' : 'COPY' }],
            },
    });
  },
});
