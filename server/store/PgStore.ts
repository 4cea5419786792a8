/**
 * The PostgreSQL store, for several nodes behind a load balancer (DATABASE_URL). The same contract
 * as the embedded store: a workshop's state, participants, seats and comments are committed before
 * the promise resolves (and the caller acks); the group documents' Yjs updates are committed in
 * groups, one row per document at most UPDATE_COMMIT_INTERVAL_MS after they were accepted, on a
 * pooled connection, so the event loop never waits for them.
 */
import pg from 'pg';
import type { Comment } from '../../shared/comments';
import { DEFAULT_LANGUAGE } from '../../shared/i18n/languages';
import { workshopChanges, type Participant, type WorkshopState } from '../../shared/workshop';
import type { Log } from '../guard';
import { FencedError, type Fence } from '../cluster/ownership';
import { migratePostgres } from './migrations/postgres';
import { assembleDocs, confirm, PendingUpdates, rowOf, UPDATE_COMMIT_INTERVAL_MS, type PendingDoc, type UpdateRow } from './pendingUpdates';
import { settingsJson, type SeatChange, type SeatRecord, type StoredWorkshop, type WorkshopStore } from './types';

export interface PgStoreOptions {
  url: string;
  /** The schema holding Draftroom's tables (created if missing). */
  schema: string;
  /** Pooled connections (each node); the group commit and compaction use one at a time. */
  poolSize?: number;
}

/** How long a node waits for a connection before the request fails (`internal`, retried by the client). */
export const PG_CONNECT_TIMEOUT_MS = 5000;

/** A transaction left idle this long (its node frozen mid-write) is ended by PostgreSQL, and its locks with it. */
export const PG_IDLE_IN_TRANSACTION_MS = 3000;

/** While PostgreSQL does not take writes, it is asked this often whether it is back. */
export const STORE_PROBE_MS = 2000;

/** A statement running longer than this is cancelled by PostgreSQL (a request never hangs on a stuck lock). */
export const PG_STATEMENT_TIMEOUT_MS = 10_000;

type Client = pg.PoolClient;

export class PgStore implements WorkshopStore {
  private readonly pool: pg.Pool;
  private readonly pending = new PendingUpdates();
  private commitTimer: NodeJS.Timeout | null = null;
  /** The group commit in progress (one at a time, in order). */
  private committing: Promise<void> = Promise.resolve();
  /** Documents being committed right now, and those a failed commit kept for the next one. */
  private inFlight: PendingDoc[] = [];
  private retry: PendingDoc[] = [];
  private closed = false;

  onCommit: ((ms: number) => void) | null = null;
  /**
   * The lease token a write for a workshop must carry (set by the composition root from the
   * node's leases): every write transaction first locks the lease row it names, so a node that lost
   * the lease (paused, cut off) can never write over the new holder's state. Null: unfenced.
   */
  fence: ((workshopId: string) => Fence | null) | null = null;
  onHealth: ((ok: boolean) => void) | null = null;
  private healthy = true;
  private probe: NodeJS.Timeout | null = null;
  /** Called when a group commit found a workshop's lease gone (its rows were not written). */
  onFenced: ((workshopId: string) => void) | null = null;

