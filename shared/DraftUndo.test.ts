import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DraftUndo, typingStep } from './DraftUndo';
import { LIMITS } from './limits';
import { addKeyResult, addObjective, findItem, readDraft, textOf, writeDraft } from './okrDoc';
import type { Draft } from './okr';

/** What the y-websocket provider uses as the origin of the updates it applies. */
const PROVIDER = { provider: true };

/** Two people's documents, synced to each other as a provider would (remote updates under the provider's origin). */
function pair(draft: Draft) {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (u: Uint8Array, origin: unknown) => origin !== PROVIDER && Y.applyUpdate(b, u, PROVIDER));
  b.on('update', (u: Uint8Array, origin: unknown) => origin !== PROVIDER && Y.applyUpdate(a, u, PROVIDER));
  writeDraft(b, draft);
  return { a, b, undoA: new DraftUndo(a), undoB: new DraftUndo(b) };
}

const kr = (id: string, text: string) => ({
  id,
  text,
  type: 'metric' as const,
  metric: '',
  unit: '',
  baseline: '',
  target: '',
  commit: '',
  stretch: '',
  confidence: null,
  champion: '',
  indicator: null,
  impact: null,
  dismissed: [],
});
const DRAFT: Draft = {
  objectives: [
    { id: 'o1', title: 'Customers love onboarding', why: '', dismissed: [], keyResults: [kr('k1', 'Raise NPS from 30 to 45'), kr('k2', 'Cut setup time from 9 to 4 days'), kr('k3', 'Activation from 40% to 60%')] },
    { id: 'o2', title: 'Ship faster', why: 'Customers wait', dismissed: [], keyResults: [kr('k4', 'Lead time from 10 to 3 days')] },
  ],
};

/** Types `text` at the end of a field as a person does, one character per transaction. */
function typeInto(undo: DraftUndo, doc: Y.Doc, id: string, field: string, text: string) {
  const y = textOf(findItem(doc, id)!.item, field);
  for (const ch of text) {
    const before = y.toString();
    undo.type(typingStep(before, before.length, 0, ch), () => y.insert(before.length, ch));
  }
}

const texts = (doc: Y.Doc) => readDraft(doc).objectives.map((o) => [o.title, o.keyResults.map((k) => k.text)]);

