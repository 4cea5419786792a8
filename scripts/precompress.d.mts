import type { Plugin } from 'vite';

/** Writes `<file>.br` and `<file>.gz` beside each compressible file under `dir`; returns the bytes before and after. */
export function precompressDir(dir: string): Promise<{ files: number; plain: number; brotli: number; gzip: number }>;
/** Vite plugin: precompresses the output folder once the build has written it. */
export function precompress(): Plugin;
