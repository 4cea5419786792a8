/** Screen-reader announcements (issue #21): what the page's live regions say, collapsed, never flooding. */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { LIMITS } from '../../shared/limits';
import { connectClient, createWorkshop, joinWorkshop, request, startServer } from '../helpers';
import { newPage } from './browser';

/** Records every line added to the announcer's live regions, from the first render on. */
async function listen(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const said: Array<{ politeness: string; text: string }> = [];
    (window as unknown as { said: typeof said }).said = said;
    new MutationObserver((records) => {
      for (const r of records) {
        const region = (r.target as Element).closest?.('[data-testid^="announcer-"]');
        if (!region) continue;
        for (const n of r.addedNodes) said.push({ politeness: region.getAttribute('aria-live') ?? '', text: n.textContent ?? '' });
      }
    }).observe(document, { childList: true, subtree: true });
  });
}

const said = (page: Page, politeness?: string) =>
  page.evaluate((p) => (window as unknown as { said: Array<{ politeness: string; text: string }> }).said.filter((s) => !p || s.politeness === p).map((s) => s.text), politeness);

it('announces broadcasts, comments, timer warnings and phase changes; a burst of comments is one announcement; own echoes are quiet', async () => {
  const { url } = await startServer({ clientDir: 'dist/client' });
  const w = await createWorkshop(url, { groupCount: 1, title: 'Announcements' });
  const ana = await joinWorkshop(url, w.workshopId, 'Ana Lima');
  const groupId = ana.groupId!;
  const fac = await connectClient(url, { workshopId: w.workshopId, facilitatorKey: w.facilitatorKey });
  const anaSocket = await connectClient(url, { workshopId: w.workshopId, seatToken: ana.seatToken });

  const page = await newPage({ width: 1280, height: 900 });
  await listen(page);
  await page.goto(ana.seatUrl);
  await page.getByTestId('group-name').waitFor();
  await expect.poll(() => page.getByTestId('doc-status').textContent()).toBe('All changes saved');
  const console = await newPage({ width: 1440, height: 900 });
  await listen(console);
  await console.goto(w.facilitatorUrl);
  await console.getByTestId('console-title').waitFor();

  // Phase change.
  await request(fac, 'phase:set', { phase: 'breakouts' });
  await expect.poll(() => said(page, 'polite')).toContain('Breakouts are open: draft your OKRs together.');

  // New coach hints, once typing pauses: one announcement for the burst, not one per keystroke.
  await page.getByTestId('add-objective').click();
  await page.getByTestId('objective-title').first().focus();
  await page.keyboard.type('Grow', { delay: 30 });
  await expect.poll(async () => (await said(page, 'polite')).filter((s) => /coach hint/.test(s)).length).toBeGreaterThan(0);
  expect((await said(page, 'polite')).filter((s) => /coach hint/.test(s))).toHaveLength(1);

  // A broadcast is urgent.
  await request(fac, 'broadcast:send', { text: 'Five more minutes, then we share back', groupId: null });
  await expect.poll(() => said(page, 'assertive')).toContain('Message from the facilitator: Five more minutes, then we share back');

  // Your own comment (from another tab of yours) is not news; the facilitator's is.
  await request(anaSocket, 'comment:add', { groupId, itemId: null, text: 'My own note' });
  await request(fac, 'comment:add', { groupId, itemId: null, text: 'What is the outcome?' });
  await expect.poll(() => said(page, 'polite')).toContain('New comment from Facilitator: What is the outcome?');
  expect((await said(page)).some((s) => s.includes('My own note'))).toBe(false);

  // The console hears a participant's reply and a help request (urgent); not its own comments.
  const comments = await request<Array<{ id: string; text: string }>>(fac, 'comments:list', { groupId });
  const parent = comments.ok ? comments.data.find((c) => c.text === 'What is the outcome?')!.id : '';
  await request(anaSocket, 'comment:add', { groupId, itemId: null, text: 'Activation, we think', parentId: parent });
  await expect.poll(() => said(console, 'polite')).toContain('Group 1: Ana Lima replied: Activation, we think');
  await request(anaSocket, 'help:request', { message: 'We are stuck' });
  await expect.poll(() => said(console, 'assertive')).toContain('Group 1 asks for help (Ana Lima): We are stuck');
  expect((await said(console)).some((s) => s.includes('What is the outcome?'))).toBe(false);

  // 15 comments at once: one collapsed announcement, not 15.
  const before = (await said(page)).length;
  await Promise.all(Array.from({ length: 15 }, (_, i) => request(fac, 'comment:add', { groupId, itemId: null, text: `Burst ${i + 1}` })));
  await expect.poll(() => said(page, 'polite')).toContain('15 new comments');
  const burst = (await said(page)).slice(before);
  expect(burst.filter((s) => /Burst|new comment/.test(s))).toEqual(['15 new comments']);

  // Timer: started, the 1-minute warning (a 61-second timer crosses it at once), time's up; no ticks.
  await request(fac, 'timer:control', { action: 'set', ms: 61_000 });
  await request(fac, 'timer:control', { action: 'start' });
  await expect.poll(() => said(page, 'polite')).toContain('Timer started: 1 minute left');
  await expect.poll(() => said(page, 'polite')).toContain('1 minute left on the timer');
  await expect.poll(() => said(console, 'polite')).toContain('1 minute left on the timer');
  await request(fac, 'timer:control', { action: 'set', ms: LIMITS.timerMinMs });
  await request(fac, 'timer:control', { action: 'start' });
  await expect.poll(() => said(page, 'assertive')).toContain("Time's up");
  await expect.poll(() => said(console, 'assertive')).toContain("Time's up");
  const timerLines = (await said(page)).filter((s) => /timer|Time's up|left/i.test(s));
  // (Set while running, the second timer may arrive as a new end time without a pause between: no "started" then.)
  expect(timerLines.filter((s) => s !== 'Timer started: 1 second left')).toEqual(['Timer started: 1 minute left', '1 minute left on the timer', "Time's up"]);

  // Closing the breakouts, then plenary.
  await request(fac, 'breakouts:close', { delaySeconds: 0 });
  // The announcer says what the banner says: the participant's and the console's own sentence.
  await expect.poll(() => said(page, 'assertive')).toContain('Breakouts are closed: your draft is read-only until the facilitator reopens them.');
  await expect.poll(() => said(console, 'assertive')).toContain('Breakouts are closed: drafts are read-only. Reopen them or move on to the plenary.');
  await request(fac, 'phase:set', { phase: 'plenary' });
  await expect.poll(() => said(page, 'polite')).toContain('Back in the main room: listen in, your draft is kept.');

  // Nothing was said twice in a row, and the regions stay short (lines leave after a while).
  const all = await said(page);
  expect(all.filter((s, i) => s === all[i - 1])).toEqual([]);
}, 120_000);

it('speaks the reader’s language', async () => {
  const { url } = await startServer({ clientDir: 'dist/client' });
  const w = await createWorkshop(url, { groupCount: 1, title: 'Sprachen' });
  const ana = await joinWorkshop(url, w.workshopId, 'Ana Lima');
  const fac = await connectClient(url, { workshopId: w.workshopId, facilitatorKey: w.facilitatorKey });
  const page = await newPage({ width: 1280, height: 900 });
  await listen(page);
  await page.goto(ana.seatUrl);
  await page.getByTestId('group-name').waitFor();
  // An English workshop; this reader picks German for themselves.
  await page.getByTestId('language-menu').selectOption('de');
  // The German catalogue is fetched on first use: the page switches once it is here.
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('de');
  await request(fac, 'phase:set', { phase: 'breakouts' });
  await expect.poll(() => said(page, 'polite')).toContain('Die Breakouts sind offen: Entwerft eure OKRs gemeinsam.');
}, 60_000);
