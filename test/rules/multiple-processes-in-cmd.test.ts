import rule from '../../server/src/rules/multiple-processes-in-cmd';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM nginx:1.27\nCMD ["nginx", "-g", "daemon off;"]',
    'FROM node:22\nCMD ./migrate.sh && exec node server.js', // setup, then one process
    'FROM debian:12\nCMD service nginx start', // one service
    'FROM debian:12\nCMD ["/usr/bin/supervisord", "-c", "/etc/supervisor/supervisord.conf"]',
    'FROM debian:12\nCMD supervisord -n & tail -f /var/log/supervisor/*.log', // a supervisor: deliberate
    'FROM debian:12\nCMD echo "a & b"',
    'FROM debian:12\nCMD worker & wait',
    'FROM debian:12\nCMD nginx || tail -f /dev/null && true', // no service, nothing in the background
    'FROM debian:12 AS dev\nCMD service a start && service b start\nFROM debian:12\nCMD ["app"]',
    'FROM debian:12\nRUN service mysql start && mysql < schema.sql\nCMD ["mysqld"]', // a RUN, not the start command
  ],
  invalid: [
    {
      code: 'FROM debian:12\nCMD service mysql start && service apache2 start && tail -f /dev/null',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 70 }],
    },
    {
      code: 'FROM node:22\nCMD ["sh", "-c", "node worker.js & node server.js"]',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 52 }],
    },
    {
      code: 'FROM debian:12\nENTRYPOINT /etc/init.d/cron start && \\\n  nginx -g "daemon off;"',
      findings: [{ line: 2, column: 12, endLine: 3, endColumn: 25 }],
    },
    {
      code: 'FROM debian:12\nCMD service nginx start && tail -F /var/log/nginx/access.log',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 61 }],
    },
  ],
});
