/** Plain (non-Yjs) view of a group's OKR draft: what coach rules, summaries and export read. */

export const KR_TYPES = ['metric', 'milestone'] as const;
export type KeyResultType = (typeof KR_TYPES)[number];

export const INDICATORS = ['leading', 'lagging'] as const;
export type Indicator = (typeof INDICATORS)[number];

export const IMPACTS = ['customer', 'business'] as const;
export type Impact = (typeof IMPACTS)[number];

export interface KeyResultData {
  id: string;
  /** The KR sentence, e.g. "Increase customer satisfaction from 70% to 85%". */
  text: string;
  type: KeyResultType;
  /** What is measured, e.g. "customer satisfaction". */
  metric: string;
  /** e.g. "%", "visits/month", "€". */
  unit: string;
  /** X: where we are today, as typed ("70", "40k"). */
  baseline: string;
  /** Y: where we aim to be (the "target" ambition level). */
  target: string;
  /** Optional ambition levels around the target: ~90% and ~10% confidence. */
  commit: string;
  stretch: string;
  /** Confidence on the workshop's scale, or null when not given. */
  confidence: number | null;
  /** Key result champion(s), comma-separated names. */
  champion: string;
  indicator: Indicator | null;
  impact: Impact | null;
  /** Coach-hint rule ids the group dismissed for this item ("we know"). */
  dismissed: string[];
}

export interface ObjectiveData {
  id: string;
  title: string;
  /** Why it matters now. */
  why: string;
  keyResults: KeyResultData[];
  dismissed: string[];
}

export interface Draft {
  objectives: ObjectiveData[];
}

/** A key result with every optional field empty. */
export function emptyKeyResult(id: string): KeyResultData {
  return {
    id,
    text: '',
    type: 'metric',
    metric: '',
    unit: '',
    baseline: '',
    target: '',
    commit: '',
    stretch: '',
    confidence: null,
    champion: '',
    indicator: null,
    impact: null,
    dismissed: [],
  };
}
