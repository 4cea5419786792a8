/** The store's group commit of Yjs updates: committed soon on its own (on the writer thread on disk), and seen by reads at once. */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { SqliteStore as Store } from '../server/store/SqliteStore';
import type { WorkshopStore } from '../server/store/types';
import { CHECKPOINT_INTERVAL_MS } from '../server/store/StoreWriter';
import { addObjective, readDraft, textOf } from '../shared/okrDoc';
import { DEFAULT_OKR_RULES } from '../shared/okrRules';
import { seededRandom } from '../shared/random';
import { reduceWorkshop, type WorkshopAction } from '../shared/reducer';
import { initialSession } from '../shared/session';
import type { WorkshopState } from '../shared/workshop';
import { createWorkshop, joinWorkshop, startServer, storeDb, waitFor } from './helpers';
import { sameState, syncedClient } from './yjsHelpers';

const draftOf = (rows: { data: Uint8Array }[]) => {
  const doc = new Y.Doc();
  for (const r of rows) Y.applyUpdate(doc, r.data);
  return readDraft(doc);
};

/** What the store holds of a group document (updates not committed yet included). */
const docUpdates = async (store: WorkshopStore, w: string, g: string) => (await store.loadWorkshop(w))?.docs.get(g)?.rows ?? [];
const lastEdit = async (store: WorkshopStore, w: string, g: string) => (await store.loadWorkshop(w))?.docs.get(g)?.lastEdit ?? null;

/** The updates of an objective added, then its title typed a character at a time. */
function typedUpdates(text: string): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const title = textOf(addObjective(doc, 'o1'), 'title');
  for (const ch of text) title.insert(title.length, ch);
  return updates;
}