  constructor(
    private readonly options: PgStoreOptions,
    private readonly log: Log,
  ) {
    this.pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
      // A node frozen in the middle of a transaction (SIGSTOP, a VM pause) would hold its lease
      // row's lock forever (its TCP connection stays up), and no other node could take the
      // workshop: PostgreSQL ends such a session after PG_IDLE_IN_TRANSACTION_MS.
      options: `-c search_path="${options.schema}" -c statement_timeout=${PG_STATEMENT_TIMEOUT_MS} -c idle_in_transaction_session_timeout=${PG_IDLE_IN_TRANSACTION_MS}`,
    });
    // An idle connection that breaks (PostgreSQL restarted) is dropped from the pool: never fatal.
    this.pool.on('error', (error) => this.log('a PostgreSQL connection failed (it is replaced on the next request)', error));
  }

  async ready(): Promise<void> {
    let client: Client & { done(): void };
    try {
      client = await this.checkout();
    } catch (error) {
      throw new Error(`cannot reach PostgreSQL at ${redactUrl(this.options.url)}: ${(error as Error).message}`, { cause: error });
    }
    try {
      await migratePostgres(client, this.options.schema);
    } finally {
      client.done();
    }
  }

  /**
   * A pooled connection for several statements. While it is checked out, a connection that breaks
   * between two statements emits 'error' on it (not on the pool): heard here, or it would end the
   * process; the next statement then fails, and the caller's request with it.
   */
  private async checkout(): Promise<Client & { done(): void }> {
    const client = await this.pool.connect().catch((error: unknown) => {
      this.setHealthy(false);
      throw error;
    });
    const heard = (error: Error) => this.log('a PostgreSQL connection broke while in use', error);
    client.on('error', heard);
    return Object.assign(client, {
      done: () => {
        client.off('error', heard);
        client.release();
      },
    });
  }

  /** Runs `fn` in one transaction on a pooled connection: all of its writes land, or none. */
  private async transaction<T>(fn: (client: Client) => Promise<T>): Promise<T> {
    const client = await this.checkout();
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      this.setHealthy(true);
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (!(error instanceof FencedError)) this.setHealthy(false);
      throw error;
    } finally {
      client.done();
    }
  }

  /**
   * Tells the node when PostgreSQL stops and starts taking writes. While it does not, a probe
   * every STORE_PROBE_MS finds out when it is back, even if nothing is written meanwhile.
   */
  private setHealthy(ok: boolean): void {
    if (ok === this.healthy) return;
    this.healthy = ok;
    if (ok && this.probe) clearInterval(this.probe);
    if (ok) this.probe = null;
    else if (!this.closed) {
      this.probe = setInterval(() => void this.pool.query('SELECT 1').then(() => this.setHealthy(true), () => undefined), STORE_PROBE_MS);
      this.probe.unref();
    }
    this.onHealth?.(ok);
  }

  /**
   * Locks the workshop's lease row for this transaction if it still names this node and epoch,
   * else throws FencedError: a takeover (which updates that row) waits for this commit, and a
   * write after a takeover finds no row.
   */
  private async fenced(c: Client, workshopId: string): Promise<void> {
    if (!this.fence) return;
    const token = this.fence(workshopId);
    if (!token) throw new FencedError(workshopId);
    const { rowCount } = await c.query(
      'SELECT 1 FROM leases WHERE workshop_id = $1 AND node_id = $2 AND epoch = $3 AND expires_at > clock_timestamp() FOR SHARE',
      [workshopId, token.nodeId, token.epoch],
    );
    if (rowCount === 0) throw new FencedError(workshopId);
  }

  async createWorkshop(state: WorkshopState, facilitatorKeyHash: string, docs: ReadonlyArray<{ groupId: string; update: Uint8Array }> = []): Promise<void> {
    await this.transaction(async (c) => {
      await this.fenced(c, state.id);
      await c.query('INSERT INTO workshops (id, state, facilitator_key_hash, last_active) VALUES ($1, $2, $3, $4)', [state.id, settingsJson(state), facilitatorKeyHash, state.lastActiveAt]);
      await this.putParticipants(c, state.id, state.participants);
      for (const d of docs) {
        await c.query('INSERT INTO doc_updates (workshop_id, group_id, data, at) VALUES ($1, $2, $3, $4)', [state.id, d.groupId, Buffer.from(d.update), state.createdAt]);
      }
    });
  }

  async saveWorkshop(before: WorkshopState, after: WorkshopState, seats: SeatChange = {}): Promise<void> {
    const changes = workshopChanges(before, after);
    await this.transaction(async (c) => {
      await this.fenced(c, after.id);
      if (changes.settings) await c.query('UPDATE workshops SET state = $1, last_active = $2 WHERE id = $3', [settingsJson(after), after.lastActiveAt, after.id]);
      else await c.query('UPDATE workshops SET last_active = $1 WHERE id = $2', [after.lastActiveAt, after.id]);
      await this.putParticipants(c, after.id, changes.upserted);
      if (changes.removed.length > 0) await c.query('DELETE FROM participants WHERE workshop_id = $1 AND id = ANY($2)', [after.id, changes.removed]);
      if (seats.add) await c.query('INSERT INTO seats (token_hash, workshop_id, participant_id) VALUES ($1, $2, $3)', [seats.add.tokenHash, after.id, seats.add.participantId]);
      if (seats.revoke) await c.query('DELETE FROM seats WHERE workshop_id = $1 AND participant_id = $2', [after.id, seats.revoke]);
    });
  }

  /** Upserts participants in one statement, in the given order (a newcomer's order is its join order). */
  private async putParticipants(c: Client, workshopId: string, participants: Participant[]): Promise<void> {
    if (participants.length === 0) return;
    await c.query(
      `INSERT INTO participants (workshop_id, id, data)
       SELECT $1, id, data FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS p(id, data, n) ORDER BY n
       ON CONFLICT (workshop_id, id) DO UPDATE SET data = excluded.data`,
      [workshopId, participants.map((p) => p.id), participants.map((p) => JSON.stringify(p))],
    );
  }

  async saveActivity(id: string, lastActiveAt: number): Promise<void> {
    await this.transaction(async (c) => {
      await this.fenced(c, id);
      await c.query('UPDATE workshops SET last_active = $1 WHERE id = $2', [lastActiveAt, id]);
    });
  }

  async loadWorkshop(id: string): Promise<StoredWorkshop | null> {
    // Captured before the read: a row committed meanwhile is then read twice (a repeated Yjs
    // update changes nothing), never missed.
    const uncommitted = this.uncommitted(id);
    const client = await this.checkout();
    try {
      // One snapshot for all four reads.
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const workshop = await client.query<{ state: string; facilitator_key_hash: string; last_active: string }>(
        'SELECT state, facilitator_key_hash, last_active FROM workshops WHERE id = $1',
        [id],
      );
      const row = workshop.rows[0];
      if (!row) {
        await client.query('COMMIT');
        return null;
      }
      const participants = await client.query<{ data: string }>('SELECT data FROM participants WHERE workshop_id = $1 ORDER BY ord', [id]);
      const comments = await client.query<{ data: string }>('SELECT data FROM comments WHERE workshop_id = $1 ORDER BY ord', [id]);
      const coaching = await client.query<{ data: string }>('SELECT data FROM coaching WHERE workshop_id = $1', [id]);
      const updates = await client.query<{ group_id: string; seq: string; data: Buffer; parts: number; at: string }>(
        'SELECT group_id, seq, data, parts, at FROM doc_updates WHERE workshop_id = $1 ORDER BY seq',
        [id],
      );
      await client.query('COMMIT');
      const saved = JSON.parse(row.state) as WorkshopState;
      const state = {
        ...saved,
        language: saved.language ?? DEFAULT_LANGUAGE,
        lastActiveAt: Number(row.last_active),
        participants: participants.rows.map((r) => JSON.parse(r.data) as Participant),
      };
      const committed = updates.rows.map((r) => ({ groupId: r.group_id, seq: Number(r.seq), data: new Uint8Array(r.data), parts: r.parts, at: Number(r.at) }));
      return {
        state,
        facilitatorKeyHash: row.facilitator_key_hash,
        comments: comments.rows.map((r) => JSON.parse(r.data) as Comment),
        docs: assembleDocs(committed, uncommitted),
        coaching: coaching.rows[0]?.data ?? null,
      };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.done();
    }
  }

  async deleteWorkshop(id: string): Promise<void> {
    this.pending.drop(id);
    this.retry = this.retry.filter((d) => d.workshopId !== id);
    await this.transaction(async (c) => {
      await this.fenced(c, id);
      await c.query('DELETE FROM workshops WHERE id = $1', [id]);
      // Its lease goes too: nothing can be written for it any more.
      if (this.fence) await c.query('DELETE FROM leases WHERE workshop_id = $1', [id]);
    });
  }

  async expiredWorkshops(before: number): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>('SELECT id FROM workshops WHERE last_active < $1', [before]);
    return rows.map((r) => r.id);
  }

  async findSeat(tokenHash: string): Promise<SeatRecord | null> {
    const { rows } = await this.pool.query<{ workshop_id: string; participant_id: string }>('SELECT workshop_id, participant_id FROM seats WHERE token_hash = $1', [tokenHash]);
    const row = rows[0];
    return row ? { workshopId: row.workshop_id, participantId: row.participant_id } : null;
  }

  async saveCoaching(workshopId: string, data: string): Promise<void> {
    await this.transaction(async (c) => {
      await this.fenced(c, workshopId);
      await c.query(
        'INSERT INTO coaching (workshop_id, data) SELECT $1, $2 WHERE EXISTS (SELECT 1 FROM workshops WHERE id = $1) ON CONFLICT (workshop_id) DO UPDATE SET data = excluded.data',
        [workshopId, data],
      );
    });
  }

  async putComments(workshopId: string, comments: Comment[]): Promise<void> {
    if (comments.length === 0) return;
    await this.transaction(async (c) => {
      await this.fenced(c, workshopId);
      await c.query(
        `INSERT INTO comments (workshop_id, id, data)
         SELECT $1, id, data FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS c(id, data, n) ORDER BY n
         ON CONFLICT (workshop_id, id) DO UPDATE SET data = excluded.data`,
        [workshopId, comments.map((c) => c.id), comments.map((c) => JSON.stringify(c))],
      );
    });
  }

  forget(workshopId: string): void {
    this.pending.drop(workshopId);
    this.retry = this.retry.filter((d) => d.workshopId !== workshopId);
  }

  appendUpdateSoon(workshopId: string, groupId: string, data: Uint8Array, at: number, stored: (seq: number) => void): void {
    this.pending.add(workshopId, groupId, data, at, stored);
    if (!this.closed) this.commitTimer ??= setTimeout(this.commitDue, UPDATE_COMMIT_INTERVAL_MS);
  }

  private commitDue = (): void => {
    this.commitTimer = null;
    void this.commitPending();
  };

  /** Commits what is queued, after the commit in progress; never rejects (a failure is logged and kept). */
  commitPending(): Promise<void> {
    if (this.commitTimer) clearTimeout(this.commitTimer);
    this.commitTimer = null;
    this.committing = this.committing.then(() => this.commitBatch());
    return this.committing;
  }

  private async commitBatch(): Promise<void> {
    const docs = mergeByDoc([...this.retry, ...this.pending.take()]);
    this.retry = [];
    if (docs.length === 0) return;
    this.inFlight = docs;
    const started = performance.now();
    try {
      const seqs = await this.writeRows(docs.map(rowOf));
      this.setHealthy(true);
      this.onCommit?.(performance.now() - started);
      confirm(docs, seqs);
    } catch (error) {
      // Kept, in order, for the next commit; the clients also still hold these updates.
      this.retry = docs;
      this.setHealthy(false);
      this.log(`could not commit document updates (${docs.length} rows kept, retried in ${UPDATE_COMMIT_INTERVAL_MS} ms)`, error);
      if (!this.closed) this.commitTimer ??= setTimeout(this.commitDue, UPDATE_COMMIT_INTERVAL_MS);
    } finally {
      this.inFlight = [];
    }
  }

  /**
   * One row per document, in one statement, for the workshops whose lease this node still holds
   * (their lease rows locked for the transaction, as for any write); a row whose workshop was
   * deleted, or whose lease is gone, is not written (null).
   */
  private async writeRows(rows: UpdateRow[]): Promise<Array<number | null>> {
    if (!this.fence) return this.insertRows(this.pool, rows);
    return this.transaction(async (c) => {
      const tokens = new Map<string, Fence>();
      for (const r of rows) {
        const token = this.fence!(r.workshopId);
        if (token) tokens.set(r.workshopId, token);
      }
      const ids = [...tokens.keys()];
      const { rows: valid } = await c.query<{ workshop_id: string }>(
        `SELECT l.workshop_id FROM leases AS l JOIN unnest($1::text[], $2::text[], $3::bigint[]) AS f(w, n, e)
           ON l.workshop_id = f.w AND l.node_id = f.n AND l.epoch = f.e
         WHERE l.expires_at > clock_timestamp() FOR SHARE OF l`,
        [ids, ids.map((id) => tokens.get(id)!.nodeId), ids.map((id) => tokens.get(id)!.epoch)],
      );
      const owned = new Set(valid.map((v) => v.workshop_id));
      const fenced = new Set(rows.map((r) => r.workshopId).filter((id) => !owned.has(id)));
      for (const id of fenced) this.onFenced?.(id);
      const seqs = await this.insertRows(c, rows.filter((r) => owned.has(r.workshopId)));
      const byDoc = new Map(rows.filter((r) => owned.has(r.workshopId)).map((r, i) => [docKey(r.workshopId, r.groupId), seqs[i] ?? null]));
      return rows.map((r) => byDoc.get(docKey(r.workshopId, r.groupId)) ?? null);
    });
  }

  private async insertRows(c: pg.Pool | Client, rows: UpdateRow[]): Promise<Array<number | null>> {
    if (rows.length === 0) return [];
    const { rows: written } = await c.query<{ seq: string; workshop_id: string; group_id: string }>(
      `INSERT INTO doc_updates (workshop_id, group_id, data, at, parts)
       SELECT w, g, d, a, p FROM unnest($1::text[], $2::text[], $3::bytea[], $4::bigint[], $5::int[]) AS r(w, g, d, a, p)
       WHERE EXISTS (SELECT 1 FROM workshops WHERE id = r.w)
       RETURNING seq, workshop_id, group_id`,
      [rows.map((r) => r.workshopId), rows.map((r) => r.groupId), rows.map((r) => Buffer.from(r.data)), rows.map((r) => r.at), rows.map((r) => r.parts)],
    );
    const seqs = new Map(written.map((w) => [docKey(w.workshop_id, w.group_id), Number(w.seq)]));
    return rows.map((r) => seqs.get(docKey(r.workshopId, r.groupId)) ?? null);
  }

  /** A workshop's rows accepted but not committed yet: in the commit in progress, kept from a failed one, or queued. */
  private uncommitted(workshopId: string): UpdateRow[] {
    const sent = [...this.inFlight, ...this.retry].filter((d) => d.workshopId === workshopId).map(rowOf);
    return [...sent, ...this.pending.rowsOf(workshopId)];
  }

  async compactUpdates(workshopId: string, groupId: string, uptoSeq: number, snapshot: Uint8Array): Promise<void> {
    await this.transaction(async (c) => {
      await this.fenced(c, workshopId);
      const { rows } = await c.query<{ at: string | null }>('SELECT max(at) AS at FROM doc_updates WHERE workshop_id = $1 AND group_id = $2', [workshopId, groupId]);
      const at = Number(rows[0]?.at ?? 0);
      await c.query('DELETE FROM doc_updates WHERE workshop_id = $1 AND group_id = $2 AND seq <= $3', [workshopId, groupId, uptoSeq]);
      await c.query('INSERT INTO doc_updates (workshop_id, group_id, data, at) SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM workshops WHERE id = $1)', [workshopId, groupId, Buffer.from(snapshot), at]);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.commitPending();
    this.closed = true;
    if (this.probe) clearInterval(this.probe);
    if (this.commitTimer) clearTimeout(this.commitTimer);
    this.commitTimer = null;
    const lost = this.retry.length + this.pending.take().length;
    // The clients that have them resend these updates when they reconnect to the next server.
    if (lost > 0) this.log(`closing with ${lost} document rows not committed`);
    await this.pool.end();
  }
}

function docKey(workshopId: string, groupId: string): string {
  return `${workshopId}\u0000${groupId}`;
}

/** Documents kept from a failed commit and queued since, merged: one row per document, updates in order. */
function mergeByDoc(docs: PendingDoc[]): PendingDoc[] {
  const merged = new Map<string, PendingDoc>();
  for (const d of docs) {
    const key = docKey(d.workshopId, d.groupId);
    const into = merged.get(key);
    if (into) merged.set(key, { ...into, parts: [...into.parts, ...d.parts], at: d.at, stored: [...into.stored, ...d.stored] });
    else merged.set(key, d);
  }
  return [...merged.values()];
}

/** The URL without its password, for error messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(an invalid URL)';
  }
}
