/** Coach hints: what the OKR coach says about one objective or key result. */

export const RULE_IDS = [
  'kr-output',
  'kr-no-number',
  'kr-no-baseline',
  'kr-target-missing',
  'kr-target-equals-baseline',
  'kr-percent-over-100',
  'kr-duplicate',
  'kr-missing-confidence',
  'kr-missing-champion',
  'objective-metric',
  'objective-no-why',
  'too-many-objectives',
  'too-few-key-results',
  'too-many-key-results',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export const SEVERITIES = ['info', 'warning'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Hint {
  rule: RuleId;
  severity: Severity;
  /** What is wrong, in plain words. */
  message: string;
  /** The coaching question or fix. */
  suggestion: string;
  /** The objective or key result it is about. */
  itemId: string;
}
