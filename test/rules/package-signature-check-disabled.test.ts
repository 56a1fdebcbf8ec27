import rule from '../../server/src/rules/package-signature-check-disabled';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.20\nRUN apk add --no-cache curl',
    'FROM debian:12\nRUN apt-get install -y --allow-downgrades curl',
    'FROM debian:12\nRUN apt-get -o APT::Get::AllowUnauthenticated=false install -y curl',
    'FROM debian:12\nRUN echo --allow-unauthenticated',
    'FROM centos:7\nRUN yum install -y --setopt=repo_gpgcheck=0 nginx',
    "FROM centos:7\nRUN sed -i 's/gpgcheck=0/gpgcheck=1/' /etc/yum.conf", // turns checks back on
    'FROM debian:12\nRUN echo "deb [signed-by=/usr/share/keyrings/x.gpg] https://repo.example/debian ./" > /etc/apt/sources.list.d/x.list',
    // a local repository of packages this build made
    'FROM debian:12\nRUN echo "deb [trusted=yes] file:///tmp/repo ./" > /etc/apt/sources.list.d/local.list',
    'FROM alpine:3.20 AS build\nRUN abuild -r\nFROM alpine:3.20\nRUN --mount=type=bind,from=build,source=/out,target=/pkgs apk add --allow-untrusted /pkgs/tool-1.0.apk',
    'FROM alpine:3.20\nRUN curl -fsSLO https://x.example/tool-1.0.apk \\\n    && echo "5d41402abc4b2a76b9719d911017c592  tool-1.0.apk" | sha256sum -c -\nRUN apk add --allow-untrusted tool-1.0.apk',
    'FROM fedora:40\nRUN dnf install -y nginx',
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nRUN apk add --allow-untrusted tool',
      findings: [{ line: 2, column: 13, endLine: 2, endColumn: 30 }],
      output: 'FROM alpine:3.20\nRUN apk add tool',
      safe: false,
    },
    {
      // a downloaded file nothing in the Dockerfile verifies
      code: 'FROM alpine:3.20\nRUN wget -q https://x.example/glibc-2.35.apk && apk add --allow-untrusted glibc-2.35.apk',
      findings: [{ line: 2, column: 57, endLine: 2, endColumn: 74 }],
      output: 'FROM alpine:3.20\nRUN wget -q https://x.example/glibc-2.35.apk && apk add glibc-2.35.apk',
    },
    {
      code: 'FROM debian:12\nRUN apt-get install -y --allow-unauthenticated curl',
      findings: [{ line: 2, column: 24, endLine: 2, endColumn: 47 }],
      output: 'FROM debian:12\nRUN apt-get install -y curl',
    },
    {
      code: 'FROM debian:12\nRUN apt-get install --force-yes -y curl',
      findings: [{ line: 2, column: 21, endLine: 2, endColumn: 32 }],
      output: 'FROM debian:12\nRUN apt-get install -y curl',
    },
    {
      code: 'FROM debian:12\nRUN apt-get -o APT::Get::AllowUnauthenticated=true install -y curl',
      findings: [{ line: 2, column: 13, endLine: 2, endColumn: 51 }],
      output: 'FROM debian:12\nRUN apt-get install -y curl',
    },
    {
      code: 'FROM rockylinux:9\nRUN dnf install -y --nogpgcheck https://x.example/tool-1.2.0.rpm',
      findings: [{ line: 2, column: 20, endLine: 2, endColumn: 32 }],
      output: 'FROM rockylinux:9\nRUN dnf install -y https://x.example/tool-1.2.0.rpm',
    },
    {
      code: 'FROM centos:7\nRUN yum install -y --setopt=gpgcheck=0 nginx',
      findings: [{ line: 2, column: 20, endLine: 2, endColumn: 39 }],
      output: 'FROM centos:7\nRUN yum install -y nginx',
    },
    {
      code: 'FROM rockylinux:9\nRUN rpm -i --nosignature https://x.example/tool.rpm',
      findings: [{ line: 2, column: 12, endLine: 2, endColumn: 25 }],
      output: 'FROM rockylinux:9\nRUN rpm -i https://x.example/tool.rpm',
    },
    {
      code: 'FROM opensuse/leap:15.6\nRUN zypper --no-gpg-checks install -y curl',
      findings: [{ line: 2, column: 12, endLine: 2, endColumn: 27 }],
      output: 'FROM opensuse/leap:15.6\nRUN zypper install -y curl',
    },
    {
      code: 'FROM centos:7\nRUN echo -e "[tool]\\nbaseurl=https://x.example/repo\\ngpgcheck=0" > /etc/yum.repos.d/tool.repo',
      findings: [{ line: 2, column: 13, endLine: 2, endColumn: 65 }],
    },
    {
      code: "FROM centos:7\nRUN sed -i 's/gpgcheck=1/gpgcheck=0/' /etc/yum.conf",
      findings: [{ line: 2, column: 12, endLine: 2, endColumn: 38 }],
    },
    {
      code: 'FROM debian:12\nRUN echo "deb [trusted=yes] http://repo.example/debian ./" > /etc/apt/sources.list.d/x.list',
      findings: [{ line: 2, column: 10, endLine: 2, endColumn: 59 }],
    },
    {
      code: 'FROM rockylinux:9\nCOPY <<EOF /etc/yum.repos.d/tool.repo\n[tool]\nbaseurl=https://x.example/repo\ngpgcheck=0\nEOF',
      findings: [{ line: 5, column: 1, endLine: 5, endColumn: 11 }],
    },
    {
      code: 'FROM alpine:3.20\nONBUILD RUN apk add --allow-untrusted tool',
      findings: [{ line: 2, column: 21, endLine: 2, endColumn: 38 }],
      output: 'FROM alpine:3.20\nONBUILD RUN apk add tool',
    },
    {
      code: 'FROM alpine:3.20\nRUN ["apk", "add", "--allow-untrusted", "tool"]',
      findings: [{ line: 2, column: 20, endLine: 2, endColumn: 39 }],
    },
  ],
});
