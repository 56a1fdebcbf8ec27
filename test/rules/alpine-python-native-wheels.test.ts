import rule from '../../server/src/rules/alpine-python-native-wheels';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM python:3.12-slim\nRUN pip install numpy',
    'FROM python:3.12-alpine\nRUN pip install flask requests',
    'FROM python:3.12-alpine\nRUN pip install -r requirements.txt',
    'FROM python:3.12-alpine\nRUN apk add --no-cache py3-numpy', // Alpine's own build of numpy
    'FROM python:3.12-alpine\nRUN pip download numpy',
    'FROM python:3.12-alpine\nRUN pip install --only-binary numpy flask',
    'FROM alpine:3.20\nRUN echo pip install numpy',
    'FROM python:3.12-alpine AS lint\nRUN pip install ruff\nFROM python:3.12-slim\nRUN pip install pandas',
  ],
  invalid: [
    {
      code: 'FROM python:3.12-alpine\nRUN pip install --no-cache-dir numpy pandas',
      findings: [
        { line: 2, column: 32, endLine: 2, endColumn: 37 },
        { line: 2, column: 38, endLine: 2, endColumn: 44 },
      ],
    },
    {
      code: 'FROM alpine:3.20\nRUN apk add --no-cache python3 py3-pip\nRUN pip3 install "Pillow>=10"',
      findings: [{ line: 3, column: 18, endLine: 3, endColumn: 30 }],
    },
    {
      code: 'FROM python:3.12-alpine AS base\nFROM base\nRUN python -m pip install scikit_learn==1.5.0',
      findings: [{ line: 3, column: 27, endLine: 3, endColumn: 46 }],
    },
  ],
});
