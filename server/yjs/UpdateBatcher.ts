/**
 * Writes the Yjs updates accepted in one event-loop turn in a single SQLite transaction, then lets
 * each be broadcast: one commit per turn instead of one per keystroke, and still nothing is sent
 * to anyone before it is stored.
 */
import type { Store } from '../store/Store';

interface Pending {
  workshopId: string;
  groupId: string;
  update: Uint8Array;
  at: number;
  then: (seq: number) => void;
}

export class UpdateBatcher {
  private queue: Pending[] = [];
  private scheduled = false;

  constructor(private readonly store: Store) {}

  /** Stores `update` at the end of this turn, then calls `then` with its sequence number. */
  append(workshopId: string, groupId: string, update: Uint8Array, at: number, then: (seq: number) => void): void {
    this.queue.push({ workshopId, groupId, update, at, then });
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Writes everything queued now (also on shutdown). */
  flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    const seqs = this.store.transaction(() => batch.map((p) => this.store.appendUpdate(p.workshopId, p.groupId, p.update, p.at)));
    batch.forEach((p, i) => p.then(seqs[i]!));
  }
}
