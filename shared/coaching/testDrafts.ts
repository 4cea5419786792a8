/** Test helpers for the coaching modules: small drafts and observations made the way the radar makes them. */
import { coachDraft } from '../coach';
import { DEFAULT_OKR_RULES } from '../okrRules';
import { emptyKeyResult, type Draft } from '../okr';
import { observe, type CoachingRecord } from './progress';

/** One objective ("o1", with a why) holding key results `id → text`; `dismissed` per key result id. */
export function draftWith(krs: Record<string, string>, dismissed: Record<string, string[]> = {}): Draft {
  return {
    objectives: [
      {
        id: 'o1',
        title: 'Customers love onboarding',
        why: 'Half of them stall in week one',
        dismissed: [],
        keyResults: Object.entries(krs).map(([id, text]) => ({ ...emptyKeyResult(id), text, dismissed: dismissed[id] ?? [] })),
      },
    ],
  };
}

/** The radar's flags on a draft: rule → item ids (the real coach, default rules). */
export function flagsOf(draft: Draft, rules = DEFAULT_OKR_RULES): Record<string, string[]> {
  const flags: Record<string, string[]> = {};
  for (const h of coachDraft(draft, rules)) (flags[h.rule] ??= []).push(h.itemId);
  return flags;
}

/** Folds a look at `draft` (coached for real) at `at` seconds into the record. */
export function look(record: CoachingRecord, groupId: string, draft: Draft, atSeconds: number, rules = 'default'): CoachingRecord {
  return observe(record, groupId, { draft, flags: flagsOf(draft), rules, at: atSeconds * 1000 });
}
