/** Runs one server under test in its own process and reports its CPU, memory, event-loop delay and documents. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';
import { WebSocketServer, type WebSocket } from 'ws';
import { createApp } from '../server/app';
import { defaultConfig } from '../server/config';
import { fingerprint } from './fingerprint';
import { recordGcPauses } from './pauses';
import type { HostReply, HostRequest, Target } from './protocol';

const target = process.argv[2] as Target;
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
/** Garbage-collection pauses since the last reset. */
const pauseLog = recordGcPauses();
let docs: () => Record<string, string> = () => ({});

async function start(): Promise<number> {
  if (target === 'draftroom') {
    // A real on-disk store, as in production.
    const dataDir = mkdtempSync(join(tmpdir(), 'draftroom-bench-'));
    process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));
    // Documents unload as soon as their last connection leaves, as the peers' do: the heap after everyone left compares like for like.
    const app = createApp(defaultConfig({ dataDir, createPerMinute: 1e6, joinPerMinute: 1e6, docUnloadGraceMs: 0 }));
    const url = await app.listen();
    docs = () => app.yjs.docFingerprints(fingerprint);
    return Number(new URL(url).port);
  }
  const http = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  if (target === 'reference') {
    const utils = await import('@y/websocket-server/utils');
    http.on('upgrade', (req, socket, head) =>
      wss.handleUpgrade(req, socket, head, (ws) => utils.setupWSConnection(ws, req, { docName: (req.url ?? '/').slice(1).split('?')[0]! })),
    );
    docs = () => Object.fromEntries([...utils.docs].map(([name, doc]) => [name, fingerprint(doc)]));
  } else if (target === 'hocuspocus') {
    // As it ships, on our ws server: no extensions (no persistence, no auth).
    const { Hocuspocus } = await import('@hocuspocus/server');
    const hocuspocus = new Hocuspocus({ quiet: true });
    http.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => hocuspocus.handleConnection(ws, req)));
    docs = () => Object.fromEntries([...hocuspocus.documents].map(([name, doc]) => [name, fingerprint(doc)]));
  } else {
    // The floor: a relay that forwards every message to the other connections of the same room.
    const rooms = new Map<string, Set<WebSocket>>();
    http.on('upgrade', (req, socket, head) =>
      wss.handleUpgrade(req, socket, head, (ws) => {
        const name = (req.url ?? '/').split('?')[0]!;
        const room = rooms.get(name) ?? new Set<WebSocket>();
        rooms.set(name, room);
        room.add(ws);
        ws.on('message', (data, isBinary) => {
          for (const peer of room) if (peer !== ws && peer.readyState === peer.OPEN) peer.send(data, { binary: isBinary });
        });
        ws.on('close', () => {
          room.delete(ws);
          if (room.size === 0) rooms.delete(name);
        });
      }),
    );
  }
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return (http.address() as AddressInfo).port;
}

/**
 * With BENCH_CPU_PROF=dir, the join storm and the typing phase are profiled, one file each; with
 * BENCH_ALLOC_PROF=dir, their allocations are sampled (objects GC collected included), one
 * .heapprofile each (open both in Chrome DevTools).
 */
const cpuDir = process.env.BENCH_CPU_PROF;
const allocDir = process.env.BENCH_ALLOC_PROF;
const inspector = cpuDir || allocDir ? new Session() : null;
async function profile(action: 'start' | 'stop', phase = ''): Promise<void> {
  if (!inspector) return;
  if (action === 'start') {
    inspector.connect();
    if (cpuDir) {
      await inspector.post('Profiler.enable');
      await inspector.post('Profiler.start');
    }
    if (allocDir) await inspector.post('HeapProfiler.startSampling', { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    return;
  }
  const save = (dir: string, ext: string, data: unknown) => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${target}-${phase}-${Date.now()}.${ext}`), JSON.stringify(data));
  };
  if (cpuDir) save(cpuDir, 'cpuprofile', (await inspector.post('Profiler.stop')).profile);
  if (allocDir) save(allocDir, 'heapprofile', (await inspector.post('HeapProfiler.stopSampling')).profile);
  inspector.disconnect();
}

const codeSpace = () => getHeapSpaceStatistics().find((s) => s.space_name === 'code_space')?.space_used_size ?? 0;

const send = (reply: HostReply) => process.send!(reply);
process.on('message', async (req: HostRequest) => {
  if (req.type === 'profile-start') await profile('start');
  if (req.type === 'profile-stop') await profile('stop', req.phase);
  if (req.type === 'gc') (globalThis as { gc?: () => void }).gc?.();
  if (req.type === 'gc' && process.env.BENCH_HEAP_DIR) (await import('node:v8')).writeHeapSnapshot(join(process.env.BENCH_HEAP_DIR, `${target}-${Date.now()}.heapsnapshot`));
  const usage = process.cpuUsage();
  const mem = process.memoryUsage();
  // The event-loop delay is reported for the period since the last reset, then reset.
  const eventLoopP99Ms = loop.percentile(99) / 1e6;
  // The pauses since the last reset (the typing phase's, on the reset that ends it).
  const pauses = req.type === 'reset-loop' ? pauseLog.take() : [];
  if (req.type === 'reset-loop') loop.reset();
  send({ type: 'stats', stats: { cpuMicros: usage.user + usage.system, rss: mem.rss, heapUsed: mem.heapUsed, codeBytes: codeSpace(), eventLoopP99Ms, gcPauses: pauses, docs: req.type === 'stats' ? docs() : {} } });
});
process.on('SIGTERM', () => process.exit(0));
// Orphaned (the orchestrator died or gave up): leave too.
process.on('disconnect', () => process.exit(0));
void start().then((port) => send({ type: 'ready', port }));
