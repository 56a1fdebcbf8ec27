// The bench's baseline for the whole CLI process: what a dockerfile-utils command over many files would do in one
// process (its own `dockerfile-utils lint` takes one file per process): load it, read every file of a folder, validate
// each, print the diagnostics as JSON. Usage: node scripts/bench-peer-cli.cjs FOLDER
const { readdirSync, readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { validate } = require('dockerfile-utils');

const dir = process.argv[2];
const out = [];
for (const name of readdirSync(dir).sort()) {
  const file = join(dir, name);
  if (!statSync(file).isFile()) continue;
  out.push({ file, diagnostics: validate(readFileSync(file, 'utf8')) });
}
process.stdout.write(JSON.stringify(out, null, 2) + '\n');
