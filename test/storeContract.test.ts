/**
 * The store contract (server/store/types.ts), one suite run against both implementations: the
 * embedded SQLite store on disk and PostgreSQL (a real server, a schema per test).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PgStore } from '../server/store/PgStore';
import { SqliteStore } from '../server/store/SqliteStore';
import type { WorkshopStore } from '../server/store/types';
import type { Comment } from '../shared/comments';
import { addObjective, readDraft, textOf } from '../shared/okrDoc';
import { DEFAULT_OKR_RULES } from '../shared/okrRules';
import { seededRandom } from '../shared/random';
import { reduceWorkshop, type WorkshopAction } from '../shared/reducer';
import { initialSession } from '../shared/session';
import type { WorkshopState } from '../shared/workshop';
import { onCleanup, waitFor } from './helpers';
import { PG_TEST_URL, testSchema } from './pgHelpers';

/** Opens a store; `reopen` closes it and opens the same data again (a restart). */
interface Engine {
  name: string;
  open(): Promise<{ store: WorkshopStore; reopen(): Promise<WorkshopStore> }>;
}

const quiet = () => {};

/** An engine whose `make` opens the same data each time it is called (a restart opens it again). */
function engine(name: string, setup: () => () => WorkshopStore): Engine {
  return {
    name,
    async open() {
      const make = setup();
      let store = make();
      onCleanup(() => store.close().catch(() => undefined));
      await store.ready();
      return {
        store,
        reopen: async () => {
          await store.close();
          store = make();
          await store.ready();
          return store;
        },
      };
    },
  };
}

const engines: Engine[] = [
  engine('SQLite', () => {
    const dir = mkdtempSync(join(tmpdir(), 'draftroom-contract-'));
    onCleanup(() => rmSync(dir, { recursive: true, force: true }));
    return () => new SqliteStore(dir, quiet);
  }),
  engine('PostgreSQL', () => {
    const schema = testSchema();
    return () => new PgStore({ url: PG_TEST_URL, schema }, quiet);
  }),
];

function workshop(id: string, groups = 2): WorkshopState {
  return {
    id, title: 'Contract', language: 'en', createdAt: 1, lastActiveAt: 1, phase: 'lobby', assignment: 'auto', maxGroupSize: null,
    groups: Array.from({ length: groups }, (_, i) => ({ id: `g${i}`, name: `Group ${i}` })),
    participants: [], session: initialSession(), rules: DEFAULT_OKR_RULES,
  };
}

function apply(state: WorkshopState, action: WorkshopAction, now: number): WorkshopState {
  const r = reduceWorkshop(state, action, now);
  if (!r.ok) throw new Error(r.error.message);
  return r.data;
}

/** A Yjs update that adds an objective titled `title`. */
function objectiveUpdate(id: string, title: string): Uint8Array {
  const doc = new Y.Doc();
  textOf(addObjective(doc, id), 'title').insert(0, title);
  return Y.encodeStateAsUpdate(doc);
}

function titles(rows: { data: Uint8Array }[]): string[] {
  const doc = new Y.Doc();
  for (const r of rows) Y.applyUpdate(doc, r.data);
  return readDraft(doc).objectives.map((o) => o.title).sort();
}

function comment(id: string, groupId: string, text: string): Comment {
  return { id, groupId, itemId: null, field: null, parentId: null, kind: 'coach', authorId: null, authorName: 'Facilitator', authorGroupId: null, text, createdAt: 5, resolved: false };
}

