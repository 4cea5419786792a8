import WebSocket from 'ws';
import { io as connectIo } from 'socket.io-client';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LIMITS } from '../shared/limits';
import { addKeyResult, addObjective, objectivesOf, readDraft, textOf } from '../shared/okrDoc';
import { PROTOCOL_VERSION, socketQuery } from '../shared/protocol';
import { HTTP_MAX_BODY_BYTES } from '../server/http/api';
import { SOCKET_MAX_MESSAGE_BYTES } from '../server/socket/attachSockets';
import { YJS_MAX_MESSAGE_BYTES } from '../server/yjs/YjsGateway';
import { connectClient, createWorkshop, joinWorkshop, onCleanup, post, request, startServer, waitFor } from './helpers';
import { sameState, syncedClient } from './yjsHelpers';

/** A raw websocket; resolves with the close code once closed. */
function rawSocket(url: string, headers: Record<string, string> = {}) {
  const ws = new WebSocket(url, { headers });
  ws.on('error', () => {});
  onCleanup(() => ws.terminate());
  const opened = new Promise<void>((resolve, reject) => {
    ws.on('open', () => resolve());
    ws.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  return { ws, opened, closed };
}

async function seatAndGroup(overrides = {}) {
  const server = await startServer(overrides);
  const w = await createWorkshop(server.url, { groupCount: 1 });
  const seat = await joinWorkshop(server.url, w.workshopId, 'Ana');
  return { ...server, ...w, seat, yjsUrl: `${server.url.replace('http', 'ws')}/yjs/${w.workshopId}/${seat.groupId}?token=${seat.seatToken}` };
}

describe('size limits: one byte over is refused', () => {
  it('REST JSON body', async () => {
    const { url } = await startServer();
    const pad = (n: number) => JSON.stringify({ title: 'x', pad: 'a'.repeat(n - JSON.stringify({ title: 'x', pad: '' }).length) });
    const at = await fetch(`${url}/api/workshops`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: pad(HTTP_MAX_BODY_BYTES) });
    expect(at.status).toBe(201);
    const over = await fetch(`${url}/api/workshops`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: pad(HTTP_MAX_BODY_BYTES + 1) });
    expect(over.status).toBe(413);
    expect(((await over.json()) as { error: { code: string } }).error.code).toBe('limit_exceeded');
  });

  it('Socket.IO message (maxHttpBufferSize)', async () => {
    const s = await seatAndGroup();
    const open = async () => {
      const r = rawSocket(`${s.url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket&workshop=${s.workshopId}`);
      await r.opened;
      r.ws.send(`40${JSON.stringify({ protocolVersion: PROTOCOL_VERSION, workshopId: s.workshopId, seatToken: s.seat.seatToken })}`);
      await new Promise<void>((resolve) => r.ws.on('message', (m) => String(m).startsWith('40') && resolve()));
      return r;
    };
    const frame = (size: number) => {
      const head = '42["clock:now",{"pad":"';
      const tail = '"}]';
      return head + 'a'.repeat(size - head.length - tail.length) + tail;
    };
    const ok = await open();
    ok.ws.send(frame(SOCKET_MAX_MESSAGE_BYTES));
    // Still alive: a request with an acknowledgement is answered.
    ok.ws.send('421["clock:now",{}]');
    await new Promise<void>((resolve) => ok.ws.on('message', (m) => String(m).startsWith('431') && resolve()));
    const over = await open();
    over.ws.send(frame(SOCKET_MAX_MESSAGE_BYTES + 1));
    expect(await over.closed).toBe(1009);
  });

  it('y-websocket message (maxPayload)', async () => {
    const s = await seatAndGroup();
    const at = rawSocket(s.yjsUrl);
    await at.opened;
    at.ws.send(Buffer.alloc(YJS_MAX_MESSAGE_BYTES, 0xff)); // malformed, but not too large
    expect(await at.closed).toBe(4400);
    const over = rawSocket(s.yjsUrl);
    await over.opened;
    over.ws.send(Buffer.alloc(YJS_MAX_MESSAGE_BYTES + 1, 0xff));
    expect(await over.closed).toBe(1009);
  });

  it('text length per field, objectives per group, and document size', async () => {
    const s = await seatAndGroup();
    const a = await syncedClient(s.url, s.workshopId, s.seat.groupId!, s.seat.seatToken);
    const other = await syncedClient(s.url, s.workshopId, s.seat.groupId!, s.seat.seatToken);
    textOf(addObjective(a.doc, 'o1'), 'title').insert(0, 'x'.repeat(LIMITS.textMaxLength + 1));
    await waitFor(() => sameState(a.doc, other.doc) && readDraft(other.doc).objectives[0]?.title.length === LIMITS.textMaxLength, 'trimmed');
    // A whole new objective in one transaction: its own texts and key results are capped too.
    a.doc.transact(() => {
      const o = addObjective(a.doc, 'o2');
      textOf(o, 'title').insert(0, 'z'.repeat(LIMITS.textMaxLength + 10));
      for (let i = 0; i < LIMITS.maxKeyResultsPerObjective + 4; i++) textOf(addKeyResult(o, `k${i}`), 'text').insert(0, 'k'.repeat(LIMITS.textMaxLength + 1));
    });
    await waitFor(() => {
      const o2 = readDraft(other.doc).objectives[1];
      return sameState(a.doc, other.doc) && o2?.title.length === LIMITS.textMaxLength && o2.keyResults.length === LIMITS.maxKeyResultsPerObjective;
    }, 'new objective capped');
    expect(readDraft(other.doc).objectives[1]!.keyResults.every((k) => k.text.length === LIMITS.textMaxLength)).toBe(true);
    a.doc.transact(() => {
      for (let i = 0; i < LIMITS.maxObjectivesPerDoc + 3; i++) addObjective(a.doc, `extra${i}`);
    });
    await waitFor(() => sameState(a.doc, other.doc) && objectivesOf(other.doc).length === LIMITS.maxObjectivesPerDoc, 'capped');
    // Past the document size the connection is closed (4413) and nothing else changes.
    const before = readDraft(s.app.yjs.loadedDoc(s.workshopId, s.seat.groupId!)!.doc);
    const big = new Y.Doc();
    const chunk = 'y'.repeat(400 * 1024);
    const updates: Uint8Array[] = [];
    big.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 6; i++) big.getText('scratch').insert(0, chunk);
    const raw = rawSocket(s.yjsUrl);
    await raw.opened;
    for (const u of updates) {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 2);
      encoding.writeVarUint8Array(e, u);
      raw.ws.send(encoding.toUint8Array(e));
    }
    expect(await raw.closed).toBe(4413);
    expect(readDraft(s.app.yjs.loadedDoc(s.workshopId, s.seat.groupId!)!.doc)).toEqual(before);
  });
});

