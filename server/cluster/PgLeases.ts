/**
 * Workshop leases in PostgreSQL: a row per workshop (holder, epoch, expiry by the database's
 * clock), taken when a node loads a workshop and renewed every LEASE_RENEW_MS for all of a node's
 * workshops in one statement, on a small pool of its own (store traffic never delays a renewal).
 * Why a lease row and not an advisory lock: docs/cluster.md (a frozen holder's session lock is
 * never freed; a row expires by itself, and its epoch fences late writes).
 *
 * A node trusts its lease only until LEASE_TTL_MS - LEASE_SAFETY_MS after the start of its last
 * renewal that succeeded (by its own monotonic clock), so it stops serving before the row can
 * expire; a node that was paused finds its leases lapsed before it handles anything.
 */
import pg from 'pg';
import type { Log } from '../guard';
import type { Acquired, Fence, Ownership } from './ownership';

/** A lease lives this long past its last renewal (PostgreSQL's clock). */
export const LEASE_TTL_MS = 4000;
/** Every held lease is renewed this often. */
export const LEASE_RENEW_MS = 1000;
/** A node stops trusting a lease this long before the row can expire (renewal latency, clock rates). */
export const LEASE_SAFETY_MS = 1000;
/** A workshop is handed to a node that asks for it only after this node has held it this long (no flapping). */
export const HANDOVER_MIN_HOLD_MS = 15_000;

interface Held {
  epoch: number;
  /** Local monotonic time (performance.now()) until which this node may serve it. */
  validUntil: number;
  /** When this node took it (monotonic). */
  since: number;
}

export interface LeaseCounts {
  takeovers: number;
  refusals: number;
  lost: number;
}

export class PgLeases implements Ownership {
  readonly shared = true;
  private readonly pool: pg.Pool;
  private readonly leases = new Map<string, Held>();
  private readonly timer: NodeJS.Timeout;
  private renewing: Promise<void> | null = null;
  private readonly handoverMinHoldMs: number;
  onLost: ((workshopId: string) => void) | null = null;
  onWanted: ((workshopId: string) => void) | null = null;
  /** Since start: leases taken from a node whose lease had expired, acquisitions refused, leases lost. */
  readonly counts: LeaseCounts = { takeovers: 0, refusals: 0, lost: 0 };

  constructor(
    readonly nodeId: string,
    options: { url: string; schema: string; handoverMinHoldMs?: number },
    private readonly log: Log,
  ) {
    this.handoverMinHoldMs = options.handoverMinHoldMs ?? HANDOVER_MIN_HOLD_MS;
    this.pool = new pg.Pool({
      connectionString: options.url,
      max: 2,
      connectionTimeoutMillis: 2000,
      // A renewal or an acquisition never waits long on a lock (a write holding the lease row).
      options: `-c search_path="${options.schema}" -c statement_timeout=2000 -c lock_timeout=1500`,
    });
    this.pool.on('error', (error) => this.log('a lease connection failed (it is replaced on the next renewal)', error));
    this.timer = setInterval(() => void this.renew(), LEASE_RENEW_MS);
    this.timer.unref();
  }

  async acquire(workshopId: string, isNew = false): Promise<Acquired> {
    const started = performance.now();
    const { rows } = await this.pool.query<{ epoch: string; previous: string | null; expired: boolean | null }>(
      `WITH previous AS (SELECT node_id, expires_at <= clock_timestamp() AS expired FROM leases WHERE workshop_id = $1)
       INSERT INTO leases (workshop_id, node_id, epoch, expires_at, acquired_at)
       SELECT $1, $2, 1, clock_timestamp() + make_interval(secs => $3::float8 / 1000), clock_timestamp()
       WHERE $4::boolean OR EXISTS (SELECT 1 FROM workshops WHERE id = $1)
       ON CONFLICT (workshop_id) DO UPDATE
         SET node_id = excluded.node_id, epoch = leases.epoch + 1, expires_at = excluded.expires_at, acquired_at = excluded.acquired_at, wanted_by = NULL
         WHERE leases.expires_at <= clock_timestamp() OR leases.node_id = excluded.node_id
       RETURNING epoch, (SELECT node_id FROM previous) AS previous, (SELECT expired FROM previous) AS expired`,
      [workshopId, this.nodeId, LEASE_TTL_MS, isNew],
    );
    const row = rows[0];
    if (row) {
      if (row.previous !== null && row.previous !== this.nodeId && row.expired) this.counts.takeovers++;
      this.leases.set(workshopId, { epoch: Number(row.epoch), validUntil: started + LEASE_TTL_MS - LEASE_SAFETY_MS, since: started });
      return 'ok';
    }
    // Nothing written: no such workshop, or another node holds it, and is asked to hand it over.
    const asked = await this.pool.query(
      'UPDATE leases SET wanted_by = $2 WHERE workshop_id = $1 AND node_id <> $2 AND wanted_by IS DISTINCT FROM $2',
      [workshopId, this.nodeId],
    );
    const held = (asked.rowCount ?? 0) > 0 || (await this.pool.query('SELECT 1 FROM leases WHERE workshop_id = $1', [workshopId])).rowCount! > 0;
    if (!held) return 'missing';
    this.counts.refusals++;
    return 'elsewhere';
  }

