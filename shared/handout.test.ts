import { describe, expect, it } from 'vitest';
import type { Comment } from './comments';
import { clip, fieldLabel, handout, itemLabel, safeSheetNames, threadRows } from './handout';
import { translator } from './i18n/i18n';
import { emptyKeyResult, type Draft } from './okr';

const draft: Draft = {
  objectives: [
    { id: 'o1', title: 'Customers love onboarding', why: 'Churn.', dismissed: [], keyResults: [{ ...emptyKeyResult('k1'), text: 'Raise NPS from 30 to 45', baseline: '30', target: '45', unit: 'pts', confidence: 7, champion: 'Ana' }, { ...emptyKeyResult('k2'), text: 'Ship it', type: 'milestone' }, { ...emptyKeyResult('k3'), text: 'Reach 500', target: '500' }] },
    { id: 'o2', title: '', why: '', dismissed: [], keyResults: [] },
  ],
};
const comment = (id: string, over: Partial<Comment>): Comment => ({ id, groupId: 'g1', itemId: null, field: null, parentId: null, kind: 'coach', authorId: null, authorName: 'Facilitator', authorGroupId: null, text: id, createdAt: 0, resolved: false, ...over });
const en = translator('en');

describe('names as people see them', () => {
  it('names items, fields and clips long titles', () => {
    expect(itemLabel(en, draft, 'k1')).toBe('KR 1.1 — Raise NPS from 30 to 45');
    expect(itemLabel(en, draft, 'o1')).toBe('Objective 1 — Customers love onboarding');
    expect(itemLabel(en, draft, 'o2')).toBe('Objective 2');
    expect(itemLabel(en, draft, null)).toBe('Whole draft');
    expect(itemLabel(en, draft, 'gone')).toBe('(deleted item)');
    expect(itemLabel(translator('fr'), draft, 'k2')).toBe('RC 1.2 — Ship it');
    expect(fieldLabel(en, 'baseline')).toBe('From (X)');
    expect(fieldLabel(translator('de'), 'target')).toBe('Auf (Y)');
    expect(fieldLabel(en, 'odd')).toBe('odd');
    expect(clip('a\nb  c'.padEnd(100, 'x'), 10)).toHaveLength(10);
    expect(clip('😀'.repeat(70))).toBe(`${'😀'.repeat(59)}…`);
  });

  it('orders threads by group and draft position, replies under their comment', () => {
    const rows = threadRows(
      [comment('a', { itemId: 'k1', createdAt: 1 }), comment('b', { itemId: 'o1', createdAt: 2 }), comment('r', { parentId: 'a', createdAt: 3, kind: 'member' }), comment('z', { groupId: 'g2', createdAt: 0 }), comment('w', { createdAt: 9 }), comment('orphan', { parentId: 'hidden', itemId: 'gone' })],
      [{ id: 'g1', draft }, { id: 'g2', draft: { objectives: [] } }],
    );
    expect(rows.map((r) => [r.thread, r.comment.id, r.reply])).toEqual([
      [1, 'w', false],
      [2, 'b', false],
      [3, 'a', false],
      [3, 'r', true],
      [4, 'orphan', false],
      [5, 'z', false],
    ]);
  });

  it('makes sheet names Excel accepts: no []:*?/\\, at most 31 characters, unique, not History', () => {
    expect(safeSheetNames(['A/B: [x]*?\\', 'OKRs', 'okrs', "'quoted'", '', 'History', 'x'.repeat(40), 'x'.repeat(40), '😀'.repeat(20)], ['OKRs', 'Comments'], 'Group')).toEqual([
      'A-B- -x----',
      'OKRs (2)',
      'okrs (3)',
      'quoted',
      'Group',
      'History (2)',
      'x'.repeat(31),
      `${'x'.repeat(27)} (2)`,
      '😀'.repeat(15),
    ]);
  });

  it('hands out open threads only, X → Y and confidence on the scale', () => {
    const comments = [comment('open', { itemId: 'k1', field: 'baseline', text: 'X?' }), comment('done', { itemId: 'k1', resolved: true }), comment('rep', { parentId: 'open', authorName: 'Ana', text: 'survey' }), comment('peer', { itemId: 'o1', kind: 'peer', authorName: 'Bo', text: 'nice' })];
    const h = handout(en, { id: 'g1', name: 'A', members: ['Ana', 'Ben'], draft }, comments, '1-10');
    expect(h.members).toBe('Ana, Ben');
    expect(h.objectives[0]!.comments).toEqual(['• Bo (Peer review): nice']);
    expect(h.objectives[0]!.keyResults.map((k) => [k.number, k.fromTo, k.unit, k.confidence, k.comments])).toEqual([
      ['1.1', '30 → 45', 'pts', '7/10', ['• Facilitator · From (X): X?', '↳ Ana: survey']],
      ['1.2', 'Milestone', '', '', []],
      ['1.3', '– → 500', '', '', []],
    ]);
    expect(handout(en, { id: 'g1', name: 'A', members: [], draft }, [], '0-100').objectives[0]!.keyResults[0]!.confidence).toBe('7%');
  });
});
