/**
 * Hard caps on a group document, applied right after a client's change (the excess is removed and
 * synced back), and to a document seeded on the server (an import).
 */
import * as Y from 'yjs';
import { LIMITS } from './limits';
import type { Draft } from './okr';
import { objectivesOf, writeDraft } from './okrDoc';

/** Origin of the server's own corrective transactions. */
export const LIMIT_ORIGIN = 'limits';

/** Trims what a transaction pushed past a limit: over-long texts, too many objectives or key results. */
export function enforceDocLimits(doc: Y.Doc, tr: Y.Transaction): boolean {
  const fixes: Array<() => void> = [];
  const objectives = objectivesOf(doc) as unknown as Y.AbstractType<unknown>;
  // Types that existed and changed, plus every type this transaction created inside them (a whole
  // new objective with its texts and key results arrives as one insertion).
  for (const type of tr.changed.keys()) check(type as Y.AbstractType<unknown>, tr, objectives, fixes);
  if (fixes.length === 0) return false;
  doc.transact(() => fixes.forEach((f) => f()), LIMIT_ORIGIN);
  return true;
}

/**
 * A new group document holding `draft`, built as a client's edit is applied: written in one
 * transaction, then held to the limits by enforceDocLimits. Its encoded state, and whether
 * anything had to be trimmed.
 */
export function seedDocument(draft: Draft): { update: Uint8Array; trimmed: boolean } {
  const doc = new Y.Doc();
  let written: Y.Transaction | null = null;
  doc.on('afterTransaction', (tr: Y.Transaction) => (written ??= tr));
  writeDraft(doc, draft);
  const trimmed = written !== null && enforceDocLimits(doc, written);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return { update, trimmed };
}

/**
 * Queues the fixes `type` and the types created inside it need. Module functions, not closures:
 * this runs after every keystroke.
 */
function check(type: Y.AbstractType<unknown>, tr: Y.Transaction, objectives: Y.AbstractType<unknown>, fixes: Array<() => void>): void {
  if (type instanceof Y.Text) {
    if (type.length > LIMITS.textMaxLength) fixes.push(() => type.delete(LIMITS.textMaxLength, type.length - LIMITS.textMaxLength));
    return;
  }
  const max = type === objectives ? LIMITS.maxObjectivesPerDoc : type._item?.parentSub === 'keyResults' ? LIMITS.maxKeyResultsPerObjective : null;
  if (type instanceof Y.Array && max !== null && type.length > max) fixes.push(() => type.delete(max, type.length - max));
  if (type instanceof Y.Map) for (const item of type._map.values()) checkCreated(item, tr, objectives, fixes);
  for (let item = type._start; item !== null; item = item.right) checkCreated(item, tr, objectives, fixes);
}

/** Checks the type an item holds if this transaction created it. */
function checkCreated(item: Y.Item, tr: Y.Transaction, objectives: Y.AbstractType<unknown>, fixes: Array<() => void>): void {
  const created = item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0);
  if (!item.deleted && item.content instanceof Y.ContentType && created) check(item.content.type, tr, objectives, fixes);
}
