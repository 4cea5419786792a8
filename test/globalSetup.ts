/** Builds the client once when browser tests will need it (vite.config.ts's plugin precompresses it too). */
import { existsSync } from 'node:fs';
import { build } from 'vite';

export default async function setup(): Promise<void> {
  if (process.env.SKIP_CLIENT_BUILD && existsSync('dist/client/index.html.br')) return;
  // Vitest sets NODE_ENV=test, which vite's build takes for a development build (React's
  // development bundle, ~900 KB against ~650 KB): build what `npm start` serves instead, since
  // npm start then serves this same dist/client as fresh.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ logLevel: 'warn', mode: 'production' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
