// Base image facts, measured: real-looking Dockerfiles (python:3.12-slim, node:22, nginx-unprivileged, jenkins)
// linted offline and with --network through a registry mirror on loopback (Debian's docker-registry) that serves
// images built by buildah FROM scratch with the configs the real images have (user, ports, env, entrypoint, history).
// Prints the findings that change, and how long the first lint (nothing cached) and the cached one take, as medians,
// beside the offline lint of the same files in the same run. Needs `npm run build` and scripts/setup-test-deps.sh's
// packages (buildah, docker-registry); starts the registry on 127.0.0.1 and stops it when done.
//   node scripts/bench-facts.mjs [--runs N]
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1] || 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const freePort = () =>
  new Promise((res) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => res(p));
    });
  });

// What the real images' configs say (docker.io, late 2024), trimmed to what the rules read.
const DEBIAN = "# debian.sh --arch 'amd64' out/ 'bookworm' '@1734912000'";
const IMAGES = {
  'library/python:3.12-slim': {
    platforms: ['amd64', 'arm64'],
    env: { PATH: '/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C.UTF-8', PYTHON_VERSION: '3.12.8' },
    cmd: ['python3'],
    history: [
      DEBIAN,
      'RUN /bin/sh -c set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tca-certificates \t\tnetbase \t\ttzdata \t; \trm -rf /var/lib/apt/lists/* # buildkit',
      'RUN /bin/sh -c set -eux; \t\tsavedAptMark="$(apt-mark showmanual)"; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tdpkg-dev \t\tgcc \t\twget \t\txz-utils \t; \twget -O python.tar.xz "https://www.python.org/ftp/python/${PYTHON_VERSION%%[a-z]*}/Python-$PYTHON_VERSION.tar.xz"; \tapt-mark auto \'.*\' > /dev/null; \tapt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false; \trm -rf /var/lib/apt/lists/* # buildkit',
    ],
  },
  'library/node:22': {
    platforms: ['amd64', 'arm64'],
    env: { NODE_VERSION: '22.12.0', YARN_VERSION: '1.22.22' },
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['node'],
    history: [
      DEBIAN,
      'RUN /bin/sh -c set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tca-certificates \t\tcurl \t\tgnupg \t\tnetbase \t\tsq \t\twget \t; \trm -rf /var/lib/apt/lists/* # buildkit',
      'RUN /bin/sh -c groupadd --gid 1000 node   && useradd --uid 1000 --gid node --shell /bin/bash --create-home node # buildkit',
    ],
  },
  'nginxinc/nginx-unprivileged:1.27': {
    platforms: ['amd64', 'arm64'],
    user: '101',
    ports: ['8080/tcp'],
    entrypoint: ['/docker-entrypoint.sh'],
    cmd: ['nginx', '-g', 'daemon off;'],
    history: [
      DEBIAN,
      'RUN /bin/sh -c set -x && groupadd --system --gid 101 nginx && useradd --system --gid nginx --no-create-home --home /nonexistent --comment "nginx user" --shell /bin/false --uid 101 nginx && apt-get update && apt-get install --no-install-recommends --no-install-suggests -y gnupg1 ca-certificates && rm -rf /var/lib/apt/lists/* # buildkit',
    ],
  },
  'jenkins/jenkins:lts-jdk17': {
    platforms: ['amd64', 'arm64'],
    user: 'jenkins',
    ports: ['8080/tcp', '50000/tcp'],
    env: { JENKINS_HOME: '/var/jenkins_home' },
    entrypoint: ['/usr/bin/tini', '--', '/usr/local/bin/jenkins.sh'],
    history: [
      DEBIAN,
      'RUN |2 TARGETARCH=amd64 COMMIT_SHA=x /bin/sh -c apt-get update   && apt-get install -y --no-install-recommends     curl     git     tini     unzip   && rm -rf /var/lib/apt/lists/* # buildkit',
      'RUN /bin/sh -c groupadd -g 1000 jenkins   && useradd -N -d "$JENKINS_HOME" -u 1000 -g 1000 -m -s /bin/bash jenkins # buildkit',
    ],
  },
};

const DOCKERFILES = {
  'python-app/Dockerfile':
    'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nEXPOSE 8000\nCMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]\n',
  'node-app/Dockerfile': 'FROM node:22\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY . .\nEXPOSE 3000\nCMD ["node", "server.js"]\n',
  'static-site/Dockerfile': 'FROM nginxinc/nginx-unprivileged:1.27\nCOPY dist/ /usr/share/nginx/html/\n',
  'jenkins/Dockerfile':
    'FROM jenkins/jenkins:lts-jdk17\nUSER root\nRUN apt-get update && apt-get install -y --no-install-recommends python3 && rm -rf /var/lib/apt/lists/*\nUSER jenkins\n',
  'multi-arch/Dockerfile': 'FROM python:3.12-slim\nCOPY app.py /app.py\nUSER 10001\nCMD ["python", "/app.py"]\n',
};

