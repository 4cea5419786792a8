/** Serves the built client; every non-API path gets the single-page app. */
import express from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export function clientPages(dir: string | null): express.Router {
  const clientDir = dir === null ? null : resolve(dir);
  const router = express.Router();
  const index = clientDir ? join(clientDir, 'index.html') : null;
  if (clientDir) router.use(express.static(clientDir, { index: false, maxAge: '1h' }));
  router.get('/{*splat}', (_req, res) => {
    if (index && existsSync(index)) {
      res.set('Cache-Control', 'no-cache').sendFile(index);
    } else {
      res.status(503).type('text').send('The client is not built. Run `npm run build` (npm start does it for you).');
    }
  });
  return router;
}
