// Builds the client when dist/client is missing, not precompressed (an older build), or older than
// any client/shared source file or the build's own config.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const output = 'dist/client/index.html';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const stale =
  !existsSync(output) ||
  !existsSync(`${output}.br`) ||
  statSync(output).mtimeMs <
    Math.max(newestMtime('client'), newestMtime('shared'), statSync('vite.config.ts').mtimeMs, statSync('scripts/precompress.mjs').mtimeMs);
if (stale) {
  console.log('Building the client…');
  execSync('npx vite build --logLevel warn', { stdio: 'inherit' });
}
