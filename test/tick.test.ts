/** The session's timer ends even when its timeout fires before the server's clock says it is due. */
import { expect, it } from 'vitest';
import { WorkshopRegistry } from '../server/rooms/WorkshopRegistry';
import type { RegistryListener } from '../server/rooms/WorkshopRegistry';
import { SqliteStore } from '../server/store/SqliteStore';
import { SingleNode } from '../server/cluster/ownership';
import { LIMITS } from '../shared/limits';
import { captureServerLog, waitFor } from './helpers';

it('closes breakouts at the end of the timer although every timeout fires early by the server clock', async () => {
  // A clock running at half speed: a timeout set for the time left always fires when, by this
  // clock, only half of it has passed (as a lagging event loop makes it fire a little early).
  const start = Date.now();
  const slowClock = () => start + (Date.now() - start) / 2;
  const store = new SqliteStore(null);
  const quiet = { onDirty() {}, onSeatsMoved() {}, onSeatsRemoved() {}, onComments() {}, onUnloaded() {}, onDeleted() {} };
  const registry = new WorkshopRegistry(store, new SingleNode('test'), quiet as unknown as RegistryListener, 60_000, slowClock);
  const { state } = await registry.create({ title: 'Tick', groupCount: 2 } as Parameters<WorkshopRegistry['create']>[0], slowClock());
  const room = (await registry.get(state.id, slowClock()))!;
  for (const command of [{ action: 'set', ms: LIMITS.timerMinMs }, { action: 'closeOnEnd', on: true }, { action: 'start' }] as const) {
    expect((await room.dispatch({ type: 'timer', command }, slowClock())).ok).toBe(true);
  }
  expect(room.state.session.breakouts.closed).toBe(false);
  await waitFor(() => room.state.session.breakouts.closed, 'breakouts closed by the timer', 5000);
  expect(room.state.session.timer).toMatchObject({ endsAt: null, remainingMs: 0 });
  expect(slowClock()).toBeGreaterThanOrEqual(state.lastActiveAt + LIMITS.timerMinMs);
  room.dispose();
  await store.close();
});

it('a store failure when the timer ends is logged, the process goes on, and the tick is tried again', async () => {
  const store = new SqliteStore(null);
  const quiet = { onDirty() {}, onSeatsMoved() {}, onSeatsRemoved() {}, onComments() {}, onUnloaded() {}, onDeleted() {} };
  const registry = new WorkshopRegistry(store, new SingleNode('test'), quiet as unknown as RegistryListener, 60_000, Date.now);
  const { state } = await registry.create({ title: 'Tick', groupCount: 2 } as Parameters<WorkshopRegistry['create']>[0], Date.now());
  const room = (await registry.get(state.id, Date.now()))!;
  for (const command of [{ action: 'set', ms: LIMITS.timerMinMs }, { action: 'closeOnEnd', on: true }, { action: 'start' }] as const) {
    expect((await room.dispatch({ type: 'timer', command }, Date.now())).ok).toBe(true);
  }
  // The disk fails for the first save after the timer ends.
  const save = store.saveWorkshop.bind(store);
  let failures = 0;
  store.saveWorkshop = async (before, after) => {
    if (after.session.breakouts.closed && failures++ === 0) throw new Error('disk I/O error');
    await save(before, after);
  };
  const logged = captureServerLog();
  await waitFor(() => room.state.session.breakouts.closed, 'breakouts closed on the retried tick', 5000);
  expect(failures).toBeGreaterThanOrEqual(2);
  expect(logged.some((l) => l.includes(`workshop ${state.id}: timer tick`) && l.includes('disk I/O error'))).toBe(true);
  expect((await store.loadWorkshop(state.id))!.state.session.breakouts.closed).toBe(true);
  room.dispose();
  await store.close();
});