describe.each(engines)('the store contract on $name', (engine) => {
  it('creates a workshop with its seeded documents, and loads it back as it was', async () => {
    const { store } = await engine.open();
    const state = workshop('w1');
    await store.createWorkshop(state, 'key-hash', [{ groupId: 'g0', update: objectiveUpdate('o1', 'Imported') }]);
    const loaded = (await store.loadWorkshop('w1'))!;
    expect(loaded.state).toEqual(state);
    expect(loaded.facilitatorKeyHash).toBe('key-hash');
    expect(loaded.comments).toEqual([]);
    expect(titles(loaded.docs.get('g0')!.rows)).toEqual(['Imported']);
    expect(loaded.docs.get('g0')!.lastEdit).toBe(state.createdAt);
    expect(loaded.docs.has('g1')).toBe(false);
    expect(await store.loadWorkshop('nope')).toBeNull();
    await expect(store.createWorkshop(state, 'again')).rejects.toThrow();
  });

  it('keeps participants in join order with their seats; a removal revokes the seat', async () => {
    const { store, reopen } = await engine.open();
    let state = workshop('w2');
    await store.createWorkshop(state, 'h');
    for (const [i, name] of ['Zoe', 'Ana', 'Mia'].entries()) {
      const after = apply(state, { type: 'join', participantId: `p${i}`, name, newGroupId: `n${i}` }, 10 + i);
      await store.saveWorkshop(state, after, { add: { tokenHash: `seat-${i}`, participantId: `p${i}` } });
      state = after;
    }
    expect(await store.findSeat('seat-1')).toEqual({ workshopId: 'w2', participantId: 'p1' });
    const removed = apply(state, { type: 'removeParticipant', participantId: 'p1' }, 20);
    await store.saveWorkshop(state, removed, { revoke: 'p1' });
    expect(await store.findSeat('seat-1')).toBeNull();
    const again = await reopen();
    const loaded = (await again.loadWorkshop('w2'))!;
    expect(loaded.state.participants.map((p) => p.name)).toEqual(['Zoe', 'Mia']);
    expect(loaded.state).toEqual(removed);
    expect(await again.findSeat('seat-2')).toEqual({ workshopId: 'w2', participantId: 'p2' });
  });

  it('writes a change and its seat all or nothing: a duplicate seat leaves the workshop as it was', async () => {
    const { store } = await engine.open();
    const state = workshop('w3');
    await store.createWorkshop(state, 'h');
    const one = apply(state, { type: 'join', participantId: 'p0', name: 'Ana', newGroupId: 'n0' }, 10);
    await store.saveWorkshop(state, one, { add: { tokenHash: 'same', participantId: 'p0' } });
    const two = apply(one, { type: 'join', participantId: 'p1', name: 'Ben', newGroupId: 'n1' }, 11);
    await expect(store.saveWorkshop(one, two, { add: { tokenHash: 'same', participantId: 'p1' } })).rejects.toThrow();
    expect((await store.loadWorkshop('w3'))!.state.participants.map((p) => p.id)).toEqual(['p0']);
  });

  it('keeps comments in the order they came, and their updates', async () => {
    const { store, reopen } = await engine.open();
    await store.createWorkshop(workshop('w4'), 'h');
    await store.putComments('w4', [comment('c2', 'g0', 'second id, first comment'), comment('c1', 'g1', 'then this')]);
    await store.putComments('w4', [{ ...comment('c2', 'g0', 'second id, first comment'), resolved: true }]);
    const loaded = (await (await reopen()).loadWorkshop('w4'))!;
    expect(loaded.comments.map((c) => [c.id, c.resolved])).toEqual([['c2', true], ['c1', false]]);
  });

  it("keeps a workshop's coaching record, replaced on each save, and deletes it with the workshop", async () => {
    const { store, reopen } = await engine.open();
    await store.createWorkshop(workshop('wc'), 'h');
    expect((await store.loadWorkshop('wc'))!.coaching).toBeNull();
    await store.saveCoaching('wc', '{"v":1}');
    await store.saveCoaching('wc', '{"v":2}');
    const again = await reopen();
    expect((await again.loadWorkshop('wc'))!.coaching).toBe('{"v":2}');
    await again.deleteWorkshop('wc');
    await again.saveCoaching('wc', '{"v":3}');
    expect(await again.loadWorkshop('wc')).toBeNull();
  });

  it('commits updates in groups, reads them back before and after the commit, in order', async () => {
    const { store, reopen } = await engine.open();
    await store.createWorkshop(workshop('w5'), 'h');
    const seqs: number[] = [];
    store.appendUpdateSoon('w5', 'g0', objectiveUpdate('a', 'Alpha'), 100, (s) => seqs.push(s));
    store.appendUpdateSoon('w5', 'g0', objectiveUpdate('b', 'Beta'), 101, (s) => seqs.push(s));
    store.appendUpdateSoon('w5', 'g1', objectiveUpdate('c', 'Gamma'), 102, (s) => seqs.push(s));
    // Not committed yet, read back all the same.
    const early = (await store.loadWorkshop('w5'))!;
    expect(titles(early.docs.get('g0')!.rows)).toEqual(['Alpha', 'Beta']);
    expect(early.docs.get('g0')!.lastEdit).toBe(101);
    // Committed on its own within the interval: one row per document.
    await waitFor(() => seqs.length === 3, 'the group commit');
    expect(seqs[0]).toBe(seqs[1]);
    expect(seqs[2]).not.toBe(seqs[0]);
    const loaded = (await (await reopen()).loadWorkshop('w5'))!;
    expect(titles(loaded.docs.get('g0')!.rows)).toEqual(['Alpha', 'Beta']);
    expect(titles(loaded.docs.get('g1')!.rows)).toEqual(['Gamma']);
    expect(loaded.docs.get('g1')!.lastEdit).toBe(102);
  });

  it('compacts a document into one snapshot, keeping what came after it', async () => {
    const { store } = await engine.open();
    await store.createWorkshop(workshop('w6'), 'h');
    const seqs: number[] = [];
    const doc = new Y.Doc();
    doc.on('update', (u: Uint8Array) => store.appendUpdateSoon('w6', 'g0', u, 200, (s) => seqs.push(s)));
    textOf(addObjective(doc, 'o'), 'title').insert(0, 'Snap');
    await store.commitPending();
    await waitFor(() => seqs.length === 2, 'committed');
    const upto = Math.max(...seqs);
    textOf(addObjective(doc, 'later'), 'title').insert(0, 'After');
    await store.compactUpdates('w6', 'g0', upto, Y.encodeStateAsUpdate(doc));
    const rows = (await store.loadWorkshop('w6'))!.docs.get('g0')!.rows;
    expect(titles(rows)).toEqual(['After', 'Snap']);
    // Every row up to the snapshot is gone (what is read twice while a commit lands is only repeated).
    expect(rows.every((r) => r.seq > upto)).toBe(true);
  });

  it('deletes a workshop with its seats, comments and updates, including updates not committed yet', async () => {
    const { store, reopen } = await engine.open();
    const state = workshop('w7');
    await store.createWorkshop(state, 'h');
    const joined = apply(state, { type: 'join', participantId: 'p0', name: 'Ana', newGroupId: 'n0' }, 10);
    await store.saveWorkshop(state, joined, { add: { tokenHash: 'seat-w7', participantId: 'p0' } });
    await store.putComments('w7', [comment('c', 'g0', 'x')]);
    const stored: number[] = [];
    store.appendUpdateSoon('w7', 'g0', objectiveUpdate('o', 'Gone'), 1, (s) => stored.push(s));
    await store.deleteWorkshop('w7');
    await store.commitPending();
    expect(await store.loadWorkshop('w7')).toBeNull();
    expect(await store.findSeat('seat-w7')).toBeNull();
    expect(stored).toEqual([]);
    expect(await (await reopen()).loadWorkshop('w7')).toBeNull();
  });

  it('lists the workshops idle since a time; activity moves a workshop out of the list', async () => {
    const { store } = await engine.open();
    await store.createWorkshop({ ...workshop('old'), lastActiveAt: 1000 }, 'h');
    await store.createWorkshop({ ...workshop('new'), lastActiveAt: 5000 }, 'h');
    expect(await store.expiredWorkshops(2000)).toEqual(['old']);
    await store.saveActivity('old', 3000);
    expect(await store.expiredWorkshops(2000)).toEqual([]);
    expect((await store.loadWorkshop('old'))!.state.lastActiveAt).toBe(3000);
  });

  it('commits what is queued when it closes', async () => {
    const { store, reopen } = await engine.open();
    await store.createWorkshop(workshop('w8'), 'h');
    store.appendUpdateSoon('w8', 'g0', objectiveUpdate('o', 'Kept on close'), 1, () => {});
    const again = await reopen();
    expect(titles((await again.loadWorkshop('w8'))!.docs.get('g0')!.rows)).toEqual(['Kept on close']);
  });

  it('reads back exactly the state after each of 300 random actions, across restarts', async () => {
    const { store: first, reopen } = await engine.open();
    let store = first;
    const random = seededRandom(20);
    const pick = <T,>(items: T[]): T => items[Math.floor(random() * items.length)]!;
    let state: WorkshopState = { ...workshop('rand', 2), assignment: 'self-select', maxGroupSize: 3 };
    await store.createWorkshop(state, 'h');
    let n = 0;
    for (let i = 0; i < 300; i++) {
      const people = state.participants.map((p) => p.id);
      const groups = state.groups.map((g) => g.id);
      const action = pick<WorkshopAction>([
        { type: 'join', participantId: `p${n++}`, name: pick(['Ana', 'Ben', 'Ünal']), newGroupId: `n${n++}` },
        { type: 'join', participantId: `p${n++}`, name: 'Cy', newGroupId: `n${n++}` },
        { type: 'chooseGroup', participantId: pick(people), groupId: pick(groups) },
        { type: 'move', participantId: pick(people), groupId: pick([null, ...groups]) },
        { type: 'removeParticipant', participantId: pick(people) },
        { type: 'addGroup', groupId: `a${n++}` },
        { type: 'renameGroup', groupId: pick(groups), name: `Team ${n++}` },
        { type: 'setPhase', phase: pick(['lobby', 'breakouts', 'plenary'] as const) },
        { type: 'timer', command: { action: 'set', ms: 60_000 } },
      ]);
      const after = reduceWorkshop(state, action, 1000 + i);
      if (!after.ok) continue;
      await store.saveWorkshop(state, after.data);
      state = after.data;
      if (random() < 0.02) store = await reopen();
      expect((await store.loadWorkshop('rand'))!.state).toEqual(state);
    }
  });
});
