import { describe, expect, it } from 'vitest';
import { boardView, coachingReport } from './board';
import { coachingFigures } from './figures';
import { rankPatterns } from './patterns';
import { emptyCoaching, type CoachingRecord } from './progress';
import { draftWith, look } from './testDrafts';

const OK = 'Cut churn from 9% to 6%';
const groupsOf = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `g${i + 1}`, name: `Team ${String.fromCharCode(65 + (i % 26))}${i >= 26 ? i : ''}` }));

/** Every group looked at once at 0 s with its own key results; patterns read at 60 s. */
function workshop(drafts: Record<string, Record<string, string>>): CoachingRecord {
  let r = emptyCoaching();
  for (const [g, krs] of Object.entries(drafts)) r = look(r, g, draftWith(krs), 0);
  return r;
}

describe('ranking the patterns across groups', () => {
  it('"17 of 50 groups": counts groups, not key results, and ranks the most widespread first', () => {
    const groups = groupsOf(50);
    const drafts: Record<string, Record<string, string>> = {};
    groups.forEach((g, i) => {
      if (i < 17) drafts[g.id] = { k1: `Run ${i + 1} workshops`, k2: 'Launch a campaign', k3: OK }; // two activities in one group: still one group
      else if (i < 22) drafts[g.id] = { k1: 'Increase traffic by 20%', k2: OK };
      else drafts[g.id] = { k1: OK, k2: 'Raise NPS from 20 to 35' };
    });
    const record = workshop(drafts);
    const patterns = rankPatterns(record, groups, 60_000);
    expect(patterns.map((p) => [p.rule, p.groups, p.open])).toEqual([
      ['kr-output', 17, 17],
      ['kr-no-number', 17, 17],
      ['kr-no-baseline', 5, 5],
    ]);
    const board = boardView(patterns, coachingFigures({ record, groups, comments: [], createdAt: 0, now: 60_000 }), { names: true });
    expect(board.totalGroups).toBe(50);
    expect(board.patterns[0]).toMatchObject({ rule: 'kr-output', groups: 17 });
  });

  it('breaks ties by the groups still flagged, then by the rules’ own order; the coach’s soft reminders come after the mistakes', () => {
    const groups = groupsOf(4);
    let r = workshop({ g1: { k1: 'Increase traffic by 20%', k2: OK }, g2: { k1: 'Increase traffic by 20%', k2: OK }, g3: { k1: 'Raise NPS from 20', k2: OK }, g4: { k1: 'Raise NPS from 30', k2: OK } });
    // Same groups (2 each), same open: the rules' order (no baseline before no target).
    expect(rankPatterns(r, groups, 60_000).map((p) => p.rule)).toEqual(['kr-no-baseline', 'kr-target-missing']);
    // One group fixes its baseline: "no target" is still open in two, so it goes first.
    r = look(r, 'g1', draftWith({ k1: 'Increase traffic from 40k to 48k', k2: OK }), 30);
    expect(rankPatterns(r, groups, 60_000).map((p) => [p.rule, p.groups, p.open, p.fixed])).toEqual([
      ['kr-target-missing', 2, 2, 0],
      ['kr-no-baseline', 2, 1, 1],
    ]);
    // A key result fixed in one group still ranks above a missing why left in one group.
    let s = workshop({ g1: { k1: 'Run 5 workshops', k2: OK } });
    s = look(s, 'g1', draftWith({ k1: 'Raise NPS from 20 to 35', k2: OK }), 30);
    s = look(s, 'g2', { objectives: [{ ...draftWith({ k1: OK, k2: 'Raise NPS from 20 to 35' }).objectives[0]!, why: '' }] }, 0);
    expect(rankPatterns(s, groups, 60_000).map((p) => [p.rule, p.open])).toEqual([['kr-output', 0], ['objective-no-why', 1]]);
  });

  it('shows at most three real examples, one per group first, the same wording once', () => {
    const groups = groupsOf(5);
    const r = workshop({
      g1: { k1: 'Run 5 workshops', k2: 'Deliver the chatbot', k3: OK },
      g2: { k1: 'run 5  workshops.', k2: OK },
      g3: { k1: 'Launch a campaign', k2: OK },
      g4: { k1: 'Hire two engineers', k2: OK },
      g5: { k1: 'Publish a newsletter', k2: OK },
    });
    const [output] = rankPatterns(r, groups, 60_000);
    expect(output!.groups).toBe(5);
    expect(output!.examples).toEqual([
      { text: 'Run 5 workshops', groupId: 'g1', group: 'Team A' },
      { text: 'Launch a campaign', groupId: 'g3', group: 'Team C' },
      { text: 'Hire two engineers', groupId: 'g4', group: 'Team D' },
    ]);
  });

  it('pairs a fixed key result’s first flagged text with its text now, latest fix first; a fix that left the words alone is no pair', () => {
    const groups = groupsOf(3);
    let r = workshop({ g1: { k1: 'Run 5 workshops', k2: OK }, g2: { k1: 'Deliver the chatbot', k2: OK }, g3: { k1: 'Increase traffic by 20%', k2: OK } });
    r = look(r, 'g1', draftWith({ k1: 'Raise NPS from 20 to 35', k2: OK }), 20);
    r = look(r, 'g2', draftWith({ k1: 'Raise self-serve resolution from 10% to 25%', k2: OK }), 30);
    // g3 fixes it with a baseline field: the sentence is unchanged, so no before → after to show.
    const fixedByField = draftWith({ k1: 'Increase traffic by 20%', k2: OK });
    fixedByField.objectives[0]!.keyResults[0]!.baseline = '40k';
    r = look(r, 'g3', fixedByField, 30);
    const patterns = rankPatterns(r, groups, 60_000);
    expect(patterns.find((p) => p.rule === 'kr-output')!.pairs).toEqual([
      { before: 'Deliver the chatbot', after: 'Raise self-serve resolution from 10% to 25%', groupId: 'g2', group: 'Team B', fixedAt: 30_000 },
      { before: 'Run 5 workshops', after: 'Raise NPS from 20 to 35', groupId: 'g1', group: 'Team A', fixedAt: 20_000 },
    ]);
    expect(patterns.find((p) => p.rule === 'kr-no-baseline')).toMatchObject({ groups: 1, fixed: 1, pairs: [] });
  });

  it('leaves out hints still settling (typing) and rules it does not know', () => {
    const groups = groupsOf(1);
    const r = workshop({ g1: { k1: 'Run 5 workshops', k2: OK } });
    expect(rankPatterns(r, groups, 1000)).toEqual([]);
    const strange: CoachingRecord = { ...r, groups: { g1: { ...r.groups.g1!, tracks: r.groups.g1!.tracks.map((t) => ({ ...t, rule: 'kr-from-the-future' })) } } };
    expect(rankPatterns(strange, groups, 60_000)).toEqual([]);
  });
});

