import rule from '../../server/src/rules/workdir-system-path';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM node:22-slim\nWORKDIR /app',
    'FROM node:22-slim\nWORKDIR /process', // not /proc
    'FROM node:22-slim\nWORKDIR /devel/src',
    'FROM node:22-slim\nWORKDIR /usr/src/app',
    'FROM node:22-slim\nWORKDIR $APP_HOME', // nothing gives it a value
    'FROM node:22-slim\nARG DIR\nWORKDIR $DIR',
    'FROM node:22-slim\nWORKDIR app', // relative to an unknown directory: workdir-relative's business
    'FROM node:22-slim\nWORKDIR /app\nWORKDIR ../srv',
    'FROM node:22-slim\nENV DIR=/srv\nARG DIR=/\nWORKDIR ${DIR}', // ENV wins over ARG
    'FROM node:22-slim\nONBUILD WORKDIR /',
  ],
  invalid: [
    {
      code: 'FROM node:22-slim\nWORKDIR /\nCOPY . .',
      findings: [{ line: 2, column: 9, endLine: 2, endColumn: 10 }],
    },
    {
      code: 'FROM node:22-slim\nWORKDIR /proc/app',
      findings: [{ line: 2, column: 9, endLine: 2, endColumn: 18 }],
    },
    {
      code: 'FROM node:22-slim\nWORKDIR "/sys"',
      findings: [{ line: 2, column: 9, endLine: 2, endColumn: 15 }],
    },
    {
      code: 'FROM node:22-slim\nWORKDIR //dev/./shm/',
      findings: [{ line: 2, column: 9, endLine: 2, endColumn: 21 }],
    },
    {
      code: 'FROM node:22-slim\nWORKDIR /boot',
      findings: [{ line: 2, column: 9, endLine: 2, endColumn: 14 }],
    },
    {
      // resolved through ARG defaults (global and in-stage) and ENV
      code: 'ARG ROOT=/\nFROM node:22-slim\nARG ROOT\nENV APP_DIR=${ROOT}\nWORKDIR $APP_DIR',
      findings: [{ line: 5, column: 9, endLine: 5, endColumn: 17 }],
    },
    {
      // relative to the WORKDIR before it, also across a stage built FROM another
      code: 'FROM node:22-slim AS base\nWORKDIR /app\nFROM base\nWORKDIR ..',
      findings: [{ line: 4, column: 9, endLine: 4, endColumn: 11 }],
    },
    {
      // a stage walked for two stages built FROM it is reported once
      code: 'FROM node:22-slim AS base\nWORKDIR /\nFROM base AS a\nFROM base',
      findings: [{ line: 2, column: 9, endLine: 2, endColumn: 10 }],
    },
    {
      code: 'WORKDIR /',
      findings: [{ line: 1, column: 9, endLine: 1, endColumn: 10 }],
    },
  ],
});
