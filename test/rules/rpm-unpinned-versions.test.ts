import rule from '../../server/src/rules/rpm-unpinned-versions';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM rockylinux:9\nRUN dnf install -y httpd-2.4.62 openssl-1:3.0.7-27.el9 gcc-c++-11.4.1',
    'FROM centos:7\nRUN yum install -y https://example.com/repo-1.rpm /tmp/local.rpm',
    'FROM rockylinux:9\nRUN dnf module install -y nodejs:20/common',
    'FROM rockylinux:9\nRUN dnf group install -y "Development Tools" && yum groupinstall -y base',
    'FROM rockylinux:9\nRUN dnf install -y @development-tools "perl(JSON)" /usr/bin/make',
    'FROM rockylinux:9\nRUN dnf remove -y httpd',
    'FROM opensuse/leap:15.6\nRUN zypper -n in curl=8.6.0 "git>=2.43" tar\\<2',
    'FROM opensuse/leap:15.6\nRUN zypper -n in -t pattern devel_basis',
    'FROM rockylinux:9\nARG HTTPD_VERSION\nRUN dnf install -y httpd-${HTTPD_VERSION}',
    'FROM rockylinux:9\nENV V=2.4.62\nRUN dnf install -y "httpd-$V"',
    'FROM rockylinux:9\nRUN V=2.4.62 && dnf install -y httpd-$V',
    'FROM rockylinux:9\nRUN dnf install -y $(cat packages.txt)',
    'FROM rockylinux:9\nRUN notdnf install httpd',
  ],
  invalid: [
    {
      code: 'FROM rockylinux:9\nRUN dnf install -y httpd && dnf clean all',
      findings: [{ line: 2, column: 20, endLine: 2, endColumn: 25 }],
    },
    {
      // tdnf (Photon OS, Azure Linux) pins like dnf
      code: 'FROM mcr.microsoft.com/azurelinux/base/core:3.0\nRUN tdnf install -y unzip && tdnf clean all',
      findings: [{ line: 2, column: 21, endLine: 2, endColumn: 26 }],
    },
    {
      // the last part names the package, not a version
      code: 'FROM rockylinux:9\nRUN microdnf install -y java-17-openjdk-headless',
      findings: [{ line: 2, column: 25, endLine: 2, endColumn: 49 }],
    },
    {
      code: 'FROM centos:7\nRUN yum --enablerepo epel -y install jq-1.6 \\\n    python3-pip',
      findings: [{ line: 3, column: 5, endLine: 3, endColumn: 16 }],
    },
    {
      code: 'FROM rockylinux:9\nONBUILD RUN dnf module install -y nodejs',
      findings: [{ line: 2, column: 35, endLine: 2, endColumn: 41 }],
    },
    {
      code: 'FROM opensuse/leap:15.6\nRUN zypper --non-interactive install --no-recommends curl',
      findings: [{ line: 2, column: 54, endLine: 2, endColumn: 58 }],
    },
    {
      // the ENV is in a stage this one is not built from: ${V} expands to nothing
      code: 'FROM rockylinux:9 AS other\nENV V=2.4.62\nFROM rockylinux:9\nRUN dnf install -y httpd-${V}',
      findings: [{ line: 4, column: 20, endLine: 4, endColumn: 30 }],
    },
  ],
});
