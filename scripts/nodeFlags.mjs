// The Node flags the server runs with (`npm start`, and Draftroom in the benchmark): those in
// package.json → config.nodeFlags, plus --single-threaded-gc on a machine with two cores or fewer,
// where GC helper threads would compete with the server itself for the cores (docs/performance.md:
// p95 and p99 lower in five of five alternating pairs on this project's 2-core machine). V8 flags
// can only be given when the process starts, hence a child process in scripts/start.mjs.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

export const SINGLE_THREADED_GC_MAX_CORES = 2;

export function serverNodeFlags(cores = availableParallelism()) {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const flags = String(pkg.config?.nodeFlags ?? '').split(' ').filter(Boolean);
  return cores <= SINGLE_THREADED_GC_MAX_CORES ? [...flags, '--single-threaded-gc'] : flags;
}
