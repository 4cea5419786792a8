/** The teaching board (issue #23) on participants' screens, and a group's fix turned into a before → after pair. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { CoachingReport } from '../../shared/coaching';
import { addKeyResult, addObjective, textOf } from '../../shared/okrDoc';
import { connectClient, createWorkshop, joinWorkshop, request, startServer, waitFor, type ClientSocket } from '../helpers';
import { syncedClient } from '../yjsHelpers';
import { newPage, screenshot } from './browser';

const axe = async (page: Page) =>
  (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze()).violations.map(
    (v) => `${v.id}: ${v.nodes[0]?.target.join(' ')} ${v.nodes[0]?.failureSummary ?? ''}`,
  );

/** Until the console's coaching report has `rule` in `groups` groups (a hint counts once it has stood 5 s). */
async function patternReady(fac: ClientSocket, rule: string, groups: number): Promise<void> {
  await waitFor(async () => {
    const r = await request<CoachingReport>(fac, 'coaching:report', {});
    return r.ok && r.data.board.patterns.find((p) => p.rule === rule)?.groups === groups;
  }, `${rule} in ${groups} groups`, 20_000);
}

const DRAFTS: Array<[string, string[]]> = [
  ['Falcons', ['Run 5 workshops for the sales team', 'Raise NPS from 20 to 35']],
  ['Otters', ['Launch a new onboarding campaign', 'Increase website traffic by 20%']],
  ['Herons', ['Cut churn from 9% to 6%', 'Raise activation from 40% to 60%']],
];

it('shows the board on every participant’s screen, large and readable on a laptop and a phone, names hidden until the facilitator shows them, and takes it down', async () => {
  const { url } = await startServer({ clientDir: 'dist/client' });
  const w = await createWorkshop(url, { groupCount: 3, title: 'OKR training, cohort 4' });
  const fac = await connectClient(url, { workshopId: w.workshopId, facilitatorKey: w.facilitatorKey });
  const people = [];
  for (const name of ['Ana Lima', 'Ben Okafor', 'Cy Park']) people.push(await joinWorkshop(url, w.workshopId, name));
  await request(fac, 'phase:set', { phase: 'breakouts' });
  await request(fac, 'radar:list', {});
  for (const [i, [name, krs]] of DRAFTS.entries()) {
    const seat = people[i]!;
    await request(fac, 'group:rename', { groupId: seat.groupId, name });
    const d = await syncedClient(url, w.workshopId, seat.groupId!, seat.seatToken);
    d.doc.transact(() => {
      const o = addObjective(d.doc, 'o1');
      textOf(o, 'title').insert(0, 'Customers love onboarding');
      textOf(o, 'why').insert(0, 'Half of new customers stall in week one');
      krs.forEach((text, j) => textOf(addKeyResult(o, `k${j}`), 'text').insert(0, text));
    });
  }
  await patternReady(fac, 'kr-output', 2);

  const console = await newPage({ width: 1440, height: 900 });
  await console.goto(w.facilitatorUrl);
  await console.getByTestId('tab-board').click();
  await console.getByTestId('board-preview').getByTestId('board-pattern').first().waitFor();
  // Not yet: the board goes on everyone's screen in the plenary.
  expect(await console.getByTestId('board-show').isDisabled()).toBe(true);
  await request(fac, 'phase:set', { phase: 'plenary' });
  await expect.poll(() => console.getByTestId('board-show').isEnabled()).toBe(true);

  const laptop = await newPage({ width: 1440, height: 900 });
  const phone = await newPage({ width: 390, height: 844 });
  const cy = people[2]!;
  for (const page of [laptop, phone]) {
    await page.goto(cy.seatUrl);
    await page.getByTestId('group-name').waitFor();
  }
  await console.getByTestId('board-show').click();
  await console.getByTestId('board-live').waitFor();
  for (const page of [laptop, phone]) {
    const board = page.getByTestId('teaching-board');
    await board.getByTestId('board-pattern').first().waitFor();
    const first = board.getByTestId('board-pattern').first();
    expect(await first.getAttribute('data-rule')).toBe('kr-output');
    expect(await first.getByTestId('board-count').textContent()).toContain('2 of 3 groups');
    expect(await first.getByRole('heading', { level: 3 }).textContent()).toBe('Activities instead of outcomes');
    expect((await first.getByTestId('board-example').allTextContents()).map((e) => e.trim())).toEqual(['Run 5 workshops for the sales team', 'Launch a new onboarding campaign']);
    // No group (or person) named while names are hidden.
    const text = (await board.textContent()) ?? '';
    for (const secret of ['Falcons', 'Otters', 'Herons', 'Ana Lima', 'Ben Okafor']) expect(text).not.toContain(secret);
    await expect.poll(() => page.getByTestId('announcer-polite').textContent()).toContain('The facilitator is showing the teaching board');
    // Large enough to read on a shared call, and nothing wider than the screen.
    const sizes = await page.evaluate(() => ({
      title: parseFloat(getComputedStyle(document.querySelector('.board-pattern-title')!).fontSize),
      example: parseFloat(getComputedStyle(document.querySelector('.board-examples q')!).fontSize),
      overflow: document.documentElement.scrollWidth - window.innerWidth,
    }));
    expect(sizes.example).toBeGreaterThanOrEqual(16);
    expect(sizes.title).toBeGreaterThanOrEqual(20);
    expect(sizes.overflow).toBeLessThanOrEqual(0);
    expect(await axe(page)).toEqual([]);
  }
  await screenshot(laptop, 'board-participant-1440');
  await screenshot(phone, 'board-participant-390');
  expect(await axe(console)).toEqual([]);
  await screenshot(console, 'board-console-1440');

  // Names shown: the examples say whose they are.
  await console.getByTestId('board-names').check();
  await expect.poll(() => laptop.getByTestId('teaching-board').getByTestId('board-example').first().textContent()).toContain('Falcons');
  // Taken down: gone from every screen, and said so.
  await console.getByTestId('board-take-down').click();
  for (const page of [laptop, phone]) {
    await page.getByTestId('teaching-board').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('announcer-polite').textContent()).toContain('The teaching board was taken down');
  }
  await console.setViewportSize({ width: 390, height: 844 });
  expect(await console.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshot(console, 'board-console-390');
}, 120_000);