/** A store on disk (so with its writer thread) holding workshop 'w'; the directory goes afterwards. */
async function onDisk(name: string, test: (store: Store, db: Database.Database, dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), `draftroom-${name}-`));
  try {
    const store = new Store(dir);
    const db = storeDb(store);
    db.prepare("INSERT INTO workshops (id, state, facilitator_key_hash, last_active) VALUES ('w', '{}', 'x', 0)").run();
    await test(store, db, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

it('commits accepted updates within the interval, and a read sees them at once', async () => {
  const { url, app } = await startServer();
  const w = await createWorkshop(url, { groupCount: 1 });
  const ana = await joinWorkshop(url, w.workshopId, 'Ana');
  const ben = await joinWorkshop(url, w.workshopId, 'Ben');

  // On its own: the commit timer writes a pending update and reports its sequence number.
  const doc = new Y.Doc();
  textOf(addObjective(doc, 'o0'), 'title').insert(0, 'Written directly');
  const seqs: number[] = [];
  // (A document no client opens: an open one is its room's, and the store is only written.)
  app.store.appendUpdateSoon(w.workshopId, 'direct', Y.encodeStateAsUpdate(doc), Date.now(), (seq) => seqs.push(seq));
  await waitFor(() => seqs.length === 1, 'committed by the timer');
  expect(seqs[0]).toBeGreaterThan(0);
  expect(draftOf(await docUpdates(app.store, w.workshopId, 'direct')).objectives[0]!.title).toBe('Written directly');

  // Through real clients: whatever a peer has seen, a read of the store has too, at once.
  const a = await syncedClient(url, w.workshopId, ana.groupId!, ana.seatToken);
  const b = await syncedClient(url, w.workshopId, ana.groupId!, ben.seatToken);
  textOf(addObjective(a.doc, 'o1'), 'title').insert(0, 'Customers love onboarding');
  await waitFor(() => sameState(a.doc, b.doc) && readDraft(b.doc).objectives.length === 1, 'peer has it');
  const stored = draftOf(await docUpdates(app.store, w.workshopId, ana.groupId!));
  expect(stored.objectives.map((o) => o.title)).toEqual(readDraft(b.doc).objectives.map((o) => o.title));
  expect(stored.objectives.map((o) => o.title)).toContain('Customers love onboarding');
});

it("stores a group's updates of one commit interval as one row, read back one by one in order", async () => {
  const store = new Store(null);
  const db = storeDb(store);
  db.prepare("INSERT INTO workshops (id, state, facilitator_key_hash, last_active) VALUES ('w', '{}', 'x', 0)").run();
  const updates = typedUpdates('Grow');
  const seqs: number[] = [];
  for (const u of updates) store.appendUpdateSoon('w', 'g1', u, 1, (seq) => seqs.push(seq));
  store.appendUpdateSoon('w', 'g2', updates[0]!, 1, (seq) => seqs.push(seq));
  await store.commitPending();
  // One row per group document; every update learns its row's sequence number.
  expect(db.prepare('SELECT group_id, parts FROM doc_updates ORDER BY seq').all()).toEqual([
    { group_id: 'g1', parts: updates.length },
    { group_id: 'g2', parts: 1 },
  ]);
  expect(seqs).toHaveLength(updates.length + 1);
  expect(new Set(seqs.slice(0, updates.length)).size).toBe(1);
  const back = await docUpdates(store, 'w', 'g1');
  expect(back.map((r) => [...r.data])).toEqual(updates.map((u) => [...u]));
  expect(draftOf(back).objectives[0]!.title).toBe('Grow');
  await store.close();
});

it('commits on the writer thread; reads see updates not committed yet; a deleted workshop takes its rows along', async () =>
  onDisk('writer', async (store, db, dir) => {
    db.prepare("INSERT INTO workshops (id, state, facilitator_key_hash, last_active) VALUES ('gone', '{}', 'x', 0)").run();
    const rows = () => db.prepare('SELECT workshop_id, group_id, parts FROM doc_updates ORDER BY seq').all();
    const updates = typedUpdates('Grow');
    const seqs: number[] = [];
    for (const u of updates) store.appendUpdateSoon('w', 'g1', u, 5, (seq) => seqs.push(seq));
    store.appendUpdateSoon('gone', 'g1', updates[0]!, 5, () => seqs.push(-1));
    // Pending: not in the database, yet every read sees them.
    expect(rows()).toEqual([]);
    expect(draftOf(await docUpdates(store, 'w', 'g1')).objectives[0]!.title).toBe('Grow');
    expect(await lastEdit(store, 'w', 'g1')).toBe(5);
    // Sent to the writer: still seen while it commits; the main thread does not write them.
    await store.commitPending();
    expect(draftOf(await docUpdates(store, 'w', 'g1')).objectives[0]!.title).toBe('Grow');
    await store.deleteWorkshop('gone');
    await waitFor(() => seqs.length === updates.length, 'committed by the writer', 15_000);
    expect(rows()).toEqual([{ workshop_id: 'w', group_id: 'g1', parts: updates.length }]);
    expect(new Set(seqs).size).toBe(1);
    expect(seqs[0]).toBeGreaterThan(0);
    expect((await docUpdates(store, 'w', 'g1')).map((r) => [...r.data])).toEqual(updates.map((u) => [...u]));
    // Committed rows and uncommitted ones come back in order, the latter with the last row's number.
    store.appendUpdateSoon('w', 'g1', updates[0]!, 9, () => {});
    expect((await docUpdates(store, 'w', 'g1')).map((r) => r.seq)).toEqual([...seqs, seqs[0]]);
    expect(await lastEdit(store, 'w', 'g1')).toBe(9);
    await store.close();
    // Close committed the last one.
    const reopened = new Store(dir);
    expect(await docUpdates(reopened, 'w', 'g1')).toHaveLength(updates.length + 1);
    await reopened.close();
  }));

it('takes over when the writer thread dies: what it had not confirmed is written on the main thread', async () =>
  onDisk('writer-dies', async (store, db) => {
    const doc = new Y.Doc();
    textOf(addObjective(doc, 'o1'), 'title').insert(0, 'Grow');
    const update = Y.encodeStateAsUpdate(doc);
    const seqs: number[] = [];
    store.appendUpdateSoon('w', 'g1', update, 1, (seq) => seqs.push(seq));
    await store.commitPending();
    // Killed before it could answer (its transaction, if any, may or may not have landed).
    const writer = (store as unknown as { writer: { worker: { terminate(): Promise<number> } } }).writer;
    await writer.worker.terminate();
    await waitFor(() => seqs.length === 1, 'written by the main thread');
    expect(draftOf(await docUpdates(store, 'w', 'g1')).objectives[0]!.title).toBe('Grow');
    // Later commits are the main thread's, at once.
    store.appendUpdateSoon('w', 'g2', update, 1, (seq) => seqs.push(seq));
    await store.commitPending();
    expect(seqs).toHaveLength(2);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await store.close();
  }));

it('checkpoints the write-ahead log on a worker thread, not in the commits', async () =>
  onDisk('checkpoint', async (store, db, dir) => {
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const file = join(dir, 'draftroom.sqlite');
    const before = statSync(file).size;
    // ~2 MB into the log; only a checkpoint moves it into the database file.
    const data = new Uint8Array(1024).fill(7);
    const append = db.prepare('INSERT INTO doc_updates (workshop_id, group_id, data, at) VALUES (?, ?, ?, ?)');
    for (let i = 0; i < 2000; i++) append.run('w', `g${i % 50}`, data, 1);
    expect(statSync(file).size).toBe(before);
    await waitFor(() => statSync(file).size > before + 1_000_000, 'checkpointed by the worker', 3 * CHECKPOINT_INTERVAL_MS + 2000);
    expect(await docUpdates(store, 'w', 'g0')).toHaveLength(40);
    await store.close();
  }));

/** A new workshop's state with `groups` groups. */
function workshopState(id: string, groups: number): WorkshopState {
  return {
    id, title: 'Stored', language: 'en', createdAt: 1, lastActiveAt: 1, phase: 'lobby', assignment: 'auto', maxGroupSize: null,
    groups: Array.from({ length: groups }, (_, i) => ({ id: `g${i}`, name: `Group ${i}` })),
    participants: [], session: initialSession(), rules: DEFAULT_OKR_RULES,
  };
}

/** Applies actions one by one, saving each change as the room does. */
async function saveEach(store: Store, state: WorkshopState, actions: WorkshopAction[]): Promise<WorkshopState> {
  let before = state;
  for (const [i, action] of actions.entries()) {
    const after = reduceWorkshop(before, action, 100 + i);
    if (!after.ok) throw new Error(after.error.message);
    await store.saveWorkshop(before, after.data);
    before = after.data;
  }
  return before;
}

it("keeps each participant in a row of their own: a join writes the newcomer, not the workshop's state", async () =>
  onDisk('participants', async (store, db, dir) => {
    const stateColumn = () => db.prepare<[], { state: string }>("SELECT state FROM workshops WHERE id = 's'").get()!.state;
    const joins = Array.from({ length: 12 }, (_, i): WorkshopAction => ({ type: 'join', participantId: `p${i}`, name: `Person ${i}`, newGroupId: `n${i}` }));
    await store.createWorkshop(workshopState('s', 3), 'hash');
    const created = stateColumn();
    let state = await saveEach(store, workshopState('s', 3), joins);
    // Twelve joins into existing groups left the workshop's row as it was.
    expect(stateColumn()).toBe(created);
    expect(created).not.toContain('participants');
    expect(db.prepare("SELECT COUNT(*) AS n FROM participants WHERE workshop_id = 's'").get()).toEqual({ n: 12 });
    state = await saveEach(store, state, [
      { type: 'move', participantId: 'p3', groupId: null },
      { type: 'removeParticipant', participantId: 'p5' },
      { type: 'renameGroup', groupId: 'g1', name: 'Growth' },
      { type: 'timer', command: { action: 'set', ms: 60_000 } },
    ]);
    expect(stateColumn()).toContain('Growth');
    await store.saveActivity('s', 999);
    await store.close();
    // After a restart: the same state, participants in join order.
    const reopened = new Store(dir);
    expect(await reopened.loadWorkshop('s')).toEqual({ state: { ...state, lastActiveAt: 999 }, facilitatorKeyHash: 'hash', comments: [], docs: new Map(), coaching: null });
    await reopened.close();
  }));

/** Freezes a state and everything in it: a reducer that changed an object in place would throw. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

it('reads back exactly the state after each of 1,500 random actions, across restarts', async () =>
  onDisk('random-actions', async (first, _db, dir) => {
    let store = first;
    const random = seededRandom(2026);
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
    let n = 0;
    for (const assignment of ['auto', 'self-select', 'facilitator'] as const) {
      const id = `s-${assignment}`;
      let state = deepFreeze({ ...workshopState(id, 2), assignment, maxGroupSize: assignment === 'facilitator' ? null : 3 });
      await store.createWorkshop(state, 'hash');
      for (let i = 0; i < 500; i++) {
        const people = state.participants.map((p) => p.id);
        const groups = state.groups.map((g) => g.id);
        const action = pick<WorkshopAction>([
          { type: 'join', participantId: `p${n++}`, name: pick(['Ana', 'Ben']), newGroupId: `n${n++}` },
          { type: 'join', participantId: `p${n++}`, name: pick(['Ana', 'Ben']), newGroupId: `n${n++}` },
          { type: 'chooseGroup', participantId: pick(people), groupId: pick(groups) },
          { type: 'move', participantId: pick(people), groupId: pick([null, ...groups]) },
          { type: 'removeParticipant', participantId: pick(people) },
          { type: 'requestHelp', participantId: pick(people), message: 'Stuck' },
          { type: 'addGroup', groupId: `a${n++}` },
          { type: 'removeGroup', groupId: pick(groups) },
          { type: 'renameGroup', groupId: pick(groups), name: `Team ${n++}` },
          { type: 'balance' },
          { type: 'shuffle', seed: n++ },
          { type: 'setPhase', phase: pick(['lobby', 'breakouts', 'plenary'] as const) },
          { type: 'timer', command: { action: 'set', ms: 60_000 } },
        ]);
        const after = reduceWorkshop(state, action, 1000 + i);
        if (!after.ok) continue;
        await store.saveWorkshop(state, after.data);
        state = deepFreeze(after.data);
        if (random() < 0.01) {
          await store.close();
          store = new Store(dir);
        }
        expect((await store.loadWorkshop(id))!.state).toEqual(state);
      }
    }
    await store.close();
  }));

it('opens a store that kept participants in the workshop JSON, and moves them to their rows', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'draftroom-old-participants-'));
  const scratch = new Store(null);
  await scratch.createWorkshop(workshopState('s', 2), 'hash');
  const state = await saveEach(scratch, workshopState('s', 2), [
    { type: 'join', participantId: 'p0', name: 'Ana', newGroupId: 'n0' },
    { type: 'join', participantId: 'p1', name: 'Ben', newGroupId: 'n1' },
  ]);
  await scratch.close();
  // As an older version wrote it: the whole state in the workshop's row, and no participants table.
  const old = new Database(join(dir, 'draftroom.sqlite'));
  old.exec('CREATE TABLE workshops (id TEXT PRIMARY KEY, state TEXT NOT NULL, facilitator_key_hash TEXT NOT NULL, last_active INTEGER NOT NULL)');
  old.prepare("INSERT INTO workshops VALUES ('s', ?, 'hash', ?)").run(JSON.stringify(state), state.lastActiveAt);
  old.close();
  const store = new Store(dir);
  expect((await store.loadWorkshop('s'))!.state).toEqual(state);
  expect(storeDb(store).prepare<[], { state: string }>('SELECT state FROM workshops').get()!.state).not.toContain('Ana');
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

it('opens a store written before updates were batched (rows without a parts column)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'draftroom-old-store-'));
  const doc = new Y.Doc();
  textOf(addObjective(doc, 'o1'), 'title').insert(0, 'Old row');
  const old = new Database(join(dir, 'draftroom.sqlite'));
  old.exec(`CREATE TABLE workshops (id TEXT PRIMARY KEY, state TEXT NOT NULL, facilitator_key_hash TEXT NOT NULL, last_active INTEGER NOT NULL);
    CREATE TABLE doc_updates (seq INTEGER PRIMARY KEY AUTOINCREMENT, workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE, group_id TEXT NOT NULL, data BLOB NOT NULL, at INTEGER NOT NULL);
    INSERT INTO workshops VALUES ('w', '{}', 'x', 0);`);
  old.prepare("INSERT INTO doc_updates (workshop_id, group_id, data, at) VALUES ('w', 'g1', ?, 1)").run(Y.encodeStateAsUpdate(doc));
  old.close();
  const store = new Store(dir);
  expect(draftOf(await docUpdates(store, 'w', 'g1')).objectives[0]!.title).toBe('Old row');
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

it('compacts while the writer thread commits without SQLITE_BUSY, and keeps every update', async () => {
  // Before compactions took the write lock first (BEGIN IMMEDIATE), about half of them failed here
  // with "database is locked": the writer's commit came between their read and their write.
  await onDisk('busy', async (store, _db, dir) => {
    const typed = typedUpdates('compaction meets the writer thread');
    const groups = Array.from({ length: 8 }, (_, i) => `g${i}`);
    const start = Date.now();
    let rounds = 0;
    let next = 0;
    while (Date.now() - start < 2000 || next < typed.length) {
      // Every group gets the next typed update (the writer commits them), then one is compacted.
      if (next < typed.length) {
        for (const g of groups) store.appendUpdateSoon('w', g, typed[next]!, Date.now(), () => {});
        next++;
      }
      await store.commitPending();
      const g = groups[rounds % groups.length]!;
      const doc = new Y.Doc();
      for (const r of await docUpdates(store, 'w', g)) Y.applyUpdate(doc, r.data);
      await store.compactUpdates('w', g, Number.MAX_SAFE_INTEGER, Y.encodeStateAsUpdate(doc));
      rounds++;
      await new Promise((r) => setImmediate(r));
    }
    await store.close();
    const reopened = new Store(dir);
    for (const g of groups) expect(draftOf(await docUpdates(reopened, 'w', g)).objectives[0]?.title).toBe('compaction meets the writer thread');
    await reopened.close();
  });
});
