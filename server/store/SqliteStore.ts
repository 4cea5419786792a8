/**
 * The embedded SQLite store (the single-node default): workshops, their participants (a row each),
 * seats (hashed tokens) and comments, written synchronously, so a write is done before its promise
 * resolves and the caller acks; and the group documents' Yjs updates, committed in groups by a
 * worker thread (StoreWriter) on an on-disk store, so that the event loop never waits for the disk.
 */
import { DEFAULT_LANGUAGE } from '../../shared/i18n/languages';
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Comment } from '../../shared/comments';
import { workshopChanges, type Participant, type WorkshopState } from '../../shared/workshop';
import { logError, type Log } from '../guard';
import { migrateSqlite } from './migrations/sqlite';
import { assembleDocs, confirm, PendingUpdates, rowOf, UPDATE_COMMIT_INTERVAL_MS, type CommittedRow, type UpdateRow } from './pendingUpdates';
import { APPEND_ROW_SQL, StoreWriter, type Batch } from './StoreWriter';
import { settingsJson, type SeatChange, type SeatRecord, type StoredWorkshop, type WorkshopStore } from './types';

/** How long a write waits for the other connection's commit before SQLITE_BUSY (the writer's commits take ms). */
export const BUSY_TIMEOUT_MS = 5000;

/** SQLite's own checkpoint threshold, used again if the writer thread fails. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000;

export class SqliteStore implements WorkshopStore {
  private readonly db: Database.Database;
  private readonly stmts;
  private readonly pending = new PendingUpdates();
  private commitTimer: NodeJS.Timeout | null = null;
  /** Commits and WAL checkpoints off the main thread (on-disk stores; null in memory, or after it failed). */
  private writer: StoreWriter | null = null;

  /** Hears how long each group commit took, from handing it over to its being on disk (ms), for /metrics. */
  onCommit: ((ms: number) => void) | null = null;

  onHealth: ((ok: boolean) => void) | null = null;
  private healthy = true;

  /** Tells the node when commits start failing (the disk is full) and work again. */
  private setHealthy(ok: boolean): void {
    if (ok === this.healthy) return;
    this.healthy = ok;
    this.onHealth?.(ok);
  }

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
    migrateSqlite(this.db);
    this.stmts = {
      insertWorkshop: this.db.prepare('INSERT INTO workshops (id, state, facilitator_key_hash, last_active) VALUES (?, ?, ?, ?)'),
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
      docRows: this.db.prepare<[string], { group_id: string; seq: number; data: Buffer; parts: number; at: number }>(
        'SELECT group_id, seq, data, parts, at FROM doc_updates WHERE workshop_id = ? ORDER BY seq',
      ),
      lastEdit: this.db.prepare<[string, string], { at: number | null }>('SELECT MAX(at) AS at FROM doc_updates WHERE workshop_id = ? AND group_id = ?'),
      putComment: this.db.prepare('INSERT INTO comments (workshop_id, id, data) VALUES (?, ?, ?) ON CONFLICT (workshop_id, id) DO UPDATE SET data = excluded.data'),
      comments: this.db.prepare<[string], { data: string }>('SELECT data FROM comments WHERE workshop_id = ? ORDER BY rowid'),
      coaching: this.db.prepare<[string], { data: string }>('SELECT data FROM coaching WHERE workshop_id = ?'),
      saveCoaching: this.db.prepare(
        'INSERT INTO coaching (workshop_id, data) SELECT ?, ? WHERE EXISTS (SELECT 1 FROM workshops WHERE id = ?) ON CONFLICT (workshop_id) DO UPDATE SET data = excluded.data',
      ),
      deleteUpdatesUpTo: this.db.prepare('DELETE FROM doc_updates WHERE workshop_id = ? AND group_id = ? AND seq <= ?'),
    };
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

  /** Opened and migrated in the constructor already. */
  async ready(): Promise<void> {}

  async createWorkshop(state: WorkshopState, facilitatorKeyHash: string, docs: ReadonlyArray<{ groupId: string; update: Uint8Array }> = []): Promise<void> {
    this.transaction(() => {
      this.stmts.insertWorkshop.run(state.id, settingsJson(state), facilitatorKeyHash, state.lastActiveAt);
      this.putParticipants(state.id, state.participants);
      for (const d of docs) this.stmts.appendUpdate.run(state.id, d.groupId, d.update, state.createdAt);
    });
  }

  async saveWorkshop(before: WorkshopState, after: WorkshopState, seats: SeatChange = {}): Promise<void> {
    const changes = workshopChanges(before, after);
    this.transaction(() => {
      if (changes.settings) this.stmts.updateWorkshop.run(settingsJson(after), after.lastActiveAt, after.id);
      else this.stmts.updateActivity.run(after.lastActiveAt, after.id);
      this.putParticipants(after.id, changes.upserted);
      for (const id of changes.removed) this.stmts.deleteParticipant.run(after.id, id);
      if (seats.add) this.stmts.insertSeat.run(seats.add.tokenHash, after.id, seats.add.participantId);
      if (seats.revoke) this.stmts.deleteSeats.run(after.id, seats.revoke);
    });
  }

  async saveActivity(id: string, lastActiveAt: number): Promise<void> {
    this.stmts.updateActivity.run(lastActiveAt, id);
  }

  async loadWorkshop(id: string): Promise<StoredWorkshop | null> {
    const row = this.stmts.loadWorkshop.get(id);
    if (!row) return null;
    const participants = this.stmts.participants.all(id).map((r) => JSON.parse(r.data) as Participant);
    const saved = JSON.parse(row.state) as WorkshopState;
    // Workshops stored before languages came are English.
    const state = { ...saved, language: saved.language ?? DEFAULT_LANGUAGE, lastActiveAt: row.last_active, participants };
    const committed = this.stmts.docRows.all(id).map((r): CommittedRow => ({ groupId: r.group_id, seq: r.seq, data: r.data, parts: r.parts, at: r.at }));
    const docs = assembleDocs(committed, this.uncommitted(id));
    const comments = this.stmts.comments.all(id).map((r) => JSON.parse(r.data) as Comment);
    const coaching = this.stmts.coaching.get(id)?.data ?? null;
    return { state, facilitatorKeyHash: row.facilitator_key_hash, comments, docs, coaching };
  }

  private putParticipants(workshopId: string, participants: Participant[]): void {
    for (const p of participants) this.stmts.putParticipant.run(workshopId, p.id, JSON.stringify(p));
  }

  async deleteWorkshop(id: string): Promise<void> {
    // Its rows not committed yet go too (those already sent to the writer find no workshop).
    this.pending.drop(id);
    this.stmts.deleteWorkshop.run(id);
  }

  async expiredWorkshops(before: number): Promise<string[]> {
    return this.stmts.expired.all(before).map((r) => r.id);
  }

  async findSeat(tokenHash: string): Promise<SeatRecord | null> {
    const row = this.stmts.findSeat.get(tokenHash);
    return row ? { workshopId: row.workshop_id, participantId: row.participant_id } : null;
  }

  forget(workshopId: string): void {
    this.pending.drop(workshopId);
  }

  appendUpdateSoon(workshopId: string, groupId: string, data: Uint8Array, at: number, stored: (seq: number) => void): void {
    this.pending.add(workshopId, groupId, data, at, stored);
    this.commitTimer ??= setTimeout(this.commitDue, UPDATE_COMMIT_INTERVAL_MS);
  }

  /**
   * Commits every pending update now (a row per group document): sent to the writer thread, or
   * written here in memory. Resolves once the writer has them (what it has not committed yet is
   * read back with the workshop, and committed before the store closes).
   */
  async commitPending(): Promise<void> {
    this.commitNow();
  }

  private commitNow(): void {
    if (this.commitTimer) clearTimeout(this.commitTimer);
    this.commitTimer = null;
    const docs = this.pending.take();
    if (docs.length === 0) {
      // Nothing new; a batch that failed before is tried again.
      if (this.failed.length > 0) this.writeHere(null);
      return;
    }
    const rows = docs.map(rowOf);
    const started = performance.now();
    const done = (seqs: Array<number | null>) => {
      this.onCommit?.(performance.now() - started);
      confirm(docs, seqs);
    };
    if (this.writer?.running) this.writer.write(rows, done);
    else this.writeHere({ rows, done });
  }

  private commitDue = (): void => {
    this.commitTimer = null;
    this.commitNow();
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
        this.setHealthy(false);
        this.log(`could not commit document updates (${this.failed.length} batches kept, retried in ${UPDATE_COMMIT_INTERVAL_MS} ms)`, error);
        if (this.db.open) this.commitTimer ??= setTimeout(this.commitDue, UPDATE_COMMIT_INTERVAL_MS);
        return;
      }
      this.failed.shift();
      next.done(seqs);
      if (this.failed.length === 0) this.setHealthy(true);
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

  /** A workshop's rows accepted but not committed yet: failed, sent to the writer, or pending. */
  private uncommitted(workshopId: string): UpdateRow[] {
    const sent = [...this.failed.flatMap((b) => b.rows), ...(this.writer?.unansweredRows() ?? [])].filter((r) => r.workshopId === workshopId);
    return [...sent, ...this.pending.rowsOf(workshopId)];
  }

  async compactUpdates(workshopId: string, groupId: string, uptoSeq: number, snapshot: Uint8Array): Promise<void> {
    this.commitNow();
    this.transaction(() => {
      const stored = this.stmts.lastEdit.get(workshopId, groupId)?.at ?? null;
      const at = this.uncommitted(workshopId).reduce((last, r) => (r.groupId === groupId ? Math.max(last, r.at) : last), stored ?? 0);
      this.stmts.deleteUpdatesUpTo.run(workshopId, groupId, uptoSeq);
      this.stmts.appendUpdate.run(workshopId, groupId, snapshot, at);
    });
  }

  async saveCoaching(workshopId: string, data: string): Promise<void> {
    this.stmts.saveCoaching.run(workshopId, data, workshopId);
  }

  async putComments(workshopId: string, comments: Comment[]): Promise<void> {
    this.transaction(() => {
      for (const c of comments) this.stmts.putComment.run(workshopId, c.id, JSON.stringify(c));
    });
  }

  /**
   * Runs `fn` in one transaction: all of its writes land, or none. IMMEDIATE takes the write lock
   * first, waiting (busy timeout) for the writer thread's commit: a deferred transaction that read
   * before it wrote would instead fail at once with SQLITE_BUSY when that commit came in between.
   */
  private transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /**
   * Commits what is pending and closes the store; resolves once the writer thread has committed
   * what it was sent and closed its own connection too.
   */
  async close(): Promise<void> {
    if (!this.db.open) return;
    this.commitNow();
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
}
