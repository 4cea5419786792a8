/** A seat token tries every door it should not open: other groups, other workshops, facilitator powers, exports. */
import { expect, it } from 'vitest';
import type { ClientToServerEvents } from '../shared/protocol';
import { connectClient, createWorkshop, joinWorkshop, request, startServer } from './helpers';
import { upgradeStatus } from './yjsHelpers';

const FACILITATOR_EVENTS: Array<[keyof ClientToServerEvents, (groupId: string, participantId: string) => unknown]> = [
  ['group:rename', (g) => ({ groupId: g, name: 'x' })],
  ['group:add', () => ({})],
  ['group:remove', (g) => ({ groupId: g })],
  ['participant:move', (g, p) => ({ participantId: p, groupId: g })],
  ['participant:remove', (_g, p) => ({ participantId: p })],
  ['groups:balance', () => ({})],
  ['groups:shuffle', () => ({})],
  ['phase:set', () => ({ phase: 'breakouts' })],
  ['workshop:delete', () => ({})],
  ['timer:control', () => ({ action: 'set', ms: 60_000 })],
  ['breakouts:close', () => ({ delaySeconds: 0 })],
  ['breakouts:reopen', () => ({})],
  ['help:clear', (g) => ({ groupId: g })],
  ['broadcast:send', () => ({ text: 'x', groupId: null })],
  ['spotlight:set', (g) => ({ groupId: g })],
  ['peers:set', () => ({ pairs: [] })],
  ['peers:auto', () => ({})],
  ['quick:set', () => ({ items: [] })],
  ['rules:set', () => ({ rules: {} })],
  ['comment:addMany', (g) => ({ targets: [{ groupId: g }], text: 'x' })],
  ['radar:list', () => ({})],
];

it('a seat token gets zero successes outside its own group', async () => {
  const { url } = await startServer();
  const w = await createWorkshop(url, { groupCount: 4 });
  const other = await createWorkshop(url, { groupCount: 2 });
  const me = await joinWorkshop(url, w.workshopId, 'Mallory');
  const victims = [];
  for (let i = 0; i < 3; i++) victims.push(await joinWorkshop(url, w.workshopId, `Victim ${i}`));
  const stranger = await joinWorkshop(url, other.workshopId, 'Stranger');
  const socket = await connectClient(url, { workshopId: w.workshopId, seatToken: me.seatToken });
  const groupIds = [...new Set(victims.map((v) => v.groupId!))];
  let attempts = 0;
  let successes = 0;
  const tally = (ok: boolean) => {
    attempts++;
    if (ok) successes++;
  };

  // Yjs: every other group of this workshop, every group of the other workshop.
  for (const g of groupIds) tally((await upgradeStatus(url, `/yjs/${w.workshopId}/${g}?token=${me.seatToken}`)) === 101);
  for (const g of [stranger.groupId!, 'x']) tally((await upgradeStatus(url, `/yjs/${other.workshopId}/${g}?token=${me.seatToken}`)) === 101);
  // Socket.IO into the other workshop with this seat.
  tally(await connectClient(url, { workshopId: other.workshopId, seatToken: me.seatToken }).then(() => true, () => false));
  // Facilitator events.
  for (const [event, payload] of FACILITATOR_EVENTS) tally((await request(socket, event, payload(groupIds[0]!, victims[0]!.participantId))).ok);
  // Comments on other groups: post, list, resolve.
  for (const g of groupIds) {
    tally((await request(socket, 'comment:add', { groupId: g, text: 'hi' })).ok);
    tally((await request(socket, 'comments:list', { groupId: g })).ok);
  }
  // Exports of the other workshop; of this one it gets its own group only (checked in export tests).
  for (const path of [`/api/workshops/${other.workshopId}/export.xlsx`, `/api/workshops/${other.workshopId}/export.csv`]) {
    tally((await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${me.seatToken}` } })).ok);
  }
  console.log(`isolation: ${attempts} attempts, ${successes} successes`);
  expect(attempts).toBeGreaterThan(30);
  expect(successes).toBe(0);
  // The seat still works where it belongs.
  expect(await upgradeStatus(url, `/yjs/${w.workshopId}/${me.groupId}?token=${me.seatToken}`)).toBe(101);
});
