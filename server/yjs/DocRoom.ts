/** One group's live Y.Doc: its connections, awareness, persistence of every accepted update. */
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { LIMITS } from '../../shared/limits';
import type { Draft } from '../../shared/okr';
import { DraftReader } from '../../shared/okrDoc';
import type { StoredDoc, WorkshopStore } from '../store/types';
import { enforceDocLimits, LIMIT_ORIGIN } from '../../shared/docLimits';
import { changedDocument, continuesDocument, dropPending, repeatsOnly, updateStarts, type UpdateStarts } from './updateCheck';
import { awarenessMessage, parseClientMessage, syncStep1, syncStep2, updateMessage } from './messages';

export type Access = 'write' | 'read' | 'none';

/** One y-websocket connection as the room sees it. */
export interface DocConnection {
  readonly participantId: string | null;
  /** Decided per message from the server's records: the phase or the seat may have changed. */
  access(): Access;
  send(data: Uint8Array): void;
  /** Called every YJS_KEEPALIVE_MS: sends an empty awareness update if nothing else went out since the last call. */
  keepalive(): void;
  close(code: number, reason: string): void;
  /** Awareness client ids this connection speaks for (one, claimed by its first awareness message). */
  readonly clientIds: Set<number>;
  /** Set when a write was dropped (read-only): the client is ahead of us until it resyncs. */
  dropped: boolean;
  /** Set once the client has answered the server's sync step 1 (its reply carries all it had then). */
  replied: boolean;
  /** Rate limits: false when this connection sends edits or awareness too fast. */
  allowEdit(): boolean;
  allowAwareness(): boolean;
}

/** Close codes (4400–4499 tell y-websocket clients not to reconnect). */
export const CLOSE = {
  /** Transient: reconnect and sync again (after a dropped write, once writing is allowed again). */
  resync: 4100,
  badMessage: 4400,
  removed: 4401,
  forbidden: 4403,
  gone: 4404,
  tooLarge: 4413,
  /** Transient (4500–4599: y-websocket clients retry later): edits sent too fast. */
  rateLimited: 4529,
  /** Another node serves this workshop now (or for a moment no node does): reconnect, through the load balancer. */
  moved: 4503,
  /** The server failed handling a message (a bug, logged): the client reconnects and syncs again. */
  serverError: 1011,
} as const;

/** An error in the server's own handling of an accepted message (not the client's fault). */
class ServerFault extends Error {
  constructor(cause: unknown) {
    super('server fault while handling a Yjs message', { cause });
  }
}

/** Updates appended since the last snapshot before the room compacts them into one. */
const COMPACT_AFTER_UPDATES = 500;

export class DocRoom {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<DocConnection>();
  /** The draft as plain data, re-read per objective after changes (the radar reads it often). */
  private readonly drafts = new DraftReader(this.doc);
  private lastSeq = 0;
  private updatesSinceSnapshot = 0;
  private destroyed = false;
  /** Stored size of the document, approximately (updates since the last snapshot added up). */
  private approxBytes = 0;
  /** Yjs client id → who wrote with it (participant id, or '' for facilitators), for this document's life in memory. */
  private readonly writers = new Map<number, string>();
  /**
   * Bumped whenever something access depends on may have changed (any change of the workshop's
   * state): connections keep their decided access until then, instead of deciding per message.
   */
  accessEpoch = 0;
  /** When the document last changed (server time), null if never. */
  lastEditAt: number | null = null;
  /** The last transaction a client's update made (limits are enforced on it once it is applied). */
  private clientTransaction: Y.Transaction | null = null;
  /** Called after every accepted document change (summaries listen here). */
  onChange: (() => void) | null = null;
  /** Hears how long each accepted client edit took to apply, store and queue for every peer (ms). */
  onEdit: ((ms: number) => void) | null = null;

