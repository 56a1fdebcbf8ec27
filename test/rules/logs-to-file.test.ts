import rule from '../../server/src/rules/logs-to-file';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM python:3.12\nCMD ["python", "app.py"]',
    'FROM python:3.12\nCMD python app.py 2>&1',
    'FROM python:3.12\nCMD python app.py > /dev/stdout 2> /dev/stderr',
    'FROM python:3.12\nCMD python app.py 2>/dev/null',
    'FROM python:3.12\nCMD python app.py | tee /var/log/app.log', // tee still writes to stdout
    'FROM python:3.12\nCMD echo "a > b.log"', // quoted: not a redirect
    'FROM python:3.12\nCMD python app.py < input.txt',
    'FROM python:3.12\nRUN python setup.py > build.log\nCMD ["python", "app.py"]', // a RUN, not the start command
    'FROM python:3.12\nCMD python app.py > app.log\nCMD ["python", "app.py"]', // replaced by the later CMD
    'FROM python:3.12 AS tool\nCMD python app.py > app.log\nFROM python:3.12\nCMD ["python", "app.py"]',
    'FROM python:3.12\nCMD python app.py > "$LOG_FILE"', // a variable: cannot tell
    'FROM nginx:1.27\nCMD envsubst < /tmpl > /etc/nginx/nginx.conf && exec nginx -g "daemon off;"', // a setup step
  ],
  invalid: [
    {
      code: 'FROM python:3.12\nCMD python app.py >> /var/log/app.log 2>&1',
      findings: [{ line: 2, column: 19, endLine: 2, endColumn: 38 }],
    },
    {
      code: 'FROM node:22\nENTRYPOINT node server.js &>server.log',
      findings: [{ line: 2, column: 27, endLine: 2, endColumn: 39 }],
    },
    {
      code: 'FROM node:22\nCMD ["sh", "-c", "node server.js 2> /tmp/err.log"]',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 51 }],
    },
    {
      // a background job keeps running too
      code: 'FROM debian:12\nCMD worker > worker.log & exec server',
      findings: [{ line: 2, column: 12, endLine: 2, endColumn: 24 }],
    },
    {
      code: 'FROM debian:12\nCMD ./start.sh \\\n  1>out.log',
      findings: [{ line: 3, column: 3, endLine: 3, endColumn: 12 }],
    },
  ],
});
