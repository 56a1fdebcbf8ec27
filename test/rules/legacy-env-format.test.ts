import rule from '../../server/src/rules/legacy-env-format';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: ['FROM scratch\nENV testkey=value\nLABEL key=value', 'FROM scratch\nENV a=1 b="two words"', 'FROM scratch\nARG NAME', 'FROM scratch\nENV A='],
  invalid: [
    {
      code: 'FROM scratch\nENV testkey value',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 18 }],
      output: 'FROM scratch\nENV testkey=value',
      safe: true,
    },
    {
      code: 'FROM scratch\nLABEL key value',
      findings: [{ line: 2, column: 7, endLine: 2, endColumn: 16 }],
      output: 'FROM scratch\nLABEL key=value',
    },
    {
      code: 'FROM scratch\nENV PATH /app/bin:$PATH  extra',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 31 }],
      output: 'FROM scratch\nENV PATH="/app/bin:$PATH  extra"',
    },
    {
      code: 'FROM scratch\nENV GREETING "hello world"',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 27 }],
      output: 'FROM scratch\nENV GREETING="hello world"',
    },
    {
      // a quote inside a multi-word value would need rewriting: no fix
      code: 'FROM scratch\nENV MSG it\'s "fine"',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 20 }],
    },
    {
      code: 'FROM scratch\nONBUILD ENV A b',
      findings: [{ line: 2, column: 13, endLine: 2, endColumn: 16 }],
      output: 'FROM scratch\nONBUILD ENV A=b',
    },
  ],
});
