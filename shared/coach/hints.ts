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

/** What a rule fills into its message: the verb it read, a value, the workshop's limits. */
// A type, not an interface: i18next takes it as interpolation values (it needs an index signature).
export type MessageParams = {
  verb?: string;
  value?: string;
  limit?: number;
  min?: number;
  max?: number;
};

/**
 * A hint names its rule and what the rule read; its words come from the `coach` catalogue in the
 * reader's language (see messages.ts), so the same hint reads in German to one and French to another.
 */
export interface Hint {
  rule: RuleId;
  severity: Severity;
  /** The objective or key result it is about. */
  itemId: string;
  params: MessageParams;
}
