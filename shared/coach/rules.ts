/** The OKR coach's rules: pure functions from a draft and the workshop's OKR rules to hints. */
import type { Draft, KeyResultData, ObjectiveData } from '../okr';
import type { OkrRules } from '../okrRules';
import type { Hint, MessageParams, RuleId, Severity } from './hints';
import { en } from './lexicon/en';
import { activityIn, fromTo, hasNumber, impossiblePercent, isHoldSteady, isMetricLike, normalize, numbersIn, valueOf } from './text';

/**
 * English verbs that announce an activity or output rather than an outcome (kept for callers; the
 * rules read every language's activity words through activityIn, see ./lexicon).
 */
export const ACTIVITY_VERBS: ReadonlySet<string> = new Set(en.activity.verbs);

function hint(rule: RuleId, severity: Severity, itemId: string, params: MessageParams = {}): Hint {
  return { rule, severity, itemId, params };
}

/** Hints on one key result (duplicates and counts need the whole draft: see coachDraft). */
export function coachKeyResult(kr: KeyResultData, rules: OkrRules): Hint[] {
  const hints: Hint[] = [];
  const text = kr.text.trim();
  const milestone = rules.allowMilestones && kr.type === 'milestone';
  if (text) {
    const verb = activityIn(text);
    const { from, to } = fromTo(text);
    const baseline = from ?? (kr.baseline.trim() || null);
    const target = to ?? (kr.target.trim() || null);
    const numeric = hasNumber(text) || hasNumber(kr.target) || hasNumber(kr.baseline);
    const output = !milestone && verb !== null && !(from && to);
    if (output) hints.push(hint('kr-output', 'warning', kr.id, { verb }));
    if (!numeric && !milestone) {
      hints.push(hint('kr-no-number', rules.allowMilestones ? 'info' : 'warning', kr.id));
    }
    // One hint at a time: an activity is fixed by rewording, not by adding a baseline.
    if (numeric && !milestone && !output) {
      if (rules.requireBaseline && !baseline && !isHoldSteady(text)) hints.push(hint('kr-no-baseline', 'warning', kr.id));
      if (baseline && !target && !numbersIn(text).some((n) => n !== baseline)) hints.push(hint('kr-target-missing', 'warning', kr.id));
      if (baseline && target && valueOf(baseline) !== null && valueOf(baseline) === valueOf(target)) {
        hints.push(hint('kr-target-equals-baseline', 'warning', kr.id, { value: baseline }));
      }
    }
    const over = impossiblePercent(text);
    if (over) hints.push(hint('kr-percent-over-100', 'warning', kr.id, { value: over }));
  }
  if (rules.requireConfidence && kr.confidence === null) hints.push(hint('kr-missing-confidence', 'info', kr.id));
  if (rules.requireChampion && !kr.champion.trim()) hints.push(hint('kr-missing-champion', 'info', kr.id));
  return hints;
}

/** Hints on one objective and its own key results' count. */
export function coachObjective(objective: ObjectiveData, rules: OkrRules): Hint[] {
  const hints: Hint[] = [];
  const title = objective.title.trim();
  // Digits or a percentage make an objective a metric; "top 3" and "#1" are ambitions, not metrics.
  const metricLike = isMetricLike(title);
  if (title && metricLike) hints.push(hint('objective-metric', 'warning', objective.id));
  if (title && !objective.why.trim()) hints.push(hint('objective-no-why', 'info', objective.id));
  const count = objective.keyResults.length;
  if ((title || count > 0) && count < rules.minKeyResults) {
    hints.push(hint('too-few-key-results', 'info', objective.id, { min: rules.minKeyResults, max: rules.maxKeyResults }));
  }
  if (count > rules.maxKeyResults) hints.push(hint('too-many-key-results', 'warning', objective.id, { max: rules.maxKeyResults }));
  return hints;
}

/**
 * Key-result hints, remembered per rules object and per what the rules read of a key result: a
 * keystroke re-coaches the whole draft (editor, radar), but only the key result typed into is read
 * again. Reading five languages costs ~10 µs a key result; a remembered one costs a lookup.
 */
const REMEMBERED = new WeakMap<OkrRules, Map<string, readonly Hint[]>>();
const REMEMBER_AT_MOST = 10_000;

function rememberedKeyResult(kr: KeyResultData, rules: OkrRules): Hint[] {
  let byKey = REMEMBERED.get(rules);
  if (!byKey) REMEMBERED.set(rules, (byKey = new Map()));
  const key = [kr.type, kr.confidence === null, kr.champion.trim() === '', kr.baseline, kr.target, kr.text].join('\u0000');
  let found = byKey.get(key);
  if (!found) {
    if (byKey.size >= REMEMBER_AT_MOST) byKey.clear();
    found = coachKeyResult(kr, rules);
    byKey.set(key, found);
  }
  return found.map((h) => (h.itemId === kr.id ? h : { ...h, itemId: kr.id }));
}

/** Every hint on a draft, minus what the group dismissed per item. */
export function coachDraft(draft: Draft, rules: OkrRules): Hint[] {
  const hints: Hint[] = [];
  const seen = new Map<string, string>();
  draft.objectives.forEach((objective, i) => {
    const own = coachObjective(objective, rules);
    if (i === rules.maxObjectives) own.push(hint('too-many-objectives', 'warning', objective.id, { limit: rules.maxObjectives }));
    hints.push(...own.filter((h) => !objective.dismissed.includes(h.rule)));
    for (const kr of objective.keyResults) {
      const krHints = rememberedKeyResult(kr, rules);
      const key = normalize(kr.text);
      if (key) {
        if (seen.has(key)) krHints.push(hint('kr-duplicate', 'warning', kr.id));
        else seen.set(key, kr.id);
      }
      hints.push(...krHints.filter((h) => !kr.dismissed.includes(h.rule)));
    }
  });
  return hints;
}
