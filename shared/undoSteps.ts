/**
 * What an undo or redo step of a group document would do to whole objectives and key results,
 * read before it runs, the way Y.UndoManager will run it (the step's insertions are deleted, its
 * deletions brought back): which items it brings back, and whether it must be refused because it
 * would bring one back past a hard limit (the server would trim another item instead) or into an
 * objective that is gone, or would take away an item someone else has written in since.
 */
import * as Y from 'yjs';
import { LIMITS } from './limits';
import { objectivesOf } from './okrDoc';

/** One entry of a Y.UndoManager's undo or redo stack. */
export type Step = Y.UndoManager['undoStack'][number];
type DeleteSet = Step['insertions'];

export type ItemKind = 'objective' | 'keyResult';

export type Refusal =
  /** Bringing it back would pass the limit of objectives, or of key results in its objective. */
  | { reason: 'full'; kind: ItemKind }
  /** Its objective was deleted by someone else: there is no place to bring it back to. */
  | { reason: 'gone' }
  /** Someone else has written in the item the step would remove. */
  | { reason: 'othersWrote' };

export interface StepPlan {
  /** The whole items the step brings back into a list that is there, in document order. */
  restores: Array<{ id: string; kind: ItemKind }>;
  refusal: Refusal | null;
}

const MAX: Record<ItemKind, number> = { objective: LIMITS.maxObjectivesPerDoc, keyResult: LIMITS.maxKeyResultsPerObjective };

/** What `step` would do if it ran now on `doc` (the document of the manager holding it). */
export function planStep(doc: Y.Doc, step: Step): StepPlan {
  const objectives = objectivesOf(doc) as Y.AbstractType<unknown>;
  const restores: StepPlan['restores'] = [];
  let refusal: Refusal | null = null;

  forEachItem(doc, step.insertions, (inserted) => {
    const item = latest(doc, inserted);
    if (!item.deleted && kindOf(item, objectives) && writtenByOthers(typeOf(item), doc.clientID)) refusal ??= { reason: 'othersWrote' };
  });

  const added = new Map<Y.AbstractType<unknown>, { kind: ItemKind; count: number }>();
  let gone = false;
  forEachItem(doc, step.deletions, (item) => {
    const kind = kindOf(item, objectives);
    // Created and deleted within the step, or already brought back: Yjs leaves those alone.
    if (!kind || item.redone !== null || Y.isDeleted(step.insertions, item.id)) return;
    const list = listFor(doc, item, step);
    if (list === 'withParent') return;
    if (list === null) {
      gone = true;
      return;
    }
    const entry = added.get(list) ?? { kind, count: 0 };
    entry.count++;
    added.set(list, entry);
    restores.push({ id: idOf(item), kind });
  });
  for (const [list, { kind, count }] of added) {
    if (list._length + count > MAX[kind]) refusal ??= { reason: 'full', kind };
  }
  if (gone && restores.length === 0) refusal ??= { reason: 'gone' };
  return { restores, refusal };
}

/** The items of `doc` whose ids `ds` holds. */
function forEachItem(doc: Y.Doc, ds: DeleteSet, f: (item: Y.Item) => void): void {
  ds.clients.forEach((ranges, client) => {
    const structs = doc.store.clients.get(client);
    if (!structs) return;
    for (const { clock, len } of ranges) {
      for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i]!.id.clock < clock + len; i++) {
        const struct = structs[i];
        if (struct instanceof Y.Item) f(struct);
      }
    }
  });
}

/** An objective or a key result (a map in the objectives list or in a keyResults list), or null. */
function kindOf(item: Y.Item, objectives: Y.AbstractType<unknown>): ItemKind | null {
  if (item.parentSub !== null || !(item.content instanceof Y.ContentType) || !(item.content.type instanceof Y.Map)) return null;
  if (item.parent === objectives) return 'objective';
  return (item.parent as Y.AbstractType<unknown>)._item?.parentSub === 'keyResults' ? 'keyResult' : null;
}

const typeOf = (item: Y.Item): Y.AbstractType<unknown> => (item.content as Y.ContentType).type as Y.AbstractType<unknown>;

/** The item as it is now: an undo brings a deleted item back as a copy, which Yjs follows. */
function latest(doc: Y.Doc, item: Y.Item): Y.Item {
  while (item.redone !== null) item = Y.getItem(doc.store, item.redone);
  return item;
}

/** Whether anything not deleted inside `type` was written by another client than `me`. */
function writtenByOthers(type: Y.AbstractType<unknown>, me: number): boolean {
  for (const entry of type._map.values()) if (foreign(entry, me)) return true;
  for (let item = type._start; item !== null; item = item.right) if (foreign(item, me)) return true;
  return false;
}

function foreign(item: Y.Item, me: number): boolean {
  if (item.deleted) return false;
  return item.id.client !== me || (item.content instanceof Y.ContentType && writtenByOthers(item.content.type as Y.AbstractType<unknown>, me));
}

/**
 * The list a deleted item would come back into: its own list, or the copy of it an undo brought
 * back; 'withParent' when the step brings its objective back too; null when that is gone.
 */
function listFor(doc: Y.Doc, item: Y.Item, step: Step): Y.AbstractType<unknown> | 'withParent' | null {
  const list = item.parent as Y.AbstractType<unknown>;
  const holder = list._item;
  if (holder === null || !holder.deleted) return list;
  if (holder.redone === null) return Y.isDeleted(step.deletions, holder.id) && !Y.isDeleted(step.insertions, holder.id) ? 'withParent' : null;
  const copy = latest(doc, holder);
  return copy.deleted ? null : typeOf(copy);
}

/** A deleted item's id (its map entries are deleted with it, but kept for the undo manager). */
function idOf(item: Y.Item): string {
  const entry = typeOf(item)._map.get('id');
  return String(entry?.content.getContent()[0] ?? '');
}
