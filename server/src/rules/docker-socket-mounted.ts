import { reachesFinalImage } from '../engine/facts/commands';
import type { Instruction } from '../engine/model';
import { defineRule } from '../engine/rule';
import type { Range } from '../engine/text';

/** /var/run/docker.sock or /run/docker.sock (/var/run is a link to /run on current distributions), written with any extra slashes. */
function isDockerSocket(path: string): boolean {
  const p = path.replace(/\/{2,}/g, '/').replace(/(?<!\/)\/+$/, '');
  return p === '/var/run/docker.sock' || p === '/run/docker.sock';
}

/** The `key=value` options of a `--mount` flag. */
function mountOptions(value: string): Map<string, string> {
  return new Map(
    value.split(',').map((o) => (o.includes('=') ? [o.slice(0, o.indexOf('=')).toLowerCase(), o.slice(o.indexOf('=') + 1)] : [o.toLowerCase(), ''])),
  );
}

/** The paths of a VOLUME, plain (`VOLUME /a /b`) or JSON (`VOLUME ["/a", "/b"]`), with their ranges. */
function volumePaths(ins: Instruction): { path: string; range: Range }[] {
  if (!ins.isJsonForm) return ins.args.map((w) => ({ path: (w.value ?? w.text).replace(/^(["'])(.*)\1$/, '$2'), range: w.range }));
  return (ins.json?.words ?? []).map((w) => ({ path: w.value ?? '', range: w.range }));
}

export default defineRule({
  id: 'docker-socket-mounted',
  aliases: [],
  category: 'security',
  severity: 'error',
  fixable: 'never',
  docs: {
    what: 'Keep the Docker socket out of images and builds. Fires on `VOLUME /var/run/docker.sock` (or /run/docker.sock, plain or JSON form) and on a `RUN --mount=type=bind` whose source or target is the socket.',
    why: "Whoever can talk to the Docker socket can start a privileged container that mounts the host's root filesystem: it is root on the host. An image that declares the socket as a volume invites every user to run it with `-v /var/run/docker.sock:/var/run/docker.sock`, so one bug in the app becomes a host takeover; a build that binds it hands the same power to every script it runs.",
    example: 'FROM docker:27-cli\nCOPY deploy.sh /usr/local/bin/deploy\nVOLUME /var/run/docker.sock\nENTRYPOINT ["deploy"]',
    instead:
      'FROM docker:27-cli\nCOPY deploy.sh /usr/local/bin/deploy\n# talk to a remote or rootless daemon instead: docker run -e DOCKER_HOST=ssh://deploy@builder …\nENTRYPOINT ["deploy"]',
  },
  check({ model, report }) {
    for (const ins of model.instructions) {
      if (ins.keyword === 'VOLUME') {
        // a VOLUME in a stage only copied from never reaches anyone's `docker run`
        if (!reachesFinalImage(model, ins)) continue;
        for (const { path, range } of volumePaths(ins)) {
          if (!isDockerSocket(path)) continue;
          report({ range, message: `\`VOLUME ${path}\` invites running the container with the host's Docker socket mounted, which makes it root on the host` });
        }
        continue;
      }
      for (const flag of ins.run ? ins.flags : []) {
        if (flag.name !== 'mount' || !flag.value) continue;
        const options = mountOptions(flag.value);
        const type = options.get('type') ?? 'bind';
        const ends = ['source', 'src', 'target', 'dst', 'destination'].map((k) => options.get(k) ?? '');
        if (type !== 'bind' || !ends.some(isDockerSocket)) continue;
        report({
          range: flag.range,
          message: `\`--mount=${flag.value}\` binds the Docker socket into the build: every command of this RUN can drive the Docker daemon, root on the host`,
        });
      }
    }
  },
});
