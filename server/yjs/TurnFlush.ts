/**
 * The end of an event-loop turn on the Yjs path, in this order:
 *   1. every update accepted during the turn is written in one SQLite transaction;
 *   2. every connection's queued messages leave in one socket write each.
 * Nothing reaches anyone before it is stored (a sync reply may include updates of this turn),
 * there is one commit per turn instead of one per keystroke, and one syscall per connection.
 */
import type { Store } from '../store/Store';

interface PendingUpdate {
  workshopId: string;
  groupId: string;
  update: Uint8Array;
  at: number;
  stored: (seq: number) => void;
}

/** Where a connection's messages go once the turn ends. */
export interface Outbox {
  /** Messages queued this turn, in order. */
  queued: Uint8Array[];
  /** Writes them all at once (the connection corks its socket around the sends). */
  deliver(messages: Uint8Array[]): void;
}

export class TurnFlush {
  private updates: PendingUpdate[] = [];
  private outboxes = new Set<Outbox>();
  private scheduled = false;

  constructor(private readonly store: Store) {}

  /** Stores `update` at the end of this turn, then calls `stored` with its sequence number. */
  persist(workshopId: string, groupId: string, update: Uint8Array, at: number, stored: (seq: number) => void): void {
    this.updates.push({ workshopId, groupId, update, at, stored });
    this.schedule();
  }

  /** Queues `data` for `outbox`, sent at the end of this turn after the updates are stored. */
  send(outbox: Outbox, data: Uint8Array): void {
    outbox.queued.push(data);
    this.outboxes.add(outbox);
    this.schedule();
  }

  /** Stores and sends everything queued now (also on shutdown). */
  flush(): void {
    this.scheduled = false;
    const updates = this.updates;
    if (updates.length > 0) {
      this.updates = [];
      const seqs = this.store.transaction(() => updates.map((p) => this.store.appendUpdate(p.workshopId, p.groupId, p.update, p.at)));
      updates.forEach((p, i) => p.stored(seqs[i]!));
    }
    const outboxes = this.outboxes;
    this.outboxes = new Set();
    for (const outbox of outboxes) {
      const messages = outbox.queued;
      outbox.queued = [];
      outbox.deliver(messages);
    }
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }
}
