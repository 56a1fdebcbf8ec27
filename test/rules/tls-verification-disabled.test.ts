import rule from '../../server/src/rules/tls-verification-disabled';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN curl -fsSL https://x.example/a',
    'FROM debian:12\nRUN curl -o k https://x.example/a', // k is the value of -o
    'FROM debian:12\nRUN curl -fsSLo /tmp/k.tgz https://x.example/a',
    'FROM debian:12\nRUN wget -q https://x.example/a',
    'FROM debian:12\nRUN echo "curl -k is insecure"',
    'FROM debian:12\n# RUN curl -k https://x.example/a',
    'FROM node:20\nENV NODE_TLS_REJECT_UNAUTHORIZED=1',
    'FROM node:20\nENV NODE_TLS_REJECT_UNAUTHORIZED=$TLS_MODE',
    'FROM python:3.12\nARG PIP_TRUSTED_HOST',
    'FROM python:3.12\nRUN pip install --index-url https://pypi.internal/simple flask',
    'FROM alpine:3.20\nRUN git config --global http.sslVerify true',
    'FROM rockylinux:9\nRUN sed -i "s/sslverify=0/sslverify=1/" /etc/yum.conf', // turns checks back on
    'FROM rockylinux:9\nRUN grep -q sslverify=0 /etc/yum.conf',
    'FROM node:20\nRUN npm config set strict-ssl true',
    'FROM debian:12\nRUN apt-get -o Acquire::https::Verify-Peer=true update',
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN curl -k https://x.example/a.tgz -o /tmp/a.tgz',
      findings: [{ line: 2, column: 10, endLine: 2, endColumn: 12 }],
      output: 'FROM debian:12\nRUN curl https://x.example/a.tgz -o /tmp/a.tgz',
      safe: false,
    },
    {
      code: 'FROM debian:12\nRUN curl -fsSLk -o /tmp/a https://x.example/a',
      findings: [{ line: 2, column: 10, endLine: 2, endColumn: 16 }],
      output: 'FROM debian:12\nRUN curl -fsSL -o /tmp/a https://x.example/a',
    },
    {
      code: 'FROM debian:12\nRUN curl -fsSL \\\n      --insecure \\\n      https://x.example/a',
      findings: [{ line: 3, column: 7, endLine: 3, endColumn: 17 }],
      output: 'FROM debian:12\nRUN curl -fsSL \\\n      \\\n      https://x.example/a',
    },
    {
      code: 'FROM debian:12\nRUN wget --no-check-certificate https://x.example/a',
      findings: [{ line: 2, column: 10, endLine: 2, endColumn: 32 }],
      output: 'FROM debian:12\nRUN wget https://x.example/a',
    },
    {
      code: 'FROM python:3.12\nRUN pip install --trusted-host pypi.internal flask',
      findings: [{ line: 2, column: 17, endLine: 2, endColumn: 45 }],
      output: 'FROM python:3.12\nRUN pip install flask',
    },
    {
      code: 'FROM node:20\nENV NODE_TLS_REJECT_UNAUTHORIZED=0\nRUN npm ci',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 35 }],
      output: 'FROM node:20\nRUN npm ci',
    },
    {
      code: 'FROM python:3.12\nENV LANG=C.UTF-8 PYTHONHTTPSVERIFY=0',
      findings: [{ line: 2, column: 18, endLine: 2, endColumn: 37 }],
      output: 'FROM python:3.12\nENV LANG=C.UTF-8',
    },
    {
      code: 'FROM python:3.12\nARG PIP_TRUSTED_HOST=pypi.internal\nRUN pip install flask',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 35 }],
      output: 'FROM python:3.12\nRUN pip install flask',
    },
    {
      code: 'FROM node:20\nRUN NODE_TLS_REJECT_UNAUTHORIZED=0 npm install',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 35 }],
      output: 'FROM node:20\nRUN npm install',
    },
    {
      code: 'FROM node:20\nONBUILD RUN NODE_TLS_REJECT_UNAUTHORIZED=0 npm ci',
      findings: [{ line: 2, column: 13, endLine: 2, endColumn: 43 }],
      output: 'FROM node:20\nONBUILD RUN npm ci',
    },
    {
      // a lone `export` left behind would print every variable: declined
      code: 'FROM alpine:3.20\nRUN export GIT_SSL_NO_VERIFY=true && git clone https://x.example/r.git',
      findings: [{ line: 2, column: 12, endLine: 2, endColumn: 34 }],
    },
    {
      code: 'FROM alpine:3.20\nRUN git config --global http.sslVerify false',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 45 }],
    },
    {
      code: 'FROM node:20\nRUN npm config set strict-ssl false && npm ci',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 36 }],
    },
    {
      code: 'FROM alpine:3.20\nRUN git -c http.sslVerify=false clone https://x.example/r.git',
      findings: [{ line: 2, column: 9, endLine: 2, endColumn: 32 }],
      output: 'FROM alpine:3.20\nRUN git clone https://x.example/r.git',
    },
    {
      code: 'FROM rockylinux:9\nRUN echo "sslverify=0" >> /etc/yum.conf',
      findings: [{ line: 2, column: 10, endLine: 2, endColumn: 23 }],
    },
    {
      code: 'FROM fedora:40\nRUN dnf install -y --setopt=sslverify=false nginx',
      findings: [{ line: 2, column: 20, endLine: 2, endColumn: 44 }],
      output: 'FROM fedora:40\nRUN dnf install -y nginx',
    },
    {
      code: 'FROM debian:12\nRUN apt-get -o Acquire::https::Verify-Peer=false update',
      findings: [{ line: 2, column: 13, endLine: 2, endColumn: 49 }],
      output: 'FROM debian:12\nRUN apt-get update',
    },
    {
      code: 'FROM debian:12\nCOPY <<EOF /etc/apt/apt.conf.d/99insecure\nAcquire::https::Verify-Peer "false";\nEOF',
      findings: [{ line: 3, column: 1, endLine: 3, endColumn: 36 }],
    },
    {
      // exec form: found, but text insertion there would be guesswork
      code: 'FROM debian:12\nRUN ["curl", "-k", "https://x.example/a"]',
      findings: [{ line: 2, column: 14, endLine: 2, endColumn: 18 }],
    },
    {
      code: 'FROM debian:12\r\nRUN curl -k https://x.example/a\r\n',
      findings: [{ line: 2, column: 10, endLine: 2, endColumn: 12 }],
      output: 'FROM debian:12\r\nRUN curl https://x.example/a\r\n',
    },
  ],
});