it('turns a flagged key result a group fixed into a before → after pair, in the console and on everyone’s screen', async () => {
  const { url } = await startServer({ clientDir: 'dist/client' });
  const w = await createWorkshop(url, { groupCount: 2, title: 'Before and after' });
  const fac = await connectClient(url, { workshopId: w.workshopId, facilitatorKey: w.facilitatorKey });
  const ana = await joinWorkshop(url, w.workshopId, 'Ana Lima');
  await request(fac, 'phase:set', { phase: 'breakouts' });
  const console = await newPage({ width: 1440, height: 900 });
  await console.goto(w.facilitatorUrl);
  await console.getByTestId('tab-board').click();
  await console.getByTestId('board-preview').waitFor();

  const page = await newPage({ width: 1280, height: 900 });
  await page.goto(ana.seatUrl);
  await page.getByTestId('add-objective').click();
  await page.getByTestId('objective-title').fill('Customers love our workshops');
  await page.getByTestId('add-kr').click();
  const kr = page.getByTestId('kr-text').first();
  await kr.pressSequentially('Run 5 workshops', { delay: 20 });
  await page.locator('[data-testid="kr"] [data-testid="hint"][data-rule="kr-output"]').waitFor();
  // The console's board has it once it has stood (a hint that goes at once was only typing).
  const output = console.getByTestId('board-preview').locator('[data-testid="board-pattern"][data-rule="kr-output"]');
  await output.waitFor({ timeout: 20_000 });
  expect(await output.getByTestId('board-example').first().textContent()).toContain('Run 5 workshops');

  await kr.fill('Raise NPS from 20 to 35');
  await page.locator('[data-testid="kr"] [data-testid="hint"][data-rule="kr-output"]').waitFor({ state: 'detached' });
  const pair = output.getByTestId('board-pair');
  await pair.waitFor({ timeout: 15_000 });
  expect(await pair.getByTestId('pair-before').textContent()).toBe('Run 5 workshops');
  expect(await pair.getByTestId('pair-after').textContent()).toBe('Raise NPS from 20 to 35');
  expect(await output.getByTestId('board-count').textContent()).toContain('fixed in 1 group');
  await expect.poll(() => console.getByTestId('stat-fixed').locator('dd').textContent()).toBe('1');
  await screenshot(console, 'board-console-pair-1440');
  // The radar's card for the group: its sparkline, said in words too.
  await console.getByTestId('tab-radar').click();
  const tile = console.locator(`[data-testid="radar-tile"][data-group-id="${ana.groupId}"]`);
  await expect.poll(() => tile.getByTestId('tile-coaching').textContent()).toContain('1 fixed');
  expect(await tile.getByRole('img').getAttribute('aria-label')).toMatch(/^Open coach hints over the workshop: 0 at the start, \d at most, 2 now$/);
  await screenshot(console, 'board-radar-cards-1440');
  await console.getByTestId('tab-board').click();

  // In the plenary, on the group's own screen.
  await request(fac, 'phase:set', { phase: 'plenary' });
  await console.getByTestId('board-show').click();
  const shown = page.getByTestId('teaching-board').locator('[data-testid="board-pattern"][data-rule="kr-output"]').getByTestId('board-pair');
  await shown.waitFor();
  expect(await shown.getByTestId('pair-before').textContent()).toBe('Run 5 workshops');
  expect(await shown.getByTestId('pair-after').textContent()).toBe('Raise NPS from 20 to 35');
  await screenshot(page, 'board-participant-pair-1280');
}, 120_000);
