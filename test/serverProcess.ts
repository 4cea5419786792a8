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

/** Starts `server/index.ts` on `port` with its store in `dataDir` (and `env` on top); resolves once it listens. Its stderr is collected in `errors`. */
export function startProcess(port: number, dataDir: string, errors: string[] = [], env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, CLIENT_DIR: join(dataDir, 'no-client'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.on('data', (d: Buffer) => errors.push(String(d)));
  onCleanup(() => {
    child.kill('SIGKILL');
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => String(d).includes('running at') && resolve(child));
    child.once('exit', (code) => reject(new Error(`server exited early (${code})`)));
  });
}
