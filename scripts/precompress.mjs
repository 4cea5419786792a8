/**
 * Precompresses the built client (issue #22 part 5): a `.br` (brotli, quality 11) and a `.gz`
 * (gzip, level 9) beside every text file, written once at build time so the server only picks one
 * by Accept-Encoding and never spends CPU compressing per request.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Files worth compressing (images and fonts are compressed already). */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|webmanifest|txt|xml|map|ico)$/;

/** @param {string} dir @returns {Promise<string[]>} */
async function filesUnder(dir) {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/**
 * Writes `<file>.br` and `<file>.gz` for each compressible file under `dir`; returns the bytes before and after.
 * @param {string} dir
 */
export async function precompressDir(dir) {
  const totals = { files: 0, plain: 0, brotli: 0, gzip: 0 };
  const files = (await filesUnder(dir)).filter((f) => COMPRESSIBLE.test(f));
  await Promise.all(
    files.map(async (file) => {
      const plain = await readFile(file);
      const [br, gz] = await Promise.all([
        brotli(plain, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
            [constants.BROTLI_PARAM_SIZE_HINT]: plain.length,
          },
        }),
        gzipAsync(plain, { level: constants.Z_BEST_COMPRESSION }),
      ]);
      // Always written, even where no smaller (a tiny file): the server then treats every file alike.
      await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gz)]);
      totals.files++;
      totals.plain += plain.length;
      totals.brotli += br.length;
      totals.gzip += gz.length;
    }),
  );
  return totals;
}

/**
 * Vite plugin: precompresses the output folder once the build has written it (`vite build` and vite's `build()` alike).
 * @returns {import('vite').Plugin}
 */
export function precompress() {
  let outDir = '';
  /** @type {import('vite').Logger | undefined} */
  let logger;
  return {
    name: 'draftroom-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
      logger = config.logger;
    },
    async closeBundle() {
      const t = await precompressDir(outDir);
      const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} KB`;
      logger?.info(`precompressed ${t.files} files: ${kb(t.plain)} → brotli ${kb(t.brotli)}, gzip ${kb(t.gzip)}`);
    },
  };
}
