/**
 * A simulated participant: how it joins (for Draftroom: REST join, Socket.IO, then the group's
 * y-websocket provider; for the peers: the provider only), how it types, and what it reports
 * (every message it receives, every peer's edit with the time it was typed). Shared by the load
 * workers (worker.ts) and the cluster's failover runs (cluster/failover.ts).
 */
import { HocuspocusProvider } from '@hocuspocus/provider';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import type { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { addKeyResult, addObjective, findItem, textOf } from '../shared/okrDoc';
import { sendOwnAwarenessOnly } from '../shared/ownAwareness';
import { PROTOCOL_VERSION, socketQuery } from '../shared/protocol';
import type { Target } from './protocol';

export const now = (): number => performance.timeOrigin + performance.now();
export const sleep = (msDelay: number): Promise<void> => new Promise((r) => setTimeout(r, msDelay));

/** Where participants connect: the server under test (for a cluster, HAProxy). */
export interface Endpoint {
  target: Target;
  url: string;
}

/** What a participant's connections report. */
export interface Meter {
  /** A message arrived on the document's connection. */
  message(bytes: number): void;
  /** A peer's edit arrived: the peer's key in the `bench` map, when it was typed, when it arrived. */
  edit(peer: string, typedAt: number, receivedAt: number): void;
  /** The document's connection opened (true) or closed (false). */
  status?(connected: boolean): void;
  /** The document synced with the server (after each connection). */
  synced?(): void;
  /** The server closed the document's connection with this code (y-websocket stops retrying on 4400–4499). */
  closed?(code: number, reason: string): void;
}

/** A client's connection to its group document, whichever provider the target speaks. */
export interface DocLink {
  awareness: Awareness;
  /** Resolves when the first sync is done (the relay keeps no state: when connected). */
  ready: Promise<void>;
  /** Synced with the server right now (connected, and its sync step 2 arrived). */
  synced(): boolean;
  destroy(): void;
}

export interface Participant {
  doc: Y.Doc;
  provider: DocLink;
  socket: Socket | null;
  room: string;
  typist: boolean;
}

/** Typists: every group has one, every other group a second one ("1–2 typists per group"). */
export function isTypist(index: number, groups: number): boolean {
  return index < groups || (index < 2 * groups && (index % groups) % 2 === 0);
}

function yWebsocketLink(endpoint: Endpoint, room: string, token: string | null, doc: Y.Doc, meter: Meter): DocLink {
  const base = endpoint.url.replace(/^http/, 'ws') + (endpoint.target === 'draftroom' ? '/yjs' : '');
  const provider = new WebsocketProvider(base, room, doc, {
    params: token ? { token } : {},
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  // As Draftroom's client does (shared/ownAwareness.ts), for every target alike.
  sendOwnAwarenessOnly(provider);
  provider.on('status', ({ status }) => {
    if (status === 'disconnected') meter.status?.(false);
    if (status !== 'connected' || !provider.ws) return;
    meter.status?.(true);
    provider.ws.addEventListener('message', (e: MessageEvent) => meter.message((e.data as ArrayBuffer).byteLength ?? 0));
  });
  const ready = new Promise<void>((resolve) => {
    // A relay keeps no state, so "synced" means connected there.
    if (endpoint.target === 'relay') provider.on('status', ({ status }) => status === 'connected' && resolve());
    else provider.on('sync', (synced) => synced && resolve());
  });
  provider.on('sync', (synced) => synced && meter.synced?.());
  provider.on('connection-close', (event) => event && meter.closed?.(event.code, event.reason));
  return { awareness: provider.awareness, ready, synced: () => provider.synced, destroy: () => provider.destroy() };
}

/** Hocuspocus speaks its own protocol (document name in every message): driven by its own provider. */
function hocuspocusLink(endpoint: Endpoint, room: string, doc: Y.Doc, meter: Meter): DocLink {
  let synced: () => void = () => {};
  const ready = new Promise<void>((resolve) => (synced = resolve));
  const provider = new HocuspocusProvider({
    url: endpoint.url.replace(/^http/, 'ws'),
    name: room,
    document: doc,
    WebSocketPolyfill: WebSocket,
    onSynced: () => synced(),
  } as ConstructorParameters<typeof HocuspocusProvider>[0]);
  // Not as a configuration option: the configuration is handed to the socket too, whose 'message' differs.
  provider.on('message', ({ event }: { event: MessageEvent }) => meter.message((event.data as ArrayBuffer).byteLength ?? 0));
  return { awareness: provider.awareness!, ready, synced: () => provider.isSynced, destroy: () => provider.destroy() };
}

function openDoc(endpoint: Endpoint, room: string, token: string | null, meter: Meter): { doc: Y.Doc; provider: DocLink } {
  const doc = new Y.Doc();
  const provider = endpoint.target === 'hocuspocus' ? hocuspocusLink(endpoint, room, doc, meter) : yWebsocketLink(endpoint, room, token, doc, meter);
  // Edit latency: every keystroke stamps the sender's time in the `bench` map.
  const stamps = doc.getMap<number>('bench');
  stamps.observe((event, tr) => {
    if (tr.local) return;
    const t = now();
    for (const key of event.keysChanged) {
      const sent = stamps.get(key);
      if (typeof sent === 'number') meter.edit(key, sent, t);
    }
  });
  return { doc, provider };
}

/**
 * A refused Socket.IO handshake is not retried by socket.io-client: as the browser client does
 * (client/src/net/useWorkshopSocket.ts), one refused because another node holds the workshop right
 * now, or the store is out of reach, is tried again after the server's retryAfterMs (±50%).
 */
function retryRefusals(socket: Socket): void {
  let retry: NodeJS.Timeout | undefined;
  socket.on('connect_error', (err: Error & { data?: { code?: string; retryAfterMs?: number } }) => {
    if (err.data?.code !== 'unavailable' && err.data?.code !== 'internal') return;
    clearTimeout(retry);
    retry = setTimeout(() => socket.connect(), (err.data.retryAfterMs ?? 1000) * (0.5 + Math.random()));
  });
  socket.on('connect', () => clearTimeout(retry));
}

/**
 * Joins participant `index` (0-based, in its workshop) of a workshop with `groups` groups, and
 * resolves once its document is synced. For Draftroom `workshopId` names the workshop (joined over
 * REST, then Socket.IO with the id in the query, as HAProxy routes by it); the peers have none.
 */
export async function join(endpoint: Endpoint, workshopId: string | null, index: number, groups: number, meter: Meter): Promise<{ participant: Participant; joinMs: number }> {
  const started = now();
  let room = `bench/g${index % groups}`;
  let token: string | null = null;
  let socket: Socket | null = null;
  if (endpoint.target === 'draftroom') {
    const res = await fetch(`${endpoint.url}/api/workshops/${workshopId}/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: `Participant ${index + 1}` }),
    });
    if (!res.ok) throw new Error(`join refused: ${res.status} ${await res.text()}`);
    const seat = (await res.json()) as { seatToken: string; groupId: string };
    token = seat.seatToken;
    room = `${workshopId}/${seat.groupId}`;
    socket = io(endpoint.url, { transports: ['websocket'], forceNew: true, query: socketQuery(workshopId ?? ''), auth: { protocolVersion: PROTOCOL_VERSION, workshopId, seatToken: token } });
    retryRefusals(socket);
  }
  const { doc, provider } = openDoc(endpoint, room, token, meter);
  await provider.ready;
  return { participant: { doc, provider, socket, room, typist: isTypist(index, groups) }, joinMs: now() - started };
}

/** How a typist types: characters per second, and over how long the typists start. */
export interface Pace {
  charsPerSecond: number;
  /** Typists start one by one over this long, as people do when a breakout begins. */
  rampMs: number;
}

/**
 * Types into the participant's own key result until `until` (epoch ms; or while it returns true):
 * one character at a time, each stamped with its time in the `bench` map, each followed by a cursor
 * (awareness) update. Calls `onKey` after each keystroke; resolves with the number typed.
 */
export async function typeFor(p: Participant, pace: Pace, until: number | (() => boolean), onKey: () => void = () => {}): Promise<number> {
  const going = typeof until === 'number' ? () => now() < until : until;
  const interval = 1000 / pace.charsPerSecond;
  await sleep(Math.random() * pace.rampMs + Math.random() * interval);
  // Each typist adds its objective when it starts, not all of them at once when the breakout opens.
  const objective = addObjective(p.doc, `o${p.doc.clientID}`);
  const kr = addKeyResult(objective, `k${p.doc.clientID}`);
  const text = textOf(kr, 'text');
  const stamps = p.doc.getMap<number>('bench');
  let typed = 0;
  while (going()) {
    p.doc.transact(() => {
      text.insert(text.length, 'abcdefghij'[text.length % 10]!);
      stamps.set(String(p.doc.clientID), now());
    });
    p.provider.awareness.setLocalStateField('cursor', { index: text.length });
    typed++;
    onKey();
    await sleep(interval * (0.5 + Math.random()));
  }
  return typed;
}

/** What a typist wrote into its own key result, as `doc` sees it ('' if it has not arrived). */
export function typedBy(doc: Y.Doc, clientId: number | string): string {
  const text = findItem(doc, `k${clientId}`)?.item.get('text');
  return text instanceof Y.Text ? text.toString() : '';
}
