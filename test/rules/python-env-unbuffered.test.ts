import rule from '../../server/src/rules/python-env-unbuffered';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    // the base image's ENV sets it
    { code: 'FROM python:3.12-slim\nCMD ["python", "app.py"]', images: { 'python:3.12-slim': { env: { PYTHONUNBUFFERED: '1' } } } },
    'FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1\nCMD ["python", "app.py"]',
    'FROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1 \\\n    PYTHONUNBUFFERED=true',
    'FROM python:3.12-slim AS base\nENV PYTHONUNBUFFERED 1\nFROM base\nCMD ["python", "app.py"]', // set in the stage it is built FROM
    'FROM python:3.12-slim\nCMD ["python", "-u", "app.py"]',
    'FROM python:3.12-slim AS build\nRUN pip wheel -w /wheels flask\nFROM nginx:1.27\nCOPY --from=build /wheels /srv', // only copied from
    'FROM node:22-slim\nCMD ["node", "server.js"]',
    'FROM debian:12\nCMD ["pythonista"]',
  ],
  invalid: [
    {
      // a base image that sets it empty does not count
      code: 'FROM python:3.12-slim\nCMD ["python", "app.py"]',
      images: { 'python:3.12-slim': { env: { PYTHONUNBUFFERED: '' } } },
      findings: [{ line: 1, column: 6, endLine: 1, endColumn: 22 }],
      output: 'FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1\nCMD ["python", "app.py"]',
    },
    {
      code: 'FROM python:3.12-slim\nCOPY app.py .\nCMD ["python", "app.py"]',
      findings: [{ line: 1, column: 6, endLine: 1, endColumn: 22 }],
      output: 'FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1\nCOPY app.py .\nCMD ["python", "app.py"]',
      safe: true,
    },
    {
      // not a python base, but it starts gunicorn; the file writes keywords in lower case
      code: 'from debian:12\nrun apt-get install -y python3-gunicorn\ncmd ["gunicorn", "app:wsgi"]',
      findings: [{ line: 1, column: 6, endLine: 1, endColumn: 15 }],
      output: 'from debian:12\nenv PYTHONUNBUFFERED=1\nrun apt-get install -y python3-gunicorn\ncmd ["gunicorn", "app:wsgi"]',
    },
    {
      // an empty value does not turn buffering off; no fix, the ENV would override it
      code: 'FROM python:3.12-alpine\r\nENV PYTHONUNBUFFERED=""\r\nCMD python3 main.py\r\n',
      findings: [{ line: 1, column: 6, endLine: 1, endColumn: 24 }],
    },
    {
      code: 'CMD ["python3", "main.py"]',
      findings: [{ line: 1, column: 5, endLine: 1, endColumn: 27 }],
    },
  ],
});
