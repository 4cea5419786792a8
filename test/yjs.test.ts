import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addKeyResult, addObjective, keyResultsOf, objectivesOf, readDraft, textOf } from '../shared/okrDoc';
import { sendOwnAwarenessOnly } from '../shared/ownAwareness';
import { createApp } from '../server/app';
import { defaultConfig } from '../server/config';
import { captureServerLog, connectClient, parseLog, createWorkshop, joinWorkshop, onCleanup, request, startServer, storedDoc, waitFor } from './helpers';
import { docBarrier, docClient, sameState, syncedClient, upgradeStatus, yjsRoundTrip, type DocClient } from './yjsHelpers';

async function groupOfTwo(overrides: Parameters<typeof startServer>[0] = {}) {
  const server = await startServer(overrides);
  const created = await createWorkshop(server.url, { groupCount: 2, assignment: 'facilitator' });
  const fac = await connectClient(server.url, { workshopId: created.workshopId, facilitatorKey: created.facilitatorKey });
  const groups = (await server.app.registry.get(created.workshopId, Date.now()))!.state.groups;
  const [g1, g2] = [groups[0]!.id, groups[1]!.id];
  const ana = await joinWorkshop(server.url, created.workshopId, 'Ana');
  const ben = await joinWorkshop(server.url, created.workshopId, 'Ben');
  const eve = await joinWorkshop(server.url, created.workshopId, 'Eve');
  for (const [p, g] of [[ana, g1], [ben, g1], [eve, g2]] as const) {
    expect(await request(fac, 'participant:move', { participantId: p.participantId, groupId: g })).toMatchObject({ ok: true });
  }
  return { ...server, ...created, fac, g1, g2, ana, ben, eve };
}

