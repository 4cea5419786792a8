/**
 * The embedded SQLite store: workshops, their participants (a row each), seats (hashed tokens) and
 * comments, written synchronously, so a write is done before we ack; and the group documents' Yjs
 * updates, committed in groups by a worker thread (StoreWriter) on an on-disk store, so that the
 * event loop never waits for the disk.
 */
import { DEFAULT_LANGUAGE } from '../../shared/i18n/languages';
import Database from 'better-sqlite3';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Comment } from '../../shared/comments';
import { workshopChanges, type Participant, type WorkshopState } from '../../shared/workshop';
import { logError, type Log } from '../guard';
import { APPEND_ROW_SQL, StoreWriter, type Batch, type UpdateRow } from './StoreWriter';

export interface StoredWorkshop {
  state: WorkshopState;
  facilitatorKeyHash: string;
}

export interface SeatRecord {
  workshopId: string;
  participantId: string;
}

/**
 * A workshop's row holds its state as JSON without the participants and the activity time: a join
 * writes the newcomer's row (~100 bytes), not the whole state (~106 KB at 1,000 participants).
 * Participants are read back in join order (their rowid; an upsert keeps it).
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS workshops (
  id TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  facilitator_key_hash TEXT NOT NULL,
  last_active INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS participants (
  workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (workshop_id, id)
);
CREATE TABLE IF NOT EXISTS seats (
  token_hash TEXT PRIMARY KEY,
  workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
  participant_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS seats_by_workshop ON seats(workshop_id, participant_id);
CREATE INDEX IF NOT EXISTS workshops_by_activity ON workshops(last_active);
CREATE TABLE IF NOT EXISTS doc_updates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
  group_id TEXT NOT NULL,
  data BLOB NOT NULL,
  at INTEGER NOT NULL,
  parts INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS comments (
  workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (workshop_id, id)
);
CREATE INDEX IF NOT EXISTS doc_updates_by_doc ON doc_updates(workshop_id, group_id, seq);
CREATE TABLE IF NOT EXISTS coaching (
  workshop_id TEXT PRIMARY KEY REFERENCES workshops(id) ON DELETE CASCADE,
  data TEXT NOT NULL
);
`;

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

/** How long a write waits for the other connection's commit before SQLITE_BUSY (the writer's commits take ms). */
export const BUSY_TIMEOUT_MS = 5000;

/** SQLite's own checkpoint threshold, used again if the writer thread fails. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000;

/** One group document's updates waiting for the next commit. */
interface PendingDoc {
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

/** The workshop row's JSON: the state without its participants and activity time (kept apart). */
function settingsJson(state: WorkshopState): string {
  return JSON.stringify({ ...state, participants: undefined, lastActiveAt: undefined });
}

function decodeParts(data: Uint8Array): Uint8Array[] {
  const decoder = decoding.createDecoder(data);
  return Array.from({ length: decoding.readVarUint(decoder) }, () => decoding.readVarUint8Array(decoder));
}

export class Store {
  private readonly db: Database.Database;
  private readonly stmts;
  /** Updates waiting for the next commit, by workshop id, then group id. */
  private pending = new Map<string, Map<string, PendingDoc>>();
  private commitTimer: NodeJS.Timeout | null = null;
  /** Commits and WAL checkpoints off the main thread (on-disk stores; null in memory, or after it failed). */
  private writer: StoreWriter | null = null;

  /** Hears how long each group commit took, from handing it over to its being on disk (ms), for /metrics. */
  onCommit: ((ms: number) => void) | null = null;

  /** Batches this thread failed to write (the disk was busy or full): retried with the next commit. */
  private failed: Batch[] = [];

