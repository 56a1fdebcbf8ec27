import rule from '../../server/src/rules/base-image-untagged';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12',
    'FROM ruby@sha256:f1dbca0f5dbc9f1dbca0f5dbc9f1dbca0f5dbc9f1dbca0f5dbc9f1dbca0f5dbc9aa',
    'FROM scratch',
    'FROM ${BASE}', // unresolved: we cannot know
    'ARG TAG=3.12\nFROM python:${TAG}',
    'FROM golang:1.23 AS build\nFROM build AS test', // a stage, not an image
    'FROM localhost:5000/app:1.0',
  ],
  invalid: [
    { code: 'FROM debian', findings: [{ line: 1, column: 6, endLine: 1, endColumn: 12 }] },
    { code: 'FROM node AS build\nFROM scratch', findings: [{ line: 1, column: 6, endLine: 1, endColumn: 10 }] },
    {
      // the message names the image the ARG resolves to
      code: 'ARG BASE=python\nFROM ${BASE}',
      findings: [{ line: 2, column: 6, endLine: 2, endColumn: 13 }],
      message: '`${BASE}` (`python`) has no tag, so it means `:latest` and changes under you; pin a release tag',
    },
    { code: 'FROM localhost:5000/app', findings: [{ line: 1, column: 6, endLine: 1, endColumn: 24 }] },
  ],
});
