/** Focus and caret survive remote edits (issue #21): objectives added above, the same field edited, another key result deleted. */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { addKeyResult, addObjective, textOf } from '../../shared/okrDoc';
import { connectClient, createWorkshop, joinWorkshop, request, startServer } from '../helpers';
import { syncedClient } from '../yjsHelpers';
import { newPage } from './browser';

/** The focused field: the same element as when marked, its value, and the caret. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLTextAreaElement;
    return {
      same: el === (window as unknown as { marked?: Element }).marked,
      testId: el.getAttribute('data-testid'),
      value: el.value,
      start: el.selectionStart,
      end: el.selectionEnd,
    };
  });

it("a participant's focus and caret stay put while another edits, adds above and deletes around them", async () => {
  const { url } = await startServer({ clientDir: 'dist/client' });
  const w = await createWorkshop(url, { groupCount: 1, title: 'Focus' });
  const ana = await joinWorkshop(url, w.workshopId, 'Ana Lima');
  const ben = await joinWorkshop(url, w.workshopId, 'Ben Okafor');
  const fac = await connectClient(url, { workshopId: w.workshopId, facilitatorKey: w.facilitatorKey });
  await request(fac, 'phase:set', { phase: 'breakouts' });
  const seed = await syncedClient(url, w.workshopId, ana.groupId!, ana.seatToken);
  seed.doc.transact(() => {
    const o = addObjective(seed.doc, 'o1');
    textOf(o, 'title').insert(0, 'Customers love onboarding');
    textOf(addKeyResult(o, 'k1'), 'text').insert(0, 'Raise NPS from 30 to 45');
    textOf(addKeyResult(o, 'k2'), 'text').insert(0, 'Hold 4 meetups');
    textOf(addKeyResult(o, 'k3'), 'text').insert(0, 'Ship the new guide');
  });

  const a = await newPage({ width: 1280, height: 1000 });
  const b = await newPage({ width: 1280, height: 1000 });
  await a.goto(ana.seatUrl);
  await b.goto(ben.seatUrl);
  await expect.poll(() => a.getByTestId('kr-text').count()).toBe(3);
  await expect.poll(() => b.getByTestId('kr-text').count()).toBe(3);

  // Ana's caret sits after "Raise" in KR 1.1.
  await a.getByTestId('kr-text').first().focus();
  await a.evaluate(() => {
    const el = document.activeElement as HTMLTextAreaElement;
    el.setSelectionRange(5, 5);
    (window as unknown as { marked?: Element }).marked = el;
  });

  // Ben adds an objective and moves it above Ana's.
  await b.getByTestId('add-objective').click();
  await expect.poll(() => b.getByTestId('objective').count()).toBe(2);
  await b.getByRole('button', { name: 'Actions for objective 2' }).click();
  await b.getByRole('menuitem', { name: 'Move up' }).click();
  await expect.poll(() => a.getByTestId('objective-title').first().inputValue()).toBe('');
  // Ben writes at the start of Ana's key result, in another key result, and deletes a third.
  const benKr = b.getByTestId('objective').nth(1).getByTestId('kr-text');
  await benKr.first().focus();
  await b.keyboard.press('Control+Home');
  await b.keyboard.type('Now: ');
  await benKr.nth(1).focus();
  await b.keyboard.press('Control+End');
  await b.keyboard.type(' in Q3');
  await b.getByRole('button', { name: 'Actions for key result 2.3' }).click();
  await b.getByRole('menuitem', { name: 'Delete…' }).click();
  await b.getByRole('alertdialog').getByRole('button', { name: 'Delete', exact: true }).click();
  await expect.poll(() => a.getByTestId('kr-text').count()).toBe(2);
  await expect.poll(() => a.getByTestId('kr-text').nth(1).inputValue()).toBe('Hold 4 meetups in Q3');
  await expect.poll(async () => (await focused(a)).value).toBe('Now: Raise NPS from 30 to 45');

  // Same element, same field, caret still after "Raise".
  const after = await focused(a);
  expect(after).toEqual({ same: true, testId: 'kr-text', value: 'Now: Raise NPS from 30 to 45', start: 10, end: 10 });

  // Ana keeps typing; both see the right text.
  await a.keyboard.type(' our');
  await expect.poll(() => a.getByTestId('kr-text').first().inputValue()).toBe('Now: Raise our NPS from 30 to 45');
  await expect.poll(() => benKr.first().inputValue()).toBe('Now: Raise our NPS from 30 to 45');
  expect((await focused(a)).same).toBe(true);
}, 90_000);
