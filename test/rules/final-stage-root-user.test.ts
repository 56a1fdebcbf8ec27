import rule from '../../server/src/rules/final-stage-root-user';
import { ruleTester } from '../harness/ruleTester';

const DEBIAN_BLOCK =
  'RUN groupadd --system --gid 10001 app \\\n    && useradd --system --uid 10001 --gid app --no-log-init --create-home --shell /sbin/nologin app\nUSER 10001:10001\n';
const ALPINE_BLOCK = 'RUN addgroup -S -g 10001 app \\\n    && adduser -S -D -u 10001 -G app -s /sbin/nologin app\nUSER 10001:10001\n';

ruleTester(rule, {
  valid: [
    // what the registry says about the base decides for a stage that never sets USER
    { code: 'FROM team/base:1\nCOPY . /app\nCMD ["app"]', images: { 'team/base:1': { user: '10001:10001' } } },
    {
      code: 'FROM postgres:16\nCOPY init.sql /docker-entrypoint-initdb.d/',
      images: {
        'postgres:16': {
          entrypoint: ['docker-entrypoint.sh'],
          cmd: ['postgres'],
          history: ['/bin/sh -c set -eux; apt-get update; apt-get install -y --no-install-recommends gosu; rm -rf /var/lib/apt/lists/*'],
        },
      },
    },
    'FROM debian:12\nUSER app\nCMD ["app"]',
    'FROM debian:12\nUSER 10001:10001',
    'FROM debian:12\nUSER root\nRUN apt-get update\nUSER app',
    'FROM debian:12 AS base\nUSER app\nFROM base\nCMD ["app"]', // the final stage inherits the user of its base stage
    'FROM debian:12 AS build\nRUN make\nFROM gcr.io/distroless/static:nonroot\nCOPY --from=build /app /app', // runs as nonroot already
    'FROM node:22 AS build\nFROM scratch AS final\nUSER 65534\nCOPY --from=build /a /a',
    // starts as root by design and drops to the service user in its entrypoint
    // a USER through a variable: judged by the value the builder gives it
    'FROM debian:12\nARG APP_UID=10001\nUSER $APP_UID:$APP_UID\nCMD ["app"]',
    'FROM debian:12\nUSER ${APP_USER:-app}\nCMD ["app"]',
    'FROM debian:12\nARG APP_UID\nUSER $APP_UID\nCMD ["app"]', // no default: whatever --build-arg gives
    'FROM debian:12\nENV NAME=app\nUSER $NAME\nCMD ["app"]',
    'FROM debian:12\nARG UID=0\nFROM debian:12\nUSER ${UID}\nCMD ["app"]', // another stage's ARG does not reach this one: no value known
    'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends gosu && rm -rf /var/lib/apt/lists/*\nENTRYPOINT ["docker-entrypoint.sh"]',
    // USER root undoing a base image's USER, with a dropper and an entrypoint that starts as root: the same design
    'FROM node:22-alpine\nUSER root\nRUN apk add --no-cache su-exec\nENTRYPOINT ["tini", "--", "/docker-entrypoint.sh"]',
    'FROM debian:12\nUSER root\nRUN apt-get install -y gosu\nCMD ["gosu", "app", "node", "server.js"]',
    'FROM debian:12\nUSER 0\nCOPY --from=tianon/gosu /gosu /usr/local/bin/\nENTRYPOINT ["/entrypoint.sh"]',
    'FROM debian:12\nUSER root\nCMD chroot --userspec=app:app / /usr/local/bin/app',
    'FROM debian:12\nUSER root\nRUN apt-get install -y util-linux\nCMD ["setpriv", "--reuid=1000", "--regid=1000", "--init-groups", "app"]',
  ],
  invalid: [
    {
      // the same file without facts: as before, the stage is judged from its text
      code: 'FROM team/base:1\nCOPY . /app\nCMD ["app"]',
      findings: [{ line: 1, column: 1, endLine: 1, endColumn: 5 }],
      output: 'FROM team/base:1\nCOPY . /app\nUSER 10001:10001\nCMD ["app"]',
      message: 'The final stage never sets USER, so the container runs as root',
    },
    {
      code: 'FROM python:3.12-slim\nCOPY . /app\nCMD ["python", "/app/main.py"]',
      images: {
        'python:3.12-slim': { env: { PYTHON_VERSION: '3.12.8' }, cmd: ['python3'], history: ["# debian.sh --arch 'amd64' out/ 'bookworm' '@1734912000'"] },
      },
      findings: [{ line: 1, column: 1, endLine: 1, endColumn: 5 }],
      message: '`python:3.12-slim` runs as root (its config has no User) and this stage never sets USER',
      output: `FROM python:3.12-slim\nCOPY . /app\n${DEBIAN_BLOCK}CMD ["python", "/app/main.py"]`,
    },
    {
      // the base's own postgres stays root when this file replaces the ENTRYPOINT that would drop privileges
      code: 'FROM postgres:16\nENTRYPOINT ["postgres"]',
      images: { 'postgres:16': { entrypoint: ['docker-entrypoint.sh'], history: ['/bin/sh -c apt-get install -y gosu'] } },
      findings: [{ line: 1, column: 1, endLine: 1, endColumn: 5 }],
      message: '`postgres:16` runs as root (its config has no User) and this stage never sets USER',
      output: `FROM postgres:16\n${DEBIAN_BLOCK}ENTRYPOINT ["postgres"]`,
    },
    {
      // the base runs as a non-root user its config names; a stage that switched to root goes back to it, in its WORKDIR
      code: 'FROM team/base:1\nUSER root\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nCMD ["app"]',
      images: { 'team/base:1': { user: '10001:10001', workingDir: '/srv' } },
      findings: [{ line: 2, column: 1, endLine: 2, endColumn: 10 }],
      output:
        'FROM team/base:1\nUSER root\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nRUN chown 10001:10001 /srv\nUSER 10001:10001\nCMD ["app"]',
    },
    {
      // the same base without a shell the file knows of (no RUN, nothing in its history): no RUN chown that could not build
      code: 'FROM team/base:1\nUSER root\nCOPY app /srv/app\nCMD ["/srv/app"]',
      images: { 'team/base:1': { user: '65532', workingDir: '/srv' } },
      findings: [{ line: 2, column: 1, endLine: 2, endColumn: 10 }],
      output: 'FROM team/base:1\nUSER root\nCOPY app /srv/app\nUSER 65532\nCMD ["/srv/app"]',
    },
    {
      // a name that says nothing, a history that says Alpine
      code: 'FROM team/runtime:2\nCOPY app /app\nCMD ["/app"]',
      images: { 'team/runtime:2': { history: ['ADD alpine-minirootfs-3.20.3-x86_64.tar.gz / # buildkit', 'CMD ["/bin/sh"]'] } },
      findings: [{ line: 1, column: 1, endLine: 1, endColumn: 5 }],
      output: `FROM team/runtime:2\nCOPY app /app\n${ALPINE_BLOCK}CMD ["/app"]`,
    },
    {
      // a user the base's history creates is reused
      code: 'FROM team/node-base:22\nCOPY . /app\nCMD ["node", "/app/server.js"]',
      images: {
        'team/node-base:22': {
          history: ['RUN /bin/sh -c groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node # buildkit'],
        },
      },
      findings: [{ line: 1, column: 1, endLine: 1, endColumn: 5 }],
      output: 'FROM team/node-base:22\nCOPY . /app\nUSER node\nCMD ["node", "/app/server.js"]',
    },
    {
      code: 'FROM debian:12\nRUN apt-get update\nCMD ["bash"]',
      findings: [{ line: 1, column: 1, endLine: 1, endColumn: 5 }],
      output: `FROM debian:12\nRUN apt-get update\n${DEBIAN_BLOCK}CMD ["bash"]`,
      safe: false,
    },
    {
      code: 'FROM alpine:3.20\nRUN apk add --no-cache curl\nEXPOSE 8080\nENTRYPOINT ["curl"]',
      findings: [{ line: 1, column: 1, endLine: 1, endColumn: 5 }],
      output: `FROM alpine:3.20\nRUN apk add --no-cache curl\n${ALPINE_BLOCK}EXPOSE 8080\nENTRYPOINT ["curl"]`,
    },
    {
      code: 'FROM registry.access.redhat.com/ubi9/ubi:9.4\nRUN dnf install -y httpd\nCMD ["httpd"]',
      findings: [{ line: 1, column: 1, endLine: 1, endColumn: 5 }],
      output: `FROM registry.access.redhat.com/ubi9/ubi:9.4\nRUN dnf install -y httpd\n${DEBIAN_BLOCK}CMD ["httpd"]`,
    },
    {
      code: 'FROM node:22-slim\nCOPY . .\nCMD ["node", "server.js"]',
      findings: [{ line: 1, column: 1, endLine: 1, endColumn: 5 }],
      output: 'FROM node:22-slim\nCOPY . .\nUSER node\nCMD ["node", "server.js"]',
    },
    {
      code: 'FROM golang:1.23 AS build\nRUN go build -o /app\nFROM gcr.io/distroless/static\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]',
      findings: [{ line: 3, column: 1, endLine: 3, endColumn: 5 }],
      output:
        'FROM golang:1.23 AS build\nRUN go build -o /app\nFROM gcr.io/distroless/static\nCOPY --from=build /app /app\nUSER nonroot:nonroot\nENTRYPOINT ["/app"]',
    },
    {
      code: 'FROM golang:1.23 AS build\nFROM scratch\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]',
      findings: [{ line: 2, column: 1, endLine: 2, endColumn: 5 }],
      output: 'FROM golang:1.23 AS build\nFROM scratch\nCOPY --from=build /app /app\nUSER 65534:65534\nENTRYPOINT ["/app"]',
    },
    {
      // the app gets its WORKDIR, where it usually writes
      code: 'FROM python:3.12-slim\nWORKDIR /srv/app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\nCMD ["python", "main.py"]',
      findings: [{ line: 1, column: 1, endLine: 1, endColumn: 5 }],
      output:
        'FROM python:3.12-slim\nWORKDIR /srv/app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\nRUN groupadd --system --gid 10001 app \\\n    && useradd --system --uid 10001 --gid app --no-log-init --create-home --shell /sbin/nologin app \\\n    && chown 10001:10001 /srv/app\nUSER 10001:10001\nCMD ["python", "main.py"]',
    },
    {
      // the WORKDIR as the builder resolves it: variables expanded, relative paths joined
      code: 'FROM python:3.12-slim\nENV APP_HOME=/srv\nWORKDIR $APP_HOME\nWORKDIR app/\nCMD ["python", "main.py"]',
      findings: [{ line: 1, column: 1, endLine: 1, endColumn: 5 }],
      output:
        'FROM python:3.12-slim\nENV APP_HOME=/srv\nWORKDIR $APP_HOME\nWORKDIR app/\nRUN groupadd --system --gid 10001 app \\\n    && useradd --system --uid 10001 --gid app --no-log-init --create-home --shell /sbin/nologin app \\\n    && chown 10001:10001 /srv/app\nUSER 10001:10001\nCMD ["python", "main.py"]',
    },
    {
      // an explicit USER root is reported when gosu is there but nothing at start can use it (no ENTRYPOINT)
      code: 'FROM alpine:3.20\nRUN apk add --no-cache su-exec\nUSER root',
      findings: [{ line: 3, column: 1, endLine: 3, endColumn: 10 }],
      output:
        'FROM alpine:3.20\nRUN apk add --no-cache su-exec\nUSER root\nRUN addgroup -S -g 10001 app \\\n    && adduser -S -D -u 10001 -G app -s /sbin/nologin app\nUSER 10001:10001',
    },
    {
      // an entrypoint but no dropper: root stays root
      code: 'FROM alpine:3.20\nUSER root\nENTRYPOINT ["/docker-entrypoint.sh"]',
      findings: [{ line: 2, column: 1, endLine: 2, endColumn: 10 }],
      output:
        'FROM alpine:3.20\nUSER root\nRUN addgroup -S -g 10001 app \\\n    && adduser -S -D -u 10001 -G app -s /sbin/nologin app\nUSER 10001:10001\nENTRYPOINT ["/docker-entrypoint.sh"]',
    },
    {
      // the last USER is root: the block goes after the root-only steps, and the later USER wins
      code: 'FROM ubuntu:24.04\nUSER root\nRUN apt-get update',
      findings: [{ line: 2, column: 1, endLine: 2, endColumn: 10 }],
      output: `FROM ubuntu:24.04\nUSER root\nRUN apt-get update\n${DEBIAN_BLOCK.trimEnd()}`,
    },
    {
      // lower-case files stay lower-case; the escape character is the file's own
      code: '# escape=`\nfrom debian:12\nrun apt-get update\ncmd ["bash"]',
      findings: [{ line: 2, column: 1, endLine: 2, endColumn: 5 }],
      output:
        '# escape=`\nfrom debian:12\nrun apt-get update\nrun groupadd --system --gid 10001 app `\n    && useradd --system --uid 10001 --gid app --no-log-init --create-home --shell /sbin/nologin app\nuser 10001:10001\ncmd ["bash"]',
    },
    {
      code: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY out/ /app\nENTRYPOINT ["dotnet", "/app/app.dll"]',
      findings: [{ line: 1, column: 1, endLine: 1, endColumn: 5 }],
      output: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY out/ /app\nUSER $APP_UID\nENTRYPOINT ["dotnet", "/app/app.dll"]',
    },
    {
      code: 'FROM mycorp/base:1.0\nCMD ["app"]',
      findings: [{ line: 1, column: 1, endLine: 1, endColumn: 5 }],
      output: 'FROM mycorp/base:1.0\nUSER 10001:10001\nCMD ["app"]',
    },
    {
      // the files already belong to uid 977: that user runs the app, and gets its WORKDIR
      code: 'FROM debian:12-slim\nRUN groupadd --system --gid 977 svc && useradd --system --uid 977 --gid svc --no-create-home svc\nWORKDIR /app\nCOPY --chown=977:977 app/ /app/\nCMD ["/app/start.sh"]',
      findings: [{ line: 1, column: 1, endLine: 1, endColumn: 5 }],
      output:
        'FROM debian:12-slim\nRUN groupadd --system --gid 977 svc && useradd --system --uid 977 --gid svc --no-create-home svc\nWORKDIR /app\nCOPY --chown=977:977 app/ /app/\nRUN chown 977:977 /app\nUSER 977:977\nCMD ["/app/start.sh"]',
    },
    {
      // a numeric owner with no /etc/passwd entry; `--chown=4242` alone means 4242:4242
      code: 'FROM debian:12-slim\nWORKDIR /opt/svc\nCOPY --chown=4242 start.sh ./\nCMD ["/opt/svc/start.sh"]',
      findings: [{ line: 1, column: 1, endLine: 1, endColumn: 5 }],
      output: 'FROM debian:12-slim\nWORKDIR /opt/svc\nCOPY --chown=4242 start.sh ./\nRUN chown 4242:4242 /opt/svc\nUSER 4242:4242\nCMD ["/opt/svc/start.sh"]',
    },
    {
      // a user the Dockerfile creates and never switches to, by name when its ids are not given
      code: 'FROM debian:12-slim\nRUN useradd --create-home worker\nCOPY job.sh /usr/local/bin/\nCMD ["job.sh"]',
      findings: [{ line: 1, column: 1, endLine: 1, endColumn: 5 }],
      output: 'FROM debian:12-slim\nRUN useradd --create-home worker\nCOPY job.sh /usr/local/bin/\nUSER worker\nCMD ["job.sh"]',
    },
    {
      // the node user gets the app's folder too
      code: 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]',
      findings: [{ line: 1, column: 1, endLine: 1, endColumn: 5 }],
      output: 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN chown node:node /app\nUSER node\nCMD ["node", "server.js"]',
    },
    {
      // root's home cannot be entered by another user, and is never given away
      code: 'FROM debian:12-slim\nWORKDIR /root\nCOPY run.sh .\nCMD ["./run.sh"]',
      findings: [{ line: 1, column: 1, endLine: 1, endColumn: 5 }],
      message: /no quick fix: its WORKDIR is \/root, in root's home/,
    },
    {
      code: 'FROM python:3.12-slim\nCOPY app.py /root/\nCMD ["python", "/root/app.py"]',
      findings: [{ line: 1, column: 1, endLine: 1, endColumn: 5 }],
      message: /no quick fix: it copies files to \/root\//,
    },
    {
      code: 'FROM debian:12-slim\nWORKDIR /usr/local\nCOPY tool .\nCMD ["./tool"]',
      findings: [{ line: 1, column: 1, endLine: 1, endColumn: 5 }],
      message: /no quick fix: its WORKDIR \/usr\/local is a system folder/,
    },
    {
      // supervisord runs each program as the user= of its config; s6-overlay's /init and setpriv manage users too
      code: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends supervisor\nCOPY app.conf /etc/supervisor/conf.d/\nCMD ["supervisord", "-n"]',
      findings: [{ line: 1, column: 1, endLine: 1, endColumn: 5 }],
      message: /no quick fix: its CMD runs `supervisord`, which starts as root and runs each program as the `user=` of its config/,
    },
    {
      code: 'FROM ubuntu:24.04\nADD s6-overlay-noarch.tar.xz /\nENTRYPOINT ["/init"]',
      findings: [{ line: 1, column: 1, endLine: 1, endColumn: 5 }],
      message: /no quick fix: its ENTRYPOINT runs `\/init`, which is a service supervisor/,
    },
    {
      code: 'FROM debian:12-slim\nRUN useradd --system worker\nCMD ["sh", "-c", "install -d -o worker /run/worker && exec setpriv --reuid=worker --regid=worker --init-groups sleep infinity"]',
      findings: [{ line: 1, column: 1, endLine: 1, endColumn: 5 }],
      message: /no quick fix: its CMD runs `setpriv`, which drops privileges itself/,
    },
    {
      code: 'FROM debian:12\nARG USER_ID=0\nUSER "$USER_ID:$USER_ID"\nCMD ["app"]',
      output: `FROM debian:12\nARG USER_ID=0\nUSER "$USER_ID:$USER_ID"\n${DEBIAN_BLOCK}CMD ["app"]`,
      findings: [{ line: 3, column: 1, endLine: 3, endColumn: 25 }],
      message: 'The final image runs as `"$USER_ID:$USER_ID"` (that is `0:0`): a compromise of the app is a compromise as root',
    },
    {
      code: 'FROM debian:12\nUSER ${UID:-0}\nCMD ["app"]',
      output: `FROM debian:12\nUSER \${UID:-0}\n${DEBIAN_BLOCK}CMD ["app"]`,
      findings: [{ line: 2, column: 1, endLine: 2, endColumn: 15 }],
      message: /runs as `\$\{UID:-0\}` \(that is `0`\)/,
    },
    {
      code: 'FROM debian:12\nENV NAME=root\nUSER $NAME\nCMD ["app"]',
      output: `FROM debian:12\nENV NAME=root\nUSER $NAME\n${DEBIAN_BLOCK}CMD ["app"]`,
      findings: [{ line: 3, column: 1, endLine: 3, endColumn: 11 }],
      message: /runs as `\$NAME` \(that is `root`\)/,
    },
    {
      // an ARG set from another: expanded in turn, as the builder does
      code: 'FROM debian:12\nARG ROOT_UID=0\nARG RUN_AS=${ROOT_UID}\nUSER $RUN_AS\nCMD ["app"]',
      output: `FROM debian:12\nARG ROOT_UID=0\nARG RUN_AS=\${ROOT_UID}\nUSER $RUN_AS\n${DEBIAN_BLOCK}CMD ["app"]`,
      findings: [{ line: 4, column: 1, endLine: 4, endColumn: 13 }],
      message: /that is `0`/,
    },
  ],
});
