/** The radar's "needs attention first" order (issue #22 part 1): help, flags, open comments, then groups that have not started; coach rules by name. */
import { describe, expect, it } from 'vitest';
import { buildCards, filterCards, IDLE_MS, sortCards, stepGroup, tierOf, topFlags, type RadarCard } from '../client/src/console/radarOrder';
import { RULE_IDS } from '../shared/coach';
import { createI18n } from '../shared/i18n/i18n';
import { LANGUAGES } from '../shared/i18n/languages';
import type { RadarSummary } from '../shared/views';

const NOW = 1_000_000_000;

function card(name: string, o: { members?: number; online?: number; help?: number; flags?: Record<string, number>; comments?: number; krs?: number; lastEditAt?: number | null } = {}): RadarCard {
  const flags = Object.fromEntries(Object.entries(o.flags ?? {}).map(([rule, n]) => [rule, Array.from({ length: n }, (_, i) => `${rule}-${i}`)]));
  const krs = o.krs ?? 0;
  const summary: RadarSummary = {
    groupId: name,
    objectives: krs > 0 ? 1 : 0,
    keyResults: krs,
    flags,
    lastEditAt: o.lastEditAt === undefined ? (krs > 0 ? NOW - 60_000 : null) : o.lastEditAt,
    preview: '',
    unresolvedComments: o.comments ?? 0,
  };
  return {
    group: { id: name, name, memberCount: null },
    summary,
    members: o.members ?? 3,
    online: o.online ?? o.members ?? 3,
    help: o.help === undefined ? undefined : { groupId: name, participantId: 'p', name: 'Ana', message: '', at: o.help },
  };
}

const names = (cards: RadarCard[]) => cards.map((c) => c.group.name);

describe('needs attention first', () => {
  it('ranks help, then flags, then open comments, then stalled drafts, then groups that have not started, then the rest', () => {
    const cards = [
      card('Empty', { members: 0 }),
      card('Not started'),
      card('Drafting', { krs: 2 }),
      card('Comments', { krs: 1, comments: 2 }),
      card('Stalled', { krs: 1, lastEditAt: NOW - IDLE_MS - 1 }),
      card('Flagged', { krs: 2, flags: { 'kr-no-baseline': 2 } }),
      card('Help', { help: NOW - 5_000 }),
    ];
    expect(names(sortCards(cards, 'attention', NOW))).toEqual(['Help', 'Flagged', 'Comments', 'Stalled', 'Not started', 'Drafting', 'Empty']);
    expect(cards.map((c) => tierOf(c, NOW))).toEqual(['empty', 'not-started', 'drafting', 'comments', 'stalled', 'flags', 'help']);
  });

  it('puts an empty, never-edited group below a flagged one (the bug in #22)', () => {
    const sorted = sortCards([card('Group 1'), card('Group 2', { krs: 1, flags: { 'kr-output': 1 } })], 'attention', NOW);
    expect(names(sorted)).toEqual(['Group 2', 'Group 1']);
  });

  it('orders within a tier: the longest waiting for help, the most flags, the most comments, people online', () => {
    const sorted = sortCards(
      [
        card('Help late', { help: NOW - 1_000 }),
        card('Help early', { help: NOW - 60_000 }),
        card('One flag', { krs: 1, flags: { 'kr-no-number': 1 } }),
        card('Three flags', { krs: 3, flags: { 'kr-no-number': 1, 'kr-no-baseline': 2 } }),
        card('One comment', { krs: 1, comments: 1 }),
        card('Four comments', { krs: 1, comments: 4 }),
        card('Nobody online', { online: 0 }),
        card('Someone online', { online: 1 }),
      ],
      'attention',
      NOW,
    );
    expect(names(sorted)).toEqual(['Help early', 'Help late', 'Three flags', 'One flag', 'Four comments', 'One comment', 'Someone online', 'Nobody online']);
  });

  it('breaks ties by name, numbers in order (Group 2 before Group 10)', () => {
    expect(names(sortCards([card('Group 10'), card('Group 2'), card('Group 1')], 'attention', NOW))).toEqual(['Group 1', 'Group 2', 'Group 10']);
  });

  it('help outranks flags even with many flags', () => {
    const sorted = sortCards([card('Flags', { krs: 5, flags: { 'kr-no-number': 9 } }), card('Help', { help: NOW })], 'attention', NOW);
    expect(names(sorted)).toEqual(['Help', 'Flags']);
  });

  it('the attention filter keeps what needs looking at, not groups drafting along or empty ones', () => {
    const cards = [card('Empty', { members: 0 }), card('Drafting', { krs: 1 }), card('Not started'), card('Help', { help: NOW })];
    expect(names(filterCards(cards, 'attention', NOW))).toEqual(['Not started', 'Help']);
  });
});

describe('radar helpers', () => {
  it('top flags: most flagged rule first', () => {
    expect(topFlags(card('x', { flags: { 'kr-output': 1, 'kr-no-baseline': 2, 'kr-no-number': 0 } }).summary)).toEqual([
      { rule: 'kr-no-baseline', count: 2 },
      { rule: 'kr-output', count: 1 },
    ]);
  });

  it('counts members and online per group, and finds the help request', () => {
    const cards = buildCards(
      [{ id: 'a', name: 'A', memberCount: null }, { id: 'b', name: 'B', memberCount: null }],
      [
        { id: '1', name: 'Ana', groupId: 'a', online: true } as never,
        { id: '2', name: 'Ben', groupId: 'a', online: false } as never,
        { id: '3', name: 'Cy', groupId: null, online: true } as never,
      ],
      new Map(),
      [{ groupId: 'b', participantId: 'x', name: 'X', message: '', at: 1 }],
    );
    expect(cards.map((c) => [c.group.id, c.members, c.online, Boolean(c.help)])).toEqual([
      ['a', 2, 1, false],
      ['b', 0, 0, true],
    ]);
  });

  it('steps through the order, wrapping at both ends', () => {
    expect(stepGroup(['a', 'b', 'c'], 'b', 1)).toBe('c');
    expect(stepGroup(['a', 'b', 'c'], 'c', 1)).toBe('a');
    expect(stepGroup(['a', 'b', 'c'], 'a', -1)).toBe('c');
    expect(stepGroup(['a', 'b', 'c'], 'gone', 1)).toBe('a');
    expect(stepGroup([], 'a', 1)).toBeNull();
  });
});

describe('coach rules in the console', () => {
  it('every rule the coach has a short label in every language: the console never shows a rule id', () => {
    for (const language of LANGUAGES) {
      const t = createI18n(language).t;
      for (const rule of RULE_IDS) {
        const label = t(`console:flags.${rule}`);
        expect(label, `${language} ${rule}`).not.toBe(`flags.${rule}`);
        expect(label, `${language} ${rule}`).not.toContain(rule);
        expect(label.length, `${language} ${rule}`).toBeLessThan(40);
      }
    }
  });
});
