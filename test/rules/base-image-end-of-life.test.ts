import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PRODUCTS, isPastEndOfLife, type Release } from '../../server/src/engine/facts/endOfLife';
import rule from '../../server/src/rules/base-image-end-of-life';
import { lintWithOnly } from '../harness/engine';
import { ruleTester } from '../harness/ruleTester';

// a fixed day, so that the verdicts do not move with the calendar
const today = '2026-12-04';
const at = (code: string, day = today) => ({ code, today: day });

ruleTester(rule, {
  valid: [
    at('FROM node:24-alpine'),
    at('FROM python:3.12-slim-bookworm'),
    at('FROM ubuntu:24.04'),
    at('FROM debian:bookworm-slim'),
    at('FROM alpine:3.22'),
    at('FROM node:lts'), // no version in the tag: nothing to judge
    at('FROM python'),
    at('FROM myorg/node:16'), // not the official image
    at('FROM node:16 AS assets\nRUN npm ci\nFROM nginx:1.27\nCOPY --from=assets /app /usr/share/nginx/html'), // only copied from
    at('FROM python:3.10', '2026-10-31'), // a month-only date ends with its month
    at('FROM node:20', '2026-04-30'),
    at('FROM python:3.1'), // not 3.10
  ],
  invalid: [
    {
      ...at('FROM node:16-alpine'),
      findings: [{ line: 1, column: 6, endLine: 1, endColumn: 20 }],
      message: '`node:16-alpine` is past its end of life (Node.js 16 on 2023-09-11): it gets no security fixes; move to Node.js 24',
    },
    {
      ...at('FROM python:3.8-slim-buster'),
      findings: [{ line: 1, column: 6, endLine: 1, endColumn: 28 }],
      message:
        '`python:3.8-slim-buster` is past its end of life (Python 3.8 on 2024-10-07 and Debian 10 (buster) on 2024-06-30): it gets no security fixes; move to Python 3.14 on Debian 13 (trixie)',
    },
    { ...at('FROM python:3.11-bullseye'), findings: [{ line: 1, column: 6, endLine: 1, endColumn: 26 }], message: /Debian 11 \(bullseye\) on 2026-08-31/ },
    {
      ...at('FROM ubuntu:14.04'),
      findings: [{ line: 1, column: 6, endLine: 1, endColumn: 18 }],
      message: /Ubuntu 14\.04 \(trusty\) on 2019-04-30.*move to Ubuntu 24\.04 \(noble\)/,
    },
    { ...at('FROM ubuntu:focal-20240530'), findings: [{ line: 1, column: 6, endLine: 1, endColumn: 27 }], message: /Ubuntu 20\.04 \(focal\)/ },
    { ...at('FROM debian:10-slim'), findings: [{ line: 1, column: 6, endLine: 1, endColumn: 20 }], message: /Debian 10 \(buster\)/ },
    { ...at('FROM centos:7'), findings: [{ line: 1, column: 6, endLine: 1, endColumn: 14 }], message: /CentOS 7 on 2024-06-30/ },
    {
      ...at('FROM node:20.11-alpine3.18'),
      findings: [{ line: 1, column: 6, endLine: 1, endColumn: 27 }],
      message: /Node\.js 20 on 2026-04-30 and Alpine 3\.18 on 2025-05-09/,
    },
    {
      ...at('FROM mcr.microsoft.com/dotnet/aspnet:8.0'),
      findings: [{ line: 1, column: 6, endLine: 1, endColumn: 41 }],
      message: /\.NET 8\.0 on 2026-11-10.*move to \.NET 10\.0/,
    },
    { ...at('FROM public.ecr.aws/docker/library/php:7.4-fpm'), findings: [{ line: 1, column: 6, endLine: 1, endColumn: 47 }], message: /PHP 7\.4/ },
    { ...at('FROM python:3.10', '2026-11-01'), findings: [{ line: 1, column: 6, endLine: 1, endColumn: 17 }], message: /Python 3\.10 on 2026-10\b/ },
    {
      ...at('FROM debian:sid'),
      findings: [{ line: 1, column: 6, endLine: 1, endColumn: 16 }],
      message: '`debian:sid` is a development branch (debian:sid): it changes under every build and gets no security support; build on a stable release',
    },
    { ...at('FROM alpine:edge'), findings: [{ line: 1, column: 6, endLine: 1, endColumn: 17 }], message: /development branch/ },
    {
      ...at('ARG NODE=18\nFROM node:${NODE}-slim AS app\nFROM app\nUSER node'),
      findings: [{ line: 2, column: 6, endLine: 2, endColumn: 23 }],
      message: /^`node:\$\{NODE\}-slim` \(`node:18-slim`\) is past its end of life \(Node\.js 18 on 2025-04-30\)/,
    },
  ],
});

describe('the end-of-life table', () => {
  it('has valid dates, oldest release list per product free of duplicates, and a supported release of each product today', () => {
    for (const [id, product] of Object.entries(PRODUCTS)) {
      const versions = (product.releases as readonly Release[]).map((x) => x.version);
      assert.equal(new Set(versions).size, versions.length, `${id}: a version is listed twice`);
      for (const x of product.releases as readonly Release[])
        assert.match(x.eol, /^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/, `${id} ${x.version}: ${x.eol}`);
      assert.ok(
        (product.releases as readonly Release[]).some((x) => !isPastEndOfLife(x, today)),
        `${id}: no release is supported on ${today}; add the new ones`,
      );
    }
  });

  it('judges by the date of the lint, never the clock: the same file is fine before the date and a finding after it', () => {
    assert.equal(lintWithOnly(rule, 'FROM node:22', { today: '2027-04-30' }).length, 0);
    assert.equal(lintWithOnly(rule, 'FROM node:22', { today: '2027-05-01' }).length, 1);
  });
});
