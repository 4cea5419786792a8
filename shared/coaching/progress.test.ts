import { describe, expect, it } from 'vitest';
import type { Comment } from '../comments';
import { coachingFigures, SERIES_POINTS } from './figures';
import { emptyCoaching, markStarted, nextSettleAt, observe, parseCoaching, serializeCoaching, SETTLE_MS, type CoachingRecord } from './progress';
import { draftWith, look } from './testDrafts';

const G = [{ id: 'g1', name: 'Falcons' }, { id: 'g2', name: 'Otters' }];
const figuresAt = (record: CoachingRecord, seconds: number, comments: Comment[] = []) =>
  coachingFigures({ record, groups: G, comments, createdAt: 0, now: seconds * 1000 });
const trackOf = (record: CoachingRecord, rule: string, itemId = 'k1') => record.groups.g1!.tracks.find((t) => t.rule === rule && t.itemId === itemId);

describe('folding observations into the record', () => {
  it('an activity key result reworded into an outcome: raised with its first text, fixed with the new one', () => {
    let r = look(emptyCoaching(), 'g1', draftWith({ k1: 'Run 5 workshops', k2: 'Cut churn from 9% to 6%' }), 10);
    r = look(r, 'g1', draftWith({ k1: 'Raise NPS from 20 to 35', k2: 'Cut churn from 9% to 6%' }), 40);
    expect(trackOf(r, 'kr-output')).toMatchObject({ raisedAt: 10_000, raisedText: 'Run 5 workshops', end: 'fixed', fixedAt: 40_000, fixedText: 'Raise NPS from 20 to 35', text: 'Raise NPS from 20 to 35', spans: [[10_000, 40_000]] });
    expect(figuresAt(r, 60).groups[0]!.hints).toEqual({ raised: 1, fixed: 1, open: 0, dismissed: 0, dropped: 0 });
  });

  it('a hint that goes before it settles was typing: no trace, nothing counted', () => {
    let r = look(emptyCoaching(), 'g1', draftWith({ k1: 'Raise NPS', k2: 'Cut churn from 9% to 6%' }), 10);
    expect(trackOf(r, 'kr-no-number')).toBeDefined();
    r = look(r, 'g1', draftWith({ k1: 'Raise NPS from 20', k2: 'Cut churn from 9% to 6%' }), 12);
    r = look(r, 'g1', draftWith({ k1: 'Raise NPS from 20 to 35', k2: 'Cut churn from 9% to 6%' }), 14);
    expect(r.groups.g1!.tracks).toEqual([]);
    expect(figuresAt(r, 60).overall.hints.raised).toBe(0);
  });

  it('a young hint is not counted until it has stood SETTLE_MS, and its first text follows the typing meanwhile', () => {
    let r = look(emptyCoaching(), 'g1', draftWith({ k1: 'Run 5 wo', k2: 'Cut churn from 9% to 6%' }), 10);
    r = look(r, 'g1', draftWith({ k1: 'Run 5 workshops', k2: 'Cut churn from 9% to 6%' }), 12);
    expect(figuresAt(r, 12).overall.hints).toMatchObject({ raised: 0, open: 0 });
    expect(nextSettleAt(r, 12_000)).toBe(10_000 + SETTLE_MS);
    expect(figuresAt(r, 10 + SETTLE_MS / 1000).overall.hints).toMatchObject({ raised: 1, open: 1 });
    expect(nextSettleAt(r, 10_000 + SETTLE_MS)).toBeNull();
    // Settled: later rewording no longer changes "the text when first flagged".
    r = look(r, 'g1', draftWith({ k1: 'Run 5 workshops for sales', k2: 'Cut churn from 9% to 6%' }), 30);
    expect(trackOf(r, 'kr-output')).toMatchObject({ raisedText: 'Run 5 workshops', text: 'Run 5 workshops for sales' });
  });

  it('a deleted item, a dismissed hint and changed rules end hints without fixing them', () => {
    let r = look(emptyCoaching(), 'g1', draftWith({ k1: 'Run 5 workshops', k2: 'Increase traffic by 20%', k3: 'Launch a campaign' }), 0);
    r = look(r, 'g1', draftWith({ k2: 'Increase traffic by 20%', k3: 'Launch a campaign' }, { k3: ['kr-output', 'kr-no-number'] }), 20);
    r = look(r, 'g1', draftWith({ k2: 'Increase traffic by 20%', k3: 'Launch a campaign' }, { k3: ['kr-output', 'kr-no-number'] }), 30, 'other rules');
    // Same flags under the new rules: nothing ends; the baseline hint then goes with a rules change.
    expect(trackOf(r, 'kr-no-baseline', 'k2')!.end).toBeNull();
    r = observe(r, 'g1', { draft: draftWith({ k2: 'Increase traffic by 20%' }), flags: {}, rules: 'baseline not required', at: 40_000 });
    expect(trackOf(r, 'kr-output', 'k1')!.end).toBe('removed');
    expect(trackOf(r, 'kr-output', 'k3')!.end).toBe('dismissed');
    expect(trackOf(r, 'kr-no-baseline', 'k2')!.end).toBe('rules');
    expect(figuresAt(r, 60).groups[0]!.hints).toEqual({ raised: 4, fixed: 0, open: 0, dismissed: 2, dropped: 2 });
  });

  it('a fixed hint that comes back is open again; a comeback that does not last leaves it fixed', () => {
    let r = look(emptyCoaching(), 'g1', draftWith({ k1: 'Run 5 workshops', k2: 'Cut churn from 9% to 6%' }), 0);
    r = look(r, 'g1', draftWith({ k1: 'Raise NPS from 20 to 35', k2: 'Cut churn from 9% to 6%' }), 10);
    r = look(r, 'g1', draftWith({ k1: 'Run 5 workshops again', k2: 'Cut churn from 9% to 6%' }), 20);
    r = look(r, 'g1', draftWith({ k1: 'Raise NPS from 20 to 40', k2: 'Cut churn from 9% to 6%' }), 22);
    expect(trackOf(r, 'kr-output')).toMatchObject({ end: 'fixed', fixedAt: 10_000, spans: [[0, 10_000]], text: 'Raise NPS from 20 to 40' });
    r = look(r, 'g1', draftWith({ k1: 'Run 5 workshops again', k2: 'Cut churn from 9% to 6%' }), 30);
    expect(figuresAt(r, 32).groups[0]!.hints).toMatchObject({ raised: 1, fixed: 1, open: 0 });
    expect(figuresAt(r, 40).groups[0]!.hints).toMatchObject({ raised: 1, fixed: 0, open: 1 });
  });

  it('returns the record itself when a look changes nothing (nothing to save)', () => {
    const draft = draftWith({ k1: 'Run 5 workshops', k2: 'Cut churn from 9% to 6%' });
    const r = look(emptyCoaching(), 'g1', draft, 0);
    expect(look(r, 'g1', draft, 30)).toBe(r);
    // The text of a flagged item is kept up to date (an unflagged item's is not kept at all).
    expect(look(r, 'g1', draftWith({ k1: 'Run 5 workshops', k2: 'Cut churn from 9% to 7%' }), 30)).toBe(r);
    expect(look(r, 'g1', draftWith({ k1: 'Run 6 workshops', k2: 'Cut churn from 9% to 6%' }), 30)).not.toBe(r);
  });

  it('survives serialisation; anything unreadable starts afresh', () => {
    const r = markStarted(look(emptyCoaching(), 'g1', draftWith({ k1: 'Run 5 workshops' }), 0), 500);
    expect(parseCoaching(serializeCoaching(r))).toEqual(r);
    expect(parseCoaching(null)).toEqual(emptyCoaching());
    expect(parseCoaching('{not json')).toEqual(emptyCoaching());
    expect(parseCoaching('{"version":9,"groups":{}}')).toEqual(emptyCoaching());
  });
});

