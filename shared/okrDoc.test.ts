import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addKeyResult,
  addObjective,
  DraftReader,
  findItem,
  keyResultsOf,
  KR_TEXT_FIELDS,
  moveItem,
  objectivesOf,
  readDraft,
  removeItem,
  setDismissed,
  setKeyResultField,
  textOf,
} from './okrDoc';

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One random edit of any kind the editor or an import makes. */
function edit(doc: Y.Doc, rnd: () => number, n: number): void {
  const pick = <T,>(xs: T[]): T | undefined => xs[Math.floor(rnd() * xs.length)];
  const objectives = objectivesOf(doc).toArray();
  const krs = objectives.flatMap((o) => keyResultsOf(o).toArray());
  const items = [...objectives, ...krs];
  const r = rnd();
  if (r < 0.1 || objectives.length === 0) addObjective(doc, `o${n}`);
  else if (r < 0.25) addKeyResult(pick(objectives)!, `k${n}`);
  else if (r < 0.3) removeItem(doc, String(pick(items)!.get('id')));
  else if (r < 0.35) moveItem(doc, String(pick(items)!.get('id')), rnd() < 0.5 ? -1 : 1);
  else if (r < 0.4) setDismissed(pick(items)!, 'kr-output', rnd() < 0.5);
  else if (r < 0.45 && krs.length > 0) setKeyResultField(pick(krs)!, 'confidence', Math.round(rnd() * 10) / 10);
  else {
    const item = pick(items)!;
    const text = textOf(item, krs.includes(item) ? pick([...KR_TEXT_FIELDS])! : pick(['title', 'why'])!);
    if (rnd() < 0.2 && text.length > 0) text.delete(Math.floor(rnd() * text.length), 1);
    else text.insert(Math.floor(rnd() * (text.length + 1)), 'abc'[n % 3]!);
  }
}

describe('DraftReader', () => {
  it('reads the same draft as readDraft after every local and remote change', () => {
    for (const seed of [1, 2, 3]) {
      const rnd = random(seed);
      const doc = new Y.Doc();
      const other = new Y.Doc();
      const reader = new DraftReader(doc);
      for (let n = 0; n < 400; n++) {
        if (rnd() < 0.3) {
          // A peer's change arrives as an update.
          Y.applyUpdate(other, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(other)));
          edit(other, rnd, n);
          Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)));
        } else edit(doc, rnd, n);
        if (n % 3 === 0) expect(reader.read()).toEqual(readDraft(doc));
      }
      expect(reader.read().objectives.length).toBeGreaterThan(3);
    }
  });

  it('reads an untouched objective once and a changed one again', () => {
    const doc = new Y.Doc();
    const reader = new DraftReader(doc);
    const a = addObjective(doc, 'a');
    const b = addObjective(doc, 'b');
    textOf(addKeyResult(b, 'b1'), 'text').insert(0, 'Grow');
    const first = reader.read();
    textOf(findItem(doc, 'b1')!.item, 'text').insert(4, ' NPS');
    const second = reader.read();
    expect(second.objectives[0]).toBe(first.objectives[0]);
    expect(second.objectives[1]).not.toBe(first.objectives[1]);
    expect(second.objectives[1]!.keyResults[0]!.text).toBe('Grow NPS');
    textOf(a, 'title').insert(0, 'Delight');
    expect(reader.read().objectives[0]!.title).toBe('Delight');
  });

  it('reads an untouched key result once, also when its objective or a sibling changes', () => {
    const doc = new Y.Doc();
    const reader = new DraftReader(doc);
    const o = addObjective(doc, 'o');
    textOf(addKeyResult(o, 'k1'), 'text').insert(0, 'Raise NPS');
    const k2 = textOf(addKeyResult(o, 'k2'), 'text');
    k2.insert(0, 'Cut churn');
    const first = reader.read().objectives[0]!;
    k2.insert(9, ' to 2%');
    const second = reader.read().objectives[0]!;
    expect(second).not.toBe(first);
    expect(second.keyResults[0]).toBe(first.keyResults[0]);
    expect(second.keyResults[1]!.text).toBe('Cut churn to 2%');
    textOf(o, 'title').insert(0, 'Loyal customers');
    // An unchanged read in between carries the key results over.
    reader.read();
    const third = reader.read().objectives[0]!;
    expect(third.title).toBe('Loyal customers');
    expect(third.keyResults[0]).toBe(first.keyResults[0]);
    expect(third.keyResults[1]).toBe(second.keyResults[1]);
  });
});
