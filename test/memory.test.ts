/** Rooms and documents leave memory when their workshops go: 100 workshops come and go. */
import { expect, it } from 'vitest';
import { addObjective, textOf } from '../shared/okrDoc';
import { cleanupMark, connectClient, createWorkshop, flushCleanupsSince, joinWorkshop, request, startServer, storedWorkshopIds, waitFor } from './helpers';
import { syncedClient } from './yjsHelpers';

const WORKSHOPS = 100;

function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc (vitest.config.ts sets it)');
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

async function oneWorkshop(url: string, i: number): Promise<{ close: () => void; workshopId: string; facilitatorKey: string }> {
  const w = await createWorkshop(url, { groupCount: 2, title: `Workshop ${i}` });
  const fac = await connectClient(url, { workshopId: w.workshopId, facilitatorKey: w.facilitatorKey });
  const seat = await joinWorkshop(url, w.workshopId, 'Ana');
  const socket = await connectClient(url, { workshopId: w.workshopId, seatToken: seat.seatToken });
  const doc = await syncedClient(url, w.workshopId, seat.groupId!, seat.seatToken);
  textOf(addObjective(doc.doc, 'o1'), 'title').insert(0, `Objective ${i}`.repeat(20));
  await request(fac, 'comment:add', { groupId: seat.groupId, text: 'Nice' });
  await request(fac, 'radar:list', {});
  return {
    ...w,
    close: () => {
      doc.provider.destroy();
      socket.disconnect();
      fac.disconnect();
    },
  };
}

it(`returns near the baseline heap after ${WORKSHOPS} workshops come and go`, async () => {
  const ttl = 60 * 60_000;
  const { url, app } = await startServer({ createPerMinute: 10_000, workshopTtlMs: ttl, docUnloadGraceMs: 0 });
  // The test's own clients live in this process too: they are dropped before each measurement.
  const mark = cleanupMark();
  const cycle = async (count: number) => {
    for (let i = 0; i < count; i++) {
      const w = await oneWorkshop(url, i);
      peakRooms = Math.max(peakRooms, app.registry.loadedCount);
      if (i % 2 === 0) {
        // Half are ended and deleted by their facilitator…
        const fac = await connectClient(url, { workshopId: w.workshopId, facilitatorKey: w.facilitatorKey });
        expect(await request(fac, 'workshop:delete', {})).toMatchObject({ ok: true });
      }
      w.close();
    }
    await flushCleanupsSince(mark);
    // The server has seen every client leave: no room is kept in memory for a connection.
    await waitFor(() => app.io.sockets.sockets.size === 0 && app.yjs.loadedCount === 0, 'clients gone', 10_000);
    // …the other half expire after the inactivity window (and are purged from the store).
    await app.registry.sweep(Date.now() + 2 * ttl);
    expect(app.registry.loadedCount).toBe(0);
    expect(await storedWorkshopIds(app)).toEqual([]);
  };
  let peakRooms = 0;
  await cycle(10); // warm up code paths and caches first
  const baseline = heapAfterGc();
  await cycle(WORKSHOPS);
  const after = heapAfterGc();
  const growth = (after - baseline) / 1024 / 1024;
  console.log(`memory: baseline ${(baseline / 1024 / 1024).toFixed(1)} MB, after ${WORKSHOPS} workshops ${(after / 1024 / 1024).toFixed(1)} MB (+${growth.toFixed(2)} MB), peak rooms ${peakRooms}`);
  expect(growth).toBeLessThan(8);
}, 120_000);

it('keeps no HTTP request per connection once it is open (Socket.IO and /yjs)', async () => {
  const { url, app } = await startServer();
  const w = await createWorkshop(url, { groupCount: 1 });
  const seat = await joinWorkshop(url, w.workshopId, 'Ana');
  // Every upgrade request, watched without being kept.
  const requests: WeakRef<object>[] = [];
  app.http.prependListener('upgrade', (req: object) => requests.push(new WeakRef(req)));
  const sockets = [];
  for (let i = 0; i < 3; i++) sockets.push(await connectClient(url, { workshopId: w.workshopId, seatToken: seat.seatToken }));
  const docs = [];
  for (let i = 0; i < 3; i++) docs.push(await syncedClient(url, w.workshopId, seat.groupId!, seat.seatToken));
  expect(requests).toHaveLength(6);
  // WeakRefs are cleared in a later turn than the collection that frees their target.
  await waitFor(async () => {
    heapAfterGc();
    await new Promise((r) => setTimeout(r, 10));
    return requests.every((r) => r.deref() === undefined);
  }, 'requests collected');
  expect(sockets.every((s) => s.connected) && docs.every((d) => d.provider.wsconnected)).toBe(true);
});