  /** `dataDir` null keeps everything in memory (tests). `log` hears of store errors on background paths. */
  constructor(
    dataDir: string | null,
    private readonly log: Log = logError,
  ) {
    if (dataDir !== null) mkdirSync(dataDir, { recursive: true });
    const file = dataDir === null ? ':memory:' : join(dataDir, 'draftroom.sqlite');
    this.db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
    this.db.pragma('journal_mode = WAL');
    // WAL + NORMAL: every commit is in the WAL before we go on, so a process crash (kill -9) loses
    // nothing acknowledged; only an OS crash or power loss can lose the last commits. FULL would
    // fsync on every keystroke (README, Durability).
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(SCHEMA);
    // Stores written before updates were batched: every row holds one update.
    const columns = this.db.prepare<[], { name: string }>('PRAGMA table_info(doc_updates)').all();
    if (!columns.some((c) => c.name === 'parts')) this.db.exec('ALTER TABLE doc_updates ADD COLUMN parts INTEGER NOT NULL DEFAULT 1');
    this.stmts = {
      insertWorkshop: this.db.prepare(
        'INSERT INTO workshops (id, state, facilitator_key_hash, last_active) VALUES (?, ?, ?, ?)',
      ),
      updateWorkshop: this.db.prepare('UPDATE workshops SET state = ?, last_active = ? WHERE id = ?'),
      updateActivity: this.db.prepare('UPDATE workshops SET last_active = ? WHERE id = ?'),
      loadWorkshop: this.db.prepare<[string], { state: string; facilitator_key_hash: string; last_active: number }>(
        'SELECT state, facilitator_key_hash, last_active FROM workshops WHERE id = ?',
      ),
      putParticipant: this.db.prepare(
        'INSERT INTO participants (workshop_id, id, data) VALUES (?, ?, ?) ON CONFLICT (workshop_id, id) DO UPDATE SET data = excluded.data',
      ),
      deleteParticipant: this.db.prepare('DELETE FROM participants WHERE workshop_id = ? AND id = ?'),
      participants: this.db.prepare<[string], { data: string }>('SELECT data FROM participants WHERE workshop_id = ? ORDER BY rowid'),
      deleteWorkshop: this.db.prepare('DELETE FROM workshops WHERE id = ?'),
      expired: this.db.prepare<[number], { id: string }>('SELECT id FROM workshops WHERE last_active < ?'),
      insertSeat: this.db.prepare('INSERT INTO seats (token_hash, workshop_id, participant_id) VALUES (?, ?, ?)'),
      findSeat: this.db.prepare<[string], { workshop_id: string; participant_id: string }>(
        'SELECT workshop_id, participant_id FROM seats WHERE token_hash = ?',
      ),
      deleteSeats: this.db.prepare('DELETE FROM seats WHERE workshop_id = ? AND participant_id = ?'),
      appendUpdate: this.db.prepare('INSERT INTO doc_updates (workshop_id, group_id, data, at) VALUES (?, ?, ?, ?)'),
      appendRow: this.db.prepare(APPEND_ROW_SQL),
      lastEdit: this.db.prepare<[string, string], { at: number | null }>(
        'SELECT MAX(at) AS at FROM doc_updates WHERE workshop_id = ? AND group_id = ?',
      ),
      docUpdates: this.db.prepare<[string, string], { seq: number; data: Buffer; parts: number }>(
        'SELECT seq, data, parts FROM doc_updates WHERE workshop_id = ? AND group_id = ? ORDER BY seq',
      ),
      putComment: this.db.prepare('INSERT OR REPLACE INTO comments (workshop_id, id, data) VALUES (?, ?, ?)'),
      comments: this.db.prepare<[string], { data: string }>('SELECT data FROM comments WHERE workshop_id = ? ORDER BY rowid'),
      deleteUpdatesUpTo: this.db.prepare('DELETE FROM doc_updates WHERE workshop_id = ? AND group_id = ? AND seq <= ?'),
    };
    this.moveParticipantsToRows();
    if (dataDir !== null) {
      this.db.pragma('wal_autocheckpoint = 0');
      this.writer = new StoreWriter(file, BUSY_TIMEOUT_MS, (unanswered, error) => {
        // The worker is gone: this thread commits (and checkpoints) from now on, starting with
        // what the worker may not have committed (a row written twice only repeats updates).
        this.log('the store writer thread stopped; the main thread commits from now on', error);
        this.writer = null;
        if (!this.db.open) return;
        this.db.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
        for (const batch of unanswered) this.writeHere(batch);
      });
    }
  }

