import { describe, expect, it } from 'vitest';
import type { JoinResponse } from '../shared/api';
import { groupSizes } from '../shared/assignment';
import {
  connectClient,
  createWorkshop,
  joinWorkshop,
  latest,
  post,
  request,
  startServer,
  storedWorkshopIds,
  waitFor,
} from './helpers';

describe('REST: create and join', () => {
  it('creates a workshop with two links and a ≥120-bit facilitator key', async () => {
    const { url } = await startServer({ publicUrl: 'https://draftroom.example' });
    const created = await createWorkshop(url, { title: '  Q3 planning  ', groupCount: 4 });
    expect(created.joinUrl).toBe(`https://draftroom.example/w/${created.workshopId}`);
    expect(created.facilitatorUrl).toBe(`https://draftroom.example/w/${created.workshopId}/facilitate#key=${created.facilitatorKey}`);
    expect(created.facilitatorKey.length * 6).toBeGreaterThanOrEqual(120);
    const info = await (await fetch(`${url}/api/workshops/${created.workshopId}`)).json();
    expect(info).toEqual({ id: created.workshopId, title: 'Q3 planning', phase: 'lobby', assignment: 'auto', language: 'en' });
  });

  it('a workshop has a language: set at creation, shown to the join page and everyone in it, changed by the facilitator only', async () => {
    const { url, app } = await startServer();
    const { workshopId, facilitatorKey } = await createWorkshop(url, { title: 'Planung', language: 'de' });
    const info = (await (await fetch(`${url}/api/workshops/${workshopId}`)).json()) as { language: string };
    expect(info.language).toBe('de');
    // Group names and quick comments start in the workshop's language.
    const created = (await app.registry.get(workshopId, Date.now()))!.state;
    expect(created.groups.map((g) => g.name)).toEqual(['Gruppe 1', 'Gruppe 2', 'Gruppe 3']);
    expect(created.session.quickComments[0]).toBe('Formuliert es als „von X auf Y“ – wo steht X heute?');
    const ana = await joinWorkshop(url, workshopId, 'Ana');
    const participant = await connectClient(url, { workshopId, seatToken: ana.seatToken });
    const header = latest(participant, 'workshop:meta');
    await waitFor(() => header.value?.language === 'de', 'participant sees de');
    expect(await request(participant, 'language:set', { language: 'fr' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const fac = await connectClient(url, { workshopId, facilitatorKey });
    for (const payload of [{ language: 'it' }, { language: 'EN' }, {}, { language: 'fr', extra: 1 }]) {
      const r = await request(fac, 'language:set', payload);
      expect(r, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    }
    expect((await app.registry.get(workshopId, Date.now()))!.state.language).toBe('de');
    expect(await request(fac, 'language:set', { language: 'fr' })).toEqual({ ok: true, data: null });
    expect(await request(fac, 'group:add', {})).toMatchObject({ ok: true });
    expect((await app.registry.get(workshopId, Date.now()))!.state.groups.at(-1)!.name).toBe('Groupe 4');
    await waitFor(() => header.value?.language === 'fr', 'participant sees fr');
    // Kept across a reload from the store.
    expect((await app.store.loadWorkshop(workshopId))!.state.language).toBe('fr');
  });

  it('refuses bad bodies with 400 naming the field, and creates nothing', async () => {
    const { url, app } = await startServer();
    const cases: Array<[unknown, string]> = [
      [{ title: '', groupCount: 3 }, 'title'],
      [{ title: 'x'.repeat(121) }, 'title'],
      [{ title: 'ok', groupCount: 0 }, 'groupCount'],
      [{ title: 'ok', groupCount: 201 }, 'groupCount'],
      [{ title: 'ok', groupCount: 2.5 }, 'groupCount'],
      [{ title: 'ok', assignment: 'random' }, 'assignment'],
      [{ title: 'ok', maxGroupSize: -1 }, 'maxGroupSize'],
      [{ title: 'ok', language: 'it' }, 'language'],
      [{ title: 'ok', language: 'de-DE' }, 'language'],
      [{ title: 'ok', language: 7 }, 'language'],
    ];
    for (const [body, field] of cases) {
      const res = await post<{ error: { code: string; field: string } }>(`${url}/api/workshops`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_payload', field });
    }
    const broken = await fetch(`${url}/api/workshops`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: { code: string } }).error.code).toBe('invalid_payload');
    expect(await storedWorkshopIds(app)).toEqual([]);
  });

  it('joins with a trimmed, de-duplicated name and a ≥120-bit seat token; unknown workshop is 404', async () => {
    const { url } = await startServer();
    const { workshopId } = await createWorkshop(url);
    const a = await joinWorkshop(url, workshopId, '  Ana   Lima ');
    const b = await joinWorkshop(url, workshopId, 'ana lima');
    expect(a.name).toBe('Ana Lima');
    expect(b.name).toBe('ana lima (2)');
    expect(a.seatToken.length * 6).toBeGreaterThanOrEqual(120);
    expect(a.seatUrl).toBe(`${url}/w/${workshopId}#seat=${a.seatToken}`);
    const missing = await post<{ error: { code: string } }>(`${url}/api/workshops/nope123/join`, { name: 'x' });
    expect(missing.status).toBe(404);
    const bad = await post<{ error: { field: string } }>(`${url}/api/workshops/${workshopId}/join`, { name: '   ' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('name');
    const long = await post(`${url}/api/workshops/${workshopId}/join`, { name: 'x'.repeat(41) });
    expect(long.status).toBe(400);
  });

  it('serves health and a JSON 404 for unknown API routes', async () => {
    const { url } = await startServer();
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true });
    const res = await fetch(`${url}/api/nothing`);
    expect(res.status).toBe(404);
  });
});

describe('Socket.IO: live workshop', () => {
  it('balances 12 joiners over 3 groups and shows them live to the console', async () => {
    const { url } = await startServer();
    const { workshopId, facilitatorKey } = await createWorkshop(url, { groupCount: 3 });
    const console_ = await connectClient(url, { workshopId, facilitatorKey });
    const view = latest(console_, 'facilitator:state');
    const joined: JoinResponse[] = [];
    for (let i = 0; i < 12; i++) joined.push(await joinWorkshop(url, workshopId, `Person ${i + 1}`));
    await waitFor(() => view.value?.participants.length === 12, 'console sees 12');
    const state = view.value!;
    const sizes = [...groupSizes(state.meta.groups, state.participants).values()];
    expect(sizes).toEqual([4, 4, 4]);
    // Counts are for participants picking a group (self-select) only.
    expect(state.meta.groups.map((g) => g.memberCount)).toEqual([null, null, null]);
    // A participant connects: they are shown online, with their group roster.
    const me = joined[0]!;
    const socket = await connectClient(url, { workshopId, seatToken: me.seatToken });
    const members = latest(socket, 'group:members');
    const seat = latest(socket, 'seat:updated');
    await waitFor(() => members.value?.members.length === 4, 'roster');
    expect(seat.value).toEqual({ participantId: me.participantId, name: 'Person 1', groupId: me.groupId });
    await waitFor(() => view.value?.participants.find((p) => p.id === me.participantId)?.online, 'online in console');
    // Closing the connection marks them offline, not removed.
    socket.disconnect();
    await waitFor(() => view.value?.participants.find((p) => p.id === me.participantId)?.online === false, 'offline');
    expect(view.value!.participants).toHaveLength(12);
  });

  it('restores the same seat when rejoining with the seat token (another device)', async () => {
    const { url } = await startServer();
    const { workshopId } = await createWorkshop(url);
    const me = await joinWorkshop(url, workshopId, 'Bea');
    const first = await connectClient(url, { workshopId, seatToken: me.seatToken });
    const firstSeat = latest(first, 'seat:updated');
    await waitFor(() => firstSeat.value, 'seat');
    first.disconnect();
    const phone = await connectClient(url, { workshopId, seatToken: me.seatToken });
    const seat = latest(phone, 'seat:updated');
    const members = latest(phone, 'group:members');
    await waitFor(() => seat.value && members.value, 'seat and roster');
    expect(seat.value).toEqual(firstSeat.value);
    expect(members.value!.members).toEqual([{ id: me.participantId, name: 'Bea', online: true }]);
  });

  it('refuses bad credentials at the handshake', async () => {
    const { url } = await startServer();
    const a = await createWorkshop(url);
    const b = await createWorkshop(url);
    const seatB = await joinWorkshop(url, b.workshopId, 'Eve');
    await expect(connectClient(url, { workshopId: a.workshopId, seatToken: seatB.seatToken })).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(connectClient(url, { workshopId: a.workshopId, facilitatorKey: b.facilitatorKey })).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(connectClient(url, { workshopId: 'nope', facilitatorKey: a.facilitatorKey })).rejects.toMatchObject({ code: 'not_found' });
    await expect(connectClient(url, { workshopId: a.workshopId, facilitatorKey: a.facilitatorKey, protocolVersion: 999 })).rejects.toMatchObject({ code: 'version_mismatch' });
    await expect(connectClient(url, { workshopId: a.workshopId })).rejects.toMatchObject({ code: 'invalid_payload' });
  });

  it('facilitator moves a participant: the group, the participant and the console see it', async () => {
    const { url } = await startServer();
    const { workshopId, facilitatorKey } = await createWorkshop(url, { groupCount: 2 });
    const ana = await joinWorkshop(url, workshopId, 'Ana');
    const ben = await joinWorkshop(url, workshopId, 'Ben');
    expect(ana.groupId).not.toBe(ben.groupId);
    const fac = await connectClient(url, { workshopId, facilitatorKey });
    const view = latest(fac, 'facilitator:state');
    const anaSocket = await connectClient(url, { workshopId, seatToken: ana.seatToken });
    const benSocket = await connectClient(url, { workshopId, seatToken: ben.seatToken });
    const anaSeat = latest(anaSocket, 'seat:updated');
    const anaRoster = latest(anaSocket, 'group:members');
    const benRoster = latest(benSocket, 'group:members');
    await waitFor(() => anaRoster.value && benRoster.value, 'rosters');

    const r = await request(fac, 'participant:move', { participantId: ana.participantId, groupId: ben.groupId });
    expect(r).toEqual({ ok: true, data: null });
    await waitFor(() => anaSeat.value?.groupId === ben.groupId, 'ana seat moved');
    await waitFor(() => benRoster.value?.members.map((m) => m.name).join() === 'Ana,Ben', 'ben sees ana');
    await waitFor(() => anaRoster.value?.groupId === ben.groupId && anaRoster.value.members.length === 2, 'ana sees new group');
    await waitFor(() => view.value?.participants.find((p) => p.id === ana.participantId)?.groupId === ben.groupId, 'console');
  });

  it("refuses a participant's facilitator actions and invalid payloads, changing nothing", async () => {
    const { url, app } = await startServer();
    const { workshopId, facilitatorKey } = await createWorkshop(url, { groupCount: 2 });
    const ana = await joinWorkshop(url, workshopId, 'Ana');
    const socket = await connectClient(url, { workshopId, seatToken: ana.seatToken });
    const before = JSON.stringify((await app.registry.get(workshopId, Date.now()))!.state.participants);
    const groupsBefore = JSON.stringify((await app.registry.get(workshopId, Date.now()))!.state.groups);
    for (const [event, payload] of [
      ['phase:set', { phase: 'breakouts' }],
      ['participant:move', { participantId: ana.participantId, groupId: null }],
      ['participant:remove', { participantId: ana.participantId }],
      ['group:add', {}],
      ['groups:shuffle', {}],
      ['workshop:delete', {}],
    ] as const) {
      const r = await request(socket, event, payload);
      expect(r, event).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    const fac = await connectClient(url, { workshopId, facilitatorKey });
    for (const [event, payload, field] of [
      ['phase:set', { phase: 'party' }, 'phase'],
      ['phase:set', null, undefined],
      ['participant:move', { participantId: ana.participantId }, 'groupId'],
      ['participant:move', { participantId: '../../etc', groupId: null }, 'participantId'],
      ['group:rename', { groupId: 'x', name: '' }, 'name'],
      ['group:rename', { groupId: 'x', name: 'ok', extra: 1 }, undefined],
      ['groups:balance', 'hello', undefined],
    ] as const) {
      const r = await request(fac, event, payload);
      expect(r, `${event} ${JSON.stringify(payload)}`).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
      if (field) expect(r.ok ? null : r.error.field).toBe(field);
    }
    const r = await request(fac, 'participant:move', { participantId: 'ghost', groupId: null });
    expect(r).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const t = await request(fac, 'phase:set', { phase: 'plenary' });
    expect(t).toMatchObject({ ok: false, error: { code: 'invalid_transition' } });
    const room = (await app.registry.get(workshopId, Date.now()))!;
    expect(JSON.stringify(room.state.participants)).toBe(before);
    expect(JSON.stringify(room.state.groups)).toBe(groupsBefore);
    expect(room.state.phase).toBe('lobby');
  });

  it('phases change for everyone; groups can be renamed, added, removed, balanced and shuffled', async () => {
    const { url } = await startServer();
    const { workshopId, facilitatorKey } = await createWorkshop(url, { groupCount: 2, assignment: 'facilitator' });
    const fac = await connectClient(url, { workshopId, facilitatorKey });
    const view = latest(fac, 'facilitator:state');
    const people = [];
    for (const n of ['A', 'B', 'C', 'D', 'E']) people.push(await joinWorkshop(url, workshopId, n));
    expect(people.every((p) => p.groupId === null)).toBe(true);
    const a = await connectClient(url, { workshopId, seatToken: people[0]!.seatToken });
    const meta = latest(a, 'workshop:meta');
    const groups = latest(a, 'workshop:groups');
    const seat = latest(a, 'seat:updated');

    expect(await request(fac, 'phase:set', { phase: 'breakouts' })).toEqual({ ok: true, data: null });
    await waitFor(() => meta.value?.phase === 'breakouts', 'participant sees breakouts');

    const added = await request<{ groupId: string }>(fac, 'group:add', { name: 'Marketing' });
    expect(added.ok).toBe(true);
    const g0 = view.value!.meta.groups[0]!.id;
    expect(await request(fac, 'group:rename', { groupId: g0, name: 'Sales' })).toEqual({ ok: true, data: null });
    await waitFor(() => groups.value?.map((g) => g.name).join() === 'Sales,Group 2,Marketing', 'names');

    expect(await request(fac, 'groups:balance', {})).toEqual({ ok: true, data: null });
    await waitFor(() => view.value?.participants.every((p) => p.groupId !== null), 'all placed');
    expect([...groupSizes(view.value!.meta.groups, view.value!.participants).values()].sort()).toEqual([1, 2, 2]);
    await waitFor(() => seat.value?.groupId, 'seat of A updated');

    expect(await request(fac, 'groups:shuffle', {})).toEqual({ ok: true, data: null });
    expect(await request(fac, 'group:remove', { groupId: added.ok ? added.data.groupId : '' })).toEqual({ ok: true, data: null });
    await waitFor(() => view.value?.meta.groups.length === 2, 'group removed');
  });

  it('removing a participant disconnects them and revokes the seat token', async () => {
    const { url } = await startServer();
    const { workshopId, facilitatorKey } = await createWorkshop(url);
    const ana = await joinWorkshop(url, workshopId, 'Ana');
    const socket = await connectClient(url, { workshopId, seatToken: ana.seatToken });
    let removed = false;
    socket.on('seat:removed', () => {
      removed = true;
    });
    const fac = await connectClient(url, { workshopId, facilitatorKey });
    expect(await request(fac, 'participant:remove', { participantId: ana.participantId })).toEqual({ ok: true, data: null });
    await waitFor(() => removed && !socket.connected, 'removed and disconnected');
    await expect(connectClient(url, { workshopId, seatToken: ana.seatToken })).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('self-select: participants pick a group with room', async () => {
    const { url } = await startServer();
    const { workshopId } = await createWorkshop(url, { groupCount: 2, assignment: 'self-select', maxGroupSize: 1 });
    const a = await joinWorkshop(url, workshopId, 'A');
    const b = await joinWorkshop(url, workshopId, 'B');
    const sa = await connectClient(url, { workshopId, seatToken: a.seatToken });
    const sb = await connectClient(url, { workshopId, seatToken: b.seatToken });
    const groups = latest(sb, 'workshop:groups');
    await waitFor(() => groups.value, 'groups');
    const g1 = groups.value![0]!.id;
    expect(await request(sa, 'group:choose', { groupId: g1 })).toEqual({ ok: true, data: null });
    expect(await request(sb, 'group:choose', { groupId: g1 })).toMatchObject({ ok: false, error: { code: 'group_full' } });
    await waitFor(() => groups.value?.[0]?.memberCount === 1, 'count visible');
  });

  it('self-select: a change of member counts alone waits for the counts interval; a timer change does not resend the groups', async () => {
    const { url } = await startServer({ memberCountsIntervalMs: 60_000 });
    const { workshopId, facilitatorKey } = await createWorkshop(url, { groupCount: 2, assignment: 'self-select' });
    const a = await joinWorkshop(url, workshopId, 'A');
    const sa = await connectClient(url, { workshopId, seatToken: a.seatToken });
    const fac = await connectClient(url, { workshopId, facilitatorKey });
    const meta = latest(sa, 'workshop:meta');
    const groups = latest(sa, 'workshop:groups');
    const members = latest(sa, 'group:members');
    let groupLists = 0;
    sa.on('workshop:groups', () => groupLists++);
    await waitFor(() => groups.value, 'groups on connect');
    const [g1, g2] = groups.value!.map((g) => g.id) as [string, string];
    // A first group list from the publisher (a rename) starts the interval.
    expect(await request(fac, 'group:rename', { groupId: g1, name: 'Sales' })).toEqual({ ok: true, data: null });
    await waitFor(() => groups.value?.[0]?.name === 'Sales', 'rename');
    expect(await request(sa, 'group:choose', { groupId: g1 })).toEqual({ ok: true, data: null });
    // The roster comes in the same publish as a group list would, after it: the counts were held back.
    await waitFor(() => members.value?.groupId === g1 && members.value.members.length === 1, 'roster of the chosen group');
    expect(groups.value!.map((g) => g.memberCount)).toEqual([0, 0]);
    // A timer change goes out at once, without the group list.
    const listsBefore = groupLists;
    expect(await request(fac, 'timer:control', { action: 'set', ms: 60_000 })).toEqual({ ok: true, data: null });
    await waitFor(() => meta.value?.timer, 'timer set');
    // A round trip on the same connection: anything sent in the timer's publish has arrived.
    expect(await request(sa, 'clock:now', {})).toMatchObject({ ok: true });
    expect(groupLists).toBe(listsBefore);
    // Any other change of the groups goes out at once, with the current counts.
    expect(await request(fac, 'group:rename', { groupId: g2, name: 'Support' })).toEqual({ ok: true, data: null });
    await waitFor(() => groups.value?.[1]?.name === 'Support', 'second rename');
    expect(groups.value!.map((g) => g.memberCount)).toEqual([1, 0]);
  });

  it('deleting the workshop tells everyone and makes links dead', async () => {
    const { url } = await startServer();
    const { workshopId, facilitatorKey } = await createWorkshop(url);
    const ana = await joinWorkshop(url, workshopId, 'Ana');
    const socket = await connectClient(url, { workshopId, seatToken: ana.seatToken });
    let told = false;
    socket.on('workshop:deleted', () => {
      told = true;
    });
    const fac = await connectClient(url, { workshopId, facilitatorKey });
    expect(await request(fac, 'workshop:delete', {})).toEqual({ ok: true, data: null });
    await waitFor(() => told, 'told');
    expect((await fetch(`${url}/api/workshops/${workshopId}`)).status).toBe(404);
    expect((await post(`${url}/api/workshops/${workshopId}/join`, { name: 'Late' })).status).toBe(404);
  });

  it('expires a workshop after the inactivity window', async () => {
    let clock = 1_000_000;
    const { url, app } = await startServer({ workshopTtlMs: 60_000 });
    // The registry takes the time as an argument, so the test moves the clock instead of waiting.
    const { state } = (await app.registry.create({ title: 'Old', groupCount: 1, assignment: 'auto', maxGroupSize: null, language: 'en' }, clock));
    clock += 61_000;
    await app.registry.sweep(clock);
    expect((await app.registry.get(state.id, clock))).toBeNull();
    expect((await app.store.loadWorkshop(state.id))).toBeNull();
    expect((await fetch(`${url}/api/workshops/${state.id}`)).status).toBe(404);
  });

  it('looking up an expired workshop serves nothing and deletes nothing: purging is its own step', async () => {
    let clock = 1_000_000;
    const { url, app } = await startServer({ workshopTtlMs: 60_000 });
    const { state } = (await app.registry.create({ title: 'Old', groupCount: 1, assignment: 'auto', maxGroupSize: null, language: 'en' }, clock));
    clock += 61_000;
    expect((await app.registry.get(state.id, clock))).toBeNull(); // in memory
    await app.registry.sweep(clock - 61_000); // unloads it, expires nothing yet
    expect(app.registry.loadedCount).toBe(0);
    expect((await app.registry.get(state.id, clock))).toBeNull(); // in the store: not loaded either
    expect(app.registry.loadedCount).toBe(0);
    expect((await fetch(`${url}/api/workshops/${state.id}`)).status).toBe(404);
    expect((await app.store.loadWorkshop(state.id))).not.toBeNull();
    await app.registry.purgeExpired(clock);
    expect((await app.store.loadWorkshop(state.id))).toBeNull();
  });
});
