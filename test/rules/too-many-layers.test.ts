import rule from '../../server/src/rules/too-many-layers';
import { ruleTester } from '../harness/ruleTester';

const runs = (n: number, prefix = 'step') => Array.from({ length: n }, (_, i) => `RUN echo ${prefix}${i}`).join('\n');

ruleTester(rule, {
  valid: [
    `FROM alpine:3.20\n${runs(20)}`,
    `FROM alpine:3.20\nENV A=1\nLABEL b=2\nEXPOSE 80\n${runs(19)}\nCMD ["sh"]`, // only RUN/COPY/ADD count
    { code: `FROM alpine:3.20\n${runs(25)}`, config: { ruleOptions: { 'too-many-layers': { max: 30 } } } },
    `FROM alpine:3.20 AS build\n${runs(30)}\nFROM alpine:3.20\nCOPY --from=build /out /out`, // the build stage does not ship
  ],
  invalid: [
    {
      code: `FROM alpine:3.20\n${runs(21)}`,
      findings: [{ line: 1, column: 1, endLine: 1, endColumn: 17 }],
    },
    {
      code: 'FROM alpine:3.20\nCOPY a /a\nADD b /b\nRUN c',
      config: { ruleOptions: { 'too-many-layers': { max: 2 } } },
      findings: [{ line: 1, column: 1, endLine: 1, endColumn: 17 }],
    },
    {
      // layers of the stage the final one is built FROM ship too
      code: `FROM alpine:3.20 AS base\n${runs(15, 'a')}\nFROM base\n${runs(6, 'b')}`,
      findings: [{ line: 17, column: 1, endLine: 17, endColumn: 10 }],
    },
  ],
});
