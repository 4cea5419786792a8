/**
 * The load of one benchmark run, whatever serves it (one process of run.ts's targets, or a cluster
 * behind HAProxy): the load-generator processes (worker.ts) and their phases (join storm, typing,
 * finish), the facilitator consoles, and the figures taken from the clients' side (edit and join
 * latency, load CPU, convergence of the clients' copies).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { sendOwnAwarenessOnly } from '../shared/ownAwareness';
import { PROTOCOL_VERSION, socketQuery } from '../shared/protocol';
import type { RadarSummary } from '../shared/views';
import { phase } from './deadline';
import { busyCores, machineCpu, stolenShare } from './machine';
import { now } from './participants';
import type { WorkerPlan, WorkerReport } from './protocol';

const TSX = ['--import', 'tsx'];

/**
 * The load generator's Node flags, the same for every target. A 64 MB young generation: each worker
 * holds hundreds of clients whose documents grow with every keystroke; with Node's default the
 * worker with the typists spent 1.1–1.4 s of 20 s typing in GC pauses (up to 70 ms), which every
 * latency it measured carried; with the flag 0.38 s (draftroom, N = 1,000, three alternating pairs:
 * p95 18.4 / 12.5 / 34.4 → 9.4 / 14.5 / 13.8 ms, load CPU 43–49% → 40–41%). No allocation-site
 * pretenuring, as the server (see package.json config.nodeFlags): after the join storm it would
 * allocate the typing phase's short-lived objects in the old generation (two alternating pairs
 * each: draftroom p95 21.6 / 22.7 → 15.3 / 19.8 ms, the load worker's share of the p95 tail
 * 11 / 11% → 6 / 8%; reference p95 14.9 / 23.8 → 15.8 / 20.4 ms, p99 40.4 / 52.7 → 38.4 / 43.5 ms).
 */
const LOAD_NODE_FLAGS = ['--max-semi-space-size=64', '--no-allocation-site-pretenuring'];

interface Worker {
  child: ChildProcess;
  exited: Promise<void>;
  next: (type: WorkerReport['type'], msLimit: number) => Promise<WorkerReport>;
}

