/**
 * Accepted Yjs updates waiting for their group commit, shared by both stores: one row per group
 * document per commit, holding every update it received meanwhile (see UPDATE_COMMIT_INTERVAL_MS),
 * and how stored rows and rows not committed yet are read back as one document.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { StoredDoc } from './types';

/**
 * Accepted Yjs updates are committed in groups, at most this long after they were accepted, one
 * row per group document with every update it received meanwhile: at 1,000 participants a row per
 * keystroke cost ~20 µs of the main thread per update (an index page written per row, a commit
 * every 10 ms); a row per document every 250 ms still cost ~17 µs (each row dirties its own index
 * page: 200 groups, 200 pages per commit), every second ~4 µs. A process crash can lose this last
 * second from the store only; every client that has the updates (the author and its group) sends
 * them back when it reconnects.
 */
export const UPDATE_COMMIT_INTERVAL_MS = 1000;

/** One group document's row: its updates since the last commit, encoded as one blob. */
export interface UpdateRow {
  workshopId: string;
  groupId: string;
  data: Uint8Array;
  at: number;
  parts: number;
}

/** One group document's updates waiting for the next commit. */
export interface PendingDoc {
  workshopId: string;
  groupId: string;
  parts: Uint8Array[];
  at: number;
  stored: Array<(seq: number) => void>;
}

/** Several updates in one row: their count, then each as a length-prefixed byte array. */
function encodeParts(parts: Uint8Array[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, parts.length);
  for (const part of parts) encoding.writeVarUint8Array(encoder, part);
  return encoding.toUint8Array(encoder);
}

function decodeParts(data: Uint8Array): Uint8Array[] {
  const decoder = decoding.createDecoder(data);
  return Array.from({ length: decoding.readVarUint(decoder) }, () => decoding.readVarUint8Array(decoder));
}

/** The row a pending document is committed as. */
export function rowOf(doc: PendingDoc): UpdateRow {
  return { workshopId: doc.workshopId, groupId: doc.groupId, data: doc.parts.length === 1 ? doc.parts[0]! : encodeParts(doc.parts), at: doc.at, parts: doc.parts.length };
}

/** Calls each pending document's listeners with its row's sequence number (null: the workshop was deleted meanwhile). */
export function confirm(docs: PendingDoc[], seqs: Array<number | null>): void {
  docs.forEach((d, i) => {
    const seq = seqs[i];
    if (seq != null) d.stored.forEach((stored) => stored(seq));
  });
}

/** Updates waiting for the next commit, by workshop id, then group id (no key string built per keystroke). */
export class PendingUpdates {
  private pending = new Map<string, Map<string, PendingDoc>>();

  /** Queues one update. */
  add(workshopId: string, groupId: string, data: Uint8Array, at: number, stored: (seq: number) => void): void {
    let docs = this.pending.get(workshopId);
    if (!docs) this.pending.set(workshopId, (docs = new Map()));
    const doc = docs.get(groupId);
    if (doc) {
      doc.parts.push(data);
      doc.at = at;
      doc.stored.push(stored);
    } else docs.set(groupId, { workshopId, groupId, parts: [data], at, stored: [stored] });
  }

  /** Everything queued, emptied. */
  take(): PendingDoc[] {
    const docs: PendingDoc[] = [];
    for (const perGroup of this.pending.values()) for (const doc of perGroup.values()) docs.push(doc);
    this.pending = new Map();
    return docs;
  }

  /** Forgets a deleted workshop's updates. */
  drop(workshopId: string): void {
    this.pending.delete(workshopId);
  }

  /** A workshop's queued updates, as rows of one update each. */
  rowsOf(workshopId: string): UpdateRow[] {
    const rows: UpdateRow[] = [];
    for (const doc of this.pending.get(workshopId)?.values() ?? []) for (const data of doc.parts) rows.push({ workshopId, groupId: doc.groupId, data, at: doc.at, parts: 1 });
    return rows;
  }
}

/** A committed row as read back. */
export interface CommittedRow {
  groupId: string;
  seq: number;
  data: Uint8Array;
  parts: number;
  at: number;
}

/**
 * Every group document of a workshop: committed rows (in sequence order; a row's updates share its
 * number), then rows not committed yet, numbered as the group's last committed row.
 */
export function assembleDocs(committed: Iterable<CommittedRow>, uncommitted: Iterable<Omit<CommittedRow, 'seq'>>): Map<string, StoredDoc> {
  const docs = new Map<string, StoredDoc>();
  const add = (groupId: string, seq: number, data: Uint8Array, parts: number, at: number) => {
    let doc = docs.get(groupId);
    if (!doc) docs.set(groupId, (doc = { rows: [], lastEdit: null }));
    if (parts === 1) doc.rows.push({ seq, data });
    else for (const part of decodeParts(data)) doc.rows.push({ seq, data: part });
    doc.lastEdit = Math.max(doc.lastEdit ?? at, at);
  };
  for (const r of committed) add(r.groupId, r.seq, r.data, r.parts, r.at);
  for (const r of uncommitted) add(r.groupId, docs.get(r.groupId)?.rows.at(-1)?.seq ?? 0, r.data, r.parts, r.at);
  return docs;
}
