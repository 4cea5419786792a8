/** One y-websocket connection: its socket, its rate limits, and its outgoing messages not yet written. */
import type { WebSocket } from 'ws';
import { TokenBucket } from '../security';
import type { Access, DocConnection, DocRoom } from './DocRoom';
import { KEEPALIVE } from './messages';
import type { Outbox, SendBatcher } from './SendBatcher';

/** Per-connection rates: document updates and awareness updates per second (bursts allowed). */
export const YJS_EDITS_PER_SECOND = 50;
export const YJS_EDIT_BURST = 200;
export const YJS_AWARENESS_PER_SECOND = 30;
export const YJS_AWARENESS_BURST = 60;

/** The connection's TCP socket, which ws keeps as `_socket`. */
type RawSocket = { cork(): void; uncork(): void; write(chunk: Buffer): boolean };

/** A class rather than closures: a thousand participants hold a thousand of these. */
export class YjsConnection implements DocConnection, Outbox {
  readonly clientIds = new Set<number>();
  dropped = false;
  replied = false;
  queued: Buffer[] = [];
  /** Whether anything was written since the last keepalive tick. */
  private sentSinceTick = false;
  private readonly edits: TokenBucket;
  private readonly presence: TokenBucket;
  /** Access as last decided, and the room's access epoch it was decided in. */
  private decided: Access = 'none';
  private decidedIn = -1;

  constructor(
    private readonly ws: WebSocket,
    readonly participantId: string | null,
    private readonly sends: SendBatcher,
    private readonly now: () => number,
    private readonly room: Pick<DocRoom, 'accessEpoch' | 'checkAccess'>,
  ) {
    this.edits = new TokenBucket(YJS_EDITS_PER_SECOND, YJS_EDIT_BURST, now());
    this.presence = new TokenBucket(YJS_AWARENESS_PER_SECOND, YJS_AWARENESS_BURST, now());
  }

  access(): Access {
    if (this.decidedIn !== this.room.accessEpoch) {
      this.decided = this.room.checkAccess(this.participantId);
      this.decidedIn = this.room.accessEpoch;
    }
    return this.decided;
  }

  allowEdit(): boolean {
    return this.edits.take(this.now());
  }

  allowAwareness(): boolean {
    return this.presence.take(this.now());
  }

  send(data: Uint8Array): void {
    if (this.ws.readyState === this.ws.OPEN) this.sends.send(this, data);
  }

  deliver(frames: Buffer[]): void {
    // Nothing may follow a close frame; ws writes its own frames (ping, pong, close) whole too.
    if (this.ws.readyState !== this.ws.OPEN) return;
    this.sentSinceTick = true;
    // Corked, the batch's frames leave in one writev.
    const socket = (this.ws as unknown as { _socket: RawSocket })._socket;
    socket.cork();
    for (const frame of frames) socket.write(frame);
    socket.uncork();
  }

  keepalive(): void {
    if (!this.sentSinceTick) this.send(KEEPALIVE);
    this.sentSinceTick = false;
  }

  close(code: number, reason: string): void {
    this.ws.close(code, reason);
  }
}
