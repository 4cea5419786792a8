import { expect, it } from 'vitest';
import { addKeyResult, addObjective, textOf } from '../../shared/okrDoc';
import { connectClient, createWorkshop, joinWorkshop, request, startServer } from '../helpers';
import { syncedClient } from '../yjsHelpers';
import { newPage, screenshot } from './browser';

const DRAFTS: Array<[string, string[]]> = [
  ['Customers love our onboarding', ['Raise NPS from 30 to 45', 'Cut time-to-first-value from 9 to 4 days']],
  ['Become the go-to partner for SMBs', ['Increase SMB revenue by 20%']],
  ['Ship faster without breaking things', ['Deliver the new CI pipeline']],
  ['Grow our community', ['Grow monthly active members from 1,200 to 2,000', 'Hold 4 meetups']],
];

it('facilitator watches 20 groups on the radar, drills in, comments live, and spotlights a group', async () => {
  const { url } = await startServer({ clientDir: 'dist/client', radarIntervalMs: 200 });
  const w = await createWorkshop(url, { groupCount: 20, title: 'Q3 OKR workshop — 100 people' });
  const seats = [];
  for (let i = 0; i < 40; i++) seats.push(await joinWorkshop(url, w.workshopId, `Person ${i + 1}`));
  // Some groups draft (via real y-websocket clients), one asks for help.
  for (const [i, [title, krs]] of DRAFTS.entries()) {
    const seat = seats[i]!;
    const c = await syncedClient(url, w.workshopId, seat.groupId!, seat.seatToken);
    const o = addObjective(c.doc, `o${i}`);
    textOf(o, 'title').insert(0, title);
    krs.forEach((k, j) => textOf(addKeyResult(o, `k${i}-${j}`), 'text').insert(0, k));
  }
  const helper = await connectClient(url, { workshopId: w.workshopId, seatToken: seats[5]!.seatToken });
  expect(await request(helper, 'help:request', { message: 'We disagree on the objective' })).toMatchObject({ ok: true });

  const fac = await newPage({ width: 1440, height: 1000 });
  const sockets: string[] = [];
  fac.on('websocket', (ws) => sockets.push(ws.url()));
  await fac.goto(w.facilitatorUrl);
  await expect.poll(() => fac.getByTestId('radar-tile').count()).toBe(20);
  await expect.poll(() => fac.getByTestId('radar').textContent()).toContain('Raise NPS from 30 to 45');
  await fac.getByTestId('help-queue').waitFor();
  // "Needs attention first": the group asking for help comes first.
  const helpGroup = `Group 6`;
  await expect.poll(async () => (await fac.getByTestId('radar-tile').first().locator('.tile-name').textContent())).toBe(helpGroup);
  await screenshot(fac, '20-radar-20-groups');

  // Ana (group 1) has the page open; the facilitator drills into group 1 and comments on KR 1.1.
  const ana = await newPage();
  await ana.goto(seats[0]!.seatUrl);
  await ana.getByTestId('kr-text').first().waitFor();
  await fac.getByRole('button', { name: 'Group 1', exact: true }).click();
  await fac.getByTestId('group-detail').waitFor();
  // The facilitator key stays in the fragment: the group's document opens with a ticket.
  await expect.poll(() => sockets.some((u) => u.includes('/yjs/') && u.includes('ticket='))).toBe(true);
  expect(sockets.filter((u) => u.includes(w.facilitatorKey))).toEqual([]);
  await fac.getByLabel('Comments on Key result 1.1 (0 open)').click();
  await fac.getByTestId('new-comment').fill('Make it “from X to Y” — what is NPS today?');
  await fac.getByTestId('comment-panel').getByRole('button', { name: 'Send', exact: true }).click();
  await fac.getByTestId('quick-comment').nth(1).click();
  await expect.poll(() => fac.getByTestId('comment-text').count()).toBe(2);
  // It appears at once for the participant, without reload, with a subtle notice.
  await ana.getByTestId('comment-notice').waitFor();
  await ana.getByLabel('Comments on Key result 1.1 (2 open)').click();
  await expect.poll(() => ana.getByTestId('comment-text').allTextContents()).toContain('Make it “from X to Y” — what is NPS today?');
  await screenshot(ana, '21-participant-sees-comment');
  // Ana replies; the facilitator sees the reply live.
  await ana.getByLabel('Reply').first().fill('About 30 last quarter');
  await ana.getByLabel('Reply').first().press('Enter');
  await expect.poll(() => fac.getByTestId('comment-text').allTextContents()).toContain('About 30 last quarter');
  await screenshot(fac, '22-console-group-detail');

  // Spotlight group 1 to everyone: Person 2 (another group) sees it large and read-only.
  const other = await newPage({ width: 1280, height: 900 });
  await other.goto(seats[1]!.seatUrl);
  await other.getByTestId('group-name').waitFor();
  // Spotlight and peer review sit behind "Share back" in the console's bar.
  await fac.getByTestId('share-toggle').click();
  await fac.getByTestId('spotlight-select').selectOption({ label: 'Spotlight: Group 1' });
  await other.getByTestId('spotlight').waitFor();
  await expect.poll(() => other.getByTestId('spotlight').getByTestId('present-objective').first().textContent()).toBe('Customers love our onboarding');
  expect(await other.getByTestId('spotlight').locator('[data-testid="add-objective"]').count()).toBe(0);
  await screenshot(other, '23-spotlight');
}, 120_000);
