/** A real Draftroom server in a child process (as `npm start` runs it, on an on-disk store). */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { onCleanup } from './helpers';

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Where a child server's output is collected, chunk by chunk as it arrives. */
export interface ServerOutput {
  stdout?: string[];
  stderr?: string[];
}

export interface SpawnedServer {
  child: ChildProcess;
  /** Resolves once the server listens (its "running at" line); rejects if it exits first. */
  ready: Promise<ChildProcess>;
}

/**
 * Starts `server/index.ts` on `port` with its store in `dataDir` (and `env` on top). Nothing ends it
 * for the caller: see startProcess, or the cluster harness, which keeps its nodes beyond one test.
 */
export function spawnServer(port: number, dataDir: string, env: Record<string, string> = {}, output: ServerOutput = {}): SpawnedServer {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, CLIENT_DIR: join(dataDir, 'no-client'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.on('data', (d: Buffer) => output.stderr?.push(String(d)));
  child.stdout!.on('data', (d: Buffer) => output.stdout?.push(String(d)));
  const ready = new Promise<ChildProcess>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => String(d).includes('running at') && resolve(child));
    child.once('exit', (code, signal) => reject(new Error(`server exited early (${code ?? signal})`)));
  });
  return { child, ready };
}

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