function forkWorker(): Worker {
  const child = fork('bench/worker.ts', [], { execArgv: [...TSX, ...LOAD_NODE_FLAGS], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  // Listen for the exit from the start: a worker may be gone before anyone waits for it.
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const inbox: WorkerReport[] = [];
  const waiting: Array<{ type: string; resolve: (r: WorkerReport) => void }> = [];
  child.on('message', (r: WorkerReport) => {
    const i = waiting.findIndex((w) => w.type === r.type);
    if (i >= 0) waiting.splice(i, 1)[0]!.resolve(r);
    else inbox.push(r);
  });
  return {
    child,
    exited,
    next: (type, msLimit) =>
      phase(
        `the worker's '${type}' report`,
        new Promise((resolve) => {
          const i = inbox.findIndex((r) => r.type === type);
          if (i >= 0) resolve(inbox.splice(i, 1)[0]!);
          else waiting.push({ type, resolve });
        }),
        msLimit,
      ),
  };
}

/** Everything a plan holds but who does what: the pool deals the participants to its workers. */
export type LoadPlan = Omit<WorkerPlan, 'worker' | 'workers' | 'joinStartsAt'>;

export type DoneReport = Extract<WorkerReport, { type: 'done' }>;

/** The load-generator processes of one run, phase by phase. */
export class LoadPool {
  private constructor(
    private readonly workers: Worker[],
    private readonly plan: LoadPlan,
  ) {}

  /** Forks `count` workers and waits until every one is loaded. */
  static async start(count: number, plan: LoadPlan): Promise<LoadPool> {
    const workers = Array.from({ length: count }, () => forkWorker());
    await Promise.all(workers.map((w) => w.next('ready', 60_000)));
    return new LoadPool(workers, plan);
  }

  /** The join storm: resolves once every participant joined (or failed to within the worker's timeout). */
  async join(): Promise<{ joinToSyncedMs: number[]; failedJoins: number }> {
    // One schedule for all workers, once they are all loaded: the server must see the joins in
    // index order (Draftroom seats each newcomer in the emptiest group, so join order makes the groups).
    const joinStartsAt = now() + 100;
    this.workers.forEach((w, worker) => {
      const plan: WorkerPlan = { ...this.plan, worker, workers: this.workers.length, joinStartsAt };
      w.child.send({ type: 'plan', plan });
    });
    const reports = (await Promise.all(this.workers.map((w) => w.next('joined', this.plan.joinWindowMs + 60_000)))).flatMap((r) => (r.type === 'joined' ? [r] : []));
    return { joinToSyncedMs: reports.flatMap((r) => r.joinToSyncedMs), failedJoins: reports.reduce((s, r) => s + r.failedJoins, 0) };
  }

  /**
   * The typing phase: resolves when every worker is done typing, with its length (s), the CPU all
   * workers used meanwhile (µs), the share of the machine's CPU time stolen by the hypervisor, and
   * how many cores the whole machine kept busy.
   */
  async type(): Promise<{ elapsedS: number; loadCpuMicros: number; stolen: number; busyCores: number }> {
    const started = now();
    const machineBefore = machineCpu();
    this.workers.forEach((w) => w.child.send({ type: 'type' }));
    const typed = await Promise.all(this.workers.map((w) => w.next('typed', this.plan.typingMs + 60_000)));
    const elapsedS = (now() - started) / 1000;
    const machineAfter = machineCpu();
    return {
      elapsedS,
      loadCpuMicros: typed.reduce((s, r) => s + (r.type === 'typed' ? r.cpuMicros : 0), 0),
      stolen: stolenShare(machineBefore, machineAfter),
      busyCores: busyCores(machineBefore, machineAfter),
    };
  }

  /** Every worker's figures and documents; then they leave. */
  async finish(): Promise<DoneReport[]> {
    this.workers.forEach((w) => w.child.send({ type: 'finish' }));
    return (await Promise.all(this.workers.map((w) => w.next('done', 60_000)))).flatMap((r) => (r.type === 'done' ? [r] : []));
  }

  exited(): Promise<void> {
    return phase('the workers exiting', Promise.all(this.workers.map((w) => w.exited)).then(() => undefined), 30_000);
  }
}

/** The clients' copies by room: each room's set of distinct fingerprints (one when they agree). */
export function clientDocs(done: DoneReport[]): Map<string, Set<string>> {
  const byRoom = new Map<string, Set<string>>();
  for (const r of done)
    for (const [key, fp] of Object.entries(r.docs)) {
      const room = key.split('#')[0]!;
      const set = byRoom.get(room) ?? new Set<string>();
      set.add(fp);
      byRoom.set(room, set);
    }
  return byRoom;
}

/** Edit latency: every edit's flight from the typist's keystroke to a peer. */
export const editLatencies = (done: DoneReport[]): number[] => done.flatMap((r) => r.flights.map(([typed, received]) => received - typed));

export interface Facilitator {
  /** Edit latency to the facilitator's open group document. */
  latency: number[];
  /** Radar summaries: age of each group's last edit when its summary arrived. */
  radarFresh: number[];
  stop(): void;
}

/**
 * A facilitator console for the typing phase: the radar's summaries, one open group document, the
 * timer set and started, and a comment to a random group every 5 s.
 */
export async function startFacilitator(url: string, workshopId: string, facilitatorKey: string, typingMs: number): Promise<Facilitator> {
  const latency: number[] = [];
  const radarFresh: number[] = [];
  const socket = io(url, { transports: ['websocket'], forceNew: true, query: socketQuery(workshopId), auth: { protocolVersion: PROTOCOL_VERSION, workshopId, facilitatorKey } });
  socket.on('radar:summaries', (batch: RadarSummary[]) => {
    for (const s of batch) if (s.lastEditAt) radarFresh.push(Date.now() - s.lastEditAt);
  });
  // The server sends the state as soon as it accepts the connection: listen before connecting.
  const stateSent = new Promise<{ meta: { groups: { id: string }[] } }>((r) => socket.once('facilitator:state', r));
  const state = await phase('the facilitator console connecting', stateSent, 30_000);
  socket.emit('radar:list', {}, () => {});
  socket.emit('timer:control', { action: 'set', ms: typingMs }, () => {});
  socket.emit('timer:control', { action: 'start' }, () => {});
  const groupId = state.meta.groups[0]!.id;
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${url.replace('http', 'ws')}/yjs`, `${workshopId}/${groupId}`, doc, {
    params: { token: facilitatorKey },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  sendOwnAwarenessOnly(provider);
  doc.getMap<number>('bench').observe((e, tr) => {
    if (tr.local) return;
    const t = now();
    for (const k of e.keysChanged) latency.push(t - (doc.getMap<number>('bench').get(k) ?? t));
  });
  // Occasional comments to random groups.
  const commenting = setInterval(() => {
    const g = state.meta.groups[Math.floor(Math.random() * state.meta.groups.length)]!.id;
    socket.emit('comment:add', { groupId: g, text: 'Make it “from X to Y” — what is X today?' }, () => {});
  }, 5000);
  return {
    latency,
    radarFresh,
    stop: () => {
      clearInterval(commenting);
      provider.destroy();
      socket.disconnect();
    },
  };
}
