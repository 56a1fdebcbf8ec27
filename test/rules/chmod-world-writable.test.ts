import rule from '../../server/src/rules/chmod-world-writable';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM node:22-slim\nRUN chmod 755 /app',
    'FROM node:22-slim\nRUN chmod 0775 /app',
    'FROM node:22-slim\nRUN chmod 664 /app/config.json',
    'FROM node:22-slim\nRUN chmod 1777 /scratch', // sticky, like /tmp
    'FROM node:22-slim\nRUN chmod a+rwxt /scratch',
    'FROM node:22-slim\nRUN chmod +w /app/config.json', // no "who": the umask (022) keeps others out
    'FROM node:22-slim\nRUN chmod u+w,g+w /app',
    'FROM node:22-slim\nRUN chmod o-w /app',
    'FROM node:22-slim\nRUN chmod -R "$MODE" /app',
    'FROM node:22-slim\nRUN echo chmod 777 /app',
    'FROM node:22-slim\nCOPY --chmod=755 app /app',
    'FROM node:22-slim\nCOPY --chown=node:node app /app',
    'FROM node:22-slim\nRUN mkdir -m 755 -p /app',
    'FROM node:22-slim\nRUN mkdir -m 1777 /scratch', // sticky: a shared scratch directory
    'FROM node:22-slim\nRUN install -d -m 0750 -o node /data',
    'FROM node:22-slim\nRUN mkdir -p /app/m', // no mode option
  ],
  invalid: [
    {
      code: 'FROM node:22-slim\nRUN mkdir /data && chmod 777 /data',
      findings: [{ line: 2, column: 26, endLine: 2, endColumn: 29 }],
    },
    {
      code: 'FROM node:22-slim\nRUN chmod -R 0777 /data',
      findings: [{ line: 2, column: 14, endLine: 2, endColumn: 18 }],
    },
    {
      code: 'FROM node:22-slim\nRUN chmod -R a+rwX /srv',
      findings: [{ line: 2, column: 14, endLine: 2, endColumn: 19 }],
    },
    {
      code: 'FROM node:22-slim\nRUN chmod o+w,u+x /srv/run',
      findings: [{ line: 2, column: 11, endLine: 2, endColumn: 18 }],
    },
    {
      code: 'FROM node:22-slim\nCOPY --chmod=777 app /app',
      findings: [{ line: 2, column: 6, endLine: 2, endColumn: 17 }],
    },
    {
      code: 'FROM alpine:3.20\nONBUILD RUN chmod 666 /cfg',
      findings: [{ line: 2, column: 19, endLine: 2, endColumn: 22 }],
    },
    {
      code: 'FROM node:22-slim\nRUN mkdir -p -m 777 /data',
      findings: [{ line: 2, column: 17, endLine: 2, endColumn: 20 }],
      message: '`mkdir -m 777` creates files writable by every user in the container',
    },
    { code: 'FROM node:22-slim\nRUN mkdir --mode=0777 /data', findings: [{ line: 2, column: 11, endLine: 2, endColumn: 22 }] },
    { code: 'FROM node:22-slim\nRUN install -d -m0666 /data/db', findings: [{ line: 2, column: 16, endLine: 2, endColumn: 22 }] },
    { code: 'FROM node:22-slim\nRUN install --mode a+w /usr/local/bin/tool', findings: [{ line: 2, column: 20, endLine: 2, endColumn: 23 }] },
    { code: 'FROM node:22-slim\nRUN chmod ugo+rwx /data', findings: [{ line: 2, column: 11, endLine: 2, endColumn: 18 }] },
  ],
});
