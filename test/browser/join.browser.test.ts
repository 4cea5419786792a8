import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { createWorkshop, startServer } from '../helpers';
import { newPage, screenshot } from './browser';

it('facilitator creates a workshop, two participants join, the console shows them in groups', async () => {
  const { url } = await startServer({ clientDir: 'dist/client' });

  const fac = await newPage();
  await fac.goto(url);
  await fac.getByLabel('Title').fill('Q3 OKR drafting');
  await fac.locator('input[name="groupCount"]').fill('2');
  await screenshot(fac, '01-create');
  await fac.getByRole('button', { name: 'Create workshop' }).click();
  const joinUrl = await fac.getByTestId('join-url').inputValue();
  const facilitatorUrl = await fac.getByTestId('facilitator-url').inputValue();
  expect(facilitatorUrl).toContain('#key=');
  await screenshot(fac, '02-created');
  await fac.getByTestId('open-console').click();
  await fac.getByTestId('console-title').waitFor();
  expect(await fac.getByTestId('console-title').textContent()).toBe('Q3 OKR drafting');

  const names = ['Ana Lima', 'Ben Okafor'];
  const people: Page[] = [];
  for (const name of names) {
    const page = await newPage({ width: 420, height: 820 });
    await page.goto(joinUrl);
    await page.getByTestId('workshop-title').filter({ hasText: 'Q3 OKR drafting' }).waitFor();
    await page.getByLabel('Your name').fill(name);
    await page.getByRole('button', { name: 'Join workshop' }).click();
    await page.getByTestId('group-name').waitFor();
    expect(await page.getByTestId('my-name').textContent()).toBe(name);
    people.push(page);
  }
  // Auto mode: one person per group, each online in the console.
  await fac.getByTestId('tab-people').click();
  const cards = fac.getByTestId('group-card');
  await expect.poll(async () => (await cards.allTextContents()).join('|')).toMatch(/Ana Lima.*\|.*Ben Okafor/);
  await expect.poll(() => fac.getByTestId('headcount').textContent()).toContain('2 participants · 2 online');
  await screenshot(fac, '03-console');
  await screenshot(people[0]!, '04-participant-phone');

  // Reload restores the same person and group.
  const groupBefore = await people[0]!.getByTestId('group-name').textContent();
  await people[0]!.reload();
  await people[0]!.getByTestId('my-name').waitFor();
  expect(await people[0]!.getByTestId('my-name').textContent()).toBe('Ana Lima');
  expect(await people[0]!.getByTestId('group-name').textContent()).toBe(groupBefore);

  // The facilitator moves Ben into Ana's group; Ana sees him in her roster.
  await fac.getByLabel('Move Ben Okafor to').selectOption({ label: groupBefore! });
  await expect.poll(() => people[0]!.getByTestId('roster').textContent()).toContain('Ben Okafor');
  // Phase changes reach participants.
  await fac.getByTestId('phase-breakouts').click();
  await expect.poll(() => people[1]!.getByTestId('phase').textContent()).toBe('Breakouts');
  await screenshot(fac, '05-console-moved');
}, 90_000);

it('self-select: participants see how many sit in each group and cannot pick a full one', async () => {
  const { url } = await startServer({ clientDir: 'dist/client', memberCountsIntervalMs: 200 });
  const { workshopId } = await createWorkshop(url, { groupCount: 2, assignment: 'self-select', maxGroupSize: 1 });
  const pages: Page[] = [];
  for (const name of ['Ana Lima', 'Ben Okafor']) {
    const page = await newPage({ width: 420, height: 820 });
    await page.goto(`${url}/w/${workshopId}`);
    await page.getByLabel('Your name').fill(name);
    await page.getByRole('button', { name: 'Join workshop' }).click();
    await page.getByRole('region', { name: 'Choose a group' }).waitFor();
    pages.push(page);
  }
  const [ana, ben] = pages as [Page, Page];
  const rows = (page: Page) => page.getByRole('region', { name: 'Choose a group' }).getByRole('listitem');
  await expect.poll(async () => (await rows(ben).allTextContents()).join('|')).toMatch(/Group 1\s*0 \/ 1 people.*\|.*Group 2\s*0 \/ 1 people/);
  await rows(ana).first().getByRole('button', { name: 'Join' }).click();
  await expect.poll(() => rows(ana).first().getByRole('button').textContent()).toBe('Your group');
  // Ben sees the count go up and the group closed to him.
  await expect.poll(() => rows(ben).first().textContent()).toContain('1 / 1 people');
  expect(await rows(ben).first().getByRole('button').textContent()).toBe('Full');
  expect(await rows(ben).first().getByRole('button').isDisabled()).toBe(true);
  await screenshot(ben, '06-self-select-picker');
}, 60_000);
