/**
 * The English message catalogue, kept apart from detection so it can be translated: one entry per
 * rule, with the parameters the rule fills in.
 */
import type { RuleId } from './hints';

export interface MessageParams {
  verb?: string;
  value?: string;
  count?: number;
  limit?: number;
  min?: number;
  max?: number;
}

type Template = (p: MessageParams) => string;

export const MESSAGES_EN: Record<RuleId, { message: Template; suggestion: Template }> = {
  'kr-output': {
    message: (p) => `“${p.verb}” describes an activity, not an outcome.`,
    suggestion: () => 'What is the intended outcome of that task? Measure the change it should cause (usage, satisfaction, revenue…).',
  },
  'kr-no-number': {
    message: () => 'This key result has no number: how will you know it is reached?',
    suggestion: () => 'Name a metric and where it should go, e.g. “from 40k to 48k visits/month”.',
  },
  'kr-no-baseline': {
    message: () => 'The change has no starting point.',
    suggestion: () => 'Make it “from X to Y” — what is X today?',
  },
  'kr-target-missing': {
    message: () => 'There is a starting point but no target.',
    suggestion: () => 'Where should it be at the end of the cycle? Add “to Y”.',
  },
  'kr-target-equals-baseline': {
    message: (p) => `The target equals the baseline (${p.value}).`,
    suggestion: () => 'If the goal is to hold steady, it may be a health metric rather than a key result.',
  },
  'kr-percent-over-100': {
    message: (p) => `${p.value} is more than 100% of something that cannot exceed 100%.`,
    suggestion: () => 'Check the number or the unit.',
  },
  'kr-duplicate': {
    message: () => 'The same key result appears twice.',
    suggestion: () => 'Merge them, or make each measure something different.',
  },
  'kr-missing-confidence': {
    message: () => 'No confidence given.',
    suggestion: () => 'How likely is it that you reach this? Rate it on the workshop’s scale.',
  },
  'kr-missing-champion': {
    message: () => 'No champion named.',
    suggestion: () => 'Who will track and report on this key result?',
  },
  'objective-metric': {
    message: () => 'This objective is a metric: numbers belong in key results.',
    suggestion: () => 'Say where you want to go and why it matters, qualitatively; move the number to a key result.',
  },
  'objective-no-why': {
    message: () => 'The objective does not say why it matters now.',
    suggestion: () => 'Add a line on why this matters this cycle.',
  },
  'too-many-objectives': {
    message: (p) => `More than ${p.limit} objectives.`,
    suggestion: () => 'Focus: which ones matter most this cycle?',
  },
  'too-few-key-results': {
    message: (p) => `Fewer than ${p.min} key results.`,
    suggestion: (p) => `Add key results until ${p.min}–${p.max} measurable outcomes tell you the objective is reached.`,
  },
  'too-many-key-results': {
    message: (p) => `More than ${p.max} key results.`,
    suggestion: () => 'Which of them really tell you the objective is reached? Keep those.',
  },
};
