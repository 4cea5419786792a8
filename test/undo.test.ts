/**
 * Undo through a real server (issue #23): the updates an undo writes (items brought back, deleted
 * again) pass the server's checks and reach everyone; past a limit the editor refuses, and a stock
 * client that undoes anyway is trimmed by the server without breaking anyone's document.
 */
import { expect, it } from 'vitest';
import { DraftUndo } from '../shared/DraftUndo';
import { LIMITS } from '../shared/limits';
import { addKeyResult, addObjective, findItem, readDraft, textOf } from '../shared/okrDoc';
import { createWorkshop, joinWorkshop, startServer, waitFor } from './helpers';
import { docBarrier, sameState, syncedClient } from './yjsHelpers';

async function groupOfTwo(keyResults: number) {
  const { url } = await startServer();
  const w = await createWorkshop(url, { groupCount: 1 });
  const ana = await joinWorkshop(url, w.workshopId, 'Ana');
  const ben = await joinWorkshop(url, w.workshopId, 'Ben');
  const a = await syncedClient(url, w.workshopId, ana.groupId!, ana.seatToken);
  const b = await syncedClient(url, w.workshopId, ben.groupId!, ben.seatToken);
  a.doc.transact(() => {
    const o = addObjective(a.doc, 'o1');
    textOf(o, 'title').insert(0, 'Customers love onboarding');
    for (let i = 0; i < keyResults; i++) textOf(addKeyResult(o, `k${i}`), 'text').insert(0, `Key result ${i}`);
  });
  await waitFor(() => sameState(a.doc, b.doc), 'seeded');
  /** A third person opening the document now: what the server holds. */
  const fresh = () => syncedClient(url, w.workshopId, ben.groupId!, ben.seatToken);
  return { a, b, undoA: new DraftUndo(a.doc), fresh };
}

const krTexts = (draft: ReturnType<typeof readDraft>) => draft.objectives[0]!.keyResults.map((k) => k.text);

it('the server takes an undo and a redo of a deletion, with another person’s edit in between', async () => {
  const { a, b, undoA, fresh } = await groupOfTwo(3);
  undoA.remove('k1');
  await waitFor(() => findItem(b.doc, 'k1') === null, 'deleted at B');
  textOf(findItem(b.doc, 'k2')!.item, 'text').insert(12, ' this quarter');
  await waitFor(() => sameState(a.doc, b.doc), 'B’s edit at A');
  // Applied by A's provider (its own origin), B's edit is not on A's stack.
  expect(undoA.manager.undoStack).toHaveLength(1);

  expect(undoA.undo().done).toBe(true);
  await docBarrier(a);
  const expected = ['Key result 0', 'Key result 1', 'Key result 2 this quarter'];
  await waitFor(() => sameState(a.doc, b.doc), 'restored at B');
  expect(krTexts(readDraft(b.doc))).toEqual(expected);
  expect(krTexts(readDraft((await fresh()).doc))).toEqual(expected);

  expect(undoA.redo().done).toBe(true);
  await docBarrier(a);
  await waitFor(() => sameState(a.doc, b.doc), 'deleted again at B');
  expect(krTexts(readDraft((await fresh()).doc))).toEqual(['Key result 0', 'Key result 2 this quarter']);
  expect([...a.closes, ...b.closes]).toEqual([]);
});

it('past the limit of key results the editor refuses; a stock undo past it is trimmed by the server, and everyone agrees', async () => {
  const { a, b, undoA, fresh } = await groupOfTwo(LIMITS.maxKeyResultsPerObjective);
  undoA.remove('k5');
  await waitFor(() => findItem(b.doc, 'k5') === null, 'deleted at B');
  addKeyResult(findItem(b.doc, 'o1')!.item, 'fromBen');
  await waitFor(() => findItem(a.doc, 'fromBen') !== null, 'Ben’s key result at A');

  expect(undoA.undo()).toEqual({ done: false, refusal: { reason: 'full', kind: 'keyResult' } });
  // A client without the check undoes anyway: the server holds the list to the limit and every copy converges.
  undoA.manager.undo();
  await docBarrier(a);
  await waitFor(() => sameState(a.doc, b.doc), 'converged');
  const server = (await fresh()).doc;
  await waitFor(() => sameState(a.doc, server), 'converged with the server');
  expect(readDraft(server).objectives[0]!.keyResults).toHaveLength(LIMITS.maxKeyResultsPerObjective);
  expect([...a.closes, ...b.closes]).toEqual([]);
});