  /** Writes a new workshop, its participants and the seeded documents of its groups (an import) in one transaction. */
  createWorkshop(state: WorkshopState, facilitatorKeyHash: string, docs: ReadonlyArray<{ groupId: string; update: Uint8Array }> = []): void {
    this.transaction(() => {
      this.stmts.insertWorkshop.run(state.id, settingsJson(state), facilitatorKeyHash, state.lastActiveAt);
      this.putParticipants(state.id, state.participants);
      for (const d of docs) this.stmts.appendUpdate.run(state.id, d.groupId, d.update, state.createdAt);
    });
  }

  /** Writes what changed from `before` to `after`: the participants touched, the rest only if it changed. */
  saveWorkshop(before: WorkshopState, after: WorkshopState): void {
    const changes = workshopChanges(before, after);
    this.transaction(() => {
      if (changes.settings) this.stmts.updateWorkshop.run(settingsJson(after), after.lastActiveAt, after.id);
      else this.saveActivity(after.id, after.lastActiveAt);
      this.putParticipants(after.id, changes.upserted);
      for (const id of changes.removed) this.stmts.deleteParticipant.run(after.id, id);
    });
  }

  /** Records when the workshop was last in use (its expiry counts from there). */
  saveActivity(id: string, lastActiveAt: number): void {
    this.stmts.updateActivity.run(lastActiveAt, id);
  }

  loadWorkshop(id: string): StoredWorkshop | null {
    const row = this.stmts.loadWorkshop.get(id);
    if (!row) return null;
    const participants = this.stmts.participants.all(id).map((r) => JSON.parse(r.data) as Participant);
    const saved = JSON.parse(row.state) as WorkshopState;
    // Workshops stored before languages came are English.
    const state = { ...saved, language: saved.language ?? DEFAULT_LANGUAGE, lastActiveAt: row.last_active, participants };
    return { state, facilitatorKeyHash: row.facilitator_key_hash };
  }

  /**
   * Stores written before participants had rows of their own kept them in the workshop's JSON: they
   * are moved to their rows when the store opens (one way: an older build cannot read the result).
   */
  private moveParticipantsToRows(): void {
    const legacy = this.db.prepare<[], { id: string }>("SELECT id FROM workshops WHERE json_extract(state, '$.participants') IS NOT NULL").all();
    if (legacy.length === 0) return;
    this.transaction(() => {
      for (const { id } of legacy) {
        const row = this.stmts.loadWorkshop.get(id)!;
        const state = JSON.parse(row.state) as WorkshopState;
        this.putParticipants(id, state.participants);
        this.stmts.updateWorkshop.run(settingsJson(state), row.last_active, id);
      }
    });
  }

  private putParticipants(workshopId: string, participants: Participant[]): void {
    for (const p of participants) this.stmts.putParticipant.run(workshopId, p.id, JSON.stringify(p));
  }

  /** Deletes the workshop and everything hanging off it. */
  deleteWorkshop(id: string): void {
    // Its rows not committed yet go too (those already sent to the writer find no workshop).
    this.pending.delete(id);
    this.stmts.deleteWorkshop.run(id);
  }

  /** Ids of workshops with no activity since `before` (ms epoch). */
  expiredWorkshops(before: number): string[] {
    return this.stmts.expired.all(before).map((r) => r.id);
  }

  addSeat(tokenHash: string, workshopId: string, participantId: string): void {
    this.stmts.insertSeat.run(tokenHash, workshopId, participantId);
  }

  findSeat(tokenHash: string): SeatRecord | null {
    const row = this.stmts.findSeat.get(tokenHash);
    return row ? { workshopId: row.workshop_id, participantId: row.participant_id } : null;
  }

  deleteSeats(workshopId: string, participantId: string): void {
    this.stmts.deleteSeats.run(workshopId, participantId);
  }

  /** Appends one accepted Yjs update; returns its sequence number. */
  appendUpdate(workshopId: string, groupId: string, update: Uint8Array, at: number): number {
    this.commitPending();
    return Number(this.stmts.appendUpdate.run(workshopId, groupId, update, at).lastInsertRowid);
  }

