/**
 * Who may serve a workshop. On one node (the embedded store) it is always this node. On several
 * nodes (PostgreSQL) a node serves and writes for a workshop only while it holds the workshop's
 * lease (PgLeases; docs/cluster.md): the registry takes it before loading a workshop, every hot
 * path checks it locally, and every write is fenced by it in the database.
 */

/** The fencing token a write carries: the lease's holder and epoch when the write was decided. */
export interface Fence {
  nodeId: string;
  epoch: number;
}

/** Thrown by a write whose lease is gone: the node must let the workshop go without writing. */
export class FencedError extends Error {
  constructor(readonly workshopId: string) {
    super(`workshop ${workshopId}: this node no longer holds its lease; the write was refused`);
  }
}

/** Thrown when another node holds the workshop: the client retries (HAProxy sends it to the owner). */
export class OwnedElsewhere extends Error {
  constructor(
    readonly workshopId: string,
    readonly retryAfterMs: number,
  ) {
    super(`workshop ${workshopId} is served by another node right now`);
  }
}

export type Acquired = 'ok' | 'elsewhere' | 'missing';

export interface Ownership {
  /** This node's name (logs, metrics, the lease rows). */
  readonly nodeId: string;
  /** True when other nodes may serve workshops too (a new workshop is then left for the node HAProxy sends it to). */
  readonly shared: boolean;
  /**
   * Takes the workshop for this node: 'ok'; 'elsewhere' while another node holds a live lease on
   * it; 'missing' when no such workshop is stored (`isNew`: being created, so it need not be).
   */
  acquire(workshopId: string, isNew?: boolean): Promise<Acquired>;
  /** True while this node may serve the workshop: a local check of the lease's time, no I/O. */
  holds(workshopId: string): boolean;
  /** The token writes for the workshop carry (null: no fencing, one node). */
  fence(workshopId: string): Fence | null;
  /** Lets the workshop go (after its last write). */
  release(workshopId: string): Promise<void>;
  /** Forgets the workshop's lease without a write (it was lost). */
  forget(workshopId: string): void;
  /** Called when a lease was lost (not renewed in time, or taken over): the workshop must go at once. */
  onLost: ((workshopId: string) => void) | null;
  /** Called when another node asks for a workshop this node holds (an orderly handover). */
  onWanted: ((workshopId: string) => void) | null;
  /** Workshops held now. */
  readonly held: number;
  /** Since start: leases taken from a node whose lease had expired, acquisitions refused, leases lost. */
  readonly counts: { takeovers: number; refusals: number; lost: number };
  close(): Promise<void>;
}

/** One node with the embedded store: it owns every workshop, and nothing needs fencing. */
export class SingleNode implements Ownership {
  readonly nodeId: string;
  readonly shared = false;
  readonly counts = { takeovers: 0, refusals: 0, lost: 0 };
  onLost = null;
  onWanted = null;
  private readonly owned = new Set<string>();

  constructor(nodeId: string) {
    this.nodeId = nodeId;
  }

  /** Whether the workshop exists is for the store's load to tell. */
  async acquire(workshopId: string): Promise<Acquired> {
    this.owned.add(workshopId);
    return 'ok';
  }

  holds(): boolean {
    return true;
  }

  fence(): Fence | null {
    return null;
  }

  async release(workshopId: string): Promise<void> {
    this.owned.delete(workshopId);
  }

  forget(workshopId: string): void {
    this.owned.delete(workshopId);
  }

  get held(): number {
    return this.owned.size;
  }

  async close(): Promise<void> {}
}
