/** The session report (issue #23): report.json for the facilitator only, and the notes request. */
import { expect, it } from 'vitest';
import { LIMITS } from '../shared/limits';
import { addKeyResult, addObjective, textOf } from '../shared/okrDoc';
import type { SessionReport } from '../shared/report';
import { connectClient, createWorkshop, joinWorkshop, request, roomIn, startServer, waitFor } from './helpers';
import { syncedClient } from './yjsHelpers';

const get = (url: string, path: string, token?: string) => fetch(`${url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

it('serves the report to the facilitator only, in the workshop’s language or the one asked for, with the notes kept by a facilitator-only request', async () => {
  const server = await startServer();
  const w = await createWorkshop(server.url, { groupCount: 3, title: 'Q3 OKRs' });
  const fac = await connectClient(server.url, { workshopId: w.workshopId, facilitatorKey: w.facilitatorKey });
  const ana = await joinWorkshop(server.url, w.workshopId, 'Ana Lima');
  const ben = await joinWorkshop(server.url, w.workshopId, 'Ben Okafor');
  const a = await syncedClient(server.url, w.workshopId, ana.groupId!, ana.seatToken);
  a.doc.transact(() => {
    const o = addObjective(a.doc, 'o1');
    textOf(o, 'title').insert(0, 'Customers love onboarding');
    textOf(addKeyResult(o, 'k1'), 'text').insert(0, 'Raise NPS from 30 to 45');
    textOf(addKeyResult(o, 'k2'), 'text').insert(0, 'Run 5 workshops');
  });
  await waitFor(() => server.app.yjs.draft(roomIn(server.app, w.workshopId), ana.groupId!).objectives[0]?.keyResults.length === 2, 'the draft on the server');
  const path = `/api/workshops/${w.workshopId}/report.json`;

  const res = await get(server.url, path, w.facilitatorKey);
  expect(res.status).toBe(200);
  expect(res.headers.get('cache-control')).toBe('no-store');
  const report = (await res.json()) as SessionReport;
  expect(report).toMatchObject({ title: 'Q3 OKRs', language: 'en', notes: '', attendance: { joined: 2, inGroups: 2, lobby: 0 }, groups: { total: 3, withObjective: 1, withKeyResult: 1 }, drafted: { objectives: 1, keyResults: 2 } });
  expect(report.quality).toMatchObject({ keyResults: 2, flaggedNow: 1, cleanNow: 1 });
  expect(((await (await get(server.url, `${path}?language=fr`, w.facilitatorKey)).json()) as SessionReport).language).toBe('fr');
  expect((await get(server.url, `${path}?language=xx`, w.facilitatorKey)).status).toBe(400);

  // Participants are refused, a wrong or missing key is not authorised, an unknown workshop is not found.
  expect((await get(server.url, path, ben.seatToken)).status).toBe(403);
  expect((await get(server.url, path, 'not-the-key')).status).toBe(401);
  expect((await get(server.url, path)).status).toBe(401);
  expect((await get(server.url, '/api/workshops/nope/report.json', w.facilitatorKey)).status).toBe(404);

  // Notes: the facilitator's, trimmed, length-limited; a participant may not.
  expect(await request(fac, 'report:notes', { notes: '  Finance joined late; strong energy.  ' })).toEqual({ ok: true, data: null });
  const anaSocket = await connectClient(server.url, { workshopId: w.workshopId, seatToken: ana.seatToken });
  const refused = await request(anaSocket, 'report:notes', { notes: 'hacked' });
  expect(!refused.ok && refused.error.code).toBe('forbidden');
  for (const bad of [{ notes: 'x'.repeat(LIMITS.reportNotesMaxLength + 1) }, { notes: 5 }, {}, { notes: 'x', extra: 1 }]) {
    const r = await request(fac, 'report:notes', bad);
    expect(!r.ok && r.error.code).toBe('invalid_payload');
  }
  expect((await request(fac, 'report:notes', { notes: 'y'.repeat(LIMITS.reportNotesMaxLength) })).ok).toBe(true);
  expect((await request(fac, 'report:notes', { notes: 'Finance joined late; strong energy.' })).ok).toBe(true);
  const again = (await (await get(server.url, path, w.facilitatorKey)).json()) as SessionReport;
  expect(again.notes).toBe('Finance joined late; strong energy.');
  // Kept with the workshop: in the store as the other workshop state is.
  await waitFor(async () => (await server.app.store.loadWorkshop(w.workshopId))?.state.session.notes === 'Finance joined late; strong energy.', 'notes stored');
}, 30_000);
