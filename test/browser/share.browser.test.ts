/** Presentation-grade share-back (issue #22 part 3): spotlight and peer review as a clean, large, read-only view. */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { Comment } from '../../shared/comments';
import { addKeyResult, addObjective, setKeyResultField, textOf } from '../../shared/okrDoc';
import { connectClient, createWorkshop, joinWorkshop, request, startServer } from '../helpers';
import { syncedClient } from '../yjsHelpers';
import { newPage, screenshot } from './browser';

const axe = async (page: Page) =>
  (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze()).violations.map(
    (v) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`,
  );

const box = async (l: Locator) => {
  const b = await l.boundingBox();
  if (!b) throw new Error('not visible');
  return b;
};

/** Nothing of the editor inside a presentation: no fields, no hints, no presence, no edit buttons. */
async function editorLeftovers(stage: Locator): Promise<number> {
  return stage.locator('input, textarea, select, [contenteditable], [data-testid="hints"], .hint, .presence-bar, .editing-tag, [data-testid="add-objective"]').count();
}

async function setup() {
  const { url } = await startServer({ clientDir: 'dist/client' });
  const w = await createWorkshop(url, { groupCount: 3, title: 'Share back' });
  const ana = await joinWorkshop(url, w.workshopId, 'Ana Lima');
  const ben = await joinWorkshop(url, w.workshopId, 'Ben Okafor');
  const empty = (await joinWorkshop(url, w.workshopId, 'Cy Park')).groupId!;
  expect(new Set([ana.groupId, ben.groupId, empty]).size).toBe(3);
  // Ben's group: one full key result, one with only its sentence, one left empty, one in %, and an empty objective.
  const doc = await syncedClient(url, w.workshopId, ben.groupId!, ben.seatToken);
  doc.doc.transact(() => {
    const o = addObjective(doc.doc, 'o1');
    textOf(o, 'title').insert(0, 'Customers love our onboarding');
    textOf(o, 'why').insert(0, 'Half of new customers stall in week one');
    const k1 = addKeyResult(o, 'k1');
    textOf(k1, 'text').insert(0, 'Raise onboarding NPS from 30 to 45');
    textOf(k1, 'baseline').insert(0, '30');
    textOf(k1, 'target').insert(0, '45');
    textOf(k1, 'unit').insert(0, 'points');
    textOf(k1, 'champion').insert(0, 'Ben Okafor');
    setKeyResultField(k1, 'confidence', 7);
    textOf(addKeyResult(o, 'k2'), 'text').insert(0, 'Launch the new onboarding campaign');
    addKeyResult(o, 'k3');
    const k4 = addKeyResult(o, 'k4');
    textOf(k4, 'text').insert(0, 'Grow self-serve activation');
    textOf(k4, 'baseline').insert(0, '40');
    textOf(k4, 'target').insert(0, '60');
    textOf(k4, 'unit').insert(0, '%');
    addObjective(doc.doc, 'o2');
  });
  const fac = await connectClient(url, { workshopId: w.workshopId, facilitatorKey: w.facilitatorKey });
  await request(fac, 'phase:set', { phase: 'breakouts' });
  return { url, w, ana, ben, empty, fac };
}

it('peer review: the partner draft presented beside our own (stacked on a phone); one strength and one question become peer comments', async () => {
  const { url, w, ana, ben, fac } = await setup();
  await request(fac, 'peers:set', { pairs: [[ana.groupId, ben.groupId]] });
  const benSocket = await connectClient(url, { workshopId: w.workshopId, seatToken: ben.seatToken });

  const p = await newPage({ width: 1440, height: 900 });
  await p.goto(ana.seatUrl);
  const partner = p.getByTestId('peer-draft');
  await partner.getByTestId('present-kr').first().waitFor();
  const own = p.getByTestId('review-own');
  await own.getByTestId('add-objective').waitFor();
  expect(await editorLeftovers(partner)).toBe(0);
  expect(await partner.getByTestId('present-kr').count()).toBe(3);
  const [o, d] = [await box(own), await box(partner)];
  expect(Math.abs(o.y - d.y)).toBeLessThan(2);
  expect(Math.abs(o.x - d.x)).toBeGreaterThan(300);
  expect(await axe(p)).toEqual([]);
  await screenshot(p, 'share-peer-review-1440');

  // Nothing written: told so, nothing sent.
  await p.getByTestId('peer-send').click();
  await p.getByRole('alert').filter({ hasText: 'Write a strength or a question first.' }).waitFor();

  // Keyboard only: type, Tab on, send.
  await p.getByLabel('One strength').focus();
  await p.keyboard.type('Clear baseline and target');
  await p.keyboard.press('Tab');
  await p.keyboard.type('Who owns the campaign?');
  await p.keyboard.press('Tab');
  await expect.poll(() => p.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('peer-send');
  await p.keyboard.press('Enter');
  await p.getByTestId('peer-sent').filter({ hasText: '2 peer comments' }).waitFor();
  expect(await p.getByLabel('One strength').inputValue()).toBe('');
  expect(await p.getByLabel('One question').inputValue()).toBe('');

  // The partner group sees them: over its own socket, and on its page (comments on the whole draft).
  const list = await request<Comment[]>(benSocket, 'comments:list', { groupId: ben.groupId });
  expect(list.ok && list.data.map((c) => [c.kind, c.itemId, c.text, c.authorName])).toEqual([
    ['peer', null, 'One strength: Clear baseline and target', 'Ana Lima'],
    ['peer', null, 'One question: Who owns the campaign?', 'Ana Lima'],
  ]);
  const b = await newPage({ width: 1440, height: 900 });
  await b.goto(ben.seatUrl);
  await b.getByTestId('review-own').getByText(/Comments on the whole draft|whole draft/).first().click();
  await b.getByText('One question: Who owns the campaign?').waitFor();

  const phone = await newPage({ width: 390, height: 844 });
  await phone.goto(ana.seatUrl);
  await phone.getByTestId('peer-draft').getByTestId('present-kr').first().waitFor();
  await phone.getByTestId('review-own').getByTestId('add-objective').waitFor();
  const [po, pd] = [await box(phone.getByTestId('review-own')), await box(phone.getByTestId('peer-draft'))];
  expect(Math.abs(po.x - pd.x)).toBeLessThan(2);
  expect(pd.y).toBeGreaterThanOrEqual(po.y + po.height - 1);
  expect(pd.x + pd.width).toBeLessThanOrEqual(390);
  expect(await axe(phone)).toEqual([]);
  await screenshot(phone, 'share-peer-review-390');
}, 120_000);

it('spotlight: only what the group wrote, large; full screen by keyboard, with a fallback; an empty draft says so', async () => {
  const { ana, ben, empty, fac } = await setup();
  await request(fac, 'phase:set', { phase: 'plenary' });
  await request(fac, 'spotlight:set', { groupId: ben.groupId });

  const p = await newPage({ width: 1440, height: 900 });
  await p.goto(ana.seatUrl);
  const spot = p.getByTestId('spotlight');
  await spot.getByTestId('present-kr').first().waitFor();
  expect(await editorLeftovers(spot)).toBe(0);
  expect(await spot.getByTestId('present-objective').allTextContents()).toEqual(['Customers love our onboarding']);
  await spot.getByText('Half of new customers stall in week one').waitFor();
  const krs = spot.getByTestId('present-kr');
  expect(await krs.count()).toBe(3);
  expect(await krs.nth(2).getByTestId('present-move').textContent()).toMatch(/^40%\s*→\s*to\s*60%$/);
  const first = (await krs.first().textContent()) ?? '';
  for (const s of ['Raise onboarding NPS from 30 to 45', '30 points', '45 points', 'Confidence 7/10', 'Champion: Ben Okafor']) expect(first).toContain(s);
  expect(await krs.first().getByTestId('present-move').textContent()).toMatch(/30 points\s*→\s*to\s*45 points/);
  // The second key result has only its sentence: no "today", "target", confidence or champion.
  const second = (await krs.nth(1).textContent()) ?? '';
  expect(second).not.toMatch(/Confidence|Champion|→|Target|From/);
  const size = await krs.first().locator('.present-kr-text').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(size).toBeGreaterThanOrEqual(20);
  expect(await axe(p)).toEqual([]);
  await screenshot(p, 'share-spotlight-1440');

  // Full screen from the keyboard, and back.
  const button = spot.getByTestId('present-fullscreen');
  expect(await button.textContent()).toContain('Full screen');
  await button.focus();
  await p.keyboard.press('Enter');
  await expect.poll(() => spot.getAttribute('data-fullscreen')).toMatch(/native|overlay/);
  await expect.poll(() => button.textContent()).toContain('Exit full screen');
  await screenshot(p, 'share-spotlight-fullscreen');
  await button.focus();
  await p.keyboard.press('Enter');
  await expect.poll(() => spot.getAttribute('data-fullscreen')).toBe(null);

  // Without the Fullscreen API: an overlay over the page, left with Escape.
  await p.evaluate(() => Object.defineProperty(Document.prototype, 'fullscreenEnabled', { get: () => false, configurable: true }));
  await button.focus();
  await p.keyboard.press('Enter');
  await expect.poll(() => spot.getAttribute('data-fullscreen')).toBe('overlay');
  const overlay = await box(spot);
  expect([overlay.x, overlay.y, overlay.width, overlay.height]).toEqual([0, 0, 1440, 900]);
  expect(await axe(p)).toEqual([]);
  await p.keyboard.press('Tab');
  expect(await p.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('present-fullscreen');
  await screenshot(p, 'share-spotlight-overlay');
  await p.keyboard.press('Escape');
  await expect.poll(() => spot.getAttribute('data-fullscreen')).toBe(null);

  const phone = await newPage({ width: 390, height: 844 });
  await phone.goto(ana.seatUrl);
  await phone.getByTestId('spotlight').getByTestId('present-kr').first().waitFor();
  const pb = await box(phone.getByTestId('spotlight'));
  expect(pb.x + pb.width).toBeLessThanOrEqual(390);
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await axe(phone)).toEqual([]);
  await screenshot(phone, 'share-spotlight-390');

  // A group with nothing written yet.
  await request(fac, 'spotlight:set', { groupId: empty });
  await spot.getByText('Nothing drafted yet.').waitFor();
  expect(await spot.getByTestId('present-kr').count()).toBe(0);
}, 120_000);

it('in French: peer review and spotlight pass axe on a phone, and the feedback is labelled in the workshop language', async () => {
  const { url } = await startServer({ clientDir: 'dist/client' });
  const w = await createWorkshop(url, { groupCount: 2, title: 'Partage', language: 'fr' });
  const ana = await joinWorkshop(url, w.workshopId, 'Ana Lima');
  const ben = await joinWorkshop(url, w.workshopId, 'Ben Okafor');
  const doc = await syncedClient(url, w.workshopId, ben.groupId!, ben.seatToken);
  doc.doc.transact(() => {
    const o = addObjective(doc.doc, 'o1');
    textOf(o, 'title').insert(0, 'Nos clients adorent l’accueil');
    const k = addKeyResult(o, 'k1');
    textOf(k, 'text').insert(0, 'Faire passer le NPS de 30 à 45');
    textOf(k, 'target').insert(0, '45');
    textOf(k, 'unit').insert(0, '%');
    textOf(k, 'champion').insert(0, 'Ben');
  });
  const fac = await connectClient(url, { workshopId: w.workshopId, facilitatorKey: w.facilitatorKey });
  await request(fac, 'phase:set', { phase: 'breakouts' });
  await request(fac, 'peers:set', { pairs: [[ana.groupId, ben.groupId]] });

  const p = await newPage({ width: 390, height: 844 }, 'fr-FR');
  await p.goto(ana.seatUrl);
  const partner = p.getByTestId('peer-draft');
  await partner.getByTestId('present-kr').first().waitFor();
  const kr = (await partner.getByTestId('present-kr').first().textContent()) ?? '';
  expect(kr).toContain('Cible 45 %');
  expect(kr).toContain('Responsable : Ben');
  expect(await axe(p)).toEqual([]);
  await p.getByLabel('Un point fort').fill('Une cible claire');
  await p.getByRole('button', { name: 'Envoyer le retour' }).click();
  await p.getByTestId('peer-sent').filter({ hasText: '1 commentaire de pairs' }).waitFor();
  const benSocket = await connectClient(url, { workshopId: w.workshopId, seatToken: ben.seatToken });
  const list = await request<Comment[]>(benSocket, 'comments:list', { groupId: ben.groupId });
  expect(list.ok && list.data.map((c) => c.text)).toEqual(['Un point fort : Une cible claire']);

  await request(fac, 'peers:set', { pairs: [] });
  await request(fac, 'phase:set', { phase: 'plenary' });
  await request(fac, 'spotlight:set', { groupId: ben.groupId });
  await p.getByTestId('spotlight').getByTestId('present-kr').first().waitFor();
  expect(await p.getByTestId('present-fullscreen').textContent()).toContain('Plein écran');
  expect(await axe(p)).toEqual([]);
}, 120_000);
