/** A seat token tries every door it should not open: other groups, other workshops, facilitator powers, exports. */
import { expect, it } from 'vitest';
import { REQUEST_EVENTS, REQUESTS, type RequestEvent, type RequestPayload, type RequestRole } from '../shared/requests';
import { connectClient, createWorkshop, joinWorkshop, request, startServer } from './helpers';
import { upgradeStatus } from './yjsHelpers';

/** A valid payload for every request of the table (a new request does not compile until it has one). */
const SAMPLES: { [E in RequestEvent]: (groupId: string, participantId: string) => RequestPayload<E> } = {
  'group:choose': (g) => ({ groupId: g }),
  'group:rename': (g) => ({ groupId: g, name: 'x' }),
  'group:add': () => ({}),
  'group:remove': (g) => ({ groupId: g }),
  'participant:move': (g, p) => ({ participantId: p, groupId: g }),
  'participant:remove': (_g, p) => ({ participantId: p }),
  'groups:balance': () => ({}),
  'groups:shuffle': () => ({}),
  'phase:set': () => ({ phase: 'breakouts' }),
  'workshop:delete': () => ({}),
  'clock:now': () => ({}),
  'timer:control': () => ({ action: 'set', ms: 60_000 }),
  'breakouts:close': () => ({ delaySeconds: 0 }),
  'breakouts:reopen': () => ({}),
  'help:request': () => ({}),
  'help:cancel': () => ({}),
  'help:clear': (g) => ({ groupId: g }),
  'broadcast:send': () => ({ text: 'x', groupId: null }),
  'spotlight:set': (g) => ({ groupId: g }),
  'peers:set': () => ({ pairs: [] }),
  'peers:auto': () => ({}),
  'quick:set': () => ({ items: [] }),
  'rules:set': () => ({ rules: {} }),
  'language:set': () => ({ language: 'de' }),
  'comment:add': (g) => ({ groupId: g, text: 'x' }),
  'comment:addMany': (g) => ({ targets: [{ groupId: g }], text: 'x' }),
  'comment:resolve': () => ({ commentId: 'x', resolved: true }),
  'comments:list': (g) => ({ groupId: g }),
  'radar:list': () => ({}),
  'board:set': () => ({ shown: false, names: false }),
  'coaching:report': () => ({}),
  'report:notes': () => ({ notes: 'x' }),
  'yjs:ticket': (g) => ({ groupId: g }),
};

const onlyFor = (role: RequestRole): RequestEvent[] => REQUEST_EVENTS.filter((e) => REQUESTS[e].role === role);

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
  // Every facilitator-only request of the table.
  for (const event of onlyFor('facilitator')) tally((await request(socket, event, SAMPLES[event](groupIds[0]!, victims[0]!.participantId))).ok);
  // Tickets for other groups' documents; its own group's ticket used on another group.
  for (const g of groupIds) tally((await request(socket, 'yjs:ticket', { groupId: g })).ok);
  for (const g of groupIds) {
    const own = await request<{ ticket: string }>(socket, 'yjs:ticket', { groupId: me.groupId! });
    tally((await upgradeStatus(url, `/yjs/${w.workshopId}/${g}?ticket=${own.ok ? own.data.ticket : 'x'}`)) === 101);
  }
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

it('refuses every request of the table to the role it is not for', async () => {
  const { url } = await startServer();
  const w = await createWorkshop(url, { groupCount: 2 });
  const ana = await joinWorkshop(url, w.workshopId, 'Ana');
  const participant = await connectClient(url, { workshopId: w.workshopId, seatToken: ana.seatToken });
  const facilitator = await connectClient(url, { workshopId: w.workshopId, facilitatorKey: w.facilitatorKey });
  const cases = [
    { socket: participant, events: onlyFor('facilitator') },
    { socket: facilitator, events: onlyFor('participant') },
  ];
  expect(cases.every((c) => c.events.length > 0)).toBe(true);
  for (const { socket, events } of cases) {
    for (const event of events) {
      const result = await request(socket, event, SAMPLES[event](ana.groupId!, ana.participantId));
      expect({ event, result }).toMatchObject({ event, result: { ok: false, error: { code: 'forbidden' } } });
    }
  }
  // Requests for anyone reach their handler from both roles.
  for (const socket of [participant, facilitator]) expect(await request(socket, 'clock:now', {})).toMatchObject({ ok: true });
});
