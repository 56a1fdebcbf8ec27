// Golden files for what a user reads. UPDATE_GOLDEN=1 npm test rewrites them; review the diff before committing.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const GOLDEN_DIR = join(process.cwd(), 'test', 'golden');

export function assertGolden(name: string, actual: string): void {
  const file = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  assert.ok(existsSync(file), `no golden file ${name}: run UPDATE_GOLDEN=1 npm test, then read the diff`);
  assert.equal(actual, readFileSync(file, 'utf8'), `${name} changed: review it, then UPDATE_GOLDEN=1 npm test`);
}
