/** The OKR coach: live quality hints on drafts, per the workshop's OKR rules. */
export { RULE_IDS, SEVERITIES, type Hint, type MessageParams, type RuleId, type Severity } from './hints';
export { hintText, type HintText } from './messages';
export { ACTIVITY_VERBS, coachDraft, coachKeyResult, coachObjective } from './rules';
