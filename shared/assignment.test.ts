import { describe, expect, it } from 'vitest';
import { balance, groupSizes, hasRoom, pickEmptiestGroup, shuffle } from './assignment';
import { seededRandom } from './random';
import type { Group, Participant } from './workshop';

const groups = (n: number): Group[] => Array.from({ length: n }, (_, i) => ({ id: `g${i + 1}`, name: `Group ${i + 1}` }));
const people = (spec: Array<string | null>): Participant[] =>
  spec.map((groupId, i) => ({ id: `p${i + 1}`, name: `P${i + 1}`, groupId, joinedAt: i }));
const apply = (ps: Participant[], moves: Map<string, string>) =>
  ps.map((p) => (moves.has(p.id) ? { ...p, groupId: moves.get(p.id)! } : p));
const spread = (gs: Group[], ps: Participant[]) => {
  const sizes = [...groupSizes(gs, ps).values()];
  return Math.max(...sizes) - Math.min(...sizes);
};

describe('pickEmptiestGroup', () => {
  it('picks the emptiest group, the first one on ties', () => {
    expect(pickEmptiestGroup(groups(3), people(['g1', 'g2']), null)).toBe('g3');
    expect(pickEmptiestGroup(groups(3), people(['g1', 'g2', 'g3']), null)).toBe('g1');
  });
  it('returns null when every group is at capacity', () => {
    expect(pickEmptiestGroup(groups(2), people(['g1', 'g2']), 1)).toBeNull();
    expect(pickEmptiestGroup(groups(2), people(['g1', 'g2']), 2)).toBe('g1');
  });
  it('keeps successive joins balanced within one', () => {
    const gs = groups(4);
    let ps: Participant[] = [];
    for (let i = 0; i < 23; i++) {
      const g = pickEmptiestGroup(gs, ps, null)!;
      ps = [...ps, { id: `p${i}`, name: `p${i}`, groupId: g, joinedAt: i }];
      expect(spread(gs, ps)).toBeLessThanOrEqual(1);
    }
  });
});

describe('hasRoom', () => {
  it('honours the capacity and unknown groups', () => {
    expect(hasRoom('g1', groups(2), people(['g1', 'g1']), 2)).toBe(false);
    expect(hasRoom('g2', groups(2), people(['g1', 'g1']), 2)).toBe(true);
    expect(hasRoom('g1', groups(2), people(['g1', 'g1']), null)).toBe(true);
    expect(hasRoom('nope', groups(2), [], null)).toBe(false);
  });
});

describe('balance', () => {
  it('evens out groups moving as few people as possible, latest joiners first', () => {
    const gs = groups(3);
    const ps = people(['g1', 'g1', 'g1', 'g1', 'g1', 'g2']);
    const moves = balance(gs, ps);
    expect(moves.size).toBe(3);
    expect([...moves.keys()]).toEqual(['p5', 'p4', 'p3']);
    expect(spread(gs, apply(ps, moves))).toBe(0);
  });
  it('places lobby people and keeps existing members in place when already balanced', () => {
    const gs = groups(2);
    const ps = people(['g1', 'g2', null, null, null]);
    const moves = balance(gs, ps);
    expect(moves.has('p1')).toBe(false);
    expect(moves.has('p2')).toBe(false);
    const after = apply(ps, moves);
    expect(after.every((p) => p.groupId !== null)).toBe(true);
    expect(spread(gs, after)).toBeLessThanOrEqual(1);
  });
  it('is balanced within one for many shapes', () => {
    const random = seededRandom(7);
    for (let round = 0; round < 200; round++) {
      const gs = groups(1 + Math.floor(random() * 8));
      const ps = people(
        Array.from({ length: Math.floor(random() * 40) }, () =>
          random() < 0.2 ? null : gs[Math.floor(random() * gs.length)]!.id,
        ),
      );
      const after = apply(ps, balance(gs, ps));
      expect(after.every((p) => p.groupId !== null)).toBe(true);
      expect(spread(gs, after)).toBeLessThanOrEqual(1);
    }
  });
});

describe('shuffle', () => {
  it('assigns everyone, balanced, reproducibly for a seed', () => {
    const gs = groups(3);
    const ps = people(['g1', 'g1', 'g1', null, null, 'g2', 'g2']);
    const a = shuffle(gs, ps, seededRandom(1));
    const b = shuffle(gs, ps, seededRandom(1));
    expect([...a]).toEqual([...b]);
    expect(a.size).toBe(ps.length);
    expect(spread(gs, apply(ps, a))).toBeLessThanOrEqual(1);
    expect([...shuffle(gs, ps, seededRandom(2))]).not.toEqual([...a]);
  });
});
