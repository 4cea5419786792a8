/**
 * The /yjs endpoint: stock y-websocket protocol per group document, authorised at upgrade from
 * the server's own records (token → workshop, group, role), re-checked on every message.
 */
import { guarded, type Log, type LogFields } from '../guard';
import type { Logger } from '../log';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import * as Y from 'yjs';
import type { Draft } from '../../shared/okr';
import { readDraft } from '../../shared/okrDoc';
import { groupAccess } from '../../shared/access';
import type { RegistryListener, WorkshopRegistry } from '../rooms/WorkshopRegistry';
import type { SeatMove, WorkshopRoom } from '../rooms/WorkshopRoom';
import type { WorkshopStore } from '../store/types';
import { refuseSocket } from '../http/refuseSocket';
import { OwnedElsewhere } from '../cluster/ownership';
import { fail, ok, type Result } from '../../shared/result';
import { originAllowed } from '../security';
import { SendBatcher } from './SendBatcher';
import { CLOSE, DocRoom, type Access, type DocConnection } from './DocRoom';
import { YjsConnection } from './YjsConnection';
import { YjsTickets } from './YjsTickets';

/** Largest y-websocket message accepted (bytes); larger frames close the connection (1009). */
export const YJS_MAX_MESSAGE_BYTES = 512 * 1024;

const PATH = /^\/yjs\/([A-Za-z0-9_-]{1,64})\/([A-Za-z0-9_-]{1,64})$/;

/**
 * The stock y-websocket client reconnects when it has heard nothing for 30 s, and someone alone in
 * a group hears nothing (their own edits and awareness are not echoed): a connection the server has
 * sent nothing since the last tick gets an empty awareness update, so it is never silent for more
 * than two ticks (20 s).
 */
export const YJS_KEEPALIVE_MS = 10_000;

/**
 * A document nobody is connected to stays in memory this long before it is compacted and unloaded:
 * a reconnect (a flaky network, a reload) finds it loaded, and a lone participant's reconnect does
 * not compact the document each time.
 */
export const DOC_UNLOAD_GRACE_MS = 30_000;

export interface YjsGatewayOptions {
  unloadGraceMs: number;
  keepaliveMs: number;
  /** Hears each accepted edit's handling time (ms), for /metrics. */
  onEdit?: (ms: number) => void;
  /** Headers of every upgrade answer, refused or accepted (X-Draftroom-Node). */
  headers?: Readonly<Record<string, string>>;
  /** Refused upgrades are logged here at debug level. */
  logger?: Logger;
}

