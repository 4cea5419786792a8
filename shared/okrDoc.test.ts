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
  ordered,
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

describe('display order', () => {
  const ids = (doc: Y.Doc): string[] => readDraft(doc).objectives.map((o) => o.id);
  const sync = (a: Y.Doc, b: Y.Doc): void => {
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  };
  /** A document as earlier versions (or bots following the old format) wrote it: numeric or no `order`. */
  const legacyDoc = (items: Array<[string, number | undefined]>): Y.Doc => {
    const doc = new Y.Doc();
    doc.transact(() => {
      for (const [id, order] of items) {
        const item = new Y.Map<unknown>();
        item.set('id', id);
        if (order !== undefined) item.set('order', order);
        objectivesOf(doc).push([item]);
      }
    });
    return doc;
  };
  // Numbers ascending (equal ones in array order), items without an order last, in array order.
  const LEGACY: Array<[string, number | undefined]> = [['e', undefined], ['c', 2.5], ['a', 1], ['d', 3], ['f', undefined], ['b', 2], ['b2', 2]];
  const LEGACY_ORDER = ['a', 'b', 'b2', 'c', 'd', 'e', 'f'];

  it('gives new items string keys in append order', () => {
    const doc = new Y.Doc();
    for (const id of ['a', 'b', 'c']) addObjective(doc, id);
    const orders = objectivesOf(doc).map((o) => o.get('order'));
    expect(orders.every((o) => typeof o === 'string')).toBe(true);
    expect(ids(doc)).toEqual(['a', 'b', 'c']);
  });

  it('reads a legacy document with numeric orders in its old order', () => {
    expect(ids(legacyDoc(LEGACY))).toEqual(LEGACY_ORDER);
  });

  it('moves and appends in a legacy document, keying every sibling in its current order first', () => {
    const doc = legacyDoc(LEGACY);
    expect(moveItem(doc, 'd', -1)).toBe(true);
    expect(ids(doc)).toEqual(['a', 'b', 'b2', 'd', 'c', 'e', 'f']);
    expect(objectivesOf(doc).map((o) => typeof o.get('order'))).toEqual(LEGACY.map(() => 'string'));
    expect(moveItem(doc, 'f', -1)).toBe(true);
    addObjective(doc, 'g');
    expect(ids(doc)).toEqual(['a', 'b', 'b2', 'd', 'c', 'f', 'e', 'g']);
    // A new item in a legacy list goes after those without an order too: at the end, where it was added.
    const other = legacyDoc(LEGACY);
    addObjective(other, 'g');
    expect(ids(other)).toEqual([...LEGACY_ORDER, 'g']);
  });

  it('reads string keys before numbers, so an item an older client appends still comes last', () => {
    const doc = new Y.Doc();
    for (const id of ['a', 'b']) addObjective(doc, id);
    objectivesOf(doc).push([new Y.Map<unknown>([['id', 'old'], ['order', 1]])]);
    expect(ids(doc)).toEqual(['a', 'b', 'old']);
  });

  it('keeps ordering correctly through 1,200 moves into the same gap', () => {
    const doc = new Y.Doc();
    const expected = ['a', 'b', 'c', 'd'];
    for (const id of expected) addObjective(doc, id);
    for (let n = 0; n < 1200; n++) {
      // Alternately the last and the third item move up into the gap after the first.
      const from = n % 2 === 0 ? 3 : 2;
      const id = expected[from]!;
      for (let at = from; at > 1; at--) {
        expect(moveItem(doc, id, -1)).toBe(true);
        [expected[at - 1], expected[at]] = [expected[at]!, expected[at - 1]!];
        expect(ids(doc)).toEqual(expected);
      }
    }
    // And back down, one place at a time.
    expect(moveItem(doc, expected[1]!, 1)).toBe(true);
    expect(ids(doc)).toEqual([expected[0], expected[2], expected[1], expected[3]]);
  });

  it('orders concurrent inserts the same way on every client, and moves between their twin keys', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    addObjective(a, 'x');
    sync(a, b);
    addObjective(a, 'fromA');
    addObjective(b, 'fromB');
    const krA = addKeyResult(findItem(a, 'x')!.item, 'k1');
    const krB = addKeyResult(findItem(b, 'x')!.item, 'k2');
    expect(krA.get('order')).toBe(krB.get('order'));
    sync(a, b);
    expect(findItem(a, 'fromA')!.item.get('order')).toBe(findItem(a, 'fromB')!.item.get('order'));
    expect(readDraft(a)).toEqual(readDraft(b));
    expect(ids(a)).toHaveLength(3);
    // The two key results share a key and there are two concurrent appends' twins: moves still work.
    const [first, second] = ordered(keyResultsOf(findItem(a, 'x')!.item)).map((kr) => String(kr.get('id')));
    expect(moveItem(a, second!, -1)).toBe(true);
    const last = ids(a)[2]!;
    expect(moveItem(b, last, -1)).toBe(true);
    sync(a, b);
    expect(readDraft(a)).toEqual(readDraft(b));
    expect(readDraft(a).objectives[0]!.keyResults.map((k) => k.id)).toEqual([second, first]);
    expect(ids(a)[1]).toBe(last);
  });

  it('converges when two clients move items into the same gap at once', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    for (const id of ['p', 'q', 'r', 's']) addObjective(a, id);
    sync(a, b);
    moveItem(a, 'r', -1);
    moveItem(b, 's', -1);
    moveItem(b, 's', -1);
    sync(a, b);
    expect(ids(a)).toEqual(ids(b));
    expect(ids(a)[0]).toBe('p');
  });
});

describe('order keys that leave no room', () => {
  it('keeps adding and moving after someone wrote the largest integer key there is (a key may grow a fraction)', () => {
    const doc = new Y.Doc();
    const a = addObjective(doc, 'a');
    addObjective(doc, 'b');
    // A bot writes the largest valid key: nothing fits after it.
    a.set('order', 'z' + 'z'.repeat(26));
    expect(readDraft(doc).objectives.map((o) => o.id)).toEqual(['b', 'a']);
    addObjective(doc, 'c');
    expect(readDraft(doc).objectives.map((o) => o.id)).toEqual(['b', 'a', 'c']);
    expect(moveItem(doc, 'b', 1)).toBe(true);
    expect(readDraft(doc).objectives.map((o) => o.id)).toEqual(['a', 'b', 'c']);
  });
});
