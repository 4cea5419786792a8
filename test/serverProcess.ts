/** A real Draftroom server in a child process (as `npm start` runs it, on an on-disk store). */
import type { ChildProcess } from 'node:child_process';
import { spawnServer } from '../bench/cluster/processes';
import { onCleanup } from './helpers';

// The process itself lives with the cluster's (no test runner there: the benchmark uses it too).
export { freePort, spawnServer, type ServerOutput, type SpawnedServer } from '../bench/cluster/processes';

/**
 * Starts a server (see spawnServer), killed after the current test; resolves once it listens. Its
 * stderr is collected in `errors`, its stdout in `stdout` if given.
 */
export function startProcess(port: number, dataDir: string, errors: string[] = [], env: Record<string, string> = {}, stdout?: string[]): Promise<ChildProcess> {
  const { child, ready } = spawnServer(port, dataDir, env, { stderr: errors, stdout });
  onCleanup(() => {
    child.kill('SIGKILL');
  });
  return ready;
}
