/** The home page: a QR code of the participant link, and the workshops created on this device. */
import AxeBuilder from '@axe-core/playwright';
import { expect, it } from 'vitest';
import { connectClient, request, startServer } from '../helpers';
import { newPage, screenshot } from './browser';

it('shows a QR code of the participant link, remembers the console on this device, and forgets workshops that are gone', async () => {
  const { url } = await startServer({ clientDir: 'dist/client' });
  const page = await newPage({ width: 1280, height: 900 });
  const create = async (title: string) => {
    await page.goto(url);
    await page.getByLabel('Title').fill(title);
    await page.getByRole('button', { name: 'Create workshop' }).click();
    await page.getByTestId('join-url').waitFor();
  };
  await create('Q3 planning');
  const qr = page.getByTestId('qr-code');
  await qr.waitFor();
  expect(await qr.getAttribute('alt')).toBe('QR code of the participant link');
  expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;utf8,%3Csvg/);
  expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await screenshot(page, '50-created-qr');
  const facilitatorUrl = await page.getByTestId('facilitator-url').inputValue();
  await create('Kick-off');

  // Back home: both, newest first, each opening its console.
  await page.goto(url);
  const mine = page.getByTestId('my-workshop');
  await expect.poll(() => mine.allTextContents()).toEqual(['Kick-off', 'Q3 planning']);
  expect(await mine.nth(1).getAttribute('href')).toBe(facilitatorUrl);
  const violations = (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze()).violations;
  expect(violations.map((v) => v.id)).toEqual([]);
  await screenshot(page, '51-home-my-workshops');

  // Forgotten by hand, or because it ended.
  await page.getByRole('button', { name: 'Forget “Kick-off” on this device' }).click();
  await expect.poll(() => mine.allTextContents()).toEqual(['Q3 planning']);
  const id = /\/w\/([^/]+)\/facilitate/.exec(facilitatorUrl)![1]!;
  const key = /#key=(.+)$/.exec(facilitatorUrl)![1]!;
  const fac = await connectClient(url, { workshopId: id, facilitatorKey: key });
  expect(await request(fac, 'workshop:delete', {})).toMatchObject({ ok: true });
  await page.reload();
  await expect.poll(() => page.getByTestId('my-workshops').count()).toBe(0);
}, 90_000);