describe('group documents over y-websocket', () => {
  it('two members converge, and concurrent typing in one field keeps both', async () => {
    const w = await groupOfTwo();
    const a = await syncedClient(w.url, w.workshopId, w.g1, w.ana.seatToken);
    const b = await syncedClient(w.url, w.workshopId, w.g1, w.ben.seatToken);
    const kr = a.doc.transact(() => addKeyResult(addObjective(a.doc, 'o1'), 'k1'));
    textOf(kr, 'text').insert(0, 'Increase NPS to 50');
    await waitFor(() => readDraft(b.doc).objectives[0]?.keyResults[0]?.text === 'Increase NPS to 50', 'b sees a');

    // Both type into the same field at the same moment, at different places.
    const bText = textOf(keyResultsOf(objectivesOf(b.doc).get(0)).get(0), 'text');
    textOf(kr, 'text').insert('Increase NPS'.length, ' from 30');
    bText.insert(0, 'Q3: ');
    bText.insert(bText.length, ' by September');
    const expected = 'Q3: Increase NPS from 30 to 50 by September';
    await waitFor(() => readDraft(a.doc).objectives[0]?.keyResults[0]?.text === expected && sameState(a.doc, b.doc), 'merged');
    const server = w.app.yjs.loadedDoc(w.workshopId, w.g1)!;
    expect(readDraft(server.doc).objectives[0]!.keyResults[0]!.text).toBe(expected);
  });

  it('merges edits made while disconnected on reconnect', async () => {
    const w = await groupOfTwo();
    const a = await syncedClient(w.url, w.workshopId, w.g1, w.ana.seatToken);
    const b = await syncedClient(w.url, w.workshopId, w.g1, w.ben.seatToken);
    const objective = addObjective(a.doc, 'o1');
    textOf(objective, 'title').insert(0, 'Delight customers');
    await waitFor(() => sameState(a.doc, b.doc), 'initial');
    const aSocket = a.provider.ws as unknown as WebSocket;
    const aClosed = new Promise((r) => aSocket.once('close', r));
    a.provider.disconnect();
    textOf(objective, 'title').insert(0, 'Truly ');
    textOf(objective, 'why').insert(0, 'Churn is rising');
    const bObjective = objectivesOf(b.doc).get(0);
    textOf(bObjective, 'title').insert(textOf(bObjective, 'title').length, ' everywhere');
    // Ana's close is answered once the server has handled all she sent; then a round trip on
    // Ben's connection brings everything the server sent him before.
    await aClosed;
    await docBarrier(b);
    expect(readDraft(b.doc).objectives[0]!.title).toBe('Delight customers everywhere');
    expect(readDraft(w.app.yjs.loadedDoc(w.workshopId, w.g1)!.doc).objectives[0]!.title).toBe('Delight customers everywhere');
    a.provider.connect();
    await waitFor(() => sameState(a.doc, b.doc), 'merged after reconnect');
    expect(readDraft(b.doc).objectives[0]).toMatchObject({ title: 'Truly Delight customers everywhere', why: 'Churn is rising' });
  });

  it('refuses non-members, other workshops, unknown tokens and bad paths before the handshake', async () => {
    const w = await groupOfTwo();
    const other = await createWorkshop(w.url);
    const stranger = await joinWorkshop(w.url, other.workshopId, 'Stranger');
    const path = (g: string, token: string) => `/yjs/${w.workshopId}/${g}?token=${encodeURIComponent(token)}`;
    expect(await upgradeStatus(w.url, path(w.g1, w.ana.seatToken))).toBe(101);
    expect(await upgradeStatus(w.url, path(w.g1, w.facilitatorKey))).toBe(101);
    expect(await upgradeStatus(w.url, path(w.g1, w.eve.seatToken))).toBe(403); // member of group 2
    expect(await upgradeStatus(w.url, path(w.g1, stranger.seatToken))).toBe(401); // another workshop's seat
    expect(await upgradeStatus(w.url, path(w.g1, other.facilitatorKey))).toBe(401); // another workshop's key
    expect(await upgradeStatus(w.url, path(w.g1, 'x'.repeat(24)))).toBe(401);
    expect(await upgradeStatus(w.url, `/yjs/${w.workshopId}/${w.g1}`)).toBe(401);
    expect(await upgradeStatus(w.url, path('nosuchgroup', w.facilitatorKey))).toBe(403);
    expect(await upgradeStatus(w.url, `/yjs/nosuch/${w.g1}?token=${w.facilitatorKey}`)).toBe(404);
    expect(await upgradeStatus(w.url, `/yjs/${w.workshopId}?token=${w.facilitatorKey}`)).toBe(404);
  });

  it('drops what a read-only connection sends; the facilitator can still fix a typo', async () => {
    const w = await groupOfTwo();
    const a = await syncedClient(w.url, w.workshopId, w.g1, w.ana.seatToken);
    const facDoc = await syncedClient(w.url, w.workshopId, w.g1, w.facilitatorKey);
    textOf(addObjective(a.doc, 'o1'), 'title').insert(0, 'Grow');
    await waitFor(() => sameState(a.doc, facDoc.doc), 'sync');
    // Plenary: group drafts are read-only for members.
    expect(await request(w.fac, 'phase:set', { phase: 'breakouts' })).toMatchObject({ ok: true });
    expect(await request(w.fac, 'phase:set', { phase: 'plenary' })).toMatchObject({ ok: true });
    textOf(objectivesOf(a.doc).get(0), 'title').insert(4, ' revenue');
    textOf(objectivesOf(facDoc.doc).get(0), 'why').insert(0, 'Fixed by coach');
    await waitFor(() => readDraft(a.doc).objectives[0]!.why === 'Fixed by coach', 'member receives updates');
    const server = w.app.yjs.loadedDoc(w.workshopId, w.g1)!;
    expect(readDraft(server.doc).objectives[0]).toMatchObject({ title: 'Grow', why: 'Fixed by coach' });
    expect(readDraft(facDoc.doc).objectives[0]!.title).toBe('Grow');
  });

  it('closes connections to a removed group with 4404 (gone), as docs/group-document.md says', async () => {
    const w = await groupOfTwo();
    const eve = await syncedClient(w.url, w.workshopId, w.g2, w.eve.seatToken);
    const fac = await syncedClient(w.url, w.workshopId, w.g2, w.facilitatorKey);
    expect(await request(w.fac, 'group:remove', { groupId: w.g2 })).toMatchObject({ ok: true });
    await waitFor(() => eve.closes.includes(4404) && fac.closes.includes(4404), 'closed with 4404');
  });

  it('closes a moved participant with 4403 and refuses their old group afterwards', async () => {
    const w = await groupOfTwo();
    const a = await syncedClient(w.url, w.workshopId, w.g1, w.ana.seatToken);
    expect(await request(w.fac, 'participant:move', { participantId: w.ana.participantId, groupId: w.g2 })).toMatchObject({ ok: true });
    await waitFor(() => a.closes.includes(4403), 'closed with 4403');
    expect(await upgradeStatus(w.url, `/yjs/${w.workshopId}/${w.g1}?token=${w.ana.seatToken}`)).toBe(403);
    expect(await upgradeStatus(w.url, `/yjs/${w.workshopId}/${w.g2}?token=${w.ana.seatToken}`)).toBe(101);
    // Removing a participant closes with 4401 and revokes the token.
    const b = await syncedClient(w.url, w.workshopId, w.g1, w.ben.seatToken);
    expect(await request(w.fac, 'participant:remove', { participantId: w.ben.participantId })).toMatchObject({ ok: true });
    await waitFor(() => b.closes.includes(4401), 'closed with 4401');
    expect(await upgradeStatus(w.url, `/yjs/${w.workshopId}/${w.g1}?token=${w.ben.seatToken}`)).toBe(401);
  });

  it('lets a connection set awareness only for its own client id', async () => {
    const w = await groupOfTwo();
    const a = await syncedClient(w.url, w.workshopId, w.g1, w.ana.seatToken);
    a.provider.awareness.setLocalStateField('user', { name: 'Ana' });
    const server = w.app.yjs.loadedDoc(w.workshopId, w.g1)!;
    await waitFor(() => server.awareness.getStates().get(a.doc.clientID), 'ana awareness');
    // A raw client forges Ana's id: the server ignores it.
    const forged = new awarenessProtocol.Awareness(new Y.Doc());
    forged.clientID = a.doc.clientID;
    // A later clock than Ana's: without the check, the server would take it.
    const anaClock = server.awareness.meta.get(a.doc.clientID)!.clock;
    while ((forged.meta.get(a.doc.clientID)?.clock ?? -1) <= anaClock) forged.setLocalState({ user: { name: 'Mallory' } });
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(forged, [a.doc.clientID]));
    const ws = new WebSocket(`${w.url.replace('http', 'ws')}/yjs/${w.workshopId}/${w.g1}?token=${w.ben.seatToken}`);
    onCleanup(() => ws.terminate());
    await new Promise((r) => ws.on('open', r));
    ws.send(encoding.toUint8Array(encoder));
    expect(await yjsRoundTrip(ws)).toEqual({ closed: null });
    expect(server.awareness.getStates().get(a.doc.clientID)).toEqual({ user: { name: 'Ana' } });
  });

  it("sends only the client's own awareness, not its peers' back to the server (sendOwnAwarenessOnly)", async () => {
    const w = await groupOfTwo();
    const a = await syncedClient(w.url, w.workshopId, w.g1, w.ana.seatToken);
    const b = await syncedClient(w.url, w.workshopId, w.g1, w.ben.seatToken);
    // The facilitator watches with a stock provider: the control, which echoes what it receives.
    const stock = await syncedClient(w.url, w.workshopId, w.g1, w.facilitatorKey);
    sendOwnAwarenessOnly(a.provider);
    sendOwnAwarenessOnly(b.provider);
    const sentBy = (client: DocClient) => {
      const ids = new Set<number>();
      const ws = client.provider.ws!;
      const send = ws.send.bind(ws);
      ws.send = (data: Uint8Array) => {
        const decoder = decoding.createDecoder(new Uint8Array(data));
        if (decoding.readVarUint(decoder) === 1) {
          const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
          const count = decoding.readVarUint(update);
          for (let i = 0; i < count; i++) {
            ids.add(decoding.readVarUint(update));
            decoding.readVarUint(update);
            decoding.readVarString(update);
          }
        }
        send(data);
      };
      return ids;
    };
    const [fromB, fromStock] = [sentBy(b), sentBy(stock)];
    const seen = (client: DocClient, id: number) => client.provider.awareness.getStates().get(id);

    a.provider.awareness.setLocalStateField('cursor', { index: 3 });
    await waitFor(() => seen(b, a.doc.clientID)?.cursor && seen(stock, a.doc.clientID)?.cursor, 'peers see the cursor');
    b.provider.awareness.setLocalStateField('cursor', { index: 1 });
    await waitFor(() => seen(a, b.doc.clientID)?.cursor, 'ana sees ben');
    a.provider.awareness.setLocalState(null);
    await waitFor(() => !seen(b, a.doc.clientID) && !seen(stock, a.doc.clientID), 'peers see ana leave');

    expect([...fromB]).toEqual([b.doc.clientID]);
    expect(fromStock.has(a.doc.clientID)).toBe(true);
    const server = w.app.yjs.loadedDoc(w.workshopId, w.g1)!;
    expect(server.awareness.getStates().get(b.doc.clientID)).toEqual({ cursor: { index: 1 } });
    expect(server.awareness.getStates().has(a.doc.clientID)).toBe(false);
  });

  it("refuses edits written as another member's client id, but takes a resend of what they wrote", async () => {
    const w = await groupOfTwo();
    const a = await syncedClient(w.url, w.workshopId, w.g1, w.ana.seatToken);
    textOf(addObjective(a.doc, 'o1'), 'title').insert(0, 'Grow');
    const server = w.app.yjs.loadedDoc(w.workshopId, w.g1)!;
    await waitFor(() => sameState(a.doc, server.doc), 'ana written');
    // Ben's copy, and a forged continuation of it under Ana's client id.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(a.doc));
    copy.clientID = a.doc.clientID; // after the update (Yjs renames a client that sees its own id arrive)
    const before = Y.encodeStateVector(copy);
    textOf(objectivesOf(copy).get(0), 'title').insert(4, ' (forged)');
    const forged = Y.encodeStateAsUpdate(copy, before);
    const resend = Y.encodeStateAsUpdate(a.doc);

    const send = async (sub: number, update: Uint8Array): Promise<number | null> => {
      const ws = new WebSocket(`${w.url.replace('http', 'ws')}/yjs/${w.workshopId}/${w.g1}?token=${w.ben.seatToken}`);
      onCleanup(() => ws.terminate());
      await new Promise((r) => ws.on('open', r));
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      encoding.writeVarUint(encoder, sub);
      encoding.writeVarUint8Array(encoder, update);
      ws.send(encoding.toUint8Array(encoder));
      // The close code if the server closed the connection for it, null if it answers on.
      return (await yjsRoundTrip(ws)).closed;
    };
    expect(await send(2, forged)).toBe(4400); // a live edit as Ana
    expect(await send(1, forged)).toBe(4400); // a sync reply adding to what Ana wrote
    expect(await send(1, resend)).toBeNull(); // a sync reply repeating it: harmless, taken
    expect(readDraft(server.doc).objectives[0]!.title).toBe('Grow');
    // Ana's own next edit still lands.
    textOf(objectivesOf(a.doc).get(0), 'title').insert(4, ' revenue');
    await waitFor(() => readDraft(server.doc).objectives[0]?.title === 'Grow revenue', 'ana edits on');
  });

  it('drops a keystroke that builds on offline edits when it comes before the sync reply (the reply carries both); after the reply such a gap closes 4400', async () => {
    const w = await groupOfTwo();
    await syncedClient(w.url, w.workshopId, w.g1, w.ana.seatToken);
    const server = w.app.yjs.loadedDoc(w.workshopId, w.g1)!;
    // Ben typed offline ("Gro"), then one more keystroke ("w") right as he reconnects.
    const ben = new Y.Doc();
    ben.clientID = 4242;
    const offline = Y.encodeStateVector(ben);
    ben.getText('notes').insert(0, 'Gro');
    const beforeKey = Y.encodeStateVector(ben);
    ben.getText('notes').insert(3, 'w');
    const keystroke = Y.encodeStateAsUpdate(ben, beforeKey);
    const reply = Y.encodeStateAsUpdate(ben, offline);
    const ws = new WebSocket(`${w.url.replace('http', 'ws')}/yjs/${w.workshopId}/${w.g1}?token=${w.ben.seatToken}`);
    onCleanup(() => ws.terminate());
    await new Promise((r) => ws.on('open', r));
    const message = (sub: number, update: Uint8Array) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      encoding.writeVarUint(encoder, sub);
      encoding.writeVarUint8Array(encoder, update);
      return encoding.toUint8Array(encoder);
    };
    ws.send(message(2, keystroke)); // live, before the reply: dropped, the connection stays
    expect((await yjsRoundTrip(ws)).closed).toBeNull();
    ws.send(message(1, reply)); // the reply: everything Ben has
    expect((await yjsRoundTrip(ws)).closed).toBeNull();
    expect(server.doc.getText('notes').toString()).toBe('Grow');
    // Once replied, a gap is the client's fault.
    const far = new Y.Doc();
    far.clientID = 4242;
    Y.applyUpdate(far, Y.encodeStateAsUpdate(ben));
    far.getText('notes').insert(4, 'x');
    const skipped = Y.encodeStateVector(far);
    far.getText('notes').insert(5, 'y');
    ws.send(message(2, Y.encodeStateAsUpdate(far, skipped)));
    expect((await yjsRoundTrip(ws)).closed).toBe(4400);
  });

  it('passes a live edit on byte for byte, refuses trailing bytes, and sends on what an incomplete edit applied', async () => {
    const w = await groupOfTwo();
    const raw = async (token: string) => {
      const ws = new WebSocket(`${w.url.replace('http', 'ws')}/yjs/${w.workshopId}/${w.g1}?token=${token}`);
      onCleanup(() => ws.terminate());
      const received: Buffer[] = [];
      ws.on('message', (data: Buffer) => received.push(data));
      // After sending: the close code if the server closed the connection for it, null if it answers on.
      const closed = async () => (await yjsRoundTrip(ws)).closed;
      await new Promise((r) => ws.on('open', r));
      return { ws, received, closed };
    };
    const liveEdit = (update: Uint8Array, trailing: number[] = []) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      encoding.writeVarUint(encoder, 2);
      encoding.writeVarUint8Array(encoder, update);
      return Buffer.concat([encoding.toUint8Array(encoder), Buffer.from(trailing)]);
    };
    const textUpdate = (clientID: number, name: string, text: string, base?: Y.Doc) => {
      const doc = new Y.Doc();
      if (base) Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
      doc.clientID = clientID;
      const before = Y.encodeStateVector(doc);
      doc.getText(name).insert(doc.getText(name).length, text);
      return { doc, update: Y.encodeStateAsUpdate(doc, before) };
    };
    const ana = await raw(w.ana.seatToken);
    const ben = await raw(w.ben.seatToken);
    const server = () => w.app.yjs.loadedDoc(w.workshopId, w.g1)!.doc;
    await waitFor(() => ana.received.length > 0 && ben.received.length > 0, 'handshakes');

    // The peer gets exactly the frame's bytes; the sender gets nothing back.
    const edit = liveEdit(textUpdate(1001, 'notes', 'Grow').update);
    const [anaBefore, benBefore] = [ana.received.length, ben.received.length];
    ben.ws.send(edit);
    await waitFor(() => ana.received.length > anaBefore, 'edit passed on');
    expect(Buffer.compare(ana.received.at(-1)!, edit)).toBe(0);
    expect(server().getText('notes').toString()).toBe('Grow');
    // After a round trip on Ben's connection, all Ben got since his edit is the answer to it.
    expect(await yjsRoundTrip(ben.ws)).toEqual({ closed: null });
    expect(ben.received.slice(benBefore).map((m) => [...m.subarray(0, 2)])).toEqual([[0, 1]]);

    // Trailing bytes: refused, nothing applied or passed on.
    const other = await raw(w.ana.seatToken);
    other.ws.send(liveEdit(textUpdate(1002, 'notes', ' fast', server()).update, [0]));
    expect(await other.closed()).toBe(4400);
    expect(server().getText('notes').toString()).toBe('Grow');

    // An edit of two clients, one of which builds on text the server never had: that part is
    // dropped and the connection closed, the other part is applied, passed on and stored.
    const unknown = textUpdate(1003, 'draft', 'zzz');
    const dependent = textUpdate(1004, 'draft', 'yyy', unknown.doc).update;
    const placeable = textUpdate(1005, 'notes', '!', server()).update;
    const broken = await raw(w.ana.seatToken);
    const seen = ana.received.length;
    broken.ws.send(liveEdit(Y.mergeUpdates([placeable, dependent])));
    expect(await broken.closed()).toBe(4400);
    expect(server().getText('notes').toString()).toBe('Grow!');
    expect(server().getText('draft').toString()).toBe('');
    await waitFor(() => ana.received.length > seen, 'applied part passed on');
    const peer = new Y.Doc();
    for (const message of ana.received) {
      const decoder = decoding.createDecoder(message);
      if (decoding.readVarUint(decoder) === 0 && decoding.readVarUint(decoder) === 2) Y.applyUpdate(peer, decoding.readVarUint8Array(decoder));
    }
    expect(sameState(peer, server())).toBe(true);
    expect(peer.getText('notes').toString()).toBe('Grow!');
    // Nothing of the part that could not be placed was sent on.
    expect(peer.store.pendingStructs).toBeNull();
    const stored = new Y.Doc();
    Y.applyUpdate(stored, Y.mergeUpdates((await storedDoc(w.app, w.workshopId, w.g1)).rows.map((r) => r.data)));
    expect(sameState(stored, server())).toBe(true);
    expect(stored.store.pendingStructs).toBeNull();
  });

  it('logs a server fault on the Yjs path with the workshop id and closes 1011, not 4400 as the client\'s fault', async () => {
    const w = await groupOfTwo();
    const a = await syncedClient(w.url, w.workshopId, w.g1, w.ana.seatToken);
    const logged = captureServerLog();
    const onDocChange = w.app.yjs.onDocChange;
    w.app.yjs.onDocChange = () => {
      throw new Error('radar bug');
    };
    try {
      // One edit, one message: one fault, logged once.
      a.doc.transact(() => textOf(addObjective(a.doc, 'o1'), 'title').insert(0, 'still kept'));
      await waitFor(() => a.closes.includes(1011), 'closed 1011');
    } finally {
      w.app.yjs.onDocChange = onDocChange;
    }
    expect(a.closes).not.toContain(4400);
    // One JSON line naming the workshop and group (in its fields or its message) and the error.
    const faults = parseLog<{ msg: string; err?: { message?: string } }>(logged).filter((l) => l.err?.message === 'radar bug');
    expect(faults).toHaveLength(1);
    expect(JSON.stringify(faults[0])).toContain(w.workshopId);
    expect(JSON.stringify(faults[0])).toContain(w.g1);
    // 1011 is not final: the client reconnects, and the edit is on the server.
    await waitFor(() => a.provider.synced && readDraft(w.app.yjs.loadedDoc(w.workshopId, w.g1)!.doc).objectives[0]?.title === 'still kept', 'resynced');
  });

  it('opens a document with a single-use ticket asked for over Socket.IO', async () => {
    const w = await groupOfTwo();
    const ana = await connectClient(w.url, { workshopId: w.workshopId, seatToken: w.ana.seatToken });
    const ticket = await request<{ ticket: string }>(ana, 'yjs:ticket', { groupId: w.g1 });
    expect(ticket.ok).toBe(true);
    const t = ticket.ok ? ticket.data.ticket : '';
    expect(t).not.toContain(w.ana.seatToken);
    expect(await upgradeStatus(w.url, `/yjs/${w.workshopId}/${w.g1}?ticket=${t}`)).toBe(101);
    // Used once: a second upgrade (a replay from a log) is refused.
    expect(await upgradeStatus(w.url, `/yjs/${w.workshopId}/${w.g1}?ticket=${t}`)).toBe(401);
    // No ticket for a group the seat has no access to; the facilitator gets one for any group.
    expect(await request(ana, 'yjs:ticket', { groupId: w.g2 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const facTicket = await request<{ ticket: string }>(w.fac, 'yjs:ticket', { groupId: w.g2 });
    expect(await upgradeStatus(w.url, `/yjs/${w.workshopId}/${w.g2}?ticket=${facTicket.ok ? facTicket.data.ticket : ''}`)).toBe(101);
    // Long-lived tokens in the query still work (scripts and bots).
    expect(await upgradeStatus(w.url, `/yjs/${w.workshopId}/${w.g1}?token=${w.ana.seatToken}`)).toBe(101);
  });

  it('keeps a document nobody is connected to for the grace period: a reconnect finds it loaded', async () => {
    const w = await groupOfTwo({ docUnloadGraceMs: 60_000 });
    const a = await syncedClient(w.url, w.workshopId, w.g1, w.ana.seatToken);
    textOf(addObjective(a.doc, 'o1'), 'title').insert(0, 'kept');
    const room = await waitFor(() => w.app.yjs.loadedDoc(w.workshopId, w.g1), 'loaded');
    a.provider.disconnect();
    await waitFor(() => room.connections.size === 0, 'server saw the close');
    const b = await syncedClient(w.url, w.workshopId, w.g1, w.ana.seatToken);
    expect(w.app.yjs.loadedDoc(w.workshopId, w.g1)).toBe(room);
    expect(readDraft(b.doc).objectives[0]!.title).toBe('kept');
  });

  it('unloads idle documents after the grace period and brings edits back after a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'draftroom-yjs-'));
    onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
    const first = createApp(defaultConfig({ dataDir, docUnloadGraceMs: 200 }));
    const url = await first.listen();
    const created = await createWorkshop(url, { groupCount: 1 });
    const ana = await joinWorkshop(url, created.workshopId, 'Ana');
    const a = docClient(url, created.workshopId, ana.groupId!, ana.seatToken);
    await waitFor(() => a.provider.synced, 'sync');
    for (let i = 0; i < 30; i++) textOf(i === 0 ? addObjective(a.doc, 'o1') : objectivesOf(a.doc).get(0), 'title').insert(i, 'x');
    await waitFor(() => first.yjs.loadedDoc(created.workshopId, ana.groupId!) && readDraft(first.yjs.loadedDoc(created.workshopId, ana.groupId!)!.doc).objectives[0]?.title.length === 30, 'server has all');
    a.provider.disconnect();
    await waitFor(() => first.yjs.loadedCount === 0, 'unloaded');
    await first.close();

    const second = createApp(defaultConfig({ dataDir }));
    const url2 = await second.listen();
    onCleanup(() => second.close());
    const b = await syncedClient(url2, created.workshopId, ana.groupId!, ana.seatToken);
    expect(readDraft(b.doc).objectives[0]!.title).toBe('x'.repeat(30));
  });
});
