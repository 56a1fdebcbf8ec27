import { downloads } from '../engine/facts/downloads';
import { defineRule } from '../engine/rule';

// branch names that move with every push
const BRANCH = '(master|main|develop|development|dev|trunk|HEAD|nightly|latest|stable|refs/heads/[^/?#]+)';
// where the branch stands in the URLs of the common code hosts (the literal parts bound every quantifier to `/`)
const MOVING = [
  new RegExp(`^https?://raw\\.githubusercontent\\.com/[^/]+/[^/]+/${BRANCH}/`, 'i'),
  new RegExp(`^https?://github\\.com/[^/]+/[^/]+/(raw|blob)/${BRANCH}/`, 'i'),
  new RegExp(`^https?://(codeload\\.)?github\\.com/[^/]+/[^/]+/(archive|tar\\.gz|zip)/${BRANCH}(\\.(tar\\.gz|zip))?$`, 'i'),
  new RegExp(`^https?://[^/]+/[^?#]*/-/(raw|archive)/${BRANCH}/`, 'i'),
  /\/refs\/heads\//i,
];

/** The branch a URL reads from, when it names one that moves. */
function movingBranch(url: string): string | undefined {
  for (const re of MOVING) {
    const m = re.exec(url);
    if (!m) continue;
    const branch =
      /refs\/heads\/([^/?#]+)/i.exec(url)?.[1] ?? m.slice(1).find((g) => g !== undefined && !/^(raw|blob|archive|tar\.gz|zip|codeload\.)$/i.test(g));
    // `…/archive/refs/heads/master.tar.gz` names the branch master
    return branch?.replace(/\.(tar\.gz|tgz|zip)$/i, '');
  }
  return undefined;
}

export default defineRule({
  id: 'download-from-moving-branch',
  aliases: [],
  category: 'reproducibility',
  severity: 'warning',
  fixable: 'never',
  docs: {
    what: "Download files from a tag, a release or a commit id, not from a branch. Fires on `curl`, `wget` and `ADD` of a URL that reads a branch: `raw.githubusercontent.com/<owner>/<repo>/master/…`, `github.com/<owner>/<repo>/raw/main/…`, `…/archive/master.tar.gz`, GitLab's `/-/raw/main/`, any `/refs/heads/`; a download checked against a checksum in the same RUN (or `ADD --checksum`) is left alone.",
    why: 'A branch moves with every push: the same Dockerfile builds different images from one day to the next, a rebuild to patch something unrelated pulls in whatever was merged since (or a compromised commit), and nobody can say which version an image holds. A commit id or a release tag names fixed content.',
    example: 'FROM debian:12-slim\nRUN curl -fsSLo /usr/local/bin/wait-for-it https://raw.githubusercontent.com/vishnubob/wait-for-it/master/wait-for-it.sh',
    instead:
      'FROM debian:12-slim\nRUN curl -fsSLo /usr/local/bin/wait-for-it https://raw.githubusercontent.com/vishnubob/wait-for-it/81b1373f17855a4dc21156cfe1694c31d7d1792e/wait-for-it.sh',
  },
  check({ model, report }) {
    for (const d of downloads(model)) {
      if (d.tool === 'git' || d.verified) continue;
      const branch = movingBranch(d.url);
      if (!branch) continue;
      report({
        range: d.word.range,
        message: `\`${d.tool === 'ADD' ? 'ADD' : d.tool}\` downloads from the branch \`${branch}\`, which moves with every push: each build may get different content; use a tag or a commit id`,
      });
    }
  },
});
