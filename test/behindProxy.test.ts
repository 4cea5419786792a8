/**
 * What a node gives the load balancer in front of it (issue #20): the workshop in the Socket.IO
 * query (refused when missing or not the one in `auth`), X-Draftroom-Node on every answer, and the
 * client's address taken from X-Forwarded-For when TRUST_PROXY says whom to believe.
 */
import { io as connect } from 'socket.io-client';
import { describe, expect, it, vi } from 'vitest';
import { NODE_HEADER } from '../server/nodeId';
import { PROTOCOL_VERSION } from '../shared/protocol';
import { createWorkshop, joinWorkshop, onCleanup, startServer } from './helpers';
import { upgradeResponse } from './yjsHelpers';

/** How a stock socket.io-client handshake with this query and auth ends: 'connected' or the refusal's code. */
function handshake(url: string, query: Record<string, string>, auth: Record<string, unknown>, transports = ['websocket']): Promise<string> {
  const socket = connect(url, { transports, reconnection: false, forceNew: true, query, auth: { protocolVersion: PROTOCOL_VERSION, ...auth } });
  onCleanup(() => {
    socket.disconnect();
  });
  return new Promise((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', (err: Error & { data?: { code?: string } }) => resolve(err.data?.code ?? `no code: ${err.message}`));
  });
}

describe('the Socket.IO query names the workshop', () => {
  it('is refused with invalid_payload when missing or not the workshop of auth; accepted when it is, over WebSocket and polling', async () => {
    const { url } = await startServer();
    const a = await createWorkshop(url);
    const b = await createWorkshop(url);
    const seat = await joinWorkshop(url, a.workshopId, 'Ana');
    const auth = { workshopId: a.workshopId, seatToken: seat.seatToken };
    expect(await handshake(url, {}, auth)).toBe('invalid_payload');
    expect(await handshake(url, { workshop: b.workshopId }, auth)).toBe('invalid_payload');
    expect(await handshake(url, { workshop: '' }, auth)).toBe('invalid_payload');
    expect(await handshake(url, { workshop: a.workshopId }, auth)).toBe('connected');
    // Polling first (what a proxy sees most of): every request of the connection carries the query.
    expect(await handshake(url, { workshop: a.workshopId }, auth, ['polling', 'websocket'])).toBe('connected');
    expect(await handshake(url, { workshop: a.workshopId }, { workshopId: a.workshopId, facilitatorKey: a.facilitatorKey })).toBe('connected');
    // The usual refusals come after it, as before.
    expect(await handshake(url, { workshop: a.workshopId }, { workshopId: a.workshopId, seatToken: 'not-a-seat' })).toBe('unauthorized');
    expect(await handshake(url, { workshop: a.workshopId }, { ...auth, protocolVersion: PROTOCOL_VERSION - 1 })).toBe('version_mismatch');
  });
});

describe('X-Draftroom-Node', () => {
  it('is on REST answers, Socket.IO polling and WebSocket handshakes, and /yjs upgrades accepted or refused', async () => {
    const { url } = await startServer({ nodeId: 'node-a' });
    const w = await createWorkshop(url, { groupCount: 1 });
    const seat = await joinWorkshop(url, w.workshopId, 'Ana');
    const header = NODE_HEADER.toLowerCase();
    for (const path of ['/readyz', '/healthz', `/api/workshops/${w.workshopId}`, '/api/workshops/nope', '/w/nope']) {
      expect((await fetch(url + path)).headers.get(header), path).toBe('node-a');
    }
    const polling = await fetch(`${url}/socket.io/?EIO=4&transport=polling&workshop=${w.workshopId}`);
    expect(polling.status).toBe(200);
    expect(polling.headers.get(header)).toBe('node-a');
    const unknownSession = await fetch(`${url}/socket.io/?EIO=4&transport=polling&sid=bogus`);
    expect(unknownSession.status).toBe(400);
    expect(unknownSession.headers.get(header)).toBe('node-a');
    const socketIo = await upgradeResponse(url, `/socket.io/?EIO=4&transport=websocket&workshop=${w.workshopId}`);
    expect(socketIo).toMatchObject({ status: 101, headers: { [header]: 'node-a' } });
    const group = seat.groupId!;
    expect(await upgradeResponse(url, `/yjs/${w.workshopId}/${group}?token=${seat.seatToken}`)).toMatchObject({ status: 101, headers: { [header]: 'node-a' } });
    expect(await upgradeResponse(url, `/yjs/${w.workshopId}/${group}`)).toMatchObject({ status: 401, headers: { [header]: 'node-a' } });
    expect(await upgradeResponse(url, `/yjs/nope/${group}`)).toMatchObject({ status: 404, headers: { [header]: 'node-a' } });
    expect(await upgradeResponse(url, '/elsewhere')).toMatchObject({ status: 404, headers: { [header]: 'node-a' } });
  });
});

describe('TRUST_PROXY', () => {
  const createFrom = (url: string, forwardedFor: string) =>
    fetch(`${url}/api/workshops`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
      body: JSON.stringify({ title: 'Behind a proxy' }),
    }).then((r) => r.status);

  it('counts the per-IP limits per client address behind one proxy (1 hop), per connection without it', async () => {
    const behind = await startServer({ createPerMinute: 1, trustProxy: 1 });
    expect([await createFrom(behind.url, '203.0.113.1'), await createFrom(behind.url, '203.0.113.1'), await createFrom(behind.url, '203.0.113.2')]).toEqual([201, 429, 201]);
    // Only the last hop (the proxy's own entry) is believed: what a client writes in front of it is not.
    expect(await createFrom(behind.url, '198.51.100.7, 203.0.113.1')).toBe(429);
    // Without it, X-Forwarded-For is ignored, and express-rate-limit says once that it looks misconfigured.
    const warned = vi.spyOn(console, 'error').mockImplementation(() => {});
    onCleanup(() => warned.mockRestore());
    const direct = await startServer({ createPerMinute: 1 });
    expect([await createFrom(direct.url, '203.0.113.1'), await createFrom(direct.url, '203.0.113.2')]).toEqual([201, 429]);
    expect(String(warned.mock.calls[0]?.[0])).toContain('trust proxy');
  });
});