  constructor(
    readonly workshopId: string,
    readonly groupId: string,
    /** What the store holds of this document (loaded with its workshop). */
    stored: StoredDoc,
    private readonly store: WorkshopStore,
    private readonly clock: () => number,
    /** Decides a participant's access to this group from the server's records (null: facilitator). */
    readonly checkAccess: (participantId: string | null) => Access,
    private readonly log: (message: string, error?: unknown) => void,
  ) {
    // The server holds no awareness state of its own.
    this.awareness.setLocalState(null);
    const rows = stored.rows;
    if (rows.length > 0) {
      const merged = Y.mergeUpdates(rows.map((r) => r.data));
      this.approxBytes = merged.length;
      Y.applyUpdate(this.doc, merged, 'store');
      this.lastSeq = rows[rows.length - 1]!.seq;
      this.updatesSinceSnapshot = rows.length - 1;
    }
    this.lastEditAt = stored.lastEdit;
    // Every change Yjs encodes is stored and sent on; a live edit is handled apart (applyLiveEdit).
    this.doc.on('update', this.handleDocUpdate);
    this.doc.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.origin !== 'store' && tr.origin !== LIMIT_ORIGIN) this.clientTransaction = tr;
    });
    this.awareness.on('update', this.handleAwarenessUpdate);
  }

  /** Starts the y-websocket handshake with a new connection. */
  addConnection(conn: DocConnection): void {
    this.connections.add(conn);
    conn.send(syncStep1(this.doc));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) conn.send(awarenessMessage(this.awareness, states));
  }

  removeConnection(conn: DocConnection): void {
    if (!this.connections.delete(conn)) return;
    if (conn.clientIds.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.clientIds], null);
  }

  /** Handles one binary message; a malformed one closes that connection only. */
  handleMessage(conn: DocConnection, data: Uint8Array): void {
    const access = conn.access();
    if (access === 'none') {
      conn.close(CLOSE.forbidden, 'no access to this group');
      return;
    }
    try {
      const message = parseClientMessage(data);
      switch (message.type) {
        case 'sync-step1':
          conn.send(syncStep2(this.doc, message.stateVector));
          return;
        case 'sync-update': {
          // A read-only connection still receives updates; what it sends is dropped.
          if (access !== 'write') {
            conn.dropped = true;
            return;
          }
          if (!conn.allowEdit()) return conn.close(CLOSE.rateLimited, 'edits sent too fast');
          if (this.approxBytes + message.update.length > LIMITS.maxDocBytes) return conn.close(CLOSE.tooLarge, 'document too large');
          const starts = updateStarts(message.update);
          if (!continuesDocument(this.doc, starts)) {
            // A keystroke sent right after (re)connecting, before the client's sync reply, may
            // build on edits it made offline: the reply (computed after this keystroke was made)
            // carries both, so the keystroke is dropped here, not the connection.
            if (!message.reply && !conn.replied) return;
            return conn.close(CLOSE.badMessage, 'update does not fit the document');
          }
          if (message.reply) conn.replied = true;
          if (!this.mayWrite(conn, starts, message)) return conn.close(CLOSE.badMessage, 'update written as another client');
          const started = performance.now();
          if (!this.applyClientUpdate(conn, message.update, message.reply ? null : data)) {
            conn.close(CLOSE.badMessage, 'update left incomplete parts');
          } else this.onEdit?.(performance.now() - started);
          return;
        }
        case 'awareness':
          // Presence is ephemeral: past the rate it is simply dropped.
          if (!conn.allowAwareness() || !this.claims(conn, message.clients)) return;
          awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, conn);
          // Checked to speak only for its author, the message is passed on as it came (no re-encoding).
          this.broadcast(data, conn);
          return;
        case 'query-awareness':
          conn.send(awarenessMessage(this.awareness, [...this.awareness.getStates().keys()]));
          return;
        case 'unknown':
          return;
        default: {
          const never: never = message;
          return never;
        }
      }
    } catch (error) {
      dropPending(this.doc);
      if (error instanceof ServerFault) {
        this.log(`workshop ${this.workshopId} group ${this.groupId}: failed to handle a Yjs message`, error.cause);
        conn.close(CLOSE.serverError, 'server error');
      } else conn.close(CLOSE.badMessage, 'malformed message');
    }
  }

  /**
   * Applies a client's update (`message`: the live edit as it came; null for a sync reply), then
   * trims what it pushed past a limit, however the apply ended (only clients' changes can break
   * one). False when parts of it could not be placed: those are dropped.
   */
  private applyClientUpdate(conn: DocConnection, update: Uint8Array, message: Uint8Array | null): boolean {
    this.clientTransaction = null;
    let incomplete = false;
    try {
      if (message) incomplete = !this.applyLiveEdit(conn, update, message);
      else Y.applyUpdate(this.doc, update, conn);
    } finally {
      incomplete = dropPending(this.doc) || incomplete;
      const tr = this.clientTransaction;
      this.clientTransaction = null;
      if (tr) enforceDocLimits(this.doc, tr);
    }
    return !incomplete;
  }

  /**
   * A live edit (one transaction of its author's) is stored and sent on as it came, message and
   * all: Yjs need not encode it again, so the room stops listening for encoded updates meanwhile.
   * Only an edit that left parts it could not place (a broken client's) has what was applied of
   * it encoded from the document, once those parts are dropped. False for such an edit.
   */
  private applyLiveEdit(conn: DocConnection, update: Uint8Array, message: Uint8Array): boolean {
    this.doc.off('update', this.handleDocUpdate);
    let whole = false;
    try {
      Y.applyUpdate(this.doc, update, conn);
      whole = this.doc.store.pendingStructs === null && this.doc.store.pendingDs === null;
    } finally {
      this.doc.on('update', this.handleDocUpdate);
      // Yjs would encode the pending parts too: they go first.
      dropPending(this.doc);
      // What was applied is stored and sent on, also when the rest failed.
      const tr = this.clientTransaction;
      if (tr && changedDocument(tr)) {
        if (whole) this.publish(update, message, conn);
        else {
          const applied = Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(tr.beforeState));
          this.publish(applied, updateMessage(applied), conn);
        }
      }
    }
    return whole;
  }

  /** The document as a plain draft. */
  draft(): Draft {
    return this.drafts.read();
  }

  /**
   * Rewrites the stored updates as one snapshot. False when the store failed (logged): the updates
   * stay stored as they are, and the caller tries again later. It runs from timers and listeners,
   * where a rejection would end the process: it never rejects.
   */
  compact(): Promise<boolean> {
    this.compacting ??= this.compactNow().finally(() => (this.compacting = null));
    return this.compacting;
  }

  private compacting: Promise<boolean> | null = null;

  private async compactNow(): Promise<boolean> {
    if (this.destroyed) return true;
    try {
      // The snapshot replaces the rows committed so far; rows committed after it only repeat what it holds.
      await this.store.commitPending();
      if (this.updatesSinceSnapshot === 0 || this.destroyed) return true;
      const snapshot = Y.encodeStateAsUpdate(this.doc);
      const upto = this.lastSeq;
      const since = this.updatesSinceSnapshot;
      await this.store.compactUpdates(this.workshopId, this.groupId, upto, snapshot);
      // Updates stored while the snapshot was written count towards the next one.
      this.updatesSinceSnapshot = Math.max(0, this.updatesSinceSnapshot - since);
      this.approxBytes = snapshot.length;
      return true;
    } catch (error) {
      this.log(`workshop ${this.workshopId} group ${this.groupId}: compaction failed, will retry`, error);
      return false;
    }
  }

  /** The document as one stored snapshot (kept by its workshop while the document is closed). */
  snapshot(): StoredDoc {
    return { rows: [{ seq: this.lastSeq, data: Y.encodeStateAsUpdate(this.doc) }], lastEdit: this.lastEditAt };
  }

  /** Closes every connection and frees the document. */
  destroy(code: number, reason: string): void {
    this.destroyed = true;
    for (const conn of [...this.connections]) conn.close(code, reason);
    this.connections.clear();
    this.awareness.destroy();
    this.doc.destroy();
  }

  /**
   * Whose Yjs client ids an update may carry: someone writing as another person's client id would
   * make that person's later edits vanish. A live edit speaks for its author only: it claims the
   * client ids it writes and may not touch one another author has claimed. A sync reply may also
   * hold what others wrote (after a crash lost the last group commit, every peer resends it), so
   * it claims nothing and may repeat, but not extend, what others have written.
   */
  private mayWrite(conn: DocConnection, starts: UpdateStarts, message: { update: Uint8Array; reply: boolean }): boolean {
    const author = conn.participantId ?? '';
    let foreign: number[] | null = null;
    for (const client of starts.keys()) {
      if ((this.writers.get(client) ?? author) !== author) (foreign ??= []).push(client);
    }
    if (message.reply) return foreign === null || repeatsOnly(this.doc, message.update, foreign);
    if (foreign !== null) return false;
    for (const client of starts.keys()) this.writers.set(client, author);
    return true;
  }

  /** A connection may only speak for its own awareness client id. */
  private claims(conn: DocConnection, clients: number[]): boolean {
    if (conn.clientIds.size === 0) {
      if (clients.length !== 1) return false;
      const id = clients[0]!;
      for (const other of this.connections) if (other !== conn && other.clientIds.has(id)) return false;
      conn.clientIds.add(id);
      return true;
    }
    return clients.every((id) => conn.clientIds.has(id));
  }

  /** Queues `message` for every connection but `except` (sent once the current read is handled). */
  private broadcast(message: Uint8Array, except: unknown): void {
    for (const conn of this.connections) if (conn !== except) conn.send(message);
  }

  private handleDocUpdate = (update: Uint8Array, origin: unknown): void => {
    this.publish(update, updateMessage(update), origin);
  };

  /** Stores an accepted change and sends it to every connection but `origin`'s. */
  private publish(update: Uint8Array, message: Uint8Array, origin: unknown): void {
    try {
      this.lastEditAt = this.clock();
      this.approxBytes += update.length;
      // Sent once this read is handled, committed to the store with the next group commit (≤ 1 s).
      this.store.appendUpdateSoon(this.workshopId, this.groupId, update, this.lastEditAt, this.stored);
      this.broadcast(message, origin);
      this.onChange?.();
    } catch (error) {
      // Raised inside Yjs' observer call: marked so that handleMessage does not blame the client.
      throw new ServerFault(error);
    }
  }

  private stored = (seq: number): void => {
    this.lastSeq = Math.max(this.lastSeq, seq);
    this.updatesSinceSnapshot++;
    if (this.updatesSinceSnapshot >= COMPACT_AFTER_UPDATES && !this.destroyed && !this.compacting) setImmediate(() => void this.compact());
  };

  private handleAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    // A connection's own messages are forwarded as they came (see handleMessage); this covers
    // states removed when someone leaves or times out.
    if (this.connections.has(origin as DocConnection)) return;
    const changed = [...added, ...updated, ...removed];
    if (changed.length > 0) this.broadcast(awarenessMessage(this.awareness, changed), null);
  };
}