  holds(workshopId: string): boolean {
    const lease = this.leases.get(workshopId);
    return lease !== undefined && performance.now() < lease.validUntil;
  }

  fence(workshopId: string): Fence | null {
    const lease = this.leases.get(workshopId);
    return lease && performance.now() < lease.validUntil ? { nodeId: this.nodeId, epoch: lease.epoch } : null;
  }

  /** How long this node has held the workshop (ms; 0 when it does not). */
  heldFor(workshopId: string): number {
    const lease = this.leases.get(workshopId);
    return lease ? performance.now() - lease.since : 0;
  }

  get held(): number {
    return this.leases.size;
  }

  /** Ends the lease now (the row stays, its epoch with it: a later holder takes the next one). */
  async release(workshopId: string): Promise<void> {
    const lease = this.leases.get(workshopId);
    if (!lease) return;
    this.leases.delete(workshopId);
    await this.pool.query('UPDATE leases SET expires_at = clock_timestamp() WHERE workshop_id = $1 AND node_id = $2 AND epoch = $3', [workshopId, this.nodeId, lease.epoch]);
  }

  /** Forgets a lease locally, without a write: the node found it lapsed or fenced on a hot path. */
  forget(workshopId: string): void {
    if (this.leases.delete(workshopId)) this.counts.lost++;
  }

  /**
   * Renews every held lease in one statement. A lease the database did not renew (expired, or
   * taken over) is lost; one not renewed in time locally (PostgreSQL out of reach, or this process
   * paused) lapses. Either way the workshop goes at once. Never rejects.
   */
  renew(): Promise<void> {
    this.renewing ??= this.renewNow()
      .catch((error: unknown) => this.log('renewing workshop leases failed (retried in a second)', error))
      .finally(() => {
        this.renewing = null;
        this.dropLapsed();
      });
    return this.renewing;
  }

  private async renewNow(): Promise<void> {
    this.dropLapsed();
    if (this.leases.size === 0) return;
    const started = performance.now();
    const held = [...this.leases.entries()];
    const { rows } = await this.pool.query<{ workshop_id: string; wanted_by: string | null }>(
      `UPDATE leases AS l SET expires_at = clock_timestamp() + make_interval(secs => $4::float8 / 1000)
       FROM unnest($2::text[], $3::bigint[]) AS h(w, e)
       WHERE l.workshop_id = h.w AND l.epoch = h.e AND l.node_id = $1 AND l.expires_at > clock_timestamp()
       RETURNING l.workshop_id, l.wanted_by`,
      [this.nodeId, held.map(([id]) => id), held.map(([, l]) => l.epoch), LEASE_TTL_MS],
    );
    const renewed = new Map(rows.map((r) => [r.workshop_id, r.wanted_by]));
    for (const [id, lease] of held) {
      if (this.leases.get(id) !== lease) continue; // released or retaken meanwhile
      if (!renewed.has(id)) this.lose(id);
      else {
        lease.validUntil = started + LEASE_TTL_MS - LEASE_SAFETY_MS;
        const wanted = renewed.get(id);
        if (wanted && wanted !== this.nodeId && performance.now() - lease.since >= this.handoverMinHoldMs) this.onWanted?.(id);
      }
    }
  }

  private dropLapsed(): void {
    const now = performance.now();
    for (const [id, lease] of this.leases) if (now >= lease.validUntil) this.lose(id);
  }

  private lose(workshopId: string): void {
    this.leases.delete(workshopId);
    this.counts.lost++;
    this.log(`workshop ${workshopId}: this node lost its lease and lets the workshop go`);
    this.onLost?.(workshopId);
  }

  /** Releases every lease (a drained node, once everything is committed) and closes the pool. */
  private closing: Promise<void> | null = null;

  close(): Promise<void> {
    this.closing ??= this.closeNow();
    return this.closing;
  }

  private async closeNow(): Promise<void> {
    clearInterval(this.timer);
    await this.renewing;
    const ids = [...this.leases.keys()];
    await Promise.all(ids.map((id) => this.release(id).catch((error: unknown) => this.log(`workshop ${id}: releasing its lease failed`, error))));
    await this.pool.end();
  }
}
