import { copySources } from '../engine/facts/buildContext';
import { expandAt } from '../engine/model';
import { defineRule } from '../engine/rule';

const HTTP = /^https?:\/\//i;
const GIT = /^(git:\/\/|ssh:\/\/|git@)|\.git(#|$)/i;
// a git source pinned to a full commit id names exact content
const PINNED_COMMIT = /#([0-9a-f]{40}|[0-9a-f]{64})(:|$)/i;

export default defineRule({
  id: 'add-remote-url',
  aliases: [],
  category: 'security',
  severity: 'warning',
  fixable: 'never',
  docs: {
    what: 'Verify what ADD downloads: give `ADD --checksum=sha256:…` for URLs and pin git sources to a commit. Fires on ADD of an http(s) URL without `--checksum` and on ADD of a git repository without `--checksum` or a commit id, also when the source is a variable whose default is such a URL (`ARG DIST=https://…/x.tar.gz` … `ADD $DIST /tmp/`).',
    why: 'ADD fetches whatever the server returns at build time: a compromised mirror, a re-tagged release or a moved branch changes what ships in your image with no change to the Dockerfile, and nothing in the build notices.',
    example: 'FROM debian:12-slim\nADD https://example.com/tool-1.2.tar.gz /tmp/tool.tar.gz',
    instead:
      'FROM debian:12-slim\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool-1.2.tar.gz /tmp/tool.tar.gz',
  },
  check({ model, report }) {
    for (const ins of model.instructions) {
      if (ins.keyword !== 'ADD' || ins.flags.some((f) => f.name === 'checksum')) continue;
      for (const { word, path: written } of copySources(ins)) {
        // `ARG DIST=https://…` … `ADD $DIST /tmp/`: the builder fetches the expanded source (a variable without a value
        // is whatever --build-arg gives: judged as written)
        const expanded = written.includes('$') ? expandAt(model, ins, written) : undefined;
        const path = expanded ?? written;
        const shown = expanded !== undefined ? `\`${written}\` (that is \`${expanded}\`)` : `\`${written}\``;
        if (HTTP.test(path) && !GIT.test(path)) {
          report({
            range: word.range,
            message: `ADD of ${shown} takes whatever the server returns at build time; add \`--checksum=sha256:…\` or download with \`RUN curl -fsSL … && sha256sum -c\``,
          });
        } else if (GIT.test(path) && !PINNED_COMMIT.test(path) && !(path.includes('#') && path.includes('$', path.indexOf('#')))) {
          // a ref from a variable may well be a commit id; only a literal branch or tag (or none) is judged
          report({
            range: word.range,
            message: `ADD of git repository ${shown} builds whatever its branch or tag points to at build time; pin a commit id (\`#<sha>\`) or add \`--checksum\``,
          });
        }
      }
    }
  },
});
