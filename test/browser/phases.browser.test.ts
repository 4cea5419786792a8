/** One state, one message (issue #22): a workshop walked from the lobby to the end, and offline. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { connectClient, createWorkshop, joinWorkshop, latest, request, startServer, waitFor } from '../helpers';
import { newPage, screenshot } from './browser';

/** The texts of every status-like banner on the page (broadcasts apart): there must be exactly one. */
const banners = (page: Page) => page.locator('.banner:not(.broadcast), .readonly-banner').allTextContents();

/** Which of the console's session controls are on screen. */
async function controls(page: Page): Promise<Record<string, boolean>> {
  const ids = ['timer-set', 'close-breakouts', 'reopen', 'peers-auto', 'broadcast-send', 'wrap-up'];
  const shown = await Promise.all(ids.map(async (id) => (await page.getByTestId(id).count()) > 0));
  return Object.fromEntries(ids.map((id, i) => [id, shown[i]!]));
}

/** What axe finds on the page as it is now (the banners' tones, the wrap-up). */
const axe = async (page: Page) => (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze()).violations.map((v) => v.id);

const none = { 'timer-set': false, 'close-breakouts': false, reopen: false, 'peers-auto': false, 'broadcast-send': false, 'wrap-up': false };

it('lobby (placed) → breakouts → closed → plenary → ended: one banner each, the timer only in breakouts, only sensible controls', async () => {
  const { url } = await startServer({ clientDir: 'dist/client' });
  const w = await createWorkshop(url, { groupCount: 2, title: 'One message' });
  const ana = await joinWorkshop(url, w.workshopId, 'Ana Lima');
  const fac = await connectClient(url, { workshopId: w.workshopId, facilitatorKey: w.facilitatorKey });
  const view = latest(fac, 'facilitator:state');

  const p = await newPage({ width: 1280, height: 900 });
  await p.goto(ana.seatUrl);
  const f = await newPage({ width: 1440, height: 900 });
  await f.goto(w.facilitatorUrl);
  await f.getByTestId('console-title').waitFor();

  // Lobby, placed: you can start drafting (and do).
  await expect.poll(() => banners(p)).toEqual(["You're in your group: you can start drafting now. The facilitator will open the breakouts soon."]);
  await p.getByTestId('add-objective').click();
  await p.getByTestId('objective-title').first().fill('Customers love onboarding');
  expect(await p.getByTestId('timer').count()).toBe(0);
  expect(await banners(f)).toEqual(['Lobby: participants are joining and can start drafting. Open the breakouts when you are ready.']);
  expect(await controls(f)).toEqual({ ...none, 'broadcast-send': true });

  // Breakouts: open, a timer and a broadcast; help can be asked for.
  await f.getByTestId('phase-breakouts').click();
  await expect.poll(() => banners(p)).toEqual(['Breakouts are open: draft your OKRs together.']);
  await request(fac, 'timer:control', { action: 'set', ms: 10 * 60_000 });
  await request(fac, 'timer:control', { action: 'start' });
  await request(fac, 'broadcast:send', { text: '10 minutes left', groupId: null });
  await p.getByTestId('timer').waitFor();
  await p.getByTestId('broadcast').waitFor();
  await p.getByTestId('ask-help').click();
  await waitFor(() => view.value?.session.help.length === 1, 'help queued');
  expect(await banners(f)).toEqual(['Breakouts are open: the groups are drafting.']);
  expect(await controls(f)).toEqual({ ...none, 'timer-set': true, 'close-breakouts': true, 'peers-auto': true, 'broadcast-send': true });
  expect(await axe(p)).toEqual([]);

  // Closed: read-only, said once; the help request is closed; reopen and pairing make sense.
  await f.getByLabel('Close after').selectOption('0');
  await f.getByTestId('close-breakouts').click();
  await expect.poll(() => banners(p)).toEqual(['Breakouts are closed: your draft is read-only until the facilitator reopens them.']);
  await waitFor(() => view.value?.session.help.length === 0, 'help closed');
  expect(await p.getByTestId('ask-help').count()).toBe(0);
  expect(await p.getByTestId('add-objective').count()).toBe(0);
  await expect.poll(() => banners(f)).toEqual(['Breakouts are closed: drafts are read-only. Reopen them or move on to the plenary.']);
  expect(await f.getByTestId('reopen').textContent()).toBe('Reopen breakouts');
  expect(await controls(f)).toEqual({ ...none, 'timer-set': true, reopen: true, 'peers-auto': true, 'broadcast-send': true });
  await screenshot(p, '60-room-closed');

  // Plenary: the timer is gone (stopped and cleared), the breakouts' broadcast too.
  await f.getByTestId('phase-plenary').click();
  await expect.poll(() => banners(p)).toEqual(['Back in the main room: listen in, your draft is kept.']);
  await expect.poll(() => p.getByTestId('timer').count()).toBe(0);
  expect(await p.getByTestId('broadcast').count()).toBe(0);
  expect(await p.getByTestId('ask-help').count()).toBe(0);
  expect(view.value?.session.timer).toBeNull();
  await expect.poll(() => banners(f)).toEqual(['Plenary: drafts are read-only. Share one with everyone to discuss it.']);
  expect(await controls(f)).toEqual({ ...none, 'broadcast-send': true });

  // Ended: thanks and the download for the participant; a wrap-up for the facilitator.
  await f.getByTestId('phase-ended').click();
  await expect.poll(() => banners(p)).toEqual(['Thanks — the workshop has ended. Download your draft to keep it.Download our draft:XLSXCSV']);
  expect(await p.getByTestId('status-banner').getByTestId('export-xlsx').count()).toBe(1);
  expect(await p.getByTestId('timer').count()).toBe(0);
  expect(await p.getByTestId('ask-help').count()).toBe(0);
  await expect.poll(() => banners(f)).toEqual(['The workshop has ended. Here is the wrap-up.']);
  expect(await controls(f)).toEqual({ ...none, 'wrap-up': true });
  expect(await f.getByTestId('wrap-up-groups').textContent()).toBe('2');
  expect(await f.getByTestId('wrap-up-participants').textContent()).toBe('1');
  await expect.poll(() => f.getByTestId('wrap-up-objectives').textContent()).toBe('1');
  expect(await f.getByTestId('wrap-up-key-results').textContent()).toBe('0');
  expect(await f.getByTestId('wrap-up').getByTestId('export-xlsx').count()).toBe(1);
  await screenshot(p, '61-room-ended');
  await screenshot(f, '62-console-wrap-up');
  expect(await axe(p)).toEqual([]);
  expect(await axe(f)).toEqual([]);
}, 90_000);

it('offline: the connection badge and the editor say the same', async () => {
  const { url } = await startServer({ clientDir: 'dist/client' });
  const w = await createWorkshop(url, { groupCount: 1, title: 'Offline' });
  const ana = await joinWorkshop(url, w.workshopId, 'Ana Lima');
  const fac = await connectClient(url, { workshopId: w.workshopId, facilitatorKey: w.facilitatorKey });
  await request(fac, 'phase:set', { phase: 'breakouts' });

  const p = await newPage({ width: 1280, height: 900 });
  await p.goto(ana.seatUrl);
  const badge = () => p.getByTestId('connection').innerText();
  const editor = () => p.getByTestId('doc-status').innerText();
  await expect.poll(editor).toBe('All changes saved');
  expect((await badge()).trim()).toBe('Live');

  await p.context().setOffline(true);
  await expect.poll(async () => (await badge()).trim()).toBe('Offline');
  expect(await editor()).toBe('Offline — keep typing, your edits sync when you are back');

  await p.context().setOffline(false);
  await expect.poll(async () => [(await badge()).trim(), await editor()], { timeout: 15_000 }).toEqual(['Live', 'All changes saved']);
}, 60_000);
