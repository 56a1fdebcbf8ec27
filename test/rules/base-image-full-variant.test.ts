import rule from '../../server/src/rules/base-image-full-variant';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM python:3.12-slim',
    'FROM python:3.12-slim-bookworm',
    'FROM node:22-bookworm-slim',
    'FROM node:22-alpine',
    'FROM golang:1.23-alpine3.20',
    'FROM eclipse-temurin:21-jre',
    'FROM gcr.io/distroless/python3-debian12',
    'FROM myorg/python:3.12', // not the official image
    'FROM debian:12',
    'FROM php:8.3-apache', // no smaller apache variant exists
    'FROM python:3.12 AS build\nRUN pip wheel -w /wheels flask\nFROM python:3.12-slim\nCOPY --from=build /wheels /wheels',
  ],
  invalid: [
    {
      code: 'FROM python:3.12',
      findings: [{ line: 1, column: 6, endLine: 1, endColumn: 17 }],
    },
    {
      // built FROM a stage: that stage reaches the final image
      code: 'FROM node:20-bookworm AS base\nFROM base\nCMD ["node"]',
      findings: [{ line: 1, column: 6, endLine: 1, endColumn: 22 }],
    },
    {
      code: 'FROM docker.io/library/ruby:3.3',
      findings: [{ line: 1, column: 6, endLine: 1, endColumn: 32 }],
    },
    {
      code: 'FROM golang',
      findings: [{ line: 1, column: 6, endLine: 1, endColumn: 12 }],
    },
  ],
});
