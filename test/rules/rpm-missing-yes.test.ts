import rule from '../../server/src/rules/rpm-missing-yes';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM rockylinux:9\nRUN dnf install -y httpd',
    'FROM rockylinux:9\nRUN dnf -y install httpd',
    'FROM centos:7\nRUN yum install --assumeyes httpd',
    'FROM centos:7\nRUN yum -qy install httpd',
    'FROM rockylinux:9\nRUN dnf --setopt=assumeyes=True install httpd',
    'FROM rockylinux:9\nRUN yes | dnf install httpd', // answered through the pipe
    'FROM rockylinux:9\nRUN dnf makecache && dnf clean all',
    'FROM rockylinux:9\nRUN dnf module list nodejs',
    'FROM opensuse/leap:15.6\nRUN zypper -n install curl',
    'FROM opensuse/leap:15.6\nRUN zypper --non-interactive in curl',
    'FROM opensuse/leap:15.6\nRUN zypper install --no-confirm curl',
    'FROM opensuse/leap:15.6\nRUN zypper refresh',
    'FROM debian:12\nRUN apt-get install curl',
    'FROM rockylinux:9\nRUN notdnf install httpd',
  ],
  invalid: [
    {
      code: 'FROM rockylinux:9\nRUN dnf install httpd && dnf clean all',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 22 }],
      output: 'FROM rockylinux:9\nRUN dnf install -y httpd && dnf clean all',
      safe: true,
    },
    {
      code: 'FROM centos:7\nRUN yum --enablerepo epel update',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 33 }],
      output: 'FROM centos:7\nRUN yum --enablerepo epel update -y',
    },
    {
      code: 'FROM rockylinux:9\nRUN dnf module enable nodejs:20 \\\n && dnf -y module install nodejs:20/common',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 32 }],
      output: 'FROM rockylinux:9\nRUN dnf module enable -y nodejs:20 \\\n && dnf -y module install nodejs:20/common',
    },
    {
      code: 'FROM registry.access.redhat.com/ubi9/ubi-minimal\nONBUILD RUN microdnf remove shadow-utils',
      findings: [{ line: 2, column: 13, endLine: 2, endColumn: 41 }],
      output: 'FROM registry.access.redhat.com/ubi9/ubi-minimal\nONBUILD RUN microdnf remove -y shadow-utils',
    },
    {
      code: 'FROM opensuse/leap:15.6\nRUN zypper in curl && zypper clean --all',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 19 }],
      output: 'FROM opensuse/leap:15.6\nRUN zypper --non-interactive in curl && zypper clean --all',
      safe: true,
    },
    {
      code: 'FROM centos:7\nRUN yum groupinstall "Development Tools"',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 41 }],
      output: 'FROM centos:7\nRUN yum groupinstall -y "Development Tools"',
    },
    {
      code: 'FROM centos:7\nRUN ["yum", "install", "httpd"]',
      findings: [{ line: 2, column: 6, endLine: 2, endColumn: 31 }],
    },
  ],
});