  /**
   * Appends an accepted Yjs update with the next group commit (UPDATE_COMMIT_INTERVAL_MS), then
   * calls `stored` with its row's sequence number. Reads see it before it is committed.
   */
  appendUpdateSoon(workshopId: string, groupId: string, data: Uint8Array, at: number, stored: (seq: number) => void): void {
    // Keyed by workshop, then group: no key string built per keystroke.
    let docs = this.pending.get(workshopId);
    if (!docs) this.pending.set(workshopId, (docs = new Map()));
    const doc = docs.get(groupId);
    if (doc) {
      doc.parts.push(data);
      doc.at = at;
      doc.stored.push(stored);
    } else docs.set(groupId, { workshopId, groupId, parts: [data], at, stored: [stored] });
    this.commitTimer ??= setTimeout(this.commitDue, UPDATE_COMMIT_INTERVAL_MS);
  }

  /**
   * Commits every pending update now (a row per group document): sent to the writer thread, or
   * written here in memory. Before a compaction or a deletion, and on close.
   */
  commitPending(): void {
    if (this.commitTimer) clearTimeout(this.commitTimer);
    this.commitTimer = null;
    const docs: PendingDoc[] = [];
    for (const perGroup of this.pending.values()) for (const doc of perGroup.values()) docs.push(doc);
    this.pending = new Map();
    if (docs.length === 0) {
      // Nothing new; a batch that failed before is tried again.
      if (this.failed.length > 0) this.writeHere(null);
      return;
    }
    const rows = docs.map((d): UpdateRow => ({
      workshopId: d.workshopId,
      groupId: d.groupId,
      data: d.parts.length === 1 ? d.parts[0]! : encodeParts(d.parts),
      at: d.at,
      parts: d.parts.length,
    }));
    const started = performance.now();
    const done = (seqs: Array<number | null>) => {
      this.onCommit?.(performance.now() - started);
      docs.forEach((d, i) => {
        const seq = seqs[i];
        // null: the workshop was deleted meanwhile.
        if (seq != null) d.stored.forEach((stored) => stored(seq));
      });
    };
    if (this.writer?.running) this.writer.write(rows, done);
    else this.writeHere({ rows, done });
  }

  private commitDue = (): void => {
    this.commitTimer = null;
    this.commitPending();
  };

  /**
   * Writes a batch on this thread (in memory, or once the writer thread is gone), after any that
   * failed before, in order. A failure is logged and the batch kept for the next commit: this runs
   * from timers and listeners, where a throw would end the process.
   */
  private writeHere(batch: Batch | null): void {
    if (batch) this.failed.push(batch);
    while (this.failed.length > 0) {
      const next = this.failed[0]!;
      let seqs: Array<number | null>;
      try {
        seqs = this.writeRows(next.rows);
      } catch (error) {
        this.log(`could not commit document updates (${this.failed.length} batches kept, retried in ${UPDATE_COMMIT_INTERVAL_MS} ms)`, error);
        if (this.db.open) this.commitTimer ??= setTimeout(this.commitDue, UPDATE_COMMIT_INTERVAL_MS);
        return;
      }
      this.failed.shift();
      next.done(seqs);
    }
  }

  /** Writes rows on this thread, in one transaction. */
  private writeRows(rows: UpdateRow[]): Array<number | null> {
    return this.transaction(() =>
      rows.map((r) => {
        const info = this.stmts.appendRow.run(r.workshopId, r.groupId, r.data, r.at, r.parts, r.workshopId);
        return info.changes === 1 ? Number(info.lastInsertRowid) : null;
      }),
    );
  }

  /** Rows of a group document accepted but not committed yet: pending, or sent to the writer. */
  private uncommitted(workshopId: string, groupId: string): Array<{ data: Uint8Array; parts: number; at: number }> {
    const rows: Array<{ data: Uint8Array; parts: number; at: number }> = [];
    for (const r of [...this.failed.flatMap((b) => b.rows), ...(this.writer?.unansweredRows() ?? [])]) if (r.workshopId === workshopId && r.groupId === groupId) rows.push(r);
    const doc = this.pending.get(workshopId)?.get(groupId);
    if (doc) rows.push(...doc.parts.map((data) => ({ data, parts: 1, at: doc.at })));
    return rows;
  }

