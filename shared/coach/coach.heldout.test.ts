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
import { scoreTable, type ScoredCase } from './scoring';

interface HeldOut {
  description: string;
  keyResults: Record<string, Array<{ text: string; expected: string[] }>>;
}

const LANGUAGES = ['en', 'de', 'fr', 'es', 'pt'] as const;
const MIN_ITEMS: Record<(typeof LANGUAGES)[number], number> = { en: 20, de: 30, fr: 30, es: 30, pt: 30 };
const heldOut = JSON.parse(readFileSync(new URL('../../test/fixtures/coach-heldout.json', import.meta.url), 'utf8')) as HeldOut;

function casesOf(language: string): ScoredCase[] {
  return (heldOut.keyResults[language] ?? []).map((k, i) => ({
    label: k.text,
    expected: k.expected,
    actual: [...new Set(coachKeyResult({ ...emptyKeyResult(`k${i}`), text: k.text }, DEFAULT_OKR_RULES).map((h) => h.rule))],
  }));
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
    const all: ScoredCase[] = [];
    for (const language of LANGUAGES) {
      const cases = casesOf(language);
      all.push(...cases);
      console.log(scoreTable(`## held-out ${language}`, cases));
    }
    console.log(scoreTable('## held-out, all languages', all));
  });
});
