/** Builds the client once when browser tests will need it (vite.config.ts's plugin precompresses it too). */
import { existsSync } from 'node:fs';
import { build } from 'vite';

export default async function setup(): Promise<void> {
  if (process.env.SKIP_CLIENT_BUILD && existsSync('dist/client/index.html.br')) return;
  await build({ logLevel: 'warn' });
}
