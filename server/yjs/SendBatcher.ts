/**
 * Outgoing Yjs messages leave once the socket read that produced them has been handled (a
 * microtask after the I/O callback): a keystroke's update and cursor, which arrive in one read,
 * reach each peer in one corked socket write, and nothing waits for the rest of the event-loop
 * turn (other sockets' reads). At 1,000 participants this writes as few times as batching per
 * turn did (1.87 messages per write) while the wait from queueing to writing drops from p99 3–5 ms
 * to 0.1 ms (docs/performance.md).
 *
 * Messages are queued as complete WebSocket frames, built by ws's own `Sender.frame` once per
 * message however many connections it goes to (a broadcast queues the same message for each peer
 * in turn), and written to the socket as one buffer each.
 */
import * as ws from 'ws';

type FrameOptions = { fin: boolean; rsv1: boolean; opcode: number; mask: boolean; readOnly: boolean };
/** ws exports its frame builder (`Sender`), which its type declarations leave out. */
const { Sender } = ws as unknown as { Sender: { frame(data: Uint8Array, options: FrameOptions): Uint8Array[] } };
/** A final binary frame, unmasked (server to client), no compression (the server turns it off). */
const BINARY: FrameOptions = { fin: true, rsv1: false, opcode: 0x2, mask: false, readOnly: true };

/** Where a connection's frames go once the read is handled. */
export interface Outbox {
  /** Frames queued since the last flush, in order. */
  queued: Buffer[];
  /** Writes them all at once (the connection corks its socket around the writes). */
  deliver(frames: Buffer[]): void;
}

export class SendBatcher {
  private outboxes = new Set<Outbox>();
  private scheduled = false;
  /** The last message framed, and its frame. */
  private lastMessage: Uint8Array | null = null;
  private lastFrame: Buffer | null = null;

  /** Queues `message` for `outbox`, sent when the current callback (a socket read) is done. */
  send(outbox: Outbox, message: Uint8Array): void {
    outbox.queued.push(this.frame(message));
    this.outboxes.add(outbox);
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(this.flush);
  }

  /** Sends everything queued now (also on shutdown). */
  flush = (): void => {
    this.scheduled = false;
    const outboxes = this.outboxes;
    this.outboxes = new Set();
    // The frames are written; the last message need not be kept any longer.
    this.lastMessage = this.lastFrame = null;
    for (const outbox of outboxes) {
      const frames = outbox.queued;
      outbox.queued = [];
      outbox.deliver(frames);
    }
  };

  private frame(message: Uint8Array): Buffer {
    if (message !== this.lastMessage) {
      this.lastFrame = Buffer.concat(Sender.frame(message, BINARY));
      this.lastMessage = message;
    }
    return this.lastFrame!;
  }
}
