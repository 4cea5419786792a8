/**
 * PostgreSQL lost mid-workshop, as a participant sees it: the page says "Saving paused" while the
 * store does not take writes, typing goes on, and once PostgreSQL is back the page is "Live" again
 * and what was typed meanwhile is stored.
 */
import { expect, it } from 'vitest';
import { connectClient, createWorkshop, joinWorkshop, request, startServer } from '../helpers';
import { faultProxy } from '../faultProxy';
import { PG_TEST_URL, testSchema } from '../pgHelpers';
import { newPage } from './browser';

it('shows "Saving paused" while PostgreSQL is out of reach, keeps what is typed, and saves it when it is back', async () => {
  const pg = new URL(PG_TEST_URL);
  const proxy = await faultProxy(pg.hostname, Number(pg.port || 5432));
  const via = new URL(PG_TEST_URL);
  via.hostname = '127.0.0.1';
  via.port = String(proxy.port);
  const { url, app } = await startServer({ clientDir: 'dist/client', databaseUrl: via.toString(), databaseSchema: testSchema() });
  const w = await createWorkshop(url, { groupCount: 1, title: 'Outage' });
  const ana = await joinWorkshop(url, w.workshopId, 'Ana Lima');
  const fac = await connectClient(url, { workshopId: w.workshopId, facilitatorKey: w.facilitatorKey });
  await request(fac, 'phase:set', { phase: 'breakouts' });

  const page = await newPage({ width: 1280, height: 900 });
  await page.goto(ana.seatUrl);
  await page.getByTestId('add-objective').click();
  const title = page.getByTestId('objective-title').first();
  await title.fill('Customers love onboarding');
  await expect.poll(() => page.getByTestId('connection').textContent()).toContain('Live');

  proxy.cut();
  await title.press('End');
  await title.type(' even offline');
  // The next group commit fails: every screen says so, in the badge and the editor.
  await expect.poll(() => page.getByTestId('connection').textContent(), { timeout: 10_000 }).toContain('Saving paused');
  await expect.poll(() => page.getByTestId('doc-status').textContent()).toContain('your edits are kept');
  await page.screenshot({ path: 'screenshots/70-saving-paused.png' });

  proxy.restore();
  await expect.poll(() => page.getByTestId('connection').textContent(), { timeout: 15_000 }).toContain('Live');
  await app.store.commitPending();
  const stored = await app.store.loadWorkshop(w.workshopId);
  expect(stored).not.toBeNull();
  await expect.poll(() => title.inputValue()).toBe('Customers love onboarding even offline');
});
