/** `npm start`'s wrapper restarts the server if it ever dies, and stops when asked. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createWorkshop, onCleanup, waitFor } from './helpers';
import { freePort } from './serverProcess';

it('restarts a server that died, with a log line saying why, and stops on SIGTERM', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'draftroom-supervisor-'));
  onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const wrapper = spawn(process.execPath, ['scripts/start.mjs'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, CLIENT_DIR: join(dataDir, 'no-client') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  wrapper.stdout!.on('data', (d: Buffer) => (out += String(d)));
  wrapper.stderr!.on('data', (d: Buffer) => (out += String(d)));
  onCleanup(() => {
    wrapper.kill('SIGKILL');
  });
  const pids = () => [...out.matchAll(/server started \(pid (\d+)\)/g)].map((m) => Number(m[1]));
  await waitFor(() => out.includes('running at'), 'first start', 20_000);
  const created = await createWorkshop(url, { groupCount: 1 });

  process.kill(pids()[0]!, 'SIGKILL');
  await waitFor(() => /the server was killed by SIGKILL; restarting/.test(out), 'restart logged', 10_000);
  await waitFor(() => out.split('running at').length === 3, 'second start', 20_000);
  expect(pids()).toHaveLength(2);
  // The new server has the workshop (from the store).
  expect((await fetch(`${url}/api/workshops/${created.workshopId}`)).status).toBe(200);

  wrapper.kill('SIGTERM');
  const code = await new Promise((r) => wrapper.once('exit', r));
  expect(code).toBe(0);
  expect(pids()).toHaveLength(2);
  expect(() => process.kill(pids()[1]!, 0)).toThrow();
}, 60_000);
