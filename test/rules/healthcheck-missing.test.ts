import rule from '../../server/src/rules/healthcheck-missing';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM nginx:1.27\nEXPOSE 80\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1',
    'FROM nginx:1.27\nEXPOSE 80\nHEALTHCHECK NONE', // a decision: the orchestrator probes it
    'FROM python:3.12\nCMD ["python", "job.py"]', // not a service
    'FROM nginx:1.27 AS base\nHEALTHCHECK CMD true\nFROM base\nEXPOSE 80', // inherited
    'FROM nginx:1.27 AS web\nEXPOSE 80\nFROM alpine:3.20\nCMD ["sh"]', // the service stage is not the final image
  ],
  invalid: [
    { code: 'FROM nginx:1.27\nEXPOSE 80', findings: [{ line: 2, column: 1, endLine: 2, endColumn: 10 }] },
    { code: 'FROM node:22 AS base\nEXPOSE 3000\nFROM base\nCMD ["node"]', findings: [{ line: 2, column: 1, endLine: 2, endColumn: 12 }] },
  ],
});
