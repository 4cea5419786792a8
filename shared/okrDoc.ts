/**
 * The group document (one Y.Doc per breakout group): schema, typed accessors and edits.
 * A public format, documented in docs/group-document.md: bots may write it too.
 */
import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';
import * as Y from 'yjs';
import {
  IMPACTS,
  INDICATORS,
  KR_TYPES,
  type Draft,
  type Impact,
  type Indicator,
  type KeyResultData,
  type KeyResultType,
  type ObjectiveData,
} from './okr';

/** Collaborative text fields of an objective. */
export const OBJECTIVE_TEXT_FIELDS = ['title', 'why'] as const;
export type ObjectiveTextField = (typeof OBJECTIVE_TEXT_FIELDS)[number];

/** Collaborative text fields of a key result. */
export const KR_TEXT_FIELDS = ['text', 'metric', 'unit', 'baseline', 'target', 'commit', 'stretch', 'champion'] as const;
export type KeyResultTextField = (typeof KR_TEXT_FIELDS)[number];

export type ItemMap = Y.Map<unknown>;

/** The top-level array of objectives. */
export function objectivesOf(doc: Y.Doc): Y.Array<ItemMap> {
  return doc.getArray<ItemMap>('objectives');
}

/** An item's key results array (objectives only). */
export function keyResultsOf(objective: ItemMap): Y.Array<ItemMap> {
  let krs = objective.get('keyResults');
  if (!(krs instanceof Y.Array)) {
    krs = new Y.Array<ItemMap>();
    objective.set('keyResults', krs);
  }
  return krs as Y.Array<ItemMap>;
}

/** A collaborative text field, created on first use so that documents written by bots stay editable. */
export function textOf(item: ItemMap, field: string): Y.Text {
  const value = item.get(field);
  if (value instanceof Y.Text) return value;
  const text = new Y.Text(typeof value === 'string' ? value : '');
  item.set(field, text);
  return text;
}

function readText(item: ItemMap, field: string): string {
  const value = item.get(field);
  return value instanceof Y.Text ? value.toString() : typeof value === 'string' ? value : '';
}

function readDismissed(item: ItemMap): string[] {
  const value = item.get('dismissed');
  if (!(value instanceof Y.Map)) return [];
  // forEach, not keys(): Y.Map's iterators are lib0 wrappers, several times slower (radar profile).
  const rules: string[] = [];
  value.forEach((dismissed, rule) => {
    if (dismissed === true) rules.push(rule);
  });
  return rules.sort();
}

function oneOf<T extends string>(options: readonly T[], value: unknown): T | null {
  return options.includes(value as T) ? (value as T) : null;
}

/**
 * Items in display order: string `order` keys first (fractional-indexing keys, compared by code
 * unit as the library orders them), then legacy numeric orders, then items without an order.
 * Ties (two concurrent inserts can draw the same key) fall back to array order, which Yjs makes the
 * same on every client.
 */
export function ordered(array: Y.Array<ItemMap>): ItemMap[] {
  return array
    .toArray()
    .map((item, index) => ({ item, index, order: item.get('order') }))
    .sort((a, b) => compareOrders(a.order, b.order) || a.index - b.index)
    .map((e) => e.item);
}

