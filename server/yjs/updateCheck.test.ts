import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { updateStarts } from './updateCheck';

/** Updates of every shape a client sends: one client, several, deletions only, empty. */
function sampleUpdates(): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (u: Uint8Array) => updates.push(u));
  const text = a.getText('t');
  for (let i = 0; i < 30; i++) a.transact(() => text.insert(i % 3 === 0 ? 0 : text.length, 'xyz'.slice(0, 1 + (i % 3))));
  a.transact(() => text.delete(2, 5)); // deletions only
  b.getMap('m').set('k', 1);
  b.getArray('arr').insert(0, [1, 2, 3]);
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  b.getText('t').insert(0, 'b wrote this');
  updates.push(Y.encodeStateAsUpdate(b)); // several clients
  updates.push(Y.encodeStateAsUpdate(new Y.Doc())); // empty
  updates.push(Y.encodeStateAsUpdate(b, Y.encodeStateVector(a))); // b's part only
  return updates;
}

describe('updateStarts', () => {
  it('gives the same first clocks as Y.parseUpdateMeta for every kind of update', () => {
    const updates = sampleUpdates();
    expect(updates.length).toBeGreaterThan(30);
    for (const update of updates) expect(updateStarts(update)).toEqual(Y.parseUpdateMeta(update).from);
    expect([...updateStarts(updates.at(-3)!).keys()]).toHaveLength(2);
  });

  it('throws on a truncated header', () => {
    expect(() => updateStarts(new Uint8Array([1, 1]))).toThrow();
  });
});
