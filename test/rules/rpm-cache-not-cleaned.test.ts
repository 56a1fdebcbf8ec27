import rule from '../../server/src/rules/rpm-cache-not-cleaned';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM rockylinux:9\nRUN dnf install -y httpd && dnf clean all',
    'FROM rockylinux:9\nRUN dnf -y install httpd && dnf -y clean all',
    'FROM centos:7\nRUN yum install -y httpd && rm -rf /var/cache/yum',
    'FROM rockylinux:9\nRUN microdnf install -y httpd && rm -rf /var/cache/dnf/*',
    'FROM opensuse/leap:15.6\nRUN zypper -n in curl && zypper cc -a',
    'FROM rockylinux:9\nRUN --mount=type=cache,target=/var/cache/dnf dnf install -y httpd',
    'FROM opensuse/leap:15.6\nRUN --mount=type=tmpfs,target=/var/cache/zypp/ zypper -n in curl',
    'FROM rockylinux:9\nRUN dnf makecache && dnf -y remove httpd',
    'FROM rockylinux:9 AS build\nRUN dnf install -y gcc\nFROM scratch\nCOPY --from=build /x /x', // only copied from
    'FROM rockylinux:9\nRUN <<EOF\ndnf install -y httpd\ndnf clean all\nEOF',
    'FROM rockylinux:9\nRUN notdnf install httpd',
    'FROM mcr.microsoft.com/azurelinux/base/core:3.0\nRUN tdnf install -y curl && tdnf clean all',
  ],
  invalid: [
    {
      // tdnf (Photon OS, Azure Linux) is of the dnf family and keeps its own cache
      code: 'FROM mcr.microsoft.com/azurelinux/base/core:3.0\nRUN tdnf install -y curl',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 25 }],
      output: 'FROM mcr.microsoft.com/azurelinux/base/core:3.0\nRUN tdnf install -y curl && tdnf clean all',
      safe: true,
    },
    {
      code: 'FROM rockylinux:9\nRUN dnf install -y httpd',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 25 }],
      output: 'FROM rockylinux:9\nRUN dnf install -y httpd && dnf clean all',
      safe: true,
    },
    {
      // the clean must come after the install
      code: 'FROM centos:7\nRUN yum clean all && yum install -y httpd \\\n && echo done',
      findings: [{ line: 2, column: 22, endLine: 2, endColumn: 42 }],
      output: 'FROM centos:7\nRUN yum clean all && yum install -y httpd && yum clean all \\\n && echo done',
    },
    {
      // the manager that installed cleans its own cache
      code: 'FROM rockylinux:9\nONBUILD RUN dnf install -y httpd && microdnf clean all',
      findings: [{ line: 2, column: 13, endLine: 2, endColumn: 33 }],
      output: 'FROM rockylinux:9\nONBUILD RUN dnf install -y httpd && dnf clean all && microdnf clean all',
    },
    {
      // `zypper clean all` would name a repository "all"
      code: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 27 }],
      output: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl && zypper clean --all',
    },
    {
      code: 'FROM rockylinux:9\nRUN dnf install -y gcc && dnf install -y make',
      findings: [
        { line: 2, column: 5, endLine: 2, endColumn: 23 },
        { line: 2, column: 27, endLine: 2, endColumn: 46 },
      ],
      output: 'FROM rockylinux:9\nRUN dnf install -y gcc && dnf install -y make && dnf clean all',
    },
    {
      code: 'FROM rockylinux:9\nRUN sudo dnf upgrade -y',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 24 }],
    },
  ],
});
