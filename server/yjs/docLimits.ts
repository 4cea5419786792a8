/** Hard caps on a group document, applied right after a client's change (the excess is removed and synced back). */
import * as Y from 'yjs';
import { LIMITS } from '../../shared/limits';
import { objectivesOf } from '../../shared/okrDoc';

/** Origin of the server's own corrective transactions. */
export const LIMIT_ORIGIN = 'limits';

/** Trims what a transaction pushed past a limit: over-long texts, too many objectives or key results. */
export function enforceDocLimits(doc: Y.Doc, tr: Y.Transaction): boolean {
  const fixes: Array<() => void> = [];
  const objectives = objectivesOf(doc) as unknown as Y.AbstractType<unknown>;
  const created = (item: Y.Item) => item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0);
  // Types that existed and changed, plus every type this transaction created inside them (a whole
  // new objective with its texts and key results arrives as one insertion).
  const check = (type: Y.AbstractType<unknown>): void => {
    if (type instanceof Y.Text) {
      if (type.length > LIMITS.textMaxLength) fixes.push(() => type.delete(LIMITS.textMaxLength, type.length - LIMITS.textMaxLength));
      return;
    }
    const max = type === objectives ? LIMITS.maxObjectivesPerDoc : type._item?.parentSub === 'keyResults' ? LIMITS.maxKeyResultsPerObjective : null;
    if (type instanceof Y.Array && max !== null && type.length > max) fixes.push(() => type.delete(max, type.length - max));
    const children: Y.Item[] = type instanceof Y.Map ? [...type._map.values()] : [];
    for (let item = type._start; item !== null; item = item.right) children.push(item);
    for (const item of children) if (!item.deleted && item.content instanceof Y.ContentType && created(item)) check(item.content.type);
  };
  for (const type of tr.changed.keys()) check(type as Y.AbstractType<unknown>);
  if (fixes.length === 0) return false;
  doc.transact(() => fixes.forEach((f) => f()), LIMIT_ORIGIN);
  return true;
}
