/** The workshop's OKR rules (deployment parameters), set by the facilitator. */
import type { Translate } from './i18n/i18n';

export const CONFIDENCE_SCALES = ['1-10', '0-100'] as const;
export type ConfidenceScale = (typeof CONFIDENCE_SCALES)[number];

export interface OkrRules {
  /** Most objectives a group should draft. */
  maxObjectives: number;
  /** Key results per objective. */
  minKeyResults: number;
  maxKeyResults: number;
  /** Milestone (number-less, done/not done) key results allowed. */
  allowMilestones: boolean;
  /** Key results must say where we start ("from X to Y"). */
  requireBaseline: boolean;
  /** Show commit / target / stretch levels. */
  showAmbition: boolean;
  confidenceScale: ConfidenceScale;
  /** Every key result needs a confidence. */
  requireConfidence: boolean;
  /** Every key result needs a champion. */
  requireChampion: boolean;
  /** e.g. "Q3 2027". */
  cycle: string;
  /** Optional fields shown in the editor. */
  showChampion: boolean;
  showIndicator: boolean;
  showImpact: boolean;
}

export const DEFAULT_OKR_RULES: OkrRules = {
  maxObjectives: 3,
  minKeyResults: 2,
  maxKeyResults: 5,
  allowMilestones: false,
  requireBaseline: true,
  showAmbition: false,
  confidenceScale: '1-10',
  requireConfidence: false,
  requireChampion: false,
  cycle: '',
  showChampion: true,
  showIndicator: false,
  showImpact: false,
};

/** Rules with a patch applied; null when the result is inconsistent (min above max). */
export function mergeRules(base: OkrRules, patch: Partial<OkrRules>): OkrRules | null {
  const merged = { ...base, ...patch };
  return merged.minKeyResults <= merged.maxKeyResults ? merged : null;
}

/** The rules in plain words, as everyone sees them (and the Workshop sheet lists them). */
export function describeRules(rules: OkrRules, t: Translate): Array<[string, string]> {
  const yesNo = (on: boolean) => (on ? t('rules.yes') : t('rules.no'));
  return [
    [t('rules.cycle'), rules.cycle || t('rules.none')],
    [t('rules.objectives'), t('rules.objectivesValue', { count: rules.maxObjectives })],
    [t('rules.keyResults'), `${rules.minKeyResults}–${rules.maxKeyResults}`],
    [t('rules.milestones'), rules.allowMilestones ? t('rules.allowed') : t('rules.notAllowed')],
    [t('rules.baseline'), yesNo(rules.requireBaseline)],
    [t('rules.ambition'), rules.showAmbition ? t('rules.shown') : t('rules.hidden')],
    [t('rules.scale'), rules.confidenceScale === '1-10' ? '1–10' : '0–100%'],
    [t('rules.confidence'), yesNo(rules.requireConfidence)],
    [t('rules.champion'), yesNo(rules.requireChampion)],
  ];
}
