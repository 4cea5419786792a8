import { expect, it } from 'vitest';
import { createWorkshop, joinWorkshop, startServer } from '../helpers';
import { newPage, screenshot } from './browser';

it('two participants type into the same key result at once and both see the merged text', async () => {
  const { url } = await startServer({ clientDir: 'dist/client' });
  const { workshopId } = await createWorkshop(url, { groupCount: 1, title: 'Customer success offsite' });
  const ana = await joinWorkshop(url, workshopId, 'Ana Lima');
  const ben = await joinWorkshop(url, workshopId, 'Ben Okafor');

  const a = await newPage();
  const b = await newPage({ width: 400, height: 900 });
  const sockets: string[] = [];
  a.on('websocket', (ws) => sockets.push(ws.url()));
  await a.goto(ana.seatUrl);
  await b.goto(ben.seatUrl);
  await a.getByTestId('add-objective').click();
  await a.getByTestId('objective-title').fill('Customers love our onboarding');
  await a.getByTestId('add-kr').click();
  const krA = a.getByTestId('kr-text').first();
  await krA.fill('Increase NPS');
  const krB = b.getByTestId('kr-text').first();
  await expect.poll(() => krB.inputValue()).toBe('Increase NPS');
  // The document opened with a single-use ticket: the seat token is in no URL the server receives.
  expect(sockets.some((u) => /\/yjs\/[^?]+\?ticket=/.test(u))).toBe(true);
  expect(sockets.filter((u) => u.includes(ana.seatToken) || u.includes('token='))).toEqual([]);

  // Ana types at the start while Ben types at the end, at the same time.
  await krA.focus();
  await a.keyboard.press('Home');
  await krB.focus();
  await b.keyboard.press('End');
  await Promise.all([a.keyboard.type('Q3: ', { delay: 40 }), b.keyboard.type(' from 30 to 45', { delay: 35 })]);
  const merged = 'Q3: Increase NPS from 30 to 45';
  await expect.poll(() => krA.inputValue()).toBe(merged);
  await expect.poll(() => krB.inputValue()).toBe(merged);

  // Structured fields and presence: Ben fills the baseline; Ana sees it and sees Ben's name tag.
  await b.getByLabel('Key result 1.1 From (X)').fill('30');
  await expect.poll(() => a.getByLabel('Key result 1.1 From (X)').inputValue()).toBe('30');
  // In a small field the tag shows initials (inside the field), the full name on hover.
  const tags = () => a.locator('.editing-tag').evaluateAll((els) => els.map((e) => `${(e as HTMLElement).innerText}|${e.getAttribute('title')}`));
  await expect.poll(tags).toContain('BO|Ben Okafor is editing');
  await a.getByLabel('Key result 1.1 To (Y)').fill('45');
  await a.getByLabel('Key result 1.1 confidence').selectOption('7');
  await a.getByLabel('Objective 1: why it matters now').fill('Half of new customers never finish setup; they churn within 90 days.');
  await a.getByTestId('add-kr').click();
  await a.getByTestId('kr-text').nth(1).fill('Cut median time-to-first-value from 9 to 4 days');
  await expect.poll(() => b.getByTestId('doc-status').textContent()).toBe('All changes saved');
  await a.getByTestId('kr-text').nth(1).focus();
  await screenshot(a, '10-draft-laptop');
  await screenshot(b, '11-draft-phone');
}, 90_000);
