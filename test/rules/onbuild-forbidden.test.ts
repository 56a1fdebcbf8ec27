import rule from '../../server/src/rules/onbuild-forbidden';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'ONBUILD ADD anything anywhere',
    'ONBUILD RUN anything',
    'ONBUILD ENV MYVAR="bla"',
    'ONBUILD HEALTHCHECK NONE',
    'FROM debian:buster',
    'MAINTAINER "Some Guy"',
  ],
  invalid: [
    { code: 'ONBUILD ONBUILD RUN anything\n', findings: [{ line: 1, column: 9, endLine: 1, endColumn: 16 }] },
    { code: 'ONBUILD FROM debian:buster\n', findings: [{ line: 1, column: 9, endLine: 1, endColumn: 13 }] },
    { code: 'FROM alpine\nonbuild maintainer "BoJack Horseman"\n', findings: [{ line: 2, column: 9, endLine: 2, endColumn: 19 }] },
  ],
});