describe('the board as participants receive it', () => {
  it('with names hidden, carries no group name and no group id; shown, it names the groups', () => {
    const groups = [{ id: 'gAlpha', name: 'Falcons' }, { id: 'gBeta', name: 'Otters' }];
    let record = workshop({ gAlpha: { k1: 'Run 5 workshops', k2: OK }, gBeta: { k1: 'Deliver the chatbot', k2: OK } });
    record = look(record, 'gAlpha', draftWith({ k1: 'Raise NPS from 20 to 35', k2: OK }), 30);
    const input = { record, groups, comments: [], createdAt: 0, now: 60_000 };
    const hidden = coachingReport(input, { names: false }).board!;
    const json = JSON.stringify(hidden);
    for (const secret of ['Falcons', 'Otters', 'gAlpha', 'gBeta']) expect(json).not.toContain(secret);
    expect(hidden.patterns[0]).toMatchObject({ rule: 'kr-output', groups: 2, examples: [{ text: 'Run 5 workshops', group: null }, { text: 'Deliver the chatbot', group: null }], pairs: [{ before: 'Run 5 workshops', after: 'Raise NPS from 20 to 35', group: null }] });
    const shown = coachingReport(input, { names: true }).board!;
    expect(shown.patterns[0]!.examples.map((e) => e.group)).toEqual(['Falcons', 'Otters']);
    expect(JSON.stringify(shown)).not.toContain('gAlpha');
    // Not shown: no board; the console's report has every name and figure.
    const { report, board } = coachingReport(input);
    expect(board).toBeNull();
    expect(report.figures.groups.map((g) => g.name)).toEqual(['Falcons', 'Otters']);
    expect(report.board.progress.hints).toMatchObject({ raised: 3, fixed: 1, open: 2 });
  });

  it('shows the five most widespread patterns on everyone’s screen', () => {
    const groups = groupsOf(1);
    const record = look(emptyCoaching(), 'g1', { objectives: [{ id: 'o1', title: 'Grow 20%', why: '', dismissed: [], keyResults: draftWith({ k1: 'Launch a campaign', k2: 'Increase traffic by 20%', k3: 'Raise NPS from 20', k4: 'Cut churn from 2% to 2%' }).objectives[0]!.keyResults }] }, 0);
    const { report, board } = coachingReport({ record, groups, comments: [], createdAt: 0, now: 60_000 }, { names: true });
    expect(report.board.patterns.length).toBeGreaterThan(5);
    expect(board!.patterns.map((p) => p.rule)).toEqual(report.board.patterns.slice(0, 5).map((p) => p.rule));
  });
});
