/** Hard caps on a group document, applied right after a client's change (the excess is removed and synced back). */
import * as Y from 'yjs';
import { LIMITS } from '../../shared/limits';
import { objectivesOf } from '../../shared/okrDoc';

/** Origin of the server's own corrective transactions. */
export const LIMIT_ORIGIN = 'limits';

/** Trims what a transaction pushed past a limit: over-long texts, too many objectives or key results. */
export function enforceDocLimits(doc: Y.Doc, tr: Y.Transaction): boolean {
  const fixes: Array<() => void> = [];
  for (const type of tr.changed.keys()) {
    if (type instanceof Y.Text && type.length > LIMITS.textMaxLength) {
      fixes.push(() => type.delete(LIMITS.textMaxLength, type.length - LIMITS.textMaxLength));
    }
  }
  const objectives = objectivesOf(doc);
  if (tr.changed.has(objectives as unknown as Y.AbstractType<Y.YEvent<any>>) && objectives.length > LIMITS.maxObjectivesPerDoc) {
    fixes.push(() => objectives.delete(LIMITS.maxObjectivesPerDoc, objectives.length - LIMITS.maxObjectivesPerDoc));
  }
  for (const objective of objectives) {
    const krs = objective.get('keyResults');
    if (!(krs instanceof Y.Array)) continue;
    if (tr.changed.has(krs as unknown as Y.AbstractType<Y.YEvent<any>>) && krs.length > LIMITS.maxKeyResultsPerObjective) {
      fixes.push(() => krs.delete(LIMITS.maxKeyResultsPerObjective, krs.length - LIMITS.maxKeyResultsPerObjective));
    }
  }
  if (fixes.length === 0) return false;
  doc.transact(() => fixes.forEach((f) => f()), LIMIT_ORIGIN);
  return true;
}
