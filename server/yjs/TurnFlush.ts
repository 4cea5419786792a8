/**
 * Outgoing Yjs messages leave at the end of the event-loop turn that produced them: every
 * connection's queued messages in one corked socket write (one syscall per connection, however
 * many updates the turn brought it).
 */

/** Where a connection's messages go once the turn ends. */
export interface Outbox {
  /** Messages queued this turn, in order. */
  queued: Uint8Array[];
  /** Writes them all at once (the connection corks its socket around the sends). */
  deliver(messages: Uint8Array[]): void;
}

export class TurnFlush {
  private outboxes = new Set<Outbox>();
  private scheduled = false;

  /** Queues `data` for `outbox`, sent at the end of this turn. */
  send(outbox: Outbox, data: Uint8Array): void {
    outbox.queued.push(data);
    this.outboxes.add(outbox);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  /** Sends everything queued now (also on shutdown). */
  flush(): void {
    this.scheduled = false;
    const outboxes = this.outboxes;
    this.outboxes = new Set();
    for (const outbox of outboxes) {
      const messages = outbox.queued;
      outbox.queued = [];
      outbox.deliver(messages);
    }
  }
}