describe('rate limits', () => {
  it('workshop creation and joins per IP answer 429 with Retry-After', async () => {
    const { url } = await startServer({ createPerMinute: 3, joinPerMinute: 4 });
    const created = [];
    for (let i = 0; i < 3; i++) created.push(await post(`${url}/api/workshops`, { title: `W${i}` }));
    expect(created.map((r) => r.status)).toEqual([201, 201, 201]);
    const refused = await fetch(`${url}/api/workshops`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":"x"}' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    const id = (created[0]!.body as { workshopId: string }).workshopId;
    const joins = [];
    for (let i = 0; i < 5; i++) joins.push((await post(`${url}/api/workshops/${id}/join`, { name: `P${i}` })).status);
    expect(joins).toEqual([201, 201, 201, 201, 429]);
  });

  it('Socket.IO requests per connection', async () => {
    const s = await seatAndGroup();
    const socket = await connectClient(s.url, { workshopId: s.workshopId, seatToken: s.seat.seatToken });
    const results = await Promise.all(Array.from({ length: 100 }, () => request(socket, 'clock:now', {})));
    const limited = results.filter((r) => !r.ok && r.error.code === 'rate_limited').length;
    expect(limited).toBeGreaterThan(0);
    expect(results.filter((r) => r.ok).length).toBeGreaterThanOrEqual(40);
  });

  it('an unknown Socket.IO request gets a clear error', async () => {
    const s = await seatAndGroup();
    const socket = await connectClient(s.url, { workshopId: s.workshopId, seatToken: s.seat.seatToken });
    const unknown = await request(socket, 'workshop:hack' as 'clock:now', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found', message: 'Unknown request "workshop:hack".' } });
    // The connection still works.
    expect(await request(socket, 'clock:now', {})).toMatchObject({ ok: true });
  });

  it('Yjs edits per connection: a flood is closed with 4529 (retry later)', async () => {
    const s = await seatAndGroup();
    const raw = rawSocket(s.yjsUrl);
    await raw.opened;
    const doc = new Y.Doc();
    const text = doc.getText('t');
    doc.on('update', (u: Uint8Array) => {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 2);
      encoding.writeVarUint8Array(e, u);
      raw.ws.send(encoding.toUint8Array(e));
    });
    for (let i = 0; i < 400; i++) text.insert(i, 'z');
    expect(await raw.closed).toBe(4529);
  });
});

describe('origin checks', () => {
  it('refuses foreign origins on Socket.IO and /yjs; same origin and the allow-list pass', async () => {
    const s = await seatAndGroup({ allowedOrigins: ['https://partner.example'] });
    const attempt = (origin: string) =>
      new Promise<boolean>((resolve) => {
        const socket = connectIo(s.url, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { origin }, query: socketQuery(s.workshopId), auth: { protocolVersion: PROTOCOL_VERSION, workshopId: s.workshopId, seatToken: s.seat.seatToken } });
        onCleanup(() => {
          socket.disconnect();
        });
        socket.on('connect', () => resolve(true));
        socket.on('connect_error', () => resolve(false));
      });
    expect(await attempt('https://evil.example')).toBe(false);
    expect(await attempt(s.url)).toBe(true);
    expect(await attempt('https://partner.example')).toBe(true);
    await expect(rawSocket(s.yjsUrl, { origin: 'https://evil.example' }).opened).rejects.toThrow('HTTP 403');
    await rawSocket(s.yjsUrl, { origin: s.url }).opened;
  });
});
