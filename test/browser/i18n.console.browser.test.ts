/**
 * The create page and the console in the facilitator's language: a German browser creates a
 * French workshop, the console follows the workshop's language until the facilitator picks their
 * own, and a change of the workshop's language reaches what participants get.
 */
import { expect, it } from 'vitest';
import type { WorkshopInfo } from '../../shared/views';
import { connectClient, joinWorkshop, request, startServer } from '../helpers';
import { newPage, screenshot } from './browser';

async function info(url: string, workshopId: string): Promise<WorkshopInfo> {
  const res = await fetch(`${url}/api/workshops/${workshopId}`);
  expect(res.status).toBe(200);
  return (await res.json()) as WorkshopInfo;
}

it('a German facilitator creates a French workshop, switches it to Spanish, and reads the console in German', async () => {
  const { url } = await startServer({ clientDir: 'dist/client' });

  // The home page speaks the browser's language; the workshop language defaults to it.
  const fac = await newPage({ width: 1440, height: 900 }, 'de-DE');
  await fac.goto(url);
  await fac.getByRole('heading', { name: 'OKR-Workshops mit Breakout-Gruppen' }).waitFor();
  expect(await fac.locator('html').getAttribute('lang')).toBe('de');
  expect(await fac.getByTestId('workshop-language').inputValue()).toBe('de');
  await screenshot(fac, 'i18n-create-de');
  await fac.setViewportSize({ width: 390, height: 844 });
  await screenshot(fac, 'i18n-create-de-phone');
  await fac.setViewportSize({ width: 1440, height: 900 });

  // Created in French: the request carries it, the server keeps it.
  await fac.getByLabel('Titel').fill('OKR Q3 — Paris');
  await fac.locator('input[name="groupCount"]').fill('3');
  await fac.getByTestId('workshop-language').selectOption({ label: 'Français' });
  const sent = fac.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/workshops');
  await fac.getByRole('button', { name: 'Workshop anlegen' }).click();
  expect((await sent).postDataJSON()).toMatchObject({ language: 'fr', title: 'OKR Q3 — Paris', groupCount: 3 });
  await fac.getByTestId('created').waitFor();
  expect(await fac.getByTestId('created-language').textContent()).toBe('Workshop-Sprache: Français');
  const joinUrl = await fac.getByTestId('join-url').inputValue();
  const workshopId = new URL(joinUrl).pathname.split('/')[2]!;
  expect((await info(url, workshopId)).language).toBe('fr');
  await screenshot(fac, 'i18n-created-de');

  // Three people join, one asks for help: counts and times in the console's language.
  const seats = [];
  for (const name of ['Ana Lima', 'Ben Okafor', 'Chloé Martin']) seats.push(await joinWorkshop(url, workshopId, name));
  const helper = await connectClient(url, { workshopId, seatToken: seats[0]!.seatToken });
  expect(await request(helper, 'help:request', { message: 'Objectif ou résultat clé ?' })).toMatchObject({ ok: true });

  // The facilitator never picked a language in the menu, so the console follows the workshop: French.
  await fac.getByTestId('open-console').click();
  await fac.getByTestId('console-title').waitFor();
  await expect.poll(() => fac.locator('html').getAttribute('lang')).toBe('fr');
  await fac.getByText('Console d’animation').waitFor();
  await expect.poll(() => fac.getByTestId('headcount').textContent()).toContain('3 participants · 1 en ligne · 3 groupes');
  await fac.getByTestId('help-queue').getByText('à l’instant').waitFor();
  // The workshop's language is set in the console's workshop menu.
  await fac.getByTestId('workshop-menu').click();
  expect(await fac.getByTestId('console-language').inputValue()).toBe('fr');

  // The facilitator switches the workshop to Spanish: the server has it, so participants get it
  // (the join page makes the workshop's language the default for anyone who did not pick one).
  await fac.getByTestId('console-language').selectOption({ label: 'Español' });
  await expect.poll(async () => (await info(url, workshopId)).language).toBe('es');
  await expect.poll(() => fac.locator('html').getAttribute('lang')).toBe('es');
  await fac.getByText('Consola del facilitador').waitFor();
  await fac.getByTestId('drawer-close').click();
  const participant = await newPage({ width: 390, height: 844 }, 'en-US');
  await participant.goto(joinUrl);
  await participant.getByTestId('workshop-title').filter({ hasText: 'OKR Q3 — Paris' }).waitFor();

  // Their own choice wins over the workshop's: German, while the workshop stays Spanish.
  await fac.getByTestId('language-menu').selectOption('de');
  await fac.getByText('Moderationskonsole').waitFor();
  expect(await fac.locator('html').getAttribute('lang')).toBe('de');
  await expect.poll(() => fac.getByTestId('headcount').textContent()).toContain('3 Teilnehmende · 1 online · 3 Gruppen');
  await fac.getByTestId('workshop-menu').click();
  expect(await fac.getByTestId('console-language').inputValue()).toBe('es');
  await fac.keyboard.press('Escape');
  expect((await info(url, workshopId)).language).toBe('es');
  await fac.getByTestId('help-queue').getByText('gerade eben').waitFor();
  await fac.getByTestId('phase-breakouts').waitFor();
  expect(await fac.getByTestId('phase-breakouts').textContent()).toBe('Gruppenarbeit');
  await screenshot(fac, 'i18n-console-de');
  await fac.getByTestId('tab-people').click();
  await fac.getByTestId('group-grid').waitFor();
  await screenshot(fac, 'i18n-console-people-de');

  // Also at phone width.
  await fac.setViewportSize({ width: 390, height: 844 });
  await fac.getByTestId('tab-radar').click();
  await fac.getByTestId('radar').waitFor();
  await screenshot(fac, 'i18n-console-de-phone');
}, 120_000);