/** The path of a request target, or null when it is not a path (`*`, `//host`, absolute URIs). */
function pathOf(target: string | undefined): string | null {
  if (!target?.startsWith('/') || target.startsWith('//')) return null;
  const end = target.search(/[?#]/);
  return end === -1 ? target : target.slice(0, end);
}

export class YjsGateway implements Partial<RegistryListener> {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: YJS_MAX_MESSAGE_BYTES, perMessageDeflate: false });
  /** Called after every accepted change of a group document (the radar listens). */
  onDocChange: ((workshopId: string, groupId: string, doc: DocRoom) => void) | null = null;
  /** Outgoing messages, written once per connection per socket read handled. */
  private readonly sends: SendBatcher;
  /** Per workshop, what access depends on, as last seen: connections are re-checked only when it changes. */
  private readonly accessSeen = new Map<string, string>();
  /** workshopId → groupId → live document. */
  private readonly docs = new Map<string, Map<string, DocRoom>>();

  private readonly tickets = new YjsTickets();
  /** Documents nobody is connected to, and their unload timers. */
  private readonly idle = new Map<DocRoom, NodeJS.Timeout>();
  private readonly keepalive: NodeJS.Timeout;

  constructor(
    private readonly registry: WorkshopRegistry,
    private readonly store: WorkshopStore,
    private readonly now: () => number,
    private readonly allowedOrigins: readonly string[],
    private readonly log: Log,
    private readonly options: YjsGatewayOptions = { unloadGraceMs: DOC_UNLOAD_GRACE_MS, keepaliveMs: YJS_KEEPALIVE_MS },
  ) {
    this.sends = new SendBatcher();
    const headers = Object.entries(options.headers ?? {}).map(([name, value]) => `${name}: ${value}`);
    if (headers.length > 0) this.wss.on('headers', (lines: string[]) => lines.push(...headers));
    this.keepalive = setInterval(guarded('/yjs keepalive', this.sendKeepalives, log), options.keepaliveMs);
    this.keepalive.unref();
  }

  /**
   * Handles an HTTP upgrade if it is for /yjs; returns false to leave it to others. Whatever the
   * request holds, it is answered (an HTTP status, or the upgrade) and nothing is thrown.
   */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const path = pathOf(req.url);
    if (path === null || !path.startsWith('/yjs/')) return false;
    // Ids in a line only once the workshop is known: an unknown one could be anything a client sent.
    const refuse = (status: number, text: string, fields?: LogFields) => {
      this.options.logger?.debug({ ...fields, status }, '/yjs upgrade refused');
      refuseSocket(socket, status, text, this.options.headers);
    };
    this.upgrade(req, socket, head, path, refuse).catch((error: unknown) => {
      // Another node holds the workshop: a close code the stock client retries (through HAProxy).
      if (error instanceof OwnedElsewhere) return this.wss.handleUpgrade(req, socket, head, (ws) => ws.close(CLOSE.moved, 'served by another node'));
      const [, workshopId, groupId] = PATH.exec(path) ?? [];
      this.log('/yjs upgrade failed', error, { workshopId, groupId });
      refuse(500, 'Internal Server Error');
    });
    return true;
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, path: string, refuse: (status: number, text: string, fields?: LogFields) => void): Promise<void> {
    if (!originAllowed(req, this.allowedOrigins)) return refuse(403, 'Forbidden');
    const match = PATH.exec(path);
    if (!match) return refuse(404, 'Not Found');
    const [, workshopId, groupId] = match as unknown as [string, string, string];
    let query: URLSearchParams;
    try {
      query = new URL(req.url!, 'http://localhost').searchParams;
    } catch {
      return refuse(400, 'Bad Request');
    }
    const room = await this.registry.get(workshopId, this.now());
    if (!room) return refuse(404, 'Not Found');
    // The group id is logged only if it is one of the workshop's groups (see `refuse`).
    const known: LogFields = { workshopId, groupId: room.state.groups.some((g) => g.id === groupId) ? groupId : undefined };
    const who = await this.credential(workshopId, groupId, query.get('ticket'), query.get('token'));
    if (!who) return refuse(401, 'Unauthorized', known);
    const { participantId } = who;
    if (this.access(workshopId, groupId, participantId) === 'none') return refuse(403, 'Forbidden', { ...known, participantId });
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      // First: a WebSocket without an 'error' listener ends the process on a bad frame.
      ws.on('error', () => ws.terminate());
      try {
        this.accept(ws, workshopId, groupId, participantId);
      } catch (error) {
        this.log('could not open the document', error, { workshopId, groupId });
        ws.close(CLOSE.serverError, 'server error');
        // A loaded document left without connections unloads as usual.
        const doc = this.loadedDoc(workshopId, groupId);
        if (doc && doc.connections.size === 0) this.unloadLater(doc);
      }
    });
  }

  /** The live document of a group, if loaded (summaries and export read it). */
  loadedDoc(workshopId: string, groupId: string): DocRoom | undefined {
    return this.docs.get(workshopId)?.get(groupId);
  }

  /** The draft of a group: the live document if open, else what its workshop holds of it. */
  draft(room: WorkshopRoom, groupId: string): Draft {
    const live = this.loadedDoc(room.id, groupId);
    if (live) return live.draft();
    const doc = new Y.Doc();
    const { rows } = room.closedDoc(groupId);
    if (rows.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(rows.map((r) => r.data)));
    const draft = readDraft(doc);
    doc.destroy();
    return draft;
  }

  /** When a group's document last changed (null: never). */
  lastEdit(room: WorkshopRoom, groupId: string): number | null {
    const live = this.loadedDoc(room.id, groupId);
    return live ? live.lastEditAt : room.closedDoc(groupId).lastEdit;
  }

  /** A fingerprint of every loaded document, keyed `workshopId/groupId` (benchmark convergence check). */
  docFingerprints(fingerprint: (doc: DocRoom['doc']) => string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [w, docs] of this.docs) for (const [g, doc] of docs) out[`${w}/${g}`] = fingerprint(doc.doc);
    return out;
  }

  /** Number of group documents in memory. */
  get loadedCount(): number {
    let n = 0;
    for (const docs of this.docs.values()) n += docs.size;
    return n;
  }

  /**
   * Who opens the document: a ticket (browsers; single use, short-lived) or a long-lived token in
   * the query (scripts and bots: a seat token or facilitator key, which then shows in access logs).
   */
  private async credential(workshopId: string, groupId: string, ticket: string | null, token: string | null): Promise<{ participantId: string | null } | undefined> {
    if (ticket) return this.tickets.redeem(ticket, workshopId, groupId, this.now());
    if (!token) return undefined;
    const session = await this.registry.authenticateToken(workshopId, token, this.now());
    return session.ok ? { participantId: session.data.participantId } : undefined;
  }

  /** A ticket to open `groupId`'s document for someone already authenticated, or why not. */
  issueTicket(workshopId: string, groupId: string, participantId: string | null): Result<{ ticket: string }> {
    if (this.access(workshopId, groupId, participantId) === 'none') return fail('forbidden', 'You have no access to this group’s draft right now.');
    const ticket = this.tickets.issue(workshopId, groupId, participantId, this.now());
    // Transient: the client's connection retries after its backoff.
    return ticket ? ok({ ticket }) : fail('rate_limited', 'Too many document connections are opening; retrying shortly.');
  }

  private access(workshopId: string, groupId: string, participantId: string | null): Access {
    const room = this.registry.loaded(workshopId, this.now());
    const viewer = room?.viewer(participantId);
    return room && viewer ? groupAccess(room.state, viewer, groupId).level : 'none';
  }

  private accept(ws: WebSocket, workshopId: string, groupId: string, participantId: string | null): void {
    ws.binaryType = 'nodebuffer';
    const room = this.registry.loaded(workshopId, this.now());
    if (!room) return ws.close(CLOSE.gone, 'workshop gone');
    const doc = this.open(room, groupId);
    const conn = new YjsConnection(ws, participantId, this.sends, this.now, doc);
    // Listeners must not throw (an event emitter would end the process): a server bug is logged
    // once and closes this connection only; the client reconnects and syncs again.
    const failed = (what: string, error: unknown) => {
      this.log(`${what} failed`, error, { workshopId, groupId, participantId });
      conn.close(CLOSE.serverError, 'server error');
    };
    // Per message, so written out rather than wrapped in a closure.
    ws.on('message', (data: Buffer, isBinary) => {
      try {
        if (!isBinary) return conn.close(CLOSE.badMessage, 'binary messages only');
        // Not ours any more (a paused node wakes up here first): nothing is applied or relayed.
        if (!this.registry.holds(workshopId)) return this.registry.lost(workshopId);
        doc.handleMessage(conn, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      } catch (error) {
        failed('a Yjs message', error);
      }
    });
    ws.on('close', () => {
      try {
        doc.removeConnection(conn);
        if (doc.connections.size === 0) this.unloadLater(doc);
      } catch (error) {
        failed('closing a connection', error);
      }
    });
    doc.addConnection(conn);
  }

  /** Every keepalive tick: connections the server has sent nothing since the last one hear from it. */
  private sendKeepalives = (): void => {
    for (const docs of this.docs.values()) {
      for (const doc of docs.values()) {
        for (const conn of doc.connections) conn.keepalive();
      }
    }
  };

  private open(room: WorkshopRoom, groupId: string): DocRoom {
    const workshopId = room.id;
    let docs = this.docs.get(workshopId);
    if (!docs) {
      docs = new Map();
      this.docs.set(workshopId, docs);
    }
    let doc = docs.get(groupId);
    if (doc) this.stopIdling(doc);
    else {
      doc = new DocRoom(workshopId, groupId, room.takeClosedDoc(groupId), this.store, this.now, (participantId) => this.access(workshopId, groupId, participantId), this.log);
      const opened = doc;
      doc.onChange = () => this.onDocChange?.(workshopId, groupId, opened);
      doc.onEdit = this.options.onEdit ?? null;
      docs.set(groupId, doc);
    }
    return doc;
  }

  /** Unloads a document nobody is connected to once the grace period has passed (at once without one). */
  private unloadLater(doc: DocRoom): void {
    this.stopIdling(doc);
    if (this.options.unloadGraceMs === 0) return this.unloadSoon(doc);
    const timer = setTimeout(() => this.unloadSoon(doc), this.options.unloadGraceMs);
    timer.unref();
    this.idle.set(doc, timer);
  }

  private stopIdling(doc: DocRoom): void {
    clearTimeout(this.idle.get(doc));
    this.idle.delete(doc);
  }

  /** Unloads `doc` (from a timer: a failure is logged, never thrown). */
  private unloadSoon(doc: DocRoom): void {
    this.unload(doc).catch((error: unknown) => this.log(`workshop ${doc.workshopId} group ${doc.groupId}: unloading failed`, error));
  }

  /**
   * Flushes a document nobody is connected to into one snapshot and frees it. If the store fails
   * (logged), the document stays loaded and unloading is tried again after another grace period.
   */
  private async unload(doc: DocRoom): Promise<void> {
    this.idle.delete(doc);
    const docs = this.docs.get(doc.workshopId);
    if (docs?.get(doc.groupId) !== doc || doc.connections.size > 0) return;
    const compacted = await doc.compact();
    // Opened again meanwhile (or already gone): it stays as it is.
    if (docs.get(doc.groupId) !== doc || doc.connections.size > 0 || this.idle.has(doc)) return;
    if (!compacted) {
      const retry = setTimeout(() => this.unloadSoon(doc), Math.max(this.options.unloadGraceMs, 1000));
      retry.unref();
      this.idle.set(doc, retry);
      return;
    }
    // Its workshop keeps the snapshot while the document is closed (radar, export, the next open).
    this.registry.inMemory(doc.workshopId)?.returnClosedDoc(doc.groupId, doc.snapshot());
    doc.destroy(CLOSE.gone, 'unloaded');
    docs.delete(doc.groupId);
    if (docs.size === 0) this.docs.delete(doc.workshopId);
  }

  private closeWhere(workshopId: string, code: number, reason: string, match: (doc: DocRoom, conn: DocConnection) => boolean): void {
    for (const doc of this.docs.get(workshopId)?.values() ?? []) {
      for (const conn of [...doc.connections]) if (match(doc, conn)) conn.close(code, reason);
    }
  }

  onDirty(room: WorkshopRoom): void {
    // Seats, phase, spotlight, peers: connections decide their access again on their next message.
    for (const doc of this.docs.get(room.id)?.values() ?? []) doc.accessEpoch++;
    // Most changes (people coming online, comments) do not touch access: skip the scan then.
    const { phase, groups, session } = room.state;
    const key = JSON.stringify([phase, session.breakouts.closed, session.spotlight, session.peers, groups.map((g) => g.id)]);
    if (this.accessSeen.get(room.id) === key) return;
    this.accessSeen.set(room.id, key);
    for (const doc of this.docs.get(room.id)?.values() ?? []) {
      const removed = !groups.some((g) => g.id === doc.groupId);
      for (const conn of [...doc.connections]) {
        const access = conn.access();
        // The group was removed: gone for everyone (4404). An ended spotlight or peer review: access is gone (4403).
        if (removed) conn.close(CLOSE.gone, 'group removed');
        else if (access === 'none') conn.close(CLOSE.forbidden, 'no access any more');
        // Writing is allowed again: a client whose edits were dropped reconnects and sends them again.
        else if (access === 'write' && conn.dropped) conn.close(CLOSE.resync, 'resync');
      }
    }
  }

  onSeatsMoved(room: WorkshopRoom, moved: SeatMove[]): void {
    const now = new Map(moved.map((m) => [m.participant.id, m.participant.groupId]));
    const groups = new Set(room.state.groups.map((g) => g.id));
    // Members of a removed group were moved because it is gone: onDirty closes them as such (4404).
    this.closeWhere(room.id, CLOSE.forbidden, 'moved to another group', (doc, conn) =>
      groups.has(doc.groupId) && conn.participantId !== null && now.has(conn.participantId) && now.get(conn.participantId) !== doc.groupId,
    );
  }

  onSeatsRemoved(room: WorkshopRoom, participantIds: string[]): void {
    const removed = new Set(participantIds);
    this.closeWhere(room.id, CLOSE.removed, 'removed from the workshop', (_doc, conn) =>
      conn.participantId !== null && removed.has(conn.participantId),
    );
  }

  onUnloaded(room: WorkshopRoom): void {
    this.accessSeen.delete(room.id);
  }

  /** Another node serves the workshop now: its documents go without writing anything (their clients resend what it lacked). */
  onMoved(room: WorkshopRoom): void {
    this.accessSeen.delete(room.id);
    for (const doc of this.docs.get(room.id)?.values() ?? []) {
      this.stopIdling(doc);
      doc.destroy(CLOSE.moved, 'served by another node');
    }
    this.docs.delete(room.id);
  }

  onDeleted(room: WorkshopRoom): void {
    this.accessSeen.delete(room.id);
    for (const doc of this.docs.get(room.id)?.values() ?? []) {
      this.stopIdling(doc);
      doc.destroy(CLOSE.gone, 'workshop deleted');
    }
    this.docs.delete(room.id);
  }

  /** Closes every connection and frees every document (server shutdown; the store commits what is pending as it closes). */
  close(): void {
    clearInterval(this.keepalive);
    for (const timer of this.idle.values()) clearTimeout(timer);
    this.idle.clear();
    this.sends.flush();
    for (const docs of this.docs.values()) {
      for (const doc of docs.values()) doc.destroy(1001, 'server shutting down');
    }
    this.docs.clear();
    this.wss.close();
  }
}