const dir = mkdtempSync(join(tmpdir(), 'seaworthy-bench-facts-'));
const B = ['--root', join(dir, 'storage'), '--runroot', join(dir, 'run'), '--storage-driver', 'vfs'];
const buildah = (...args) => execFileSync('buildah', [...B, ...args], { encoding: 'utf8', maxBuffer: 16 << 20, stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const port = await freePort();
writeFileSync(
  join(dir, 'config.yml'),
  `version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: ${dir}/data\nhttp:\n  addr: 127.0.0.1:${port}\n`,
);
const registry = spawn('docker-registry', ['serve', join(dir, 'config.yml')], { stdio: 'ignore' });
const host = `127.0.0.1:${port}`;
try {
  for (let i = 0; spawnSync('curl', ['-sf', `http://${host}/v2/`]).status !== 0; i++) {
    if (i > 100) throw new Error('docker-registry did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  // each image: one layer per history step (a small file, with the step's created_by), the config on the last one
  let n = 0;
  for (const [name, spec] of Object.entries(IMAGES)) {
    const list = `localhost/list-${n++}`;
    buildah('manifest', 'create', list);
    for (const arch of spec.platforms) {
      let from = 'scratch';
      for (const [i, step] of spec.history.entries()) {
        const c = buildah('from', '--arch', arch, '--pull-never', from);
        const file = join(dir, `layer-${n}-${arch}-${i}`);
        writeFileSync(file, `${name} ${arch} ${i}\n`);
        buildah('copy', c, file, `/layer-${i}`);
        const config = ['--created-by', step];
        if (i === spec.history.length - 1) {
          if (spec.user) config.push('--user', spec.user);
          for (const [k, v] of Object.entries(spec.env ?? {})) config.push('--env', `${k}=${v}`);
          for (const p of spec.ports ?? []) config.push('--port', p);
          if (spec.entrypoint) config.push('--entrypoint', JSON.stringify(spec.entrypoint));
          if (spec.cmd) config.push('--cmd', JSON.stringify(spec.cmd));
        }
        buildah('config', ...config, c);
        const image = `localhost/img-${n}-${arch}-${i}`;
        buildah('commit', '--quiet', '--format', 'docker', '--rm', c, image);
        from = image;
      }
      buildah('manifest', 'add', list, from);
    }
    buildah('manifest', 'push', '--all', '--tls-verify=false', list, `docker://${host}/${name}`);
  }

  const project = join(dir, 'project');
  for (const [path, text] of Object.entries(DOCKERFILES)) {
    mkdirSync(join(project, path, '..'), { recursive: true });
    writeFileSync(join(project, path), text);
    writeFileSync(join(project, path, '..', '.dockerignore'), '.git\n');
  }
  writeFileSync(join(project, 'multi-arch', '.seaworthy.yaml'), 'targetPlatforms: [linux/amd64, linux/arm64, linux/s390x]\n');
  const cli = resolve('dist/cli.js');
  const files = Object.keys(DOCKERFILES).map((p) => join(project, p));
  const lint = (extra, cache) => {
    const started = performance.now();
    const r = spawnSync(process.execPath, [cli, 'lint', '--format', 'json', '--no-shellcheck', '--failure-threshold', 'none', ...extra, ...files], {
      encoding: 'utf8',
      env: { ...process.env, SEAWORTHY_CACHE_DIR: cache, SEAWORTHY_REGISTRY_MIRRORS: '' },
    });
    const ms = performance.now() - started;
    if (r.status !== 0) throw new Error(`lint failed: ${r.stderr}`);
    return { ms, out: JSON.parse(r.stdout) };
  };
  const online = ['--network', '--registry-mirror', host];
  const times = { offline: [], first: [], cached: [] };
  let before;
  let after;
  lint([], join(dir, 'warm-up')); // the first process of a run pays for cold disk caches: not counted
  for (let i = 0; i < runs; i++) {
    const cache = join(dir, `cache-${i}`);
    const off = lint([], cache);
    const first = lint(online, cache);
    const cached = lint(online, cache);
    times.offline.push(off.ms);
    times.first.push(first.ms);
    times.cached.push(cached.ms);
    before = off.out;
    after = cached.out;
    if (JSON.stringify(first.out) !== JSON.stringify(cached.out)) throw new Error('the cached lint gave other findings than the first');
  }

  console.log(`Base image facts through a mirror (docker-registry on loopback), ${files.length} Dockerfiles, ${runs} runs each\n`);
  for (const [i, path] of Object.keys(DOCKERFILES).entries()) {
    const key = (f) => `${f.rule}: ${f.message}`;
    const was = new Set(before[i].findings.map(key));
    const is = new Set(after[i].findings.map(key));
    console.log(`${path}  (${DOCKERFILES[path].split('\n')[0]})`);
    console.log(`  offline ${before[i].findings.length} findings, with facts ${after[i].findings.length}`);
    for (const f of before[i].findings) if (!is.has(key(f))) console.log(`  - ${f.rule} (line ${f.line}): ${f.message}`);
    for (const f of after[i].findings) if (!was.has(key(f))) console.log(`  + ${f.rule} (line ${f.line}): ${f.message}`);
    console.log('');
  }
  const row = (label, xs) => `${label.padEnd(44)} ${median(xs).toFixed(0).padStart(6)} ms   ${(median(xs) / median(times.offline)).toFixed(2)}× offline`;
  console.log('Whole CLI process, median:');
  console.log(row('lint, offline', times.offline));
  console.log(row('lint --network, first (nothing cached)', times.first));
  console.log(row('lint --network, cached (a HEAD per tag)', times.cached));
} finally {
  registry.kill();
  spawnSync('buildah', [...B, 'rmi', '--all', '--force'], { stdio: 'ignore' });
  rmSync(dir, { recursive: true, force: true });
}
