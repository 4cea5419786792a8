/**
 * Held-out evaluation of the key-result rules (test/fixtures/coach-heldout.json): 20 English and
 * 30 German, French, Spanish and Portuguese key results written and labelled by a second author
 * before the coach ran on them. A report, not a floor: it prints precision and recall per language
 * and rule and every disagreement, and asserts only the size of the set and that labels name real
 * rules. Results: docs/coach.md ("Held-out evaluation").
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emptyKeyResult } from '../okr';
import { DEFAULT_OKR_RULES } from '../okrRules';
import { RULE_IDS } from './hints';
import { coachKeyResult } from './rules';

interface HeldOut {
  description: string;
  keyResults: Record<string, Array<{ text: string; expected: string[] }>>;
}

interface Case {
  text: string;
  expected: string[];
  actual: string[];
}

interface Row {
  rule: string;
  positives: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

const LANGUAGES = ['en', 'de', 'fr', 'es', 'pt'] as const;
const MIN_ITEMS: Record<(typeof LANGUAGES)[number], number> = { en: 20, de: 30, fr: 30, es: 30, pt: 30 };
const heldOut = JSON.parse(readFileSync(new URL('../../test/fixtures/coach-heldout.json', import.meta.url), 'utf8')) as HeldOut;

function casesOf(language: string): Case[] {
  return (heldOut.keyResults[language] ?? []).map((k, i) => ({
    text: k.text,
    expected: k.expected,
    actual: [...new Set(coachKeyResult({ ...emptyKeyResult(`k${i}`), text: k.text }, DEFAULT_OKR_RULES).map((h) => h.rule))],
  }));
}

function score(cases: Case[]): Row[] {
  return RULE_IDS.map((rule) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const c of cases) {
      const want = c.expected.includes(rule);
      const got = c.actual.includes(rule);
      if (want && got) tp++;
      else if (got) fp++;
      else if (want) fn++;
    }
    const precision = tp + fp === 0 ? Number.NaN : tp / (tp + fp);
    const recall = tp + fn === 0 ? Number.NaN : tp / (tp + fn);
    return { rule, positives: tp + fn, tp, fp, fn, precision, recall };
  });
}

const shown = (x: number) => (Number.isNaN(x) ? '—' : x.toFixed(2));
const same = (a: string[], b: string[]) => [...a].sort().join() === [...b].sort().join();

function report(title: string, cases: Case[]): void {
  const rows = score(cases).filter((r) => r.positives + r.fp > 0);
  const misses = cases.filter((c) => !same(c.expected, c.actual));
  console.log(
    [
      title,
      '| rule | positives | TP | FP | FN | precision | recall |',
      '|---|---|---|---|---|---|---|',
      ...rows.map((r) => `| ${r.rule} | ${r.positives} | ${r.tp} | ${r.fp} | ${r.fn} | ${shown(r.precision)} | ${shown(r.recall)} |`),
      `cases: ${cases.length}; disagreements: ${misses.length}`,
      ...misses.map((m) => `  ${m.text}: expected [${m.expected.join(', ')}], got [${m.actual.join(', ')}]`),
    ].join('\n'),
  );
}

describe('coach, held-out key results (a report, not a floor)', () => {
  it('has enough items per language, labelled with known rules only', () => {
    const known = new Set<string>(RULE_IDS);
    for (const language of LANGUAGES) {
      const items = heldOut.keyResults[language] ?? [];
      expect(items.length, language).toBeGreaterThanOrEqual(MIN_ITEMS[language]);
      for (const item of items) expect(item.expected.filter((rule) => !known.has(rule)), item.text).toEqual([]);
    }
  });

  it('prints precision and recall per language and rule, and every disagreement', () => {
    const all: Case[] = [];
    for (const language of LANGUAGES) {
      const cases = casesOf(language);
      all.push(...cases);
      report(`## held-out ${language}`, cases);
    }
    report('## held-out, all languages', all);
  });
});
