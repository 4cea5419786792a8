import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/i18n';
import { hintText } from './messages';
import { emptyKeyResult, type KeyResultData, type ObjectiveData } from '../okr';
import { DEFAULT_OKR_RULES, type OkrRules } from '../okrRules';
import { coachDraft, coachKeyResult, coachObjective } from './rules';
import { fromTo, hasNumber, valueOf } from './text';

const kr = (text: string, patch: Partial<KeyResultData> = {}): KeyResultData => ({ ...emptyKeyResult('k'), text, ...patch });
const rulesOf = (text: string, patch: Partial<KeyResultData> = {}, rules: Partial<OkrRules> = {}) =>
  coachKeyResult(kr(text, patch), { ...DEFAULT_OKR_RULES, ...rules }).map((h) => h.rule);
const objective = (title: string, why = 'Because.', keyResults: KeyResultData[] = [kr('a'), kr('b')]): ObjectiveData => ({ id: 'o', title, why, keyResults, dismissed: [] });

describe('numbers', () => {
  it('reads digits with units, currencies, words, and ignores periods and years', () => {
    for (const t of ['40k visits', '€1.2M', '85%', '3x', '$1,200', 'twenty customers', 'half the time', 'double it', '1.5M users']) expect(hasNumber(t), t).toBe(true);
    for (const t of ['in Q3', 'by H2', 'in 2027', 'FY24 plan', 'better onboarding']) expect(hasNumber(t), t).toBe(false);
    expect(valueOf('40k')).toBe(40_000);
    expect(valueOf('€1.2M')).toBe(1_200_000);
    expect(valueOf('1,200')).toBe(1200);
    expect(fromTo('Reduce churn from 5% to 3%')).toEqual({ from: '5%', to: '3%' });
    expect(fromTo('Activation 20% → 35%')).toEqual({ from: '20%', to: '35%' });
    expect(fromTo('Close the books in 5 days instead of 10')).toEqual({ from: '10', to: '5' });
  });
});

describe('key result rules', () => {
  it('leaves a good key result alone', () => {
    expect(rulesOf('Reduce churn from 5% to 3%')).toEqual([]);
    expect(rulesOf('Increase website traffic from 40k to 48k visits/month by end of Q3')).toEqual([]);
    expect(rulesOf('Decrease customer effort score from five to three')).toEqual([]);
  });
  it('flags activity wording, with the question to ask', () => {
    const [h] = coachKeyResult(kr('Launch NPS survey reaching 500 customers'), DEFAULT_OKR_RULES);
    expect(h).toMatchObject({ rule: 'kr-output', itemId: 'k' });
    expect(hintText(translator('en'), h!).suggestion).toMatch(/intended outcome/);
    expect(hintText(translator('de'), h!).message).toBe('„Launch“ beschreibt eine Aktivität, kein Ergebnis.');
    expect(rulesOf('Deliver chatbot feature')).toEqual(['kr-output', 'kr-no-number']);
    expect(rulesOf('We will launch the referral programme')).toContain('kr-output');
    expect(rulesOf('Q3: Completed 100 customer calls')).toEqual(['kr-output']);
  });
  it('asks for a baseline when a change has none', () => {
    expect(rulesOf('Increase website traffic by 20% in Q3')).toEqual(['kr-no-baseline']);
    expect(rulesOf('Grow to 500 customers')).toEqual(['kr-no-baseline']);
    expect(rulesOf('Double weekly active learners')).toEqual(['kr-no-baseline']);
    // A baseline in the structured field counts; holding steady needs none; the rule can be off.
    expect(rulesOf('Grow to 500 customers', { baseline: '320' })).toEqual([]);
    expect(rulesOf('Maintain uptime at 99.9%')).toEqual([]);
    expect(rulesOf('Grow to 500 customers', {}, { requireBaseline: false })).toEqual([]);
  });
  it('handles missing numbers and milestones per the rules', () => {
    expect(rulesOf('Improve onboarding')).toEqual(['kr-no-number']);
    const asInfo = coachKeyResult(kr('Improve onboarding'), { ...DEFAULT_OKR_RULES, allowMilestones: true });
    expect(asInfo).toMatchObject([{ rule: 'kr-no-number', severity: 'info' }]);
    expect(rulesOf('Launch the partner portal', { type: 'milestone' }, { allowMilestones: true })).toEqual([]);
  });
  it('flags a missing target, a target equal to the baseline, and impossible percentages', () => {
    expect(rulesOf('Increase NPS from 30')).toEqual(['kr-target-missing']);
    expect(rulesOf('Increase NPS from 30', { target: '45' })).toEqual([]);
    expect(rulesOf('Lower error rate from 2% to 2%')).toEqual(['kr-target-equals-baseline']);
    expect(rulesOf('Raise test coverage from 60% to 120%')).toEqual(['kr-percent-over-100']);
    expect(rulesOf('Grow revenue by 150% year over year')).not.toContain('kr-percent-over-100');
    expect(rulesOf('Reach 130% of last year’s bookings from 1M')).not.toContain('kr-percent-over-100');
  });
  it('asks for confidence and champion when the rules require them', () => {
    expect(rulesOf('Reduce churn from 5% to 3%', {}, { requireConfidence: true, requireChampion: true })).toEqual(['kr-missing-confidence', 'kr-missing-champion']);
    expect(rulesOf('Reduce churn from 5% to 3%', { confidence: 7, champion: 'Ana' }, { requireConfidence: true, requireChampion: true })).toEqual([]);
  });
});

describe('objective and draft rules', () => {
  it('flags metric objectives and a missing why', () => {
    expect(coachObjective(objective('Be ready for the IPO'), DEFAULT_OKR_RULES)).toEqual([]);
    expect(coachObjective(objective('Increase revenue to €2M'), DEFAULT_OKR_RULES).map((h) => h.rule)).toEqual(['objective-metric']);
    expect(coachObjective(objective('Become a top 3 player'), DEFAULT_OKR_RULES)).toEqual([]);
    expect(coachObjective(objective('Win the mid-market', ''), DEFAULT_OKR_RULES).map((h) => h.rule)).toEqual(['objective-no-why']);
  });
  it('counts objectives and key results, spots duplicates, and omits dismissed hints', () => {
    const good = (id: string) => ({ ...kr('Reduce churn from 5% to 3%'), id });
    const draft = {
      objectives: [
        objective('One', 'w', [good('a'), { ...kr('Reduce  churn from 5% to 3%!'), id: 'dup' }]),
        { ...objective('Two', 'w', [good('b')]), id: 'o2' },
        { ...objective('Three', 'w', [good('c'), good('d'), good('e'), good('f'), good('g'), good('h')]), id: 'o3' },
        { ...objective('Four', 'w', [good('i'), good('j')]), id: 'o4' },
      ],
    };
    const rules = coachDraft(draft, DEFAULT_OKR_RULES).map((h) => `${h.rule}@${h.itemId}`);
    expect(rules).toContain('kr-duplicate@dup');
    expect(rules).toContain('too-few-key-results@o2');
    expect(rules).toContain('too-many-key-results@o3');
    expect(rules).toContain('too-many-objectives@o4');
    draft.objectives[1]!.dismissed = ['too-few-key-results'];
    expect(coachDraft(draft, DEFAULT_OKR_RULES).map((h) => `${h.rule}@${h.itemId}`)).not.toContain('too-few-key-results@o2');
  });
});