describe('progress figures', () => {
  it('counts raised, fixed and open over time, per group and overall, on one time axis', () => {
    let r = markStarted(emptyCoaching(), 0);
    // g1: an activity from 0 s, fixed at 60 s. g2: no baseline from 30 s, still open.
    r = look(r, 'g1', draftWith({ k1: 'Run 5 workshops', k2: 'Cut churn from 9% to 6%' }), 0);
    r = look(r, 'g2', draftWith({ k1: 'Increase traffic by 20%', k2: 'Cut churn from 9% to 6%' }), 30);
    r = look(r, 'g1', draftWith({ k1: 'Raise NPS from 20 to 35', k2: 'Cut churn from 9% to 6%' }), 60);
    const f = figuresAt(r, 160);
    // 16 points, every 10 s from 10 s to 160 s.
    expect(f.overall.series.open).toHaveLength(SERIES_POINTS);
    expect(f.groups[0]!.series.open).toEqual([1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(f.groups[1]!.series.open).toEqual([0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(f.overall.series.open).toEqual([1, 1, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(f.overall.series.raised).toEqual([1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
    expect(f.overall.series.fixed).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(f.overall.hints).toEqual({ raised: 2, fixed: 1, open: 1, dismissed: 0, dropped: 0 });
    expect(f.groups.map((g) => [g.name, g.hints.raised, g.hints.fixed, g.hints.open])).toEqual([['Falcons', 1, 1, 0], ['Otters', 1, 0, 1]]);
  });

  it('times the first key result from the breakouts opening; the overall figure is the median', () => {
    const groups = [{ id: 'g1', name: 'A' }, { id: 'g2', name: 'B' }, { id: 'g3', name: 'C' }, { id: 'g4', name: 'D' }];
    let r = markStarted(emptyCoaching(), 100_000);
    // An objective alone is not a key result; an empty key result neither.
    r = observe(r, 'g1', { draft: { objectives: [{ ...draftWith({ k1: '  ' }).objectives[0]! }] }, flags: {}, rules: 'x', at: 130_000 });
    expect(r.groups.g1!.firstKeyResultAt).toBeNull();
    r = look(r, 'g1', draftWith({ k1: 'Raise NPS from 20 to 35' }), 220);
    r = look(r, 'g2', draftWith({ k1: 'Raise NPS from 20 to 35' }), 400);
    r = look(r, 'g3', draftWith({ k1: 'Run 5 workshops' }), 160);
    // Seen again later: the first time stays.
    r = look(r, 'g1', draftWith({ k1: 'Raise NPS from 20 to 45' }), 900);
    const f = coachingFigures({ record: r, groups, comments: [], createdAt: 0, now: 1_000_000 });
    expect(f.start).toBe(100_000);
    expect(f.groups.map((g) => g.firstKeyResultMs)).toEqual([120_000, 300_000, 60_000, null]);
    expect(f.overall.groupsWithKeyResult).toBe(3);
    expect(f.overall.medianFirstKeyResultMs).toBe(120_000);
    // Before the breakouts opened, the clock runs from the workshop's creation.
    expect(coachingFigures({ record: { ...r, startedAt: null }, groups, comments: [], createdAt: 20_000, now: 1_000_000 }).groups[0]!.firstKeyResultMs).toBe(200_000);
  });

  it('counts comments given to a group (by the facilitator or a peer group) and resolved; replies and members’ own notes are not feedback', () => {
    const c = (id: string, groupId: string, kind: Comment['kind'], resolved = false, parentId: string | null = null): Comment => ({
      id, groupId, itemId: null, field: null, parentId, kind, authorId: null, authorName: 'x', authorGroupId: null, text: 'x', createdAt: 0, resolved,
    });
    const comments = [c('a', 'g1', 'coach', true), c('b', 'g1', 'coach'), c('c', 'g1', 'peer', true), c('d', 'g1', 'member', true), c('e', 'g1', 'member', false, 'a'), c('f', 'g2', 'coach')];
    const f = figuresAt(emptyCoaching(), 10, comments);
    expect(f.groups.map((g) => g.comments)).toEqual([{ given: 3, resolved: 2 }, { given: 1, resolved: 0 }]);
    expect(f.overall.comments).toEqual({ given: 4, resolved: 2 });
    expect(f.overall.medianFirstKeyResultMs).toBeNull();
  });
});
