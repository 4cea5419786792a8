/** The store's group commit of Yjs updates: committed soon on its own, and at once before any read. */
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { addObjective, readDraft, textOf } from '../shared/okrDoc';
import { createWorkshop, joinWorkshop, startServer, waitFor } from './helpers';
import { sameState, syncedClient } from './yjsHelpers';

const draftOf = (rows: { data: Uint8Array }[]) => {
  const doc = new Y.Doc();
  for (const r of rows) Y.applyUpdate(doc, r.data);
  return readDraft(doc);
};

it('commits accepted updates within the interval, and before anything reads them', async () => {
  const { url, app } = await startServer();
  const w = await createWorkshop(url, { groupCount: 1 });
  const ana = await joinWorkshop(url, w.workshopId, 'Ana');
  const ben = await joinWorkshop(url, w.workshopId, 'Ben');

  // On its own: the commit timer writes a pending update and reports its sequence number.
  const doc = new Y.Doc();
  textOf(addObjective(doc, 'o0'), 'title').insert(0, 'Written directly');
  const seqs: number[] = [];
  app.store.appendUpdateSoon(w.workshopId, ana.groupId!, Y.encodeStateAsUpdate(doc), Date.now(), (seq) => seqs.push(seq));
  await waitFor(() => seqs.length === 1, 'committed by the timer');
  expect(seqs[0]).toBeGreaterThan(0);

  // Through real clients: whatever a peer has seen, a read of the store has too, at once.
  const a = await syncedClient(url, w.workshopId, ana.groupId!, ana.seatToken);
  const b = await syncedClient(url, w.workshopId, ana.groupId!, ben.seatToken);
  textOf(addObjective(a.doc, 'o1'), 'title').insert(0, 'Customers love onboarding');
  await waitFor(() => sameState(a.doc, b.doc) && readDraft(b.doc).objectives.length === 2, 'peer has it');
  const stored = draftOf(app.store.docUpdates(w.workshopId, ana.groupId!));
  expect(stored.objectives.map((o) => o.title)).toEqual(readDraft(b.doc).objectives.map((o) => o.title));
  expect(stored.objectives.map((o) => o.title)).toContain('Customers love onboarding');
});
