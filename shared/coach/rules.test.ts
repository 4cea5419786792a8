import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/i18n';
import { hintText } from './messages';
import { emptyKeyResult, type KeyResultData, type ObjectiveData } from '../okr';
import { DEFAULT_OKR_RULES, type OkrRules } from '../okrRules';
import { coachDraft, coachKeyResult, coachObjective } from './rules';
import { activityIn, fromTo, hasNumber, valueOf } from './text';

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

describe('numbers in German, French, Spanish and Portuguese', () => {
  it('reads thousands and decimals by shape, whatever the language', () => {
    expect(valueOf('12.000')).toBe(12_000);
    expect(valueOf('12 000 €')).toBe(12_000);
    expect(valueOf('12\u202f000\u00a0€')).toBe(12_000);
    expect(valueOf('1.200 €')).toBe(1200);
    expect(valueOf('4,5 %')).toBe(4.5);
    expect(valueOf('1.200,50')).toBe(1200.5);
    expect(valueOf('1,200.50')).toBe(1200.5);
    expect(valueOf('1.200.000')).toBe(1_200_000);
    expect(valueOf('0,125')).toBe(0.125);
    expect(valueOf('2,5 Mio.')).toBe(2_500_000);
    expect(valueOf('R$ 5 mil')).toBe(5000);
    expect(valueOf('2,5 M€')).toBe(2_500_000);
    // English as before: a comma before three digits groups thousands, a dot before one is a decimal.
    expect(valueOf('1,200')).toBe(1200);
    expect(valueOf('1.5')).toBe(1.5);
    expect(valueOf('$12,000')).toBe(12_000);
  });
  it('reads number words and excludes periods in every language', () => {
    for (const t of ['zehn Kunden', 'Abbrecherquote halbieren', 'die Hälfte', 'doubler le CA', 'dix clients', 'la moitié',
      'diez clientes', 'duplicar ventas', 'la mitad', 'dez clientes', 'duas parcerias', 'dobrar a receita', 'a metade',
      'fünfzehn', 'mil clientes', '1 Mio. Nutzer', '15 %', 'R$ 5 mil']) expect(hasNumber(t), t).toBe(true);
    for (const t of ['im 3. Quartal', 'au T3', 'au 3e trimestre', 'en el T3', 'en el 1er trimestre', 'no 1º trimestre',
      'bis Ende 2027', 'S1 2027', 'bis 30. Juni', 'avant le 15 mars', 'Q4 2027', 'KR1: Onboarding verbessern']) expect(hasNumber(t), t).toBe(false);
  });
  it('counts words that clash across languages only in their own language', () => {
    expect(hasNumber('Rendre l’onboarding très simple')).toBe(false);
    expect(hasNumber('Conseguir tres nuevos distribuidores en México')).toBe(true);
    expect(hasNumber('Fechar parcerias com três novos distribuidores')).toBe(true);
    expect(hasNumber('Melhorar a retenção dos clientes')).toBe(false);
    expect(hasNumber('Conseguir dos nuevos distribuidores')).toBe(true);
  });
  it('reads from-to in every language', () => {
    expect(fromTo('Bearbeitungszeit von 4,5 auf 3 Tage senken')).toEqual({ from: '4,5', to: '3' });
    expect(fromTo('Passer de 12 000 à 15 000 abonnés')).toEqual({ from: '12 000', to: '15 000' });
    expect(fromTo('Aumentar a conversão de 40% para 55%')).toEqual({ from: '40%', to: '55%' });
    expect(fromTo('Reducir el churn del 5 % al 3 %')).toEqual({ from: '5 %', to: '3 %' });
    expect(fromTo('Kosten pro Lead von 80 € auf 55 € senken')).toEqual({ from: '80 €', to: '55 €' });
    expect(fromTo('Délai de résolution : 36 h → 24 h')).toEqual({ from: '36', to: '24' });
    expect(fromTo('Monatsabschluss in 5 statt 10 Arbeitstagen')).toEqual({ from: '10', to: '5' });
    expect(fromTo('NPS ausgehend von 30 steigern')).toEqual({ from: '30', to: null });
    // A change is not a starting point.
    expect(fromTo('Augmenter le chiffre d’affaires de 15 %')).toEqual({ from: null, to: null });
    expect(fromTo('Umsatz um 20 % steigern')).toEqual({ from: null, to: null });
  });
});

