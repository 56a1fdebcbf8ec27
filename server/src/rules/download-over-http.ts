import { downloads, isLocalHost, urlHost } from '../engine/facts/downloads';
import { defineRule } from '../engine/rule';

export default defineRule({
  id: 'download-over-http',
  aliases: [],
  category: 'security',
  severity: 'warning',
  fixable: 'never',
  docs: {
    what: "Download over `https://`. Fires on `curl`, `wget`, `git clone` and `ADD` of a plain `http://` (or `ftp://`, `git://`) URL, unless the host is the machine or the local network (localhost, 127.0.0.1, 10.x, 192.168.x, a name without a dot, `*.internal`) or the download is checked: `ADD --checksum`, or `sha256sum -c`, `gpg --verify` … in the same RUN. Package managers' own `http://` mirrors are left alone: apt, apk and dnf check the signatures of what they fetch.",
    why: 'Plain HTTP has no authentication and no integrity: anyone on the network path (a compromised router, a hostile proxy, a cloud neighbour doing ARP spoofing) can replace the archive or script, and the build installs it without noticing. Most hosts serve the same file over HTTPS.',
    example: 'FROM debian:12-slim\nRUN curl -fsSLo /tmp/znc.tar.gz http://znc.in/releases/znc-1.9.1.tar.gz \\\n    && tar -xzf /tmp/znc.tar.gz -C /opt',
    instead:
      'FROM debian:12-slim\nRUN curl -fsSLo /tmp/znc.tar.gz https://znc.in/releases/znc-1.9.1.tar.gz \\\n    && echo "e8a7cf80e19aad510b4e282eaf61b56bc30df88ea2e0f64fadcdd303c4894f3c  /tmp/znc.tar.gz" | sha256sum -c - \\\n    && tar -xzf /tmp/znc.tar.gz -C /opt',
  },
  check({ model, report }) {
    for (const d of downloads(model)) {
      const scheme = d.url.slice(0, d.url.indexOf('://')).toLowerCase();
      if ((scheme !== 'http' && scheme !== 'ftp' && scheme !== 'git') || d.verified) continue;
      const host = urlHost(d.url);
      if (host === undefined || isLocalHost(host)) continue;
      const what = d.tool === 'ADD' ? 'ADD' : d.tool === 'git' ? 'git clone' : d.tool;
      report({
        range: d.word.range,
        message: `\`${what}\` fetches \`${host}\` over plain ${scheme}://: anyone on the network path can swap the content; use https:// (and check a checksum)`,
      });
    }
  },
});
