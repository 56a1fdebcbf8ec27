import rule from '../../server/src/rules/credentials-in-run';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM docker:27\nRUN --mount=type=secret,id=reg_pw docker login -u ci --password-stdin registry.example.com < /run/secrets/reg_pw',
    'FROM docker:27\nRUN --mount=type=secret,id=reg_pw docker login -u ci -p "$(cat /run/secrets/reg_pw)" registry.example.com',
    'FROM debian:12\nRUN --mount=type=secret,id=pw,env=PW curl -u admin:$PW https://x.example/a',
    'FROM debian:12\nRUN --mount=type=secret,id=pw PW=$(cat /run/secrets/pw) && curl -u "admin:$PW" https://x.example/a',
    // a variable sourced from a file at build time is not in this file's history
    'FROM debian:12\nRUN --mount=type=secret,id=env . /run/secrets/env && curl -u "admin:$PASS" https://x.example/a',
    'FROM debian:12\nRUN curl -u admin https://x.example/a', // no password: curl would ask
    'FROM debian:12\nRUN curl -H "Accept: application/json" https://x.example/a',
    'FROM alpine:3.20\nRUN git clone https://github.com/acme/lib.git',
    'FROM alpine:3.20\nRUN git clone ssh://git@github.com/acme/lib.git',
    'FROM alpine:3.20\nRUN git clone https://user@bitbucket.org/acme/lib.git',
    'FROM google/cloud-sdk:slim\nRUN --mount=type=secret,id=gcp,target=/run/secrets/gcp.json gcloud auth activate-service-account --key-file=/run/secrets/gcp.json',
    'FROM node:20\nRUN --mount=type=secret,id=npm,env=NPM_TOKEN npm config set //registry.npmjs.org/:_authToken "$NPM_TOKEN"',
    'FROM debian:12\n# RUN docker login -p hunter2',
    'FROM debian:12\nRUN echo "docker login -p is not run here"',
    'FROM docker:27\nRUN docker run -p 8080:80 acme/tool login', // -p publishes a port; login is the image's argument
  ],
  invalid: [
    {
      code: 'FROM docker:27\nRUN docker login -u ci -p hunter2 registry.example.com',
      findings: [{ line: 2, column: 24, endLine: 2, endColumn: 34 }],
    },
    {
      code: 'FROM docker:27\nARG REGISTRY_PASSWORD\nRUN docker login --password=$REGISTRY_PASSWORD -u ci registry.example.com',
      findings: [{ line: 3, column: 18, endLine: 3, endColumn: 47 }],
    },
    {
      code: 'FROM debian:12\nRUN curl -fsSL -u admin:s3cret https://x.example/a',
      findings: [{ line: 2, column: 16, endLine: 2, endColumn: 31 }],
    },
    {
      code: 'FROM debian:12\nRUN curl -H "Authorization: Bearer abc123def456" https://x.example/a',
      findings: [{ line: 2, column: 10, endLine: 2, endColumn: 49 }],
    },
    {
      code: 'FROM debian:12\nRUN wget --user=ci --password=hunter2 https://x.example/a',
      findings: [{ line: 2, column: 20, endLine: 2, endColumn: 38 }],
    },
    {
      code: 'FROM alpine:3.20\nRUN git clone https://oauth2:glpat-secret@gitlab.example.com/acme/lib.git',
      findings: [{ line: 2, column: 15, endLine: 2, endColumn: 74 }],
    },
    {
      // the ARG value is in the history, even though the line only names it
      code: 'FROM alpine:3.20\nARG GITHUB_TOKEN\nRUN git clone https://${GITHUB_TOKEN}@github.com/acme/lib.git',
      findings: [{ line: 3, column: 15, endLine: 3, endColumn: 62 }],
    },
    {
      code: 'FROM google/cloud-sdk:slim\nCOPY key.json /tmp/key.json\nRUN gcloud auth activate-service-account --key-file=/tmp/key.json',
      findings: [{ line: 3, column: 42, endLine: 3, endColumn: 66 }],
    },
    {
      code: 'FROM amazon/aws-cli\nRUN aws configure set aws_secret_access_key abc123',
      findings: [{ line: 2, column: 23, endLine: 2, endColumn: 51 }],
    },
    {
      code: 'FROM node:20\nARG NPM_TOKEN\nRUN npm config set //registry.npmjs.org/:_authToken $NPM_TOKEN',
      findings: [{ line: 3, column: 20, endLine: 3, endColumn: 63 }],
    },
    {
      code: 'FROM node:20\nENV NPM_TOKEN=abc\nRUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci',
      findings: [{ line: 3, column: 10, endLine: 3, endColumn: 57 }],
    },
    {
      code: 'FROM alpine:3.20\nRUN helm registry login --password hunter2 registry.example.com',
      findings: [{ line: 2, column: 25, endLine: 2, endColumn: 43 }],
    },
    {
      code: 'FROM docker:27\nONBUILD RUN docker login -p hunter2 registry.example.com',
      findings: [{ line: 2, column: 26, endLine: 2, endColumn: 36 }],
    },
  ],
});