describe('key result rules in German, French, Spanish and Portuguese', () => {
  it('flags activity wording: infinitives first or (German) last, nouns of action, 1st person plural, with or without accents', () => {
    expect(rulesOf('Neue Onboarding-Kampagne starten')).toEqual(['kr-output', 'kr-no-number']);
    expect(rulesOf('Einführung eines CRM-Systems')).toEqual(['kr-output', 'kr-no-number']);
    expect(rulesOf('Wir führen ein neues CRM ein')).toEqual(['kr-output', 'kr-no-number']);
    expect(rulesOf('40 Nutzerinterviews durchführen')).toEqual(['kr-output']);
    expect(rulesOf('Mettre en place un CRM')).toEqual(['kr-output', 'kr-no-number']);
    expect(rulesOf('Nous allons lancer la campagne')).toContain('kr-output');
    expect(rulesOf('Vamos a organizar tres webinars')).toEqual(['kr-output']);
    expect(rulesOf('Lançar o portal')).toContain('kr-output');
    expect(rulesOf('Lancar o portal')).toContain('kr-output');
    expect(rulesOf('KR1: Implementação do SSO')).toContain('kr-output');
    expect(activityIn('Neue Onboarding-Kampagne starten')).toBe('starten');
    expect(activityIn('Lancer une campagne')).toBe('Lancer');
    // Outcome wording, and a borrowed English gerund used as a noun, are not activities.
    expect(rulesOf('Onboarding verbessern')).toEqual(['kr-no-number']);
    expect(rulesOf('Faire passer le CSAT de 4,1 à 4,5')).toEqual([]);
    expect(rulesOf('Cerrar 20 nuevos contratos')).toEqual(['kr-no-baseline']);
  });
  it('asks for a baseline when a change has none, and not when holding a level', () => {
    expect(rulesOf('Augmenter le chiffre d’affaires de 15 %')).toEqual(['kr-no-baseline']);
    expect(rulesOf('Umsatz um 20 % steigern')).toEqual(['kr-no-baseline']);
    expect(rulesOf('Aumentar las ventas en un 20 %')).toEqual(['kr-no-baseline']);
    expect(rulesOf('Aumentar a receita em 20%')).toEqual(['kr-no-baseline']);
    expect(rulesOf('Kundenzufriedenheit von 70 % auf 85 % steigern')).toEqual([]);
    expect(rulesOf('Réduire le churn de 5 % à 3 %')).toEqual([]);
    expect(rulesOf('Verfügbarkeit bei 99,9 % halten')).toEqual([]);
    expect(rulesOf('Maintenir la disponibilité à 99,9 %')).toEqual([]);
    expect(rulesOf('Mantener el churn por debajo del 2 %')).toEqual([]);
    expect(rulesOf('Manter a disponibilidade em 99,9%')).toEqual([]);
  });
  it('flags a missing target, a target equal to the baseline, and impossible percentages', () => {
    expect(rulesOf('NPS ausgehend von 30 steigern')).toEqual(['kr-target-missing']);
    expect(rulesOf('Faire progresser le NPS à partir de 30')).toEqual(['kr-target-missing']);
    expect(rulesOf('Reduzir o tempo de contratação de 45 dias para 45 dias')).toEqual(['kr-target-equals-baseline']);
    expect(rulesOf('Réduire les coûts de 12 000 € à 12.000 €')).toEqual(['kr-target-equals-baseline']);
    expect(rulesOf('Testabdeckung von 60 % auf 120 % erhöhen')).toEqual(['kr-percent-over-100']);
    expect(rulesOf('Faire croître le chiffre d’affaires de 150 % sur un an')).not.toContain('kr-percent-over-100');
    expect(rulesOf('Umsatz um 150 % steigern')).not.toContain('kr-percent-over-100');
    expect(rulesOf('Alcanzar el 130 % de las ventas del año pasado')).not.toContain('kr-percent-over-100');
  });
  it('reads objectives as metrics on digits, not on ambitions', () => {
    expect(coachObjective(objective('Umsatz auf 2 Mio. € steigern'), DEFAULT_OKR_RULES).map((h) => h.rule)).toEqual(['objective-metric']);
    for (const t of ['Die Nr. 1 für Remote-Teams werden', 'Devenir le n° 1 en France', 'Ser la opción n.º 1', 'Estar entre os top 3', 'Dobrar nosso impacto no 3º trimestre']) {
      expect(coachObjective(objective(t), DEFAULT_OKR_RULES), t).toEqual([]);
    }
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
