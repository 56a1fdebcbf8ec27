import rule from '../../server/src/rules/env-self-reference';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'ENV BLA="blubb"\nENV BLUBB="${BLA}/blubb"',
    'ENV BLA="blubb" BLUBB="${FOOBLA}/blubb"',
    'ENV BLA="blubb" BLUBB="$BLAFOO/blubb"',
    'ENV BLA="blubb" BLUBB="BLA/$BLAFOO/BLA"',
    'ARG BLA\nENV BLA=${BLA}',
    'ENV PATH=/bla:${PATH}',
    'ENV A=1 B=\\$A', // escaped: no expansion
    'FROM alpine\nLABEL a=1 b=$a',
  ],
  invalid: [
    { code: 'ENV BLA="blubb" BLUBB="$BLA/$BLAFOO/blubb"', findings: [{ line: 1, column: 24, endLine: 1, endColumn: 28 }] },
    { code: 'ENV PATH=/bla:${PATH} PATH=/blubb:${PATH}', findings: [{ line: 1, column: 35, endLine: 1, endColumn: 42 }] },
    { code: 'ENV BLA="blubb" BLUBB="${BLA}"', findings: [{ line: 1, column: 24, endLine: 1, endColumn: 30 }] },
    { code: 'FROM alpine\nENV A=1 \\\n    B=$A', findings: [{ line: 3, column: 7, endLine: 3, endColumn: 9 }] },
  ],
});
