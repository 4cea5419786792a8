/**
 * The /yjs endpoint: stock y-websocket protocol per group document, authorised at upgrade from
 * the server's own records (token → workshop, group, role), re-checked on every message.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import * as Y from 'yjs';
import type { Draft } from '../../shared/okr';
import { readDraft } from '../../shared/okrDoc';
import { groupAccess } from '../../shared/access';
import type { RegistryListener, WorkshopRegistry } from '../rooms/WorkshopRegistry';
import type { SeatMove, WorkshopRoom } from '../rooms/WorkshopRoom';
import type { Store } from '../store/Store';
import { originAllowed } from '../security';
import { SendBatcher } from './SendBatcher';
import { CLOSE, DocRoom, type Access, type DocConnection } from './DocRoom';
import { YjsConnection } from './YjsConnection';

/** Largest y-websocket message accepted (bytes); larger frames close the connection (1009). */
export const YJS_MAX_MESSAGE_BYTES = 512 * 1024;

const PATH = /^\/yjs\/([A-Za-z0-9_-]{1,64})\/([A-Za-z0-9_-]{1,64})$/;

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

  constructor(
    private readonly registry: WorkshopRegistry,
    private readonly store: Store,
    private readonly now: () => number,
    private readonly allowedOrigins: readonly string[],
  ) {
    this.sends = new SendBatcher();
  }

  /** Handles an HTTP upgrade if it is for /yjs; returns false to leave it to others. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith('/yjs/')) return false;
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (!originAllowed(req, this.allowedOrigins)) {
      refuse(403, 'Forbidden');
      return true;
    }
    const match = PATH.exec(url.pathname);
    if (!match) {
      refuse(404, 'Not Found');
      return true;
    }
    const [, workshopId, groupId] = match as unknown as [string, string, string];
    const token = url.searchParams.get('token');
    if (!token) {
      refuse(401, 'Unauthorized');
      return true;
    }
    const session = this.registry.authenticateToken(workshopId, token, this.now());
    if (!session.ok) {
      refuse(session.error.code === 'not_found' ? 404 : 401, session.error.code === 'not_found' ? 'Not Found' : 'Unauthorized');
      return true;
    }
    const participantId = session.data.participantId;
    if (this.access(workshopId, groupId, participantId) === 'none') {
      refuse(403, 'Forbidden');
      return true;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, workshopId, groupId, participantId));
    return true;
  }

  /** The live document of a group, if loaded (summaries and export read it). */
  loadedDoc(workshopId: string, groupId: string): DocRoom | undefined {
    return this.docs.get(workshopId)?.get(groupId);
  }

  /** The draft of a group: the live document if open, else the stored updates. */
  draft(workshopId: string, groupId: string): Draft {
    const live = this.loadedDoc(workshopId, groupId);
    if (live) return live.draft();
    const doc = new Y.Doc();
    const rows = this.store.docUpdates(workshopId, groupId);
    if (rows.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(rows.map((r) => r.data)));
    const draft = readDraft(doc);
    doc.destroy();
    return draft;
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

  private access(workshopId: string, groupId: string, participantId: string | null): Access {
    const room = this.registry.get(workshopId, this.now());
    const viewer = room?.viewer(participantId);
    return room && viewer ? groupAccess(room.state, viewer, groupId).level : 'none';
  }

  private accept(ws: WebSocket, workshopId: string, groupId: string, participantId: string | null): void {
    ws.binaryType = 'nodebuffer';
    const doc = this.open(workshopId, groupId);
    const conn = new YjsConnection(ws, participantId, this.sends, this.now, doc);
    ws.on('message', (data: Buffer, isBinary) => {
      if (!isBinary) return conn.close(CLOSE.badMessage, 'binary messages only');
      doc.handleMessage(conn, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    });
    ws.on('close', () => {
      doc.removeConnection(conn);
      if (doc.connections.size === 0) this.unload(doc);
    });
    ws.on('error', () => ws.terminate());
    doc.addConnection(conn);
  }

  private open(workshopId: string, groupId: string): DocRoom {
    let docs = this.docs.get(workshopId);
    if (!docs) {
      docs = new Map();
      this.docs.set(workshopId, docs);
    }
    let doc = docs.get(groupId);
    if (!doc) {
      doc = new DocRoom(workshopId, groupId, this.store, this.now, (participantId) => this.access(workshopId, groupId, participantId));
      const opened = doc;
      doc.onChange = () => this.onDocChange?.(workshopId, groupId, opened);
      docs.set(groupId, doc);
    }
    return doc;
  }

  /** Flushes a document nobody is connected to into one snapshot and frees it. */
  private unload(doc: DocRoom): void {
    const docs = this.docs.get(doc.workshopId);
    if (docs?.get(doc.groupId) !== doc) return;
    doc.compact();
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
      for (const conn of [...doc.connections]) {
        const access = conn.access();
        // A removed group, an ended spotlight or peer review: access is gone.
        if (access === 'none') conn.close(CLOSE.forbidden, 'no access any more');
        // Writing is allowed again: a client whose edits were dropped reconnects and sends them again.
        else if (access === 'write' && conn.dropped) conn.close(CLOSE.resync, 'resync');
      }
    }
  }

  onSeatsMoved(room: WorkshopRoom, moved: SeatMove[]): void {
    const now = new Map(moved.map((m) => [m.participant.id, m.participant.groupId]));
    this.closeWhere(room.id, CLOSE.forbidden, 'moved to another group', (doc, conn) =>
      conn.participantId !== null && now.has(conn.participantId) && now.get(conn.participantId) !== doc.groupId,
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

  onDeleted(room: WorkshopRoom): void {
    this.accessSeen.delete(room.id);
    for (const doc of this.docs.get(room.id)?.values() ?? []) doc.destroy(CLOSE.gone, 'workshop deleted');
    this.docs.delete(room.id);
  }

  /** Flushes every document and closes every connection (server shutdown). */
  close(): void {
    this.sends.flush();
    for (const docs of this.docs.values()) {
      for (const doc of docs.values()) {
        doc.compact();
        doc.destroy(1001, 'server shutting down');
      }
    }
    this.docs.clear();
    this.wss.close();
  }
}