function compareOrders(a: unknown, b: unknown): number {
  if (typeof a === 'string' || typeof b === 'string') {
    if (typeof a !== 'string') return 1;
    if (typeof b !== 'string') return -1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  // Legacy documents: numbers ascending, a missing order as Infinity (exactly as they always read).
  const x = typeof a === 'number' ? a : Infinity;
  const y = typeof b === 'number' ? b : Infinity;
  return x === y ? 0 : x - y;
}

/** Plain projection of one key result. */
export function readKeyResult(item: ItemMap): KeyResultData {
  const confidence = item.get('confidence');
  return {
    id: String(item.get('id') ?? ''),
    text: readText(item, 'text'),
    type: oneOf(KR_TYPES, item.get('type')) ?? 'metric',
    metric: readText(item, 'metric'),
    unit: readText(item, 'unit'),
    baseline: readText(item, 'baseline'),
    target: readText(item, 'target'),
    commit: readText(item, 'commit'),
    stretch: readText(item, 'stretch'),
    confidence: typeof confidence === 'number' && Number.isFinite(confidence) ? confidence : null,
    champion: readText(item, 'champion'),
    indicator: oneOf(INDICATORS, item.get('indicator')),
    impact: oneOf(IMPACTS, item.get('impact')),
    dismissed: readDismissed(item),
  };
}

/** Plain projection of one objective and its key results. */
export function readObjective(item: ItemMap, readKr: (kr: ItemMap) => KeyResultData = readKeyResult): ObjectiveData {
  return {
    id: String(item.get('id') ?? ''),
    title: readText(item, 'title'),
    why: readText(item, 'why'),
    keyResults: ordered(keyResultsOf(item)).map((kr) => readKr(kr)),
    dismissed: readDismissed(item),
  };
}

/** The whole draft as plain data, in display order. */
export function readDraft(doc: Y.Doc): Draft {
  return { objectives: ordered(objectivesOf(doc)).map((item) => readObjective(item)) };
}

/**
 * readDraft for a document read again and again (the facilitator's radar): an objective or key
 * result is read again only after a change inside it, so a keystroke costs one key result and its
 * objective's own fields, not the whole draft.
 */
export class DraftReader {
  /** Objectives and key results as last read (a plain Map, rebuilt per read: no WeakMap ephemerons for the GC to trace). */
  private items = new Map<ItemMap, ObjectiveData | KeyResultData>();

  constructor(private readonly doc: Y.Doc) {
    doc.on('afterTransaction', this.forgetChanged);
  }

  /** The same as readDraft(doc), items nobody changed since the last read not read again. */
  read(): Draft {
    const last = this.items;
    // Deleted items are not carried over.
    const next = new Map<ItemMap, ObjectiveData | KeyResultData>();
    const readKr = (kr: ItemMap): KeyResultData => {
      const data = (last.get(kr) as KeyResultData | undefined) ?? readKeyResult(kr);
      next.set(kr, data);
      return data;
    };
    const objectives = ordered(objectivesOf(this.doc)).map((item) => {
      const cached = last.get(item) as ObjectiveData | undefined;
      if (!cached) {
        const data = readObjective(item, readKr);
        next.set(item, data);
        return data;
      }
      next.set(item, cached);
      const krs = item.get('keyResults');
      if (krs instanceof Y.Array) {
        krs.forEach((kr: ItemMap) => {
          const data = last.get(kr);
          if (data) next.set(kr, data);
        });
      }
      return cached;
    });
    this.items = next;
    return { objectives };
  }

  /** A change anywhere inside an item (its texts, key results, their texts) makes it read again. */
  private forgetChanged = (tr: Y.Transaction): void => {
    if (this.items.size === 0) return;
    for (const changed of tr.changed.keys()) {
      for (let type: unknown = changed; type instanceof Y.AbstractType; type = type._item?.parent) this.items.delete(type as ItemMap);
    }
  };
}

function isKey(order: unknown): order is string {
  if (typeof order !== 'string') return false;
  try {
    generateKeyBetween(order, null); // the library's own check of a key
    return true;
  } catch {
    return false;
  }
}

/**
 * The keys of a list's items, in display order. When any lacks a valid key of its own (legacy numeric
 * or missing orders, a bot's string, a concurrent insert's twin), every sibling first gets a fresh
 * key in its current display order, so the list looks the same and a key fits between any two.
 * Call inside a transaction.
 */
function siblingKeys(array: Y.Array<ItemMap>): string[] {
  const items = ordered(array);
  const orders = items.map((item) => item.get('order'));
  const valid = orders.every((o, i) => isKey(o) && (i === 0 || (orders[i - 1] as string) < o));
  if (valid) return orders as string[];
  const keys = generateNKeysBetween(null, null, items.length);
  items.forEach((item, i) => item.set('order', keys[i]));
  return keys;
}

/** Pushes a new item with a key after its last sibling's. */
function append(array: Y.Array<ItemMap>, item: ItemMap): void {
  const push = () => {
    item.set('order', generateKeyBetween(siblingKeys(array).at(-1) ?? null, null));
    array.push([item]);
  };
  if (array.doc) array.doc.transact(push);
  else push();
}

function newItem(id: string, textFields: readonly string[]): ItemMap {
  const item = new Y.Map<unknown>();
  item.set('id', id);
  for (const f of textFields) item.set(f, new Y.Text());
  item.set('dismissed', new Y.Map<boolean>());
  return item;
}

/** Appends an empty objective; returns its map. */
export function addObjective(doc: Y.Doc, id: string): ItemMap {
  const objectives = objectivesOf(doc);
  const item = newItem(id, OBJECTIVE_TEXT_FIELDS);
  item.set('keyResults', new Y.Array<ItemMap>());
  append(objectives, item);
  return item;
}

/** Appends an empty metric key result to an objective. */
export function addKeyResult(objective: ItemMap, id: string): ItemMap {
  const krs = keyResultsOf(objective);
  const item = newItem(id, KR_TEXT_FIELDS);
  item.set('type', 'metric');
  item.set('confidence', null);
  item.set('indicator', null);
  item.set('impact', null);
  append(krs, item);
  return item;
}

/** Finds an objective or key result by id. */
export function findItem(doc: Y.Doc, id: string): { item: ItemMap; parent: Y.Array<ItemMap> } | null {
  const objectives = objectivesOf(doc);
  for (const objective of objectives) {
    if (objective.get('id') === id) return { item: objective, parent: objectives };
    const krs = keyResultsOf(objective);
    for (const kr of krs) if (kr.get('id') === id) return { item: kr, parent: krs };
  }
  return null;
}

/** Deletes an item (and, for an objective, its key results). */
export function removeItem(doc: Y.Doc, id: string): boolean {
  const found = findItem(doc, id);
  if (!found) return false;
  const index = found.parent.toArray().indexOf(found.item);
  found.parent.delete(index, 1);
  return true;
}

/**
 * Moves an item one place up (-1) or down (+1) among its siblings by giving it a key between its
 * new neighbours: nobody's concurrent typing in the moved item is lost, unlike delete + insert.
 */
export function moveItem(doc: Y.Doc, id: string, direction: -1 | 1): boolean {
  const found = findItem(doc, id);
  if (!found) return false;
  const siblings = ordered(found.parent);
  const to = siblings.indexOf(found.item) + direction;
  if (to < 0 || to >= siblings.length) return false;
  doc.transact(() => {
    const keys = siblingKeys(found.parent);
    // Up: between the item before the new place and the one now there; down: between that one and the next.
    // Valid keys in ascending order always leave room between them (and after the largest: a key may grow).
    const [before, after] = direction < 0 ? [keys[to - 1], keys[to]] : [keys[to], keys[to + 1]];
    found.item.set('order', generateKeyBetween(before ?? null, after ?? null));
  });
  return true;
}

/** Sets a key result's structured, non-text field. */
export function setKeyResultField(
  kr: ItemMap,
  field: 'type' | 'confidence' | 'indicator' | 'impact',
  value: KeyResultType | number | Indicator | Impact | null,
): void {
  kr.set(field, value);
}

/** Marks a coach hint as dismissed ("we know") for an item, or brings it back. */
export function setDismissed(item: ItemMap, rule: string, dismissed: boolean): void {
  let map = item.get('dismissed');
  if (!(map instanceof Y.Map)) {
    map = new Y.Map<boolean>();
    item.set('dismissed', map);
  }
  if (dismissed) (map as Y.Map<boolean>).set(rule, true);
  else (map as Y.Map<boolean>).delete(rule);
}

/** Appends a plain draft to a document (import, templates, tests); ids are kept. */
export function writeDraft(doc: Y.Doc, draft: Draft): void {
  doc.transact(() => {
    for (const o of draft.objectives) {
      const objective = addObjective(doc, o.id);
      textOf(objective, 'title').insert(0, o.title);
      textOf(objective, 'why').insert(0, o.why);
      for (const k of o.keyResults) {
        const kr = addKeyResult(objective, k.id);
        for (const field of KR_TEXT_FIELDS) if (k[field]) textOf(kr, field).insert(0, k[field]);
        kr.set('type', k.type);
        kr.set('confidence', k.confidence);
        kr.set('indicator', k.indicator);
        kr.set('impact', k.impact);
      }
    }
  });
}
