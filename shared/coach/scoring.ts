/**
 * Precision and recall of the coach's rules on labelled cases, and the table docs/coach.md shows:
 * shared by the quality test (floors) and the held-out report. A rule that never fires has no
 * precision (NaN), so it fails every floor rather than counting as 1.
 */
import { RULE_IDS } from './hints';

/** One labelled item: what a coach would raise, and what the rules raised. */
export interface ScoredCase {
  label: string;
  expected: string[];
  actual: string[];
}

export interface RuleScore {
  rule: string;
  positives: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

export function score(cases: ScoredCase[]): RuleScore[] {
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

/** A figure as the tables show it ("—" for none). */
export const shown = (x: number) => (Number.isNaN(x) ? '—' : x.toFixed(2));

/** The rules that fired or were expected, as a Markdown table, then every disagreement. */
export function scoreTable(title: string, cases: ScoredCase[], rows: RuleScore[] = score(cases)): string {
  const misses = cases.filter((c) => [...c.expected].sort().join() !== [...new Set(c.actual)].sort().join());
  return [
    title,
    '| rule | positives | TP | FP | FN | precision | recall |',
    '|---|---|---|---|---|---|---|',
    ...rows.filter((r) => r.positives + r.fp > 0).map((r) => `| ${r.rule} | ${r.positives} | ${r.tp} | ${r.fp} | ${r.fn} | ${shown(r.precision)} | ${shown(r.recall)} |`),
    `cases: ${cases.length}; disagreements: ${misses.length}`,
    ...misses.map((m) => `  ${m.label}: expected [${m.expected.join(', ')}], got [${m.actual.join(', ')}]`),
  ].join('\n');
}
