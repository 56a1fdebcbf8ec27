import rule from '../../server/src/rules/pip-no-cache-dir';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    // pip takes any unique prefix of a long option: these are --no-cache-dir
    'FROM python:3.12-slim\nRUN pip install --no-cache --break-system-packages /wheels/*',
    'FROM python:3.12-slim\nRUN pip install --no-ca flask',
    'FROM python:3.12-slim\nRUN pip --no-cache-d install flask',
    'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask',
    'FROM python:3.12-slim\nRUN pip install flask --no-cache-dir',
    'FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask',
    'FROM python:3.12-slim\nARG PIP_NO_CACHE_DIR=1\nRUN pip install flask', // a RUN sees ARG values in its environment
    'FROM python:3.12-slim AS base\nENV PIP_NO_CACHE_DIR=on\nFROM base\nRUN pip install flask',
    'FROM python:3.12-slim\nRUN PIP_NO_CACHE_DIR=true pip install flask',
    'FROM python:3.12-slim\nRUN export PIP_NO_CACHE_DIR=yes && pip install flask',
    'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask',
    'FROM python:3.12-slim\nRUN pipx install black',
    'FROM python:3.12-slim\nRUN pip download flask',
    'FROM python:3.12-slim AS build\nRUN pip install flask\nFROM scratch\nCOPY --from=build /x /x',
  ],
  invalid: [
    {
      // another --no- option is no --no-cache-dir (and --no-c would name several: pip refuses it)
      code: 'FROM python:3.12-slim\nRUN pip install --no-color flask',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 33 }],
      output: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir --no-color flask',
    },
    {
      code: 'FROM python:3.12-slim\nRUN pip install -r requirements.txt',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 36 }],
      output: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir -r requirements.txt',
      safe: true,
    },
    {
      code: 'FROM python:3.12-slim\nRUN python3 -m pip install --upgrade pip',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 41 }],
      output: 'FROM python:3.12-slim\nRUN python3 -m pip install --no-cache-dir --upgrade pip',
    },
    {
      code: 'FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=off\nRUN pip3 install flask',
      findings: [{ line: 3, column: 5, endLine: 3, endColumn: 23 }],
      output: 'FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=off\nRUN pip3 install --no-cache-dir flask',
    },
    {
      // the ENV is in a stage the final image is not built from
      code: 'FROM python:3.12-slim AS other\nENV PIP_NO_CACHE_DIR=1\nFROM python:3.12-slim\nRUN pip install flask',
      findings: [{ line: 4, column: 5, endLine: 4, endColumn: 22 }],
      output: 'FROM python:3.12-slim AS other\nENV PIP_NO_CACHE_DIR=1\nFROM python:3.12-slim\nRUN pip install --no-cache-dir flask',
    },
  ],
});