describe('DraftUndo', () => {
  it('undoes its own deletion of a key result while another person edits another field; redo deletes it again; remote edits are not on its stack', () => {
    const { a, b, undoA } = pair(DRAFT);
    const deletion = undoA.remove('k2');
    expect(deletion?.kind).toBe('keyResult');
    expect(findItem(b, 'k2')).toBeNull();
    const stackBefore = undoA.manager.undoStack.length;

    // B types in another key result, and changes the objective's title, after A's deletion.
    typeInto(new DraftUndo(b), b, 'k3', 'text', ' this quarter');
    textOf(findItem(b, 'o1')!.item, 'title').insert(0, 'All ');
    expect(undoA.manager.undoStack.length).toBe(stackBefore);

    const outcome = undoA.undo();
    expect(outcome).toEqual({ done: true, restored: { id: 'k2', kind: 'keyResult' } });
    for (const doc of [a, b]) {
      expect(texts(doc)).toEqual([
        ['All Customers love onboarding', ['Raise NPS from 30 to 45', 'Cut setup time from 9 to 4 days', 'Activation from 40% to 60% this quarter']],
        ['Ship faster', ['Lead time from 10 to 3 days']],
      ]);
    }

    expect(undoA.redo().done).toBe(true);
    for (const doc of [a, b]) expect(readDraft(doc).objectives[0]!.keyResults.map((k) => k.id)).toEqual(['k1', 'k3']);
    expect(findItem(a, 'k3') && textOf(findItem(a, 'k3')!.item, 'text').toString()).toBe('Activation from 40% to 60% this quarter');

    // Undo again, and once more: A has nothing else to undo, B's typing stays.
    expect(undoA.undo().done).toBe(true);
    expect(undoA.undo()).toEqual({ done: false, refusal: null });
    expect(textOf(findItem(b, 'k3')!.item, 'text').toString()).toBe('Activation from 40% to 60% this quarter');
    expect(textOf(findItem(b, 'o1')!.item, 'title').toString()).toBe('All Customers love onboarding');
  });

  it('brings a deleted objective back in its place with its key results, their texts and choices', () => {
    const { a, b, undoA } = pair(DRAFT);
    const before = JSON.stringify(readDraft(b));
    undoA.edit(() => findItem(a, 'k4')!.item.set('confidence', 7));
    undoA.newStep();
    const withConfidence = JSON.stringify(readDraft(b));
    expect(withConfidence).not.toBe(before);
    undoA.remove('o1');
    expect(readDraft(b).objectives.map((o) => o.id)).toEqual(['o2']);
    expect(undoA.undo()).toEqual({ done: true, restored: { id: 'o1', kind: 'objective' } });
    expect(JSON.stringify(readDraft(a))).toBe(withConfidence);
    expect(JSON.stringify(readDraft(b))).toBe(withConfidence);
    // The step before the deletion is one of its own.
    expect(undoA.undo().done).toBe(true);
    expect(JSON.stringify(readDraft(b))).toBe(before);
  });

  it('undoes typing in word-sized steps, across fields', () => {
    const { b, undoA, a } = pair(DRAFT);
    typeInto(undoA, a, 'k1', 'text', ' in Q3');
    undoA.newStep(); // focus moved on
    typeInto(undoA, a, 'o2', 'why', ' too long');
    const k1 = () => textOf(findItem(b, 'k1')!.item, 'text').toString();
    const why = () => textOf(findItem(b, 'o2')!.item, 'why').toString();
    expect([k1(), why()]).toEqual(['Raise NPS from 30 to 45 in Q3', 'Customers wait too long']);
    undoA.undo();
    expect(why()).toBe('Customers wait too');
    undoA.undo();
    expect(why()).toBe('Customers wait');
    undoA.undo();
    expect(k1()).toBe('Raise NPS from 30 to 45 in');
    undoA.redo();
    expect(k1()).toBe('Raise NPS from 30 to 45 in Q3');
  });

  it('a deletion is undone on its own from the toast, with later edits above it kept and still undoable', () => {
    const { b, a, undoA } = pair(DRAFT);
    const deletion = undoA.remove('k1')!;
    typeInto(undoA, a, 'k4', 'text', '!');
    expect(undoA.pending(deletion)).toBe(true);
    expect(undoA.restore(deletion)).toEqual({ done: true, restored: { id: 'k1', kind: 'keyResult' } });
    expect(undoA.pending(deletion)).toBe(false);
    expect(readDraft(b).objectives[0]!.keyResults.map((k) => k.id)).toEqual(['k1', 'k2', 'k3']);
    expect(textOf(findItem(b, 'k4')!.item, 'text').toString()).toBe('Lead time from 10 to 3 days!');
    // The typing is still the next thing Ctrl+Z undoes; the deletion is not done twice.
    undoA.undo();
    expect(textOf(findItem(b, 'k4')!.item, 'text').toString()).toBe('Lead time from 10 to 3 days');
    expect(undoA.restore(deletion)).toEqual({ done: false, refusal: null });
    expect(findItem(b, 'k1')).not.toBeNull();
  });

  it('refuses to bring a key result back past the limit, and does once there is room', () => {
    const full: Draft = { objectives: [{ ...DRAFT.objectives[0]!, keyResults: Array.from({ length: LIMITS.maxKeyResultsPerObjective }, (_, i) => kr(`k${i}`, `KR ${i}`)) }] };
    const { a, b, undoA } = pair(full);
    undoA.remove('k5');
    addKeyResult(findItem(b, 'o1')!.item, 'fromB');
    const snapshot = Y.encodeStateVector(a);
    expect(undoA.undo()).toEqual({ done: false, refusal: { reason: 'full', kind: 'keyResult' } });
    expect(Y.encodeStateVector(a)).toEqual(snapshot); // nothing was written
    expect(findItem(b, 'fromB')).not.toBeNull();
    // B deletes another one: now it fits.
    const doc = b;
    doc.transact(() => findItem(doc, 'k0')!.parent.delete(0, 1));
    expect(undoA.undo().done).toBe(true);
    expect(readDraft(b).objectives[0]!.keyResults).toHaveLength(LIMITS.maxKeyResultsPerObjective);
    expect(findItem(b, 'k5')).not.toBeNull();
  });

  it('refuses to bring a key result back into an objective someone else deleted, and goes on with the next step', () => {
    const { a, b, undoA } = pair(DRAFT);
    typeInto(undoA, a, 'k4', 'text', '!');
    undoA.remove('k1');
    b.transact(() => findItem(b, 'o1')!.parent.delete(0, 1));
    expect(undoA.undo()).toEqual({ done: false, refusal: { reason: 'gone' } });
    expect(readDraft(a).objectives.map((o) => o.id)).toEqual(['o2']);
    expect(undoA.undo().done).toBe(true);
    expect(textOf(findItem(b, 'k4')!.item, 'text').toString()).toBe('Lead time from 10 to 3 days');
  });

  it('never takes away what someone else wrote: adding a key result B has typed in is not undone', () => {
    const { a, b, undoA } = pair(DRAFT);
    undoA.step(() => addKeyResult(findItem(a, 'o2')!.item, 'new'));
    textOf(findItem(b, 'new')!.item, 'text').insert(0, 'Written by B');
    expect(undoA.undo()).toEqual({ done: false, refusal: { reason: 'othersWrote' } });
    expect(textOf(findItem(b, 'new')!.item, 'text').toString()).toBe('Written by B');
    // An item nobody else touched is removed by undo as usual.
    undoA.step(() => addObjective(a, 'mine'));
    expect(undoA.undo().done).toBe(true);
    expect(findItem(b, 'mine')).toBeNull();
  });

  it('redo of a deletion is refused once someone else has written in the restored item', () => {
    const { b, undoA } = pair(DRAFT);
    undoA.remove('k3');
    undoA.undo();
    textOf(findItem(b, 'k3')!.item, 'champion').insert(0, 'Ben');
    expect(undoA.redo()).toEqual({ done: false, refusal: { reason: 'othersWrote' } });
    expect(textOf(findItem(b, 'k3')!.item, 'champion').toString()).toBe('Ben');
  });

  it('cuts typing into steps at a space after a word, and keeps pastes alone', () => {
    expect(typingStep('word', 4, 0, ' ')).toBe('new');
    expect(typingStep('word ', 5, 0, ' ')).toBe('same');
    expect(typingStep('word', 4, 0, 's')).toBe('same');
    expect(typingStep('', 0, 0, ' ')).toBe('same');
    expect(typingStep('word', 4, 0, 'pasted text')).toBe('alone');
    expect(typingStep('a long word', 2, 4, '')).toBe('alone');
  });
});
