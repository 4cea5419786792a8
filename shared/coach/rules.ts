/** The OKR coach's rules: pure functions from a draft and the workshop's OKR rules to hints. */
import type { Draft, KeyResultData, ObjectiveData } from '../okr';
import type { OkrRules } from '../okrRules';
import type { Hint, MessageParams, RuleId, Severity } from './hints';
import { firstWord, fromTo, hasNumber, isHoldSteady, normalize, numbersIn, percentages, stripLead, valueOf } from './text';

/** Verbs that announce an activity or output rather than an outcome. */
export const ACTIVITY_VERBS = new Set([
  'launch', 'deliver', 'complete', 'build', 'implement', 'hold', 'write', 'create', 'ship', 'release',
  'publish', 'run', 'organise', 'organize', 'conduct', 'develop', 'set', 'roll', 'migrate', 'hire',
  'design', 'finish', 'host', 'send', 'produce', 'prepare', 'introduce', 'deploy', 'install', 'document',
  'draft', 'start', 'begin', 'establish', 'execute', 'perform', 'do', 'redesign', 'refactor', 'add',
  'integrate', 'upgrade', 'collect', 'schedule', 'post', 'attend', 'train', 'recruit', 'kick',
  'finalize', 'finalise', 'submit', 'plan', 'organize', 'complete', 'rebuild', 'rewrite', 'translate',
  'automate', 'buy', 'purchase', 'define', 'map', 'audit', 'review', 'update', 'setup', 'onboard',
  'announce', 'present', 'pilot', 'test', 'interview', 'call', 'visit', 'hold', 'deliver', 'ship',
  'provide', 'offer', 'sign', 'celebrate', 'participate', 'facilitate', 'coordinate',
]);

/** Conjugated and -ing forms map to the verb: "launched", "launching", "delivers". */
function lemma(word: string): string {
  for (const suffix of ['ing', 'ed', 'es', 's']) {
    if (word.endsWith(suffix)) {
      const stem = word.slice(0, -suffix.length);
      if (ACTIVITY_VERBS.has(stem)) return stem;
      if (ACTIVITY_VERBS.has(`${stem}e`)) return `${stem}e`;
      if (stem.length > 2 && stem.at(-1) === stem.at(-2) && ACTIVITY_VERBS.has(stem.slice(0, -1))) return stem.slice(0, -1);
    }
  }
  return word;
}

function hint(rule: RuleId, severity: Severity, itemId: string, params: MessageParams = {}): Hint {
  return { rule, severity, itemId, params };
}

/** Percentages above 100% that cannot be (not a change "by 150%", not "150% of last year"). */
function impossiblePercent(text: string): string | null {
  if (/\b\d+(?:[.,]\d+)?\s?%\s+of\s+(?:last|previous|the\s+previous|plan|target|budget|baseline|quota|\d{4})/i.test(text)) return null;
  if (/\b(?:growth|grow|revenue|sales|yoy|year[- ]over[- ]year|roi|return|margin\s+growth)\b/i.test(text) && /\bby\b/i.test(text)) return null;
  const over = percentages(text).find((p) => p.value > 100 && !p.isChange);
  return over ? over.raw : null;
}

/** Hints on one key result (duplicates and counts need the whole draft: see coachDraft). */
export function coachKeyResult(kr: KeyResultData, rules: OkrRules): Hint[] {
  const hints: Hint[] = [];
  const text = kr.text.trim();
  const milestone = rules.allowMilestones && kr.type === 'milestone';
  if (text) {
    const verb = lemma(firstWord(text));
    const { from, to } = fromTo(text);
    const baseline = from ?? (kr.baseline.trim() || null);
    const target = to ?? (kr.target.trim() || null);
    const numeric = hasNumber(text) || hasNumber(kr.target) || hasNumber(kr.baseline);
    const output = !milestone && ACTIVITY_VERBS.has(verb) && !(from && to);
    if (output) hints.push(hint('kr-output', 'warning', kr.id, { verb: stripLead(text).split(/\s+/)[0] }));
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
  const metricLike = numbersIn(title.replace(/\btop\s+\d+\b|#\s?1\b|\bno\.?\s?1\b/gi, '')).length > 0;
  if (title && metricLike) hints.push(hint('objective-metric', 'warning', objective.id));
  if (title && !objective.why.trim()) hints.push(hint('objective-no-why', 'info', objective.id));
  const count = objective.keyResults.length;
  if ((title || count > 0) && count < rules.minKeyResults) {
    hints.push(hint('too-few-key-results', 'info', objective.id, { min: rules.minKeyResults, max: rules.maxKeyResults }));
  }
  if (count > rules.maxKeyResults) hints.push(hint('too-many-key-results', 'warning', objective.id, { max: rules.maxKeyResults }));
  return hints;
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
      const krHints = coachKeyResult(kr, rules);
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
