/**
 * The store contract: what the server needs from its persistence, whichever engine holds it (the
 * embedded SQLite store, or PostgreSQL for several nodes). Both implementations pass the same
 * contract suite (test/storeContract.test.ts).
 *
 * The promise is the same on both: a workshop's state, its participants, seats and comments are
 * committed before the caller acknowledges anything; the group documents' Yjs updates are committed
 * in groups off the hot path (at most UPDATE_COMMIT_INTERVAL_MS after they were accepted), and
 * every client that holds them resends them after a crash.
 */
import type { Comment } from '../../shared/comments';
import type { WorkshopState } from '../../shared/workshop';

/** One stored update of a group document (several updates of one commit share a sequence number). */
export interface DocRow {
  seq: number;
  data: Uint8Array;
}

/** What is stored of one group document: its updates, oldest first, and when it last changed. */
export interface StoredDoc {
  rows: DocRow[];
  lastEdit: number | null;
}

/** A workshop as loaded into memory: everything a node serves it from. */
export interface StoredWorkshop {
  state: WorkshopState;
  facilitatorKeyHash: string;
  /** Every comment and reply, oldest first. */
  comments: Comment[];
  /** Per group id, its document's stored updates (groups never edited are absent). */
  docs: Map<string, StoredDoc>;
  /** The coaching record (issue #23), as server/coaching serialised it; null before there is one. */
  coaching: string | null;
}

export interface SeatRecord {
  workshopId: string;
  participantId: string;
}

/** Seat changes written in the same transaction as the workshop's new state. */
export interface SeatChange {
  /** A newcomer's seat (only the token's hash is kept). */
  add?: { tokenHash: string; participantId: string };
  /** A removed participant: every seat of theirs is revoked. */
  revoke?: string;
}

export interface WorkshopStore {
  /** Resolves once the store is open and migrated; rejects (clearly) when it cannot be reached. */
  ready(): Promise<void>;
  /** Writes a new workshop, its participants and its groups' seeded documents (an import), all or nothing. */
  createWorkshop(state: WorkshopState, facilitatorKeyHash: string, docs?: ReadonlyArray<{ groupId: string; update: Uint8Array }>): Promise<void>;
  /** Writes what changed from `before` to `after` (and `seats`), all or nothing. */
  saveWorkshop(before: WorkshopState, after: WorkshopState, seats?: SeatChange): Promise<void>;
  /** Records when the workshop was last in use (its expiry counts from there). */
  saveActivity(id: string, lastActiveAt: number): Promise<void>;
  /** The workshop with its comments and documents (updates not committed yet included), or null. */
  loadWorkshop(id: string): Promise<StoredWorkshop | null>;
  /** Deletes the workshop and everything hanging off it (its pending updates too). */
  deleteWorkshop(id: string): Promise<void>;
  /** Ids of workshops with no activity since `before` (ms epoch). */
  expiredWorkshops(before: number): Promise<string[]>;
  findSeat(tokenHash: string): Promise<SeatRecord | null>;
  /** Replaces the workshop's coaching record (nothing once the workshop is deleted). */
  saveCoaching(workshopId: string, data: string): Promise<void>;
  /** Inserts or updates comments, all or nothing. */
  putComments(workshopId: string, comments: Comment[]): Promise<void>;
  /**
   * Queues an accepted Yjs update for the next group commit, then calls `stored` with its row's
   * sequence number. Never waits and never throws for the store's sake: a failed commit is logged
   * and retried with the next one.
   */
  appendUpdateSoon(workshopId: string, groupId: string, data: Uint8Array, at: number, stored: (seq: number) => void): void;
  /** Drops a workshop's queued updates without writing them (this node lost the workshop). */
  forget(workshopId: string): void;
  /** Commits every queued update now; resolves once they are committed (or kept for a retry). */
  commitPending(): Promise<void>;
  /** Replaces the document's updates up to `uptoSeq` by `snapshot`, which contains them (compaction). */
  compactUpdates(workshopId: string, groupId: string, uptoSeq: number, snapshot: Uint8Array): Promise<void>;
  /** Hears how long each group commit took (ms), for /metrics. */
  onCommit: ((ms: number) => void) | null;
  /** Hears when writing starts failing (false) and works again (true): clients show "saving paused". */
  onHealth: ((ok: boolean) => void) | null;
  /** Commits what is queued and closes. */
  close(): Promise<void>;
}

/** The workshop row's JSON: the state without its participants and activity time (kept apart). */
export function settingsJson(state: WorkshopState): string {
  return JSON.stringify({ ...state, participants: undefined, lastActiveAt: undefined });
}
