/** /readyz: ready once listening, 503 while draining; a draining server refuses new workshops and serves the rest. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createWorkshop, joinWorkshop, onCleanup, post, startServer } from './helpers';
import { freePort, startProcess } from './serverProcess';

it('is ready once listening; draining: /readyz 503, new workshops refused with Retry-After, running ones served', async () => {
  const { url, app } = await startServer();
  const ready = await fetch(`${url}/readyz`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toEqual({ ready: true });
  const w = await createWorkshop(url);
  app.drain();
  const draining = await fetch(`${url}/readyz`);
  expect(draining.status).toBe(503);
  expect(draining.headers.get('retry-after')).toBe('5');
  expect(await draining.json()).toEqual({ ready: false, reason: 'draining' });
  const refused = await post<{ error: { code: string } }>(`${url}/api/workshops`, { title: 'Too late' });
  expect(refused.status).toBe(503);
  expect(refused.body.error.code).toBe('unavailable');
  const imported = await fetch(`${url}/api/workshops/import?format=csv&title=x`, { method: 'POST', body: 'Group\nA' });
  expect(imported.status).toBe(503);
  // The workshop already here goes on until the server closes.
  expect((await joinWorkshop(url, w.workshopId, 'Ana')).name).toBe('Ana');
  expect((await fetch(`${url}/healthz`)).status).toBe(200);
});

it('SIGTERM drains for DRAIN_DELAY_MS (readyz 503), then commits, closes and exits 0', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'draftroom-drain-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  const port = await freePort();
  const child = await startProcess(port, dir, [], { DRAIN_DELAY_MS: '1500' });
  const url = `http://127.0.0.1:${port}`;
  expect((await fetch(`${url}/readyz`)).status).toBe(200);
  const w = await createWorkshop(url, { title: 'Kept' });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await expect.poll(async () => (await fetch(`${url}/readyz`)).status).toBe(503);
  expect(await exited).toBe(0);
  // What it held is on disk: a new process serves the workshop.
  await startProcess(port, dir);
  expect((await fetch(`${url}/api/workshops/${w.workshopId}`)).status).toBe(200);
});