  /** When the group document last changed, or null if never. */
  lastEdit(workshopId: string, groupId: string): number | null {
    const stored = this.stmts.lastEdit.get(workshopId, groupId)?.at ?? null;
    return this.uncommitted(workshopId, groupId).reduce<number | null>((last, r) => Math.max(last ?? r.at, r.at), stored);
  }

  /**
   * Every update of a group document, oldest first: committed ones (a row's updates share its
   * sequence number), then those not committed yet, with the last committed row's number.
   */
  docUpdates(workshopId: string, groupId: string): { seq: number; data: Uint8Array }[] {
    const rows = this.stmts.docUpdates.all(workshopId, groupId);
    const lastSeq = rows.at(-1)?.seq ?? 0;
    return [...rows, ...this.uncommitted(workshopId, groupId).map((r) => ({ ...r, seq: lastSeq }))].flatMap((r) =>
      r.parts === 1 ? [{ seq: r.seq, data: r.data }] : decodeParts(r.data).map((data) => ({ seq: r.seq, data })),
    );
  }

  /** Replaces updates up to `uptoSeq` by one snapshot that contains them (compaction). */
  compactUpdates(workshopId: string, groupId: string, uptoSeq: number, snapshot: Uint8Array): void {
    this.commitPending();
    this.transaction(() => {
      const at = this.lastEdit(workshopId, groupId) ?? 0;
      this.stmts.deleteUpdatesUpTo.run(workshopId, groupId, uptoSeq);
      this.stmts.appendUpdate.run(workshopId, groupId, snapshot, at);
    });
  }

  /** Inserts or updates comments (one transaction). */
  putComments(workshopId: string, comments: Comment[]): void {
    this.transaction(() => {
      for (const c of comments) this.stmts.putComment.run(workshopId, c.id, JSON.stringify(c));
    });
  }

  /** Every comment of a workshop, oldest first. */
  comments(workshopId: string): Comment[] {
    return this.stmts.comments.all(workshopId).map((r) => JSON.parse(r.data) as Comment);
  }

  /**
   * Runs `fn` in one transaction: all of its writes land, or none. IMMEDIATE takes the write lock
   * first, waiting (busy timeout) for the writer thread's commit: a deferred transaction that read
   * before it wrote would instead fail at once with SQLITE_BUSY when that commit came in between.
   */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /**
   * Commits what is pending and closes the store; resolves once the writer thread has committed
   * what it was sent and closed its own connection too.
   */
  async close(): Promise<void> {
    this.commitPending();
    // The writer commits what it was sent before it stops (what it could not is written here).
    await this.writer?.stop();
    if (this.failed.length > 0) this.writeHere(null);
    if (this.commitTimer) clearTimeout(this.commitTimer);
    this.commitTimer = null;
    const lost = this.failed.reduce((n, b) => n + b.rows.length, 0);
    // The clients that have them resend these updates when they reconnect to the next server.
    if (lost > 0) this.log(`closing with ${lost} document rows not committed`);
    this.db.close();
  }

  /** A workshop's coaching record (issue #23) as server/coaching serialised it; null if none yet. */
  coaching(workshopId: string): string | null {
    return this.db.prepare<[string], { data: string }>('SELECT data FROM coaching WHERE workshop_id = ?').get(workshopId)?.data ?? null;
  }

  /** Replaces a workshop's coaching record; does nothing once the workshop is deleted. */
  saveCoaching(workshopId: string, data: string): void {
    this.db
      .prepare('INSERT INTO coaching (workshop_id, data) SELECT ?, ? WHERE EXISTS (SELECT 1 FROM workshops WHERE id = ?) ON CONFLICT (workshop_id) DO UPDATE SET data = excluded.data')
      .run(workshopId, data, workshopId);
  }
}
