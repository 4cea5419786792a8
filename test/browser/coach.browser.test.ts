import { expect, it } from 'vitest';
import { createWorkshop, joinWorkshop, startServer } from '../helpers';
import { newPage, screenshot } from './browser';

it('the coach hints beside a key result as people type, and the group can dismiss a hint', async () => {
  const { url } = await startServer({ clientDir: 'dist/client' });
  const { workshopId } = await createWorkshop(url, { groupCount: 1, title: 'Marketing OKRs', rules: { cycle: 'Q3 2027' } });
  const ana = await joinWorkshop(url, workshopId, 'Ana Lima');
  const ben = await joinWorkshop(url, workshopId, 'Ben Okafor');
  const a = await newPage();
  const b = await newPage();
  await a.goto(ana.seatUrl);
  await b.goto(ben.seatUrl);
  await a.getByTestId('add-objective').click();
  await a.getByTestId('objective-title').fill('Become the go-to partner for SMBs');
  await a.getByTestId('add-kr').click();
  await a.getByTestId('kr-text').first().fill('Launch a new marketing campaign');
  await a.getByTestId('add-kr').click();
  await a.getByTestId('kr-text').nth(1).pressSequentially('Increase website traffic by 20%', { delay: 10 });
  const krHints = (page: typeof a, n: number) => page.getByTestId('kr').nth(n).getByTestId('hint');
  await expect.poll(() => krHints(a, 0).first().getAttribute('data-rule')).toBe('kr-output');
  await expect.poll(() => krHints(a, 1).first().textContent()).toContain('what is X today?');
  await expect.poll(() => krHints(b, 1).count()).toBe(1);
  expect(await a.getByTestId('rules-summary').textContent()).toContain('Q3 2027');
  await screenshot(a, '30-coach-hints');
  // "We know": dismissed for the whole group.
  await a.getByTestId('kr').nth(1).getByRole('button', { name: 'We know' }).click();
  await expect.poll(() => krHints(b, 1).count()).toBe(0);
  // Fixing the wording clears the hint.
  await a.getByTestId('kr-text').first().fill('Increase website traffic from 40k to 48k visits/month');
  await expect.poll(() => krHints(b, 0).count()).toBe(0);
}, 90_000);
