/** One load-generator process: joins its share of participants, types, measures, and reports. */
import { HocuspocusProvider } from '@hocuspocus/provider';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import type { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { addKeyResult, addObjective, textOf } from '../shared/okrDoc';
import { sendOwnAwarenessOnly } from '../shared/ownAwareness';
import { PROTOCOL_VERSION, socketQuery } from '../shared/protocol';
import { withDeadline } from './deadline';
import { fingerprint } from './fingerprint';
import { recordGcPauses, type Flight, type Pause } from './pauses';
import type { WorkerPlan, WorkerReport } from './protocol';

/** A client's connection to its group document, whichever provider the target speaks. */
interface DocLink {
  awareness: Awareness;
  /** Resolves when the first sync is done (the relay keeps no state: when connected). */
  ready: Promise<void>;
  destroy(): void;
}

interface Participant {
  doc: Y.Doc;
  provider: DocLink;
  socket: Socket | null;
  room: string;
  typist: boolean;
}

const now = () => performance.timeOrigin + performance.now();
const sleep = (msDelay: number) => new Promise((r) => setTimeout(r, msDelay));
/** Resolves once the report has been handed to the IPC channel (a large one takes a while). */
const report = (r: WorkerReport) => new Promise<void>((resolve) => process.send!(r, undefined, {}, () => resolve()));

const flights: Flight[] = [];
const pauseLog = recordGcPauses();
let typingPauses: Pause[] = [];
let updatesSent = 0;
let messagesReceived = 0;
let bytesReceived = 0;

/** Typists: every group has one, every other group a second one ("1–2 typists per group"). */
function isTypist(index: number, groups: number): boolean {
  return index < groups || (index < 2 * groups && (index % groups) % 2 === 0);
}

function yWebsocketLink(plan: WorkerPlan, room: string, token: string | null, doc: Y.Doc): DocLink {
  const base = plan.url.replace(/^http/, 'ws') + (plan.target === 'draftroom' ? '/yjs' : '');
  const provider = new WebsocketProvider(base, room, doc, {
    params: token ? { token } : {},
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  // As Draftroom's client does (shared/ownAwareness.ts), for every target alike.
  sendOwnAwarenessOnly(provider);
  provider.on('status', ({ status }) => {
    if (status !== 'connected' || !provider.ws) return;
    provider.ws.addEventListener('message', (e: MessageEvent) => {
      messagesReceived++;
      bytesReceived += (e.data as ArrayBuffer).byteLength ?? 0;
    });
  });
  const ready = new Promise<void>((resolve) => {
    // A relay keeps no state, so "synced" means connected there.
    if (plan.target === 'relay') provider.on('status', ({ status }) => status === 'connected' && resolve());
    else provider.on('sync', (synced) => synced && resolve());
  });
  return { awareness: provider.awareness, ready, destroy: () => provider.destroy() };
}

/** Hocuspocus speaks its own protocol (document name in every message): driven by its own provider. */
function hocuspocusLink(plan: WorkerPlan, room: string, doc: Y.Doc): DocLink {
  let synced: () => void = () => {};
  const ready = new Promise<void>((resolve) => (synced = resolve));
  const provider = new HocuspocusProvider({
    url: plan.url.replace(/^http/, 'ws'),
    name: room,
    document: doc,
    WebSocketPolyfill: WebSocket,
    onSynced: () => synced(),
  } as ConstructorParameters<typeof HocuspocusProvider>[0]);
  // Not as a configuration option: the configuration is handed to the socket too, whose 'message' differs.
  provider.on('message', ({ event }: { event: MessageEvent }) => {
    messagesReceived++;
    bytesReceived += (event.data as ArrayBuffer).byteLength ?? 0;
  });
  return { awareness: provider.awareness!, ready, destroy: () => provider.destroy() };
}

function openDoc(plan: WorkerPlan, room: string, token: string | null): { doc: Y.Doc; provider: DocLink } {
  const doc = new Y.Doc();
  const provider = plan.target === 'hocuspocus' ? hocuspocusLink(plan, room, doc) : yWebsocketLink(plan, room, token, doc);
  // Edit latency: every keystroke stamps the sender's time in the `bench` map.
  const stamps = doc.getMap<number>('bench');
  stamps.observe((event, tr) => {
    if (tr.local) return;
    const t = now();
    for (const key of event.keysChanged) {
      const sent = stamps.get(key);
      if (typeof sent === 'number') flights.push([sent, t]);
    }
  });
  return { doc, provider };
}

async function join(plan: WorkerPlan, index: number, groups: number): Promise<{ participant: Participant; joinMs: number }> {
  const started = now();
  let room = `bench/g${index % groups}`;
  let token: string | null = null;
  let socket: Socket | null = null;
  if (plan.target === 'draftroom') {
    const res = await fetch(`${plan.url}/api/workshops/${plan.workshopId}/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: `Participant ${index + 1}` }),
    });
    const seat = (await res.json()) as { seatToken: string; groupId: string };
    token = seat.seatToken;
    room = `${plan.workshopId}/${seat.groupId}`;
    socket = io(plan.url, { transports: ['websocket'], forceNew: true, query: socketQuery(plan.workshopId ?? ''), auth: { protocolVersion: PROTOCOL_VERSION, workshopId: plan.workshopId, seatToken: token } });
  }
  const { doc, provider } = openDoc(plan, room, token);
  await provider.ready;
  return { participant: { doc, provider, socket, room, typist: isTypist(index, groups) }, joinMs: now() - started };
}

async function typeFor(p: Participant, plan: WorkerPlan, until: number): Promise<void> {
  const interval = 1000 / plan.charsPerSecond;
  await sleep(Math.random() * plan.rampMs + Math.random() * interval);
  // Each typist adds its objective when it starts, not all of them at once when the breakout opens.
  const objective = addObjective(p.doc, `o${p.doc.clientID}`);
  const kr = addKeyResult(objective, `k${p.doc.clientID}`);
  const text = textOf(kr, 'text');
  const stamps = p.doc.getMap<number>('bench');
  while (now() < until) {
    p.doc.transact(() => {
      text.insert(text.length, 'abcdefghij'[text.length % 10]!);
      stamps.set(String(p.doc.clientID), now());
    });
    p.provider.awareness.setLocalStateField('cursor', { index: text.length });
    updatesSent++;
    await sleep(interval * (0.5 + Math.random()));
  }
}

/** A participant not synced this long after it started joining is counted as failed, so a run never hangs. */
const JOIN_TIMEOUT_MS = 30_000;
let failedJoins = 0;

// Every provider adds an exit listener: hundreds per process are expected here.
process.setMaxListeners(0);
// Orphaned (the orchestrator died or gave up): leave too.
process.on('disconnect', () => process.exit(0));

process.on('message', async (msg: { type: 'plan'; plan: WorkerPlan } | { type: 'type' } | { type: 'finish' }) => {
  if (msg.type === 'plan') {
    const { plan } = msg;
    const groups = Math.ceil(plan.totalParticipants / plan.groupSize);
    const participants: Participant[] = [];
    const joinTimes: number[] = [];
    const start = plan.joinStartsAt;
    const mine = Array.from({ length: plan.totalParticipants }, (_, index) => index).filter((index) => index % plan.workers === plan.worker);
    await Promise.all(
      mine.map(async (index) => {
        // Spread the join storm evenly over the join window.
        await sleep(start + (index / plan.totalParticipants) * plan.joinWindowMs - now());
        const joined = await withDeadline(join(plan, index, groups), JOIN_TIMEOUT_MS);
        if (!joined) return void failedJoins++;
        participants.push(joined.participant);
        joinTimes.push(joined.joinMs);
      }),
    );
    void report({ type: 'joined', joinToSyncedMs: joinTimes, failedJoins });
    (globalThis as { participants?: Participant[] }).participants = participants;
    await new Promise<void>((resolve) => process.once('message', (m: { type: string }) => m.type === 'type' && resolve()));
    const until = now() + plan.typingMs;
    const cpu = process.cpuUsage();
    pauseLog.take();
    // Measured over the whole typing phase: receiving the others' edits is load too.
    await Promise.all([sleep(plan.typingMs), ...participants.filter((p) => p.typist).map((p) => typeFor(p, plan, until))]);
    const used = process.cpuUsage(cpu);
    typingPauses = pauseLog.take();
    void report({ type: 'typed', cpuMicros: used.user + used.system });
  } else if (msg.type === 'finish') {
    const participants = (globalThis as { participants?: Participant[] }).participants ?? [];
    const docs: Record<string, string> = {};
    for (const p of participants) docs[`${p.room}#${p.doc.clientID}`] = fingerprint(p.doc);
    await report({ type: 'done', flights, gcPauses: typingPauses, updatesSent, messagesReceived, bytesReceived, docs });
    for (const p of participants) {
      p.provider.destroy();
      p.socket?.disconnect();
    }
    // Exiting at once would cut the closing frames short.
    setTimeout(() => process.exit(0), 200);
  }
});
void report({ type: 'ready' });
