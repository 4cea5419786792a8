/**
 * Coach quality on the labelled set (test/fixtures/coach-fixtures.json): precision and recall per rule.
 * Floors: output wording and missing baseline ≥ 0.9 precision and ≥ 0.8 recall; every other rule
 * with at least 5 positive examples ≥ 0.8 precision and ≥ 0.7 recall. Results: docs/coach.md.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { emptyKeyResult } from '../okr';
import { DEFAULT_OKR_RULES } from '../okrRules';
import { coachKeyResult, coachObjective } from './rules';

interface Fixtures {
  keyResults: Array<{ text: string; expected: string[] }>;
  objectives: Array<{ title: string; why: string; expected: string[] }>;
}

const fixtures = JSON.parse(readFileSync(new URL('../../test/fixtures/coach-fixtures.json', import.meta.url), 'utf8')) as Fixtures;
const STRICT = new Set(['kr-output', 'kr-no-baseline']);
// Key-result counts are out of scope for single items: objectives are checked without them.
const OBJECTIVE_RULES = { ...DEFAULT_OKR_RULES, minKeyResults: 0 };

it('meets the precision and recall floors on the labelled set', () => {
  const cases = [
    ...fixtures.keyResults.map((k, i) => ({ label: k.text, expected: k.expected, actual: coachKeyResult({ ...emptyKeyResult(`k${i}`), text: k.text }, DEFAULT_OKR_RULES).map((h) => h.rule) })),
    ...fixtures.objectives.map((o, i) => ({
      label: o.title,
      expected: o.expected,
      actual: coachObjective({ id: `o${i}`, title: o.title, why: o.why, keyResults: [], dismissed: [] }, OBJECTIVE_RULES).map((h) => h.rule),
    })),
  ];
  expect(fixtures.keyResults.length).toBeGreaterThanOrEqual(80);
  expect(fixtures.objectives.length).toBeGreaterThanOrEqual(20);
  const rules = [...new Set(cases.flatMap((c) => [...c.expected, ...c.actual]))].sort();
  const rows = rules.map((rule) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const c of cases) {
      const want = c.expected.includes(rule);
      const got = (c.actual as string[]).includes(rule);
      if (want && got) tp++;
      else if (got) fp++;
      else if (want) fn++;
    }
    const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
    return { rule, positives: tp + fn, tp, fp, fn, precision, recall };
  });
  const misses = cases.filter((c) => [...c.expected].sort().join() !== [...new Set(c.actual)].sort().join());
  console.log(
    ['| rule | positives | TP | FP | FN | precision | recall |', '|---|---|---|---|---|---|---|',
      ...rows.map((r) => `| ${r.rule} | ${r.positives} | ${r.tp} | ${r.fp} | ${r.fn} | ${r.precision.toFixed(2)} | ${r.recall.toFixed(2)} |`),
      `cases: ${cases.length}; disagreements: ${misses.length}`,
      ...misses.map((m) => `  ${m.label}: expected [${m.expected.join(', ')}], got [${m.actual.join(', ')}]`)].join('\n'),
  );
  for (const r of rows) {
    if (STRICT.has(r.rule)) {
      expect(r.precision, `${r.rule} precision`).toBeGreaterThanOrEqual(0.9);
      expect(r.recall, `${r.rule} recall`).toBeGreaterThanOrEqual(0.8);
    } else if (r.positives >= 5) {
      expect(r.precision, `${r.rule} precision`).toBeGreaterThanOrEqual(0.8);
      expect(r.recall, `${r.rule} recall`).toBeGreaterThanOrEqual(0.7);
    }
  }
});
