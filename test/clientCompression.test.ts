/** Issue #22 part 5: the client is served precompressed (brotli or gzip by Accept-Encoding) and cached by name. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { precompressDir } from '../scripts/precompress.mjs';
import { onCleanup, startServer } from './helpers';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One request over node:http, the body as sent on the wire (no decoding). */
function raw(url: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const JS = 'assets/index-AbCd1234.js';
const CSS = 'assets/index-Zz_9-yXw.css';

/** A built client like vite's (a hashed script and stylesheet, an unhashed file), precompressed as the build does. */
async function builtClient(): Promise<{ dir: string; js: Buffer; html: Buffer }> {
  const dir = mkdtempSync(join(tmpdir(), 'draftroom-compress-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'assets'));
  const js = Buffer.from(Array.from({ length: 4000 }, (_, i) => `export const v${i} = "value ${i % 37}";\n`).join(''));
  const html = Buffer.from(`<!doctype html><html><head><title>Draftroom</title><script type="module" src="/${JS}"></script></head><body><div id="root"></div></body></html>\n`);
  writeFileSync(join(dir, JS), js);
  writeFileSync(join(dir, CSS), 'body { margin: 0; }\n'.repeat(200));
  writeFileSync(join(dir, 'index.html'), html);
  writeFileSync(join(dir, 'robots.txt'), 'User-agent: *\nDisallow:\n');
  const totals = await precompressDir(dir);
  expect(totals.files).toBe(4);
  return { dir, js, html };
}

it('serves a hashed asset as brotli or gzip by Accept-Encoding (brotli first), plain without, each decoding to the file', async () => {
  const { dir, js } = await builtClient();
  const { url } = await startServer({ clientDir: dir });

  const br = await raw(url, `/${JS}`, { 'accept-encoding': 'gzip, deflate, br' });
  expect(br.status).toBe(200);
  expect(br.headers['content-encoding']).toBe('br');
  expect(br.headers['content-type']).toMatch(/^text\/javascript/i);
  expect(br.headers.vary).toBe('Accept-Encoding');
  expect(br.body.length).toBeLessThan(js.length / 4);
  expect(Number(br.headers['content-length'])).toBe(br.body.length);
  expect(brotliDecompressSync(br.body).equals(js)).toBe(true);

  const gz = await raw(url, `/${JS}`, { 'accept-encoding': 'gzip' });
  expect(gz.headers['content-encoding']).toBe('gzip');
  expect(gz.headers.vary).toBe('Accept-Encoding');
  expect(gunzipSync(gz.body).equals(js)).toBe(true);

  // Brotli refused by q=0: gzip.
  const noBr = await raw(url, `/${JS}`, { 'accept-encoding': 'br;q=0, gzip' });
  expect(noBr.headers['content-encoding']).toBe('gzip');

  for (const headers of [{}, { 'accept-encoding': 'identity' }] as Record<string, string>[]) {
    const plain = await raw(url, `/${JS}`, headers);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('Accept-Encoding');
    expect(plain.body.equals(js)).toBe(true);
  }

  const css = await raw(url, `/${CSS}`, { 'accept-encoding': 'br' });
  expect(css.headers['content-type']).toMatch(/^text\/css/i);
  expect(brotliDecompressSync(css.body).toString()).toBe(readFileSync(join(dir, CSS), 'utf8'));
});

it('caches hashed assets for a year (immutable), index.html never without asking, other files briefly; keeps the security headers', async () => {
  const { dir, html } = await builtClient();
  const { url } = await startServer({ clientDir: dir });
  for (const path of [`/${JS}`, `/${CSS}`]) {
    for (const ae of ['br', 'gzip', 'identity']) {
      expect((await raw(url, path, { 'accept-encoding': ae })).headers['cache-control'], `${path} ${ae}`).toBe('public, max-age=31536000, immutable');
    }
  }
  // The page, at / and at any app route and by name, compressed and revalidated every time.
  for (const path of ['/', '/w/abc123', '/w/abc123/facilitate', '/index.html']) {
    const page = await raw(url, path, { 'accept-encoding': 'br, gzip' });
    expect(page.status, path).toBe(200);
    expect(page.headers['cache-control'], path).toBe('no-cache');
    expect(page.headers['content-encoding'], path).toBe('br');
    expect(page.headers['content-type'], path).toMatch(/^text\/html/i);
    expect(page.headers.vary, path).toBe('Accept-Encoding');
    expect(page.headers['content-security-policy'], path).toContain("default-src 'self'");
    expect(page.headers['x-content-type-options'], path).toBe('nosniff');
    expect(brotliDecompressSync(page.body).equals(html), path).toBe(true);
  }
  const plainPage = await raw(url, '/w/abc123');
  expect(plainPage.headers['content-encoding']).toBeUndefined();
  expect(plainPage.body.equals(html)).toBe(true);
  expect((await raw(url, '/robots.txt', { 'accept-encoding': 'gzip' })).headers['cache-control']).toBe('public, max-age=3600');
  // A conditional request for the page is answered 304 while it is unchanged.
  const first = await raw(url, '/', { 'accept-encoding': 'br' });
  const again = await raw(url, '/', { 'accept-encoding': 'br', 'if-none-match': String(first.headers.etag) });
  expect(again.status).toBe(304);
});

it('answers HEAD with the headers alone and a Range with that slice of the chosen encoding', async () => {
  const { dir, js } = await builtClient();
  const { url } = await startServer({ clientDir: dir });
  const brFile = readFileSync(join(dir, `${JS}.br`));

  const head = await raw(url, `/${JS}`, { 'accept-encoding': 'br' }, 'HEAD');
  expect(head.status).toBe(200);
  expect(head.body.length).toBe(0);
  expect(head.headers['content-encoding']).toBe('br');
  expect(Number(head.headers['content-length'])).toBe(brFile.length);
  expect(head.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  const headPlain = await raw(url, `/${JS}`, {}, 'HEAD');
  expect(Number(headPlain.headers['content-length'])).toBe(js.length);
  expect(headPlain.headers['content-encoding']).toBeUndefined();

  // A range addresses the representation sent: the compressed bytes when compressed.
  const part = await raw(url, `/${JS}`, { 'accept-encoding': 'br', range: 'bytes=10-19' });
  expect(part.status).toBe(206);
  expect(part.headers['content-encoding']).toBe('br');
  expect(part.headers['content-range']).toBe(`bytes 10-19/${brFile.length}`);
  expect(part.body.equals(brFile.subarray(10, 20))).toBe(true);
  const plainPart = await raw(url, `/${JS}`, { range: 'bytes=0-99' });
  expect(plainPart.status).toBe(206);
  expect(plainPart.headers['content-range']).toBe(`bytes 0-99/${js.length}`);
  expect(plainPart.body.equals(js.subarray(0, 100))).toBe(true);
  const past = await raw(url, `/${JS}`, { range: `bytes=${js.length + 10}-` });
  expect(past.status).toBe(416);
});

it('answers an unknown asset 404 (never the page), and compresses nothing of the API', async () => {
  const { dir } = await builtClient();
  const { url } = await startServer({ clientDir: dir });
  for (const path of ['/assets/index-Gone1234.js', '/assets/nope.css', '/assets/']) {
    const res = await raw(url, path, { 'accept-encoding': 'br, gzip' });
    expect(res.status, path).toBe(404);
    expect(res.headers['content-type'], path).toMatch(/^text\/plain/);
  }
  const api = await raw(url, '/api/template.csv', { 'accept-encoding': 'br, gzip' });
  expect(api.status).toBe(200);
  expect(api.headers['content-encoding']).toBeUndefined();
  const health = await raw(url, '/healthz', { 'accept-encoding': 'br, gzip' });
  expect(health.headers['content-encoding']).toBeUndefined();
  expect(JSON.parse(health.body.toString()).ok).toBe(true);
});

it("the build (test globalSetup's vite build()) writes a .br and a .gz beside every script, stylesheet and the page", () => {
  const dir = 'dist/client';
  const built = [join(dir, 'index.html'), ...readdirSync(join(dir, 'assets')).filter((f) => /\.(?:js|css)$/.test(f)).map((f) => join(dir, 'assets', f))];
  expect(built.length).toBeGreaterThanOrEqual(3);
  for (const file of built) {
    const plain = readFileSync(file);
    expect(brotliDecompressSync(readFileSync(`${file}.br`)).equals(plain), file).toBe(true);
    expect(gunzipSync(readFileSync(`${file}.gz`)).equals(plain), file).toBe(true);
  }
});
