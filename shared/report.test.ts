import { describe, expect, it } from 'vitest';
import { coachDraft, type Hint } from './coach';
import { coachingFigures, rankPatterns } from './coaching';
import { emptyCoaching, markStarted } from './coaching/progress';
import { draftWith, look } from './coaching/testDrafts';
import { DEFAULT_OKR_RULES } from './okrRules';
import type { Draft } from './okr';
import { REPORT_EXAMPLE_MAX, REPORT_PATTERNS, sessionReport } from './report';
import { reduceWorkshop } from './reducer';
import { initialSession } from './session';
import type { WorkshopState } from './workshop';

const OK = 'Cut churn from 9% to 6%';

function hintsOf(draft: Draft): Map<string, Hint[]> {
  const m = new Map<string, Hint[]>();
  for (const h of coachDraft(draft, DEFAULT_OKR_RULES)) m.set(h.itemId, [...(m.get(h.itemId) ?? []), h]);
  return m;
}

function workshopOf(groups: number, people: Array<string | null>): WorkshopState {
  return {
    id: 'w1', title: 'Q3 OKRs', createdAt: 0, lastActiveAt: 0, phase: 'plenary', assignment: 'auto', maxGroupSize: null,
    groups: Array.from({ length: groups }, (_, i) => ({ id: `g${i + 1}`, name: `Team ${i + 1}` })),
    participants: people.map((groupId, i) => ({ id: `p${i}`, name: `Person ${i}`, groupId, joinedAt: 0 })),
    session: initialSession(), rules: DEFAULT_OKR_RULES, language: 'en',
  };
}

function build(workshop: WorkshopState, drafts: Record<string, Draft>, record: ReturnType<typeof emptyCoaching>, now: number) {
  const groups = workshop.groups.map((g) => ({ id: g.id, draft: drafts[g.id] ?? { objectives: [] }, hints: hintsOf(drafts[g.id] ?? { objectives: [] }) }));
  const figures = coachingFigures({ record, groups: workshop.groups, comments: [], createdAt: workshop.createdAt, now });
  return sessionReport({ workshop, groups, figures, patterns: rankPatterns(record, workshop.groups, now), record, language: 'de', now });
}

describe('the session report', () => {
  it('counts attendance, groups, drafts, quality before and after, and the top patterns without naming a group', () => {
    const w = workshopOf(3, ['g1', 'g1', 'g2', null]);
    const before = { g1: draftWith({ k1: 'Run 5 workshops', k2: OK }), g2: draftWith({ k1: 'Increase traffic by 20%' }) };
    const after = { g1: draftWith({ k1: 'Raise NPS from 20 to 35', k2: OK }), g2: before.g2 };
    let r = markStarted(emptyCoaching(), 0);
    r = look(look(r, 'g1', before.g1, 10), 'g2', before.g2, 10);
    r = look(r, 'g1', after.g1, 60);
    const report = build(w, after, r, 120_000);
    expect(report.attendance).toEqual({ joined: 4, inGroups: 3, lobby: 1, smallestGroup: 0, largestGroup: 2 });
    expect(report.groups).toEqual({ total: 3, withObjective: 2, withKeyResult: 2 });
    expect(report.drafted).toEqual({ objectives: 2, keyResults: 3 });
    // k1 of g1 was flagged and is fixed; g2's k1 is flagged still; g1's k2 was never flagged.
    expect(report.quality).toEqual({ keyResults: 3, flaggedEver: 2, flaggedNow: 1, cleanBefore: 1, cleanNow: 2 });
    expect(report.hints.fixed).toBeGreaterThanOrEqual(1);
    expect(report.hints.open).toBeGreaterThanOrEqual(1);
    expect(report.openSeries).toHaveLength(16);
    expect(report.language).toBe('de');
    const output = report.patterns.find((p) => p.rule === 'kr-output')!;
    expect(output).toMatchObject({ groups: 1, open: 0, fixed: 1, example: 'Run 5 workshops', pair: { before: 'Run 5 workshops', after: 'Raise NPS from 20 to 35' } });
    expect(JSON.stringify(report)).not.toMatch(/Team \d|Person \d/);
    expect(report.medianFirstKeyResultMs).toBe(10_000);
  });

  it('keeps at most REPORT_PATTERNS patterns and cuts long examples', () => {
    const w = workshopOf(1, ['g1']);
    const long = `Run ${'many '.repeat(60)}workshops`;
    const draft: Draft = { objectives: [{ ...draftWith({ k1: long, k2: 'Increase traffic by 20%', k3: 'Raise NPS from 20' }).objectives[0]!, why: '' }] };
    const r = look(emptyCoaching(), 'g1', draft, 0);
    const report = build(w, { g1: draft }, r, 60_000);
    expect(report.patterns.length).toBeLessThanOrEqual(REPORT_PATTERNS);
    expect(report.patterns.length).toBeGreaterThanOrEqual(3);
    const example = report.patterns.find((p) => p.rule === 'kr-output')!.example!;
    expect(example.length).toBeLessThanOrEqual(REPORT_EXAMPLE_MAX);
    expect(example.endsWith('…')).toBe(true);
  });

  it('carries the facilitator’s notes, kept by the reducer with the workshop', () => {
    const w = workshopOf(1, []);
    const noted = reduceWorkshop(w, { type: 'setNotes', notes: 'Strong energy; finance team joined late.' }, 5);
    expect(noted.ok && noted.data.session.notes).toBe('Strong energy; finance team joined late.');
    const report = build(noted.ok ? noted.data : w, {}, emptyCoaching(), 10);
    expect(report.notes).toBe('Strong energy; finance team joined late.');
    expect(report.drafted).toEqual({ objectives: 0, keyResults: 0 });
    expect(report.medianFirstKeyResultMs).toBeNull();
    expect(build(w, {}, emptyCoaching(), 10).notes).toBe('');
  });
});
