// Where the bundles under test are: the build defines SEAWORTHY_DIST (dist/ or DIR/dist with --out DIR). Also keeps
// what tests run (the CLI, the language server) out of the user's own cache folder: base image facts a test learns
// go to a folder of this test process, removed when it exits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const DIST = process.env.SEAWORTHY_DIST ?? join(process.cwd(), 'dist');
export const CLI = join(DIST, 'cli.js');
export const SERVER = join(DIST, 'server.js');

if (!process.env.SEAWORTHY_CACHE_DIR) {
  const cache = mkdtempSync(join(tmpdir(), 'seaworthy-test-cache-'));
  process.env.SEAWORTHY_CACHE_DIR = cache;
  process.on('exit', () => rmSync(cache, { recursive: true, force: true }));
}
