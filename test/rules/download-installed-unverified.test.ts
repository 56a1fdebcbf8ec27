import rule from '../../server/src/rules/download-installed-unverified';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12-slim\nRUN curl -fsSLo /tmp/t.deb https://x.io/t.deb && echo "abc  /tmp/t.deb" | sha256sum -c - && dpkg -i /tmp/t.deb',
    'FROM debian:12-slim\nRUN wget -q https://x.io/t.deb https://x.io/t.deb.asc && gpg --verify t.deb.asc t.deb && dpkg -i t.deb',
    'FROM debian:12-slim\nRUN curl -fsSLo /tmp/data.json https://x.io/data.json && cp /tmp/data.json /etc/app/', // data, not a program
    'FROM debian:12-slim\nRUN curl -fsSL https://x.io/t.tgz | tar -xz -C /opt/t', // not a bin folder
    'FROM debian:12-slim\nRUN curl -fsSLo /tmp/a https://x.io/a\nRUN chmod +x /tmp/b',
    'FROM debian:12-slim\nRUN curl -fsSLo /tmp/t.sh https://x.io/t.sh && chmod 644 /tmp/t.sh',
    // checked in a later RUN
    'FROM debian:12-slim\nRUN curl -so /go/bin/minio https://x.io/minio && curl -so /go/bin/minio.minisig https://x.io/minio.minisig && chmod +x /go/bin/minio\nRUN minisign -Vqm /go/bin/minio -x /go/bin/minio.minisig -P RWTx5Zr1',
    // a commit id names fixed content
    'FROM debian:12-slim\nENV DIND_COMMIT=8d9e3502aba39127e4d12196dae16d306f76993d\nRUN wget -O /usr/local/bin/dind "https://raw.githubusercontent.com/docker/docker/${DIND_COMMIT}/hack/dind" && chmod +x /usr/local/bin/dind',
  ],
  invalid: [
    {
      code: 'FROM debian:12-slim\nRUN curl -fsSLo /tmp/tool.deb https://x.io/tool_1.2_amd64.deb && dpkg -i /tmp/tool.deb',
      findings: [{ line: 2, column: 66, endLine: 2, endColumn: 87 }],
      message:
        '`dpkg -i` installs `/tmp/tool.deb`, downloaded by `curl` without a checksum or signature check; verify it first (`sha256sum -c`, `gpg --verify`)',
    },
    {
      code: 'FROM debian:12-slim\nRUN wget https://x.io/influxdb_1.8_amd64.deb && dpkg -i influxdb_1.8_amd64.deb',
      findings: [{ line: 2, column: 49, endLine: 2, endColumn: 79 }],
    },
    {
      code: 'FROM fedora:40\nRUN curl -fsSLO https://x.io/t.rpm && rpm -ivh t.rpm',
      findings: [{ line: 2, column: 39, endLine: 2, endColumn: 53 }],
      message: /^`rpm` installs `t\.rpm`/,
    },
    {
      code: 'FROM debian:12-slim\nRUN curl -fsSLo /usr/local/bin/kubectl https://dl.k8s.io/v1.31.0/bin/linux/amd64/kubectl && chmod +x /usr/local/bin/kubectl',
      findings: [{ line: 2, column: 93, endLine: 2, endColumn: 124 }],
      message: /^`chmod` makes/,
    },
    {
      code: 'FROM debian:12-slim\nRUN wget -O /tmp/i.sh https://x.io/i.sh && sh /tmp/i.sh --yes',
      findings: [{ line: 2, column: 44, endLine: 2, endColumn: 62 }],
      message: /^`sh` runs `\/tmp\/i\.sh`/,
    },
    {
      code: 'FROM debian:12-slim\nRUN curl -fsSL https://x.io/t.tgz | tar -xz -C /usr/local/bin',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 62 }],
      message: /^`curl … \| tar` unpacks/,
    },
    {
      code: 'FROM debian:12-slim\nRUN curl -fsSLo /tmp/t.tgz https://x.io/t.tgz && tar -xzf /tmp/t.tgz -C /usr/local/bin',
      findings: [{ line: 2, column: 50, endLine: 2, endColumn: 87 }],
    },
    {
      // two downloads installed by one command: one finding
      code: 'FROM debian:12-slim\nRUN wget https://x.io/scala.deb && wget https://x.io/sbt.deb && dpkg -i scala.deb sbt.deb',
      findings: [{ line: 2, column: 65, endLine: 2, endColumn: 90 }],
    },
  ],
});
