import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { hintText } from '../../shared/coach';
import { translator } from '../../shared/i18n/i18n';
import { createWorkshop, joinWorkshop, startServer } from '../helpers';
import { newPage, screenshot } from './browser';

const lang = (page: Page) => page.evaluate(() => document.documentElement.lang);

it('the join page and the room speak the workshop language; a person’s own choice wins and is remembered', async () => {
  const { url } = await startServer({ clientDir: 'dist/client' });
  const { workshopId } = await createWorkshop(url, { groupCount: 1, title: 'Marketing-OKRs', language: 'de' });

  // A browser in American English: the workshop's German wins, since this person chose nothing.
  const page = await newPage({ width: 1280, height: 860 }, 'en-US');
  await page.goto(`${url}/w/${workshopId}`);
  await page.getByTestId('workshop-title').filter({ hasText: 'Marketing-OKRs' }).waitFor();
  await expect.poll(() => lang(page)).toBe('de');
  await page.getByText('Du bist eingeladen zu').waitFor();
  await page.getByLabel('Dein Name').fill('Ana Lima');
  await screenshot(page, '40-join-de');
  await page.getByRole('button', { name: 'Workshop beitreten' }).click();

  await page.getByTestId('my-name').waitFor();
  expect(await lang(page)).toBe('de');
  expect(await page.getByTestId('my-name').locator('..').textContent()).toBe('Angemeldet als Ana Lima');
  expect(await page.getByTestId('add-objective').textContent()).toBe('+ Objective hinzufügen');
  await page.getByText('Die Moderation öffnet die Breakouts gleich.').waitFor();
  await page.getByText('Auf einem anderen Gerät weitermachen').waitFor();
  await expect.poll(() => page.getByTestId('doc-status').textContent()).toBe('Alle Änderungen gespeichert');
  await screenshot(page, '41-room-de');

  // Their own choice: French, at once, without a reload.
  await page.getByTestId('language-menu').selectOption({ label: 'Français' });
  await expect.poll(() => lang(page)).toBe('fr');
  await expect.poll(() => page.getByTestId('add-objective').textContent()).toBe('+ Ajouter un objectif');
  expect(await page.getByTestId('my-name').locator('..').textContent()).toBe('Connecté(e) en tant que Ana Lima');
  expect(await page.getByTestId('doc-status').textContent()).toBe('Toutes les modifications sont enregistrées');

  // Remembered in this browser: still French after a reload, though the workshop speaks German.
  await page.reload();
  await page.getByTestId('my-name').waitFor();
  expect(await lang(page)).toBe('fr');
  expect(await page.getByTestId('language-menu').inputValue()).toBe('fr');
  await page.getByText('Continuer sur un autre appareil').waitFor();
  await expect.poll(() => page.getByTestId('add-objective').textContent()).toBe('+ Ajouter un objectif');

  // The coach speaks French too: an activity as a key result.
  await page.getByTestId('add-objective').click();
  await page.getByTestId('objective-title').fill('Devenir le partenaire de référence des PME');
  await page.getByTestId('add-kr').click();
  await page.getByTestId('kr-text').first().fill('Lancer une campagne');
  const hints = page.getByTestId('kr').first().getByTestId('hint');
  const hint = hints.first();
  await hint.waitFor();
  // The coach reads French wording: an activity, with no number.
  await expect.poll(() => hints.evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')))).toEqual(['kr-output', 'kr-no-number']);
  const french = hintText(translator('fr'), { rule: 'kr-output', params: { verb: 'Lancer' } });
  const english = hintText(translator('en'), { rule: 'kr-output', params: { verb: 'Lancer' } });
  expect(french.message).not.toBe(english.message);
  await expect.poll(() => hint.textContent()).toContain(french.message);
  expect(await hint.textContent()).toContain(french.suggestion);
  expect(await page.getByTestId('kr').first().getByRole('button', { name: 'On sait' }).count()).toBe(2);
  await screenshot(page, '42-room-fr-coach');
}, 90_000);

it('right-to-left text is kept byte for byte and every free-text field of the draft takes its direction from its text', async () => {
  const { url } = await startServer({ clientDir: 'dist/client' });
  const { workshopId } = await createWorkshop(url, { groupCount: 1, title: 'خطة الربع الثالث' });
  const ana = await joinWorkshop(url, workshopId, 'سارة');
  const page = await newPage();
  await page.goto(ana.seatUrl);

  const objective = 'زيادة رضا العملاء من ٧٠٪ إلى ٨٥٪';
  const keyResult = 'הגדלת שביעות רצון מ-70% ל-85%';
  const baseline = '٧٠٪';
  await page.getByTestId('add-objective').click();
  await page.getByTestId('objective-title').pressSequentially(objective, { delay: 10 });
  await page.getByTestId('add-kr').click();
  await page.getByTestId('kr-text').first().pressSequentially(keyResult, { delay: 10 });
  await page.getByLabel('Key result 1.1 From (X)').pressSequentially(baseline, { delay: 10 });
  await expect.poll(() => page.getByTestId('doc-status').textContent()).toBe('All changes saved');

  await page.reload();
  await expect.poll(() => page.getByTestId('objective-title').inputValue()).toBe(objective);
  await expect.poll(() => page.getByTestId('kr-text').first().inputValue()).toBe(keyResult);
  expect(await page.getByLabel('Key result 1.1 From (X)').inputValue()).toBe(baseline);
  // Byte for byte: the same UTF-8, no mark or normalization added on the way.
  const bytes = (s: string) => [...Buffer.from(s, 'utf8')];
  expect(bytes(await page.getByTestId('objective-title').inputValue())).toEqual(bytes(objective));
  expect(bytes(await page.getByTestId('kr-text').first().inputValue())).toEqual(bytes(keyResult));

  // Every free-text field shows, the extra ones and the comment boxes too.
  await page.getByRole('button', { name: 'More fields' }).click();
  await page.getByTestId('comment-toggle').first().click();
  await page.getByRole('button', { name: /Comments on the whole draft/ }).click();
  const fields = page.locator('.draft input[type="text"], .draft input:not([type]), .draft textarea');
  expect(await fields.count()).toBeGreaterThan(8);
  const dirs = await fields.evaluateAll((els) => els.map((e) => `${e.getAttribute('aria-label')}: ${e.getAttribute('dir')}`));
  expect(dirs.filter((d) => !d.endsWith(': auto'))).toEqual([]);
  // And the browser resolves them: the Arabic objective reads right to left, the English placeholder field left to right.
  const direction = (selector: string) => page.locator(selector).first().evaluate((e) => e.matches(':dir(rtl)'));
  expect(await direction('[data-testid="objective-title"]')).toBe(true);
  expect(await direction('[data-testid="kr-text"]')).toBe(true);
  await screenshot(page, '43-draft-rtl');
}, 90_000);
