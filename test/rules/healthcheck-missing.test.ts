import rule from '../../server/src/rules/healthcheck-missing';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    // the base image declares a HEALTHCHECK: the stage inherits it
    { code: 'FROM team/web:1\nEXPOSE 8080', images: { 'team/web:1': { healthcheck: ['CMD', 'curl', '-f', 'http://localhost:8080/'] } } },
    { code: 'FROM team/web:1\nEXPOSE 8080', images: { 'team/web:1': { healthcheck: ['NONE'] } } },
    // without facts, ports only the base exposes are not known
    'FROM nginx:1.27\nCOPY site /usr/share/nginx/html',
    'FROM nginx:1.27\nEXPOSE 80\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1',
    'FROM nginx:1.27\nEXPOSE 80\nHEALTHCHECK NONE', // a decision: the orchestrator probes it
    'FROM python:3.12\nCMD ["python", "job.py"]', // not a service
    'FROM nginx:1.27 AS base\nHEALTHCHECK CMD true\nFROM base\nEXPOSE 80', // inherited
    'FROM nginx:1.27 AS web\nEXPOSE 80\nFROM alpine:3.20\nCMD ["sh"]', // the service stage is not the final image
  ],
  invalid: [
    {
      // a port only the base image exposes; the base's history installed curl
      code: 'FROM nginx:1.27\nCOPY site /usr/share/nginx/html',
      images: {
        'nginx:1.27': {
          exposedPorts: ['80/tcp'],
          history: [
            'RUN /bin/sh -c set -x && apt-get update && apt-get install --no-install-recommends --no-install-suggests -y gnupg1 ca-certificates curl && rm -rf /var/lib/apt/lists/* # buildkit',
          ],
        },
      },
      findings: [{ line: 1, column: 1, endLine: 1, endColumn: 5 }],
      message: /^The image serves 80\/tcp \(exposed by the base image `nginx:1\.27`\) but neither it nor this file declares a HEALTHCHECK/,
      output:
        'FROM nginx:1.27\nHEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 CMD curl -fsS http://localhost:80/ || exit 1\nCOPY site /usr/share/nginx/html',
    },
    {
      // python:3.12-slim installs wget to fetch its sources and removes it again: no probe offered
      code: 'FROM python:3.12-slim\nEXPOSE 8000\nCMD ["python", "-m", "http.server"]',
      images: {
        'python:3.12-slim': {
          history: [
            'RUN /bin/sh -c set -eux; apt-get update; apt-get install -y --no-install-recommends wget xz-utils; wget -O python.tar.xz "https://www.python.org/ftp/python/3.12.8/Python-3.12.8.tar.xz"; apt-mark auto \'.*\' > /dev/null; apt-get purge -y --auto-remove # buildkit',
          ],
        },
      },
      findings: [{ line: 2, column: 1, endLine: 2, endColumn: 12 }],
      message:
        'The image serves 8000 but declares no HEALTHCHECK (nor does the base image `python:3.12-slim`), so a hung server still counts as healthy (the image has no curl or wget to probe with, and the history of the base image `python:3.12-slim` leaves neither installed: install one, or probe with the app itself)',
    },
    {
      // a base known by nothing but its history: curl installed there is what the probe uses
      code: 'FROM team/node-base:22\nEXPOSE 3000\nCMD ["node", "server.js"]',
      images: {
        'team/node-base:22': {
          history: [
            'RUN /bin/sh -c apt-get update && apt-get install -y --no-install-recommends ca-certificates curl && rm -rf /var/lib/apt/lists/* # buildkit',
          ],
        },
      },
      findings: [{ line: 2, column: 1, endLine: 2, endColumn: 12 }],
      output:
        'FROM team/node-base:22\nEXPOSE 3000\nHEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 CMD curl -fsS http://localhost:3000/ || exit 1\nCMD ["node", "server.js"]',
    },
    {
      code: 'FROM nginx:1.27\nEXPOSE 80',
      findings: [{ line: 2, column: 1, endLine: 2, endColumn: 10 }],
      output: 'FROM nginx:1.27\nEXPOSE 80\nHEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 CMD curl -fsS http://localhost:80/ || exit 1',
      safe: false,
    },
    {
      // inherited EXPOSE: the HEALTHCHECK goes into the final stage, after its FROM
      code: 'FROM node:22 AS base\nEXPOSE 3000\nFROM base\nCMD ["node"]',
      findings: [{ line: 2, column: 1, endLine: 2, endColumn: 12 }],
      output:
        'FROM node:22 AS base\nEXPOSE 3000\nFROM base\nHEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 CMD curl -fsS http://localhost:3000/ || exit 1\nCMD ["node"]',
      safe: false,
    },
    {
      // Alpine: busybox wget; lower-case file stays lower-case
      code: 'from python:3.12-alpine\nexpose 8000/tcp\ncmd ["python", "-m", "http.server"]',
      findings: [{ line: 2, column: 1, endLine: 2, endColumn: 16 }],
      output:
        'from python:3.12-alpine\nexpose 8000/tcp\nhealthcheck --interval=30s --timeout=3s --start-period=10s --retries=3 cmd wget -q --spider http://localhost:8000/ || exit 1\ncmd ["python", "-m", "http.server"]',
      safe: false,
    },
    {
      // a slim image has neither: the message says so and no fix is offered
      code: 'FROM python:3.12-slim\nEXPOSE 8000',
      findings: [{ line: 2, column: 1, endLine: 2, endColumn: 12 }],
      message: /install one, or probe with the app itself/,
    },
    {
      // distroless: nothing can be installed; the advice is what works there
      code: 'FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\nEXPOSE 8080\nENTRYPOINT ["/app"]',
      findings: [{ line: 5, column: 1, endLine: 5, endColumn: 12 }],
      message: /^(?!.*install one).*health-check binary from a build stage.*HEALTHCHECK NONE/,
    },
    {
      // a database port: an HTTP probe would always fail, so no fix, and the message says how to probe instead
      code: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nEXPOSE 5432\nCMD ["postgres"]',
      findings: [{ line: 3, column: 1, endLine: 3, endColumn: 12 }],
      message: /no port here is known to serve HTTP: probe with the service's own client/,
    },
    {
      // UDP, and a TCP game port: no HTTP
      code: 'FROM debian:12-slim\nRUN apt-get install -y wget\nEXPOSE 27015/udp 27015/tcp\nENTRYPOINT ["/srv/game/server.sh"]',
      findings: [{ line: 3, column: 1, endLine: 3, endColumn: 27 }],
    },
    {
      // any port when the start command is an HTTP server; the first TCP one that serves HTTP
      code: 'FROM debian:12-slim\nRUN apt-get install -y python3 curl\nEXPOSE 9999/udp 8765\nCMD ["python3", "-m", "http.server", "8765"]',
      findings: [{ line: 3, column: 1, endLine: 3, endColumn: 21 }],
      output:
        'FROM debian:12-slim\nRUN apt-get install -y python3 curl\nEXPOSE 9999/udp 8765\nHEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 CMD curl -fsS http://localhost:8765/ || exit 1\nCMD ["python3", "-m", "http.server", "8765"]',
    },
    {
      // curl installed by the image's own RUN
      code: 'FROM debian:12-slim\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10\nEXPOSE $PORT',
      findings: [{ line: 3, column: 1, endLine: 3, endColumn: 13 }],
    },
  ],
});
