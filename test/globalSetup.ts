/** Builds the client once when browser tests will need it. */
import { existsSync } from 'node:fs';
import { build } from 'vite';

export default async function setup(): Promise<void> {
  if (process.env.SKIP_CLIENT_BUILD && existsSync('dist/client/index.html')) return;
  await build({ logLevel: 'warn' });
}
