// Where the bundles under test are: the build defines SEAWORTHY_DIST (dist/ or DIR/dist with --out DIR).
import { join } from 'node:path';

export const DIST = process.env.SEAWORTHY_DIST ?? join(process.cwd(), 'dist');
export const CLI = join(DIST, 'cli.js');
export const SERVER = join(DIST, 'server.js');
