/**
 * Serves the built client; every non-API path gets the single-page app.
 *
 * Compression (issue #22 part 5): the build writes a `.br` and a `.gz` beside each text file
 * (scripts/precompress.mjs), and express-static-gzip picks one by Accept-Encoding (brotli first),
 * with `Vary: Accept-Encoding`, on top of serve-static (so ETag, HEAD and Range behave as before).
 * Nothing is compressed per request: the API's JSON and spreadsheets never pass through here.
 */
import express from 'express';
import expressStaticGzip from 'express-static-gzip';
import type { ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';

/** Vite's content-hashed output (`assets/index-CvYlG3jd.js`): its name changes with its content. */
const HASHED = /-[\w-]{8,}\.[a-z0-9]+(?:\.(?:br|gz))?$/i;
export const CACHE_HASHED = 'public, max-age=31536000, immutable';
export const CACHE_OTHER = 'public, max-age=3600';

/** Cache-Control for a file of the built client (`path` may be its `.br`/`.gz` twin). */
export function cacheControlFor(clientDir: string, path: string): string {
  const rel = relative(clientDir, path);
  if (/^index\.html(?:\.br|\.gz)?$/.test(rel)) return 'no-cache';
  if (rel.startsWith(`assets${sep}`) && HASHED.test(basename(rel))) return CACHE_HASHED;
  return CACHE_OTHER;
}

export function clientPages(dir: string | null): express.Router {
  const clientDir = dir === null ? null : resolve(dir);
  const router = express.Router();
  const index = clientDir ? join(clientDir, 'index.html') : null;
  const files = clientDir
    ? expressStaticGzip(clientDir, {
        enableBrotli: true,
        orderPreference: ['br', 'gzip'],
        index: false,
        serveStatic: {
          index: false,
          cacheControl: false,
          setHeaders: (res: ServerResponse, path: string) => res.setHeader('Cache-Control', cacheControlFor(clientDir, path)),
        },
      })
    : null;
  if (files) router.use(files);
  // A missing build output (an old page asking for a replaced bundle) is a 404, not the page.
  router.get('/assets/{*splat}', (_req, res) => {
    res.status(404).type('text').send('Not found.');
  });
  router.get('/{*splat}', (req, res, next) => {
    if (files && index && existsSync(index)) {
      // Every page route gets index.html through the same negotiation (compressed, no-cache).
      req.url = '/index.html';
      files(req, res, next);
    } else {
      res.status(503).type('text').send('The client is not built. Run `npm run build` (npm start does it for you).');
    }
  });
  return router;
}
