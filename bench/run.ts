/**
 * The workshop load benchmark: N simulated participants in groups of G against Draftroom, the
 * reference y-websocket server and a raw relay, each started here in its own process.
 *   npm run bench -- --n 250 --group 5 --target all
 *   npm run bench -- --sweep --target draftroom
 *   npm run bench -- --n 1000 --repeat 3      (targets take turns; ratios from the medians)
 *   npm run bench -- --n 1000 --target draftroom,reference
 *   npm run bench -- --n 1000 --same-flags    (the peers get Draftroom's Node flags too)
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { serverNodeFlags } from '../scripts/nodeFlags.mjs';
import { phase } from './deadline';
import { clientDocs, editLatencies, LoadPool, startFacilitator } from './load';
import { sleep } from './participants';
import { tailInPauses } from './pauses';
import { dist, mb, median, ms, type Dist } from './stats';
import { TARGETS, type HostReply, type HostRequest, type HostStats, type Target } from './protocol';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '250' },
    group: { type: 'string', default: '5' },
    workers: { type: 'string', default: '2' },
    typing: { type: 'string', default: '20' },
    'join-window': { type: 'string', default: '10' },
    cps: { type: 'string', default: '5' },
    ramp: { type: 'string', default: '3' },
    target: { type: 'string', default: 'all' },
    sweep: { type: 'boolean', default: false },
    repeat: { type: 'string', default: '1' },
    'same-flags': { type: 'boolean', default: false },
    json: { type: 'string', default: 'bench/results/latest.json' },
  },
});

const TSX = ['--import', 'tsx'];
/** The Node flags `npm start` runs the server with (package.json config.nodeFlags, and the GC threads by core count). */
const SERVER_NODE_FLAGS = serverNodeFlags();

interface Result {
  target: Target;
  /** Which of the repeated runs (1 when not repeated). */
  run: number;
  participants: number;
  groupSize: number;
  group: Dist;
  facilitator: Dist | null;
  radarFreshness: Dist | null;
  joinToSynced: Dist;
  /** Participants not synced within the join timeout (30 s): they are left out of every other figure. */
  failedJoins: number;
  cpuPercent: number;
  /** CPU of all load-generator processes together while typing (100% = one core). */
  loadCpuPercent: number;
  cpuMicrosPerUpdate: number;
  updates: number;
  eventLoopP99Ms: number;
  /** While typing: share of the time the server spent in GC pauses, and the longest pause. */
  gcPercent: number;
  gcMaxMs: number;
  /**
   * Of the group edits at or above the p95 latency, the share whose flight overlapped a GC pause of
   * the server, and of the load worker that received them (a pause there delays its every client).
   */
  p95TailInGc: { server: number; load: number };
  /** While typing: the share of the machine's CPU time the hypervisor gave to other guests (NaN off Linux). */
  stolen: number;
  rssPeak: number;
  heapPerIdleParticipant: number;
  messagesPerSecond: number;
  bytesPerSecond: number;
  /** Heap before anyone joined and after everyone left, compiled code not counted (the JIT's warm-up is not data). */
  heapBaseline: number;
  heapAfterLeave: number;
  converged: boolean;
}

class Host {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {}

  static start(target: Target): Promise<Host> {
    // Draftroom runs with the Node flags `npm start` gives it; the peers as they ship, unless --same-flags.
    const flags = target === 'draftroom' || args['same-flags'] ? SERVER_NODE_FLAGS : [];
    const child = fork('bench/host.ts', [target], { execArgv: [...TSX, '--expose-gc', ...flags], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const ready = new Promise<Host>((resolve) => child.once('message', (m: HostReply) => m.type === 'ready' && resolve(new Host(child, m.port))));
    return phase(`starting the ${target} server`, ready, 60_000);
  }

  ask(request: HostRequest): Promise<HostStats> {
    const reply = new Promise<HostStats>((resolve) => {
      this.child.once('message', (m: HostReply) => m.type === 'stats' && resolve(m.stats));
      this.child.send(request);
    });
    return phase(`the host's answer to '${request.type}'`, reply, 60_000);
  }

  stop(): Promise<void> {
    // SIGTERM, then SIGKILL if it does not go.
    this.child.kill('SIGTERM');
    const killer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    return new Promise((resolve) => this.child.once('exit', () => { clearTimeout(killer); resolve(); }));
  }
}

async function runOnce(target: Target, n: number, run: number): Promise<Result> {
  const groupSize = Number(args.group);
  const typingMs = Number(args.typing) * 1000;
  const host = await Host.start(target);
  const url = `http://127.0.0.1:${host.port}`;
  const groups = Math.ceil(n / groupSize);
  let workshopId: string | null = null;
  let facilitatorKey = '';
  if (target === 'draftroom') {
    const res = await fetch(`${url}/api/workshops`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: `Bench ${n}`, groupCount: Math.min(200, groups) }) });
    ({ workshopId, facilitatorKey } = (await res.json()) as { workshopId: string; facilitatorKey: string });
  }
  const baseline = await host.ask({ type: 'gc' });

  // Join storm.
  await host.ask({ type: 'profile-start' });
  const pool = await LoadPool.start(Number(args.workers), {
    target, url, workshopIds: workshopId ? [workshopId] : [], totalParticipants: n,
    groupSize, joinWindowMs: Number(args['join-window']) * 1000, typingMs, charsPerSecond: Number(args.cps), rampMs: Number(args.ramp) * 1000,
  });
  const { joinToSyncedMs: joins, failedJoins } = await pool.join();
  await host.ask({ type: 'profile-stop', phase: 'join' });
  await sleep(1000);
  const idle = await host.ask({ type: 'gc' });

  // The facilitator console: radar summaries plus one open group (Draftroom only).
  const facilitator = target === 'draftroom' && workshopId ? await startFacilitator(url, workshopId, facilitatorKey, typingMs) : null;

  // Typing bursts.
  await host.ask({ type: 'reset-loop' });
  await host.ask({ type: 'profile-start' });
  const before = await host.ask({ type: 'reset-loop' });
  const { elapsedS: elapsed, loadCpuMicros, stolen } = await pool.type();
  const during = await host.ask({ type: 'reset-loop' });
  await host.ask({ type: 'profile-stop', phase: 'typing' });
  await sleep(1500);
  const settled = await host.ask({ type: 'stats' });
  const done = await pool.finish();
  facilitator?.stop();

  // Convergence: every client's copy equals the server's (or, for the stateless relay, each other).
  const converged = [...clientDocs(done)].every(([room, fps]) => fps.size === 1 && (target === 'relay' || settled.docs[room] === [...fps][0]));

  await pool.exited();
  await sleep(2500);
  const after = await host.ask({ type: 'gc' });
  await host.stop();

  const updates = done.reduce((s, r) => s + r.updatesSent, 0);
  const group = dist(editLatencies(done));
  const serverPauses = during.gcPauses.map(([start, end]) => end - start);
  const p95TailInGc = tailInPauses(done.map((r) => r.flights), done.map((r) => r.gcPauses), during.gcPauses, group.p95);
  const cpuMicros = during.cpuMicros - before.cpuMicros;
  return {
    target,
    run,
    participants: n,
    groupSize,
    group,
    facilitator: facilitator?.latency.length ? dist(facilitator.latency) : null,
    radarFreshness: facilitator?.radarFresh.length ? dist(facilitator.radarFresh) : null,
    joinToSynced: dist(joins),
    failedJoins,
    cpuPercent: (cpuMicros / 1e6 / elapsed) * 100,
    loadCpuPercent: (loadCpuMicros / 1e6 / elapsed) * 100,
    cpuMicrosPerUpdate: updates ? cpuMicros / updates : NaN,
    updates,
    eventLoopP99Ms: during.eventLoopP99Ms,
    gcPercent: (serverPauses.reduce((sum, d) => sum + d, 0) / (elapsed * 1000)) * 100,
    gcMaxMs: Math.max(0, ...serverPauses),
    p95TailInGc,
    stolen,
    rssPeak: Math.max(idle.rss, during.rss),
    heapPerIdleParticipant: (idle.heapUsed - baseline.heapUsed) / n,
    messagesPerSecond: done.reduce((s, r) => s + r.messagesReceived, 0) / elapsed,
    bytesPerSecond: done.reduce((s, r) => s + r.bytesReceived, 0) / elapsed,
    heapBaseline: baseline.heapUsed - baseline.codeBytes,
    heapAfterLeave: after.heapUsed - after.codeBytes,
    converged,
  };
}

const pct = (share: number): string => (Number.isFinite(share) ? `${(share * 100).toFixed(0)}%` : '—');

function table(results: Result[]): string {
  const rows = results.map((r) => [
    r.run > 1 || Number(args.repeat) > 1 ? `${r.target} #${r.run}` : r.target, String(r.participants),
    ms(r.group.p50), ms(r.group.p95), ms(r.group.p99), ms(r.group.max),
    r.facilitator ? ms(r.facilitator.p95) : '—', r.radarFreshness ? ms(r.radarFreshness.p95) : '—',
    ms(r.joinToSynced.p50), ms(r.joinToSynced.p95), ms(r.joinToSynced.p99), String(r.failedJoins),
    `${r.cpuPercent.toFixed(0)}%`, `${r.loadCpuPercent.toFixed(0)}%`, `${r.cpuMicrosPerUpdate.toFixed(0)} µs`, ms(r.eventLoopP99Ms), `${r.gcPercent.toFixed(1)}% / ${ms(r.gcMaxMs)}`,
    `${pct(r.p95TailInGc.server)} / ${pct(r.p95TailInGc.load)}`, Number.isFinite(r.stolen) ? `${(r.stolen * 100).toFixed(1)}%` : '—',
    mb(r.rssPeak), `${(r.heapPerIdleParticipant / 1024).toFixed(1)} KB`,
    r.messagesPerSecond.toFixed(0), `${(r.bytesPerSecond / 1024).toFixed(0)} KB/s`,
    `${mb(r.heapBaseline)} → ${mb(r.heapAfterLeave)}`, r.converged ? 'yes' : 'NO',
  ]);
  const header = ['target', 'N', 'edit p50', 'p95', 'p99', 'max', 'fac p95', 'radar p95', 'join p50', 'join p95', 'join p99', 'join failed', 'CPU', 'load CPU', 'CPU/update', 'EL p99', 'GC time / max pause', 'p95 tail in GC: server / load', 'stolen', 'RSS', 'heap/idle', 'msg/s', 'bytes/s', 'heap base → after leave (no code)', 'converged'];
  const lines = [header, ...rows];
  return lines.map((l) => `| ${l.join(' | ')} |`).join('\n').replace(/\n/, `\n|${header.map(() => '---').join('|')}|\n`);
}

/** `all`, or a comma-separated list of targets (`draftroom,reference`); anything else is refused. */
function parseTargets(option: string): Target[] {
  if (option === 'all') return [...TARGETS];
  const names = option.split(',').map((t) => t.trim());
  const unknown = names.filter((t) => !(TARGETS as readonly string[]).includes(t));
  if (unknown.length > 0 || names.length === 0) {
    throw new Error(`unknown --target ${unknown.join(', ') || option}: use all or a comma-separated list of ${TARGETS.join(', ')}`);
  }
  return names as Target[];
}

async function main(): Promise<void> {
  const targets = parseTargets(args.target!);
  const sizes = args.sweep ? [250, 500, 1000, 2000] : [Number(args.n)];
  const repeat = Math.max(1, Number(args.repeat));
  const results: Result[] = [];
  for (const n of sizes) {
    // Repeated, the targets take turns, so a noisy spell on the machine hits them alike.
    for (let run = 1; run <= repeat; run++) {
      for (const target of targets) {
        console.error(`running ${target} with ${n} participants${repeat > 1 ? ` (run ${run} of ${repeat})` : ''}…`);
        results.push(await runOnce(target, n, run));
        // Each finished run is printed and saved at once, so a long sweep is never lost.
        console.error(table(results.slice(-1)).split('\n').at(-1));
        mkdirSync(dirname(args.json!), { recursive: true });
        writeFileSync(args.json!, JSON.stringify({ at: new Date().toISOString(), args, results }, null, 2));
      }
    }
  }
  console.log(table(results));
  const of = (target: Target, n: number) => results.filter((r) => r.target === target && r.participants === n);
  const p95 = (rs: Result[]) => median(rs.map((r) => r.group.p95));
  const cpu = (rs: Result[]) => median(rs.map((r) => r.cpuMicrosPerUpdate));
  const medians = repeat > 1 ? ' (medians of the runs)' : '';
  for (const n of sizes) {
    const ours = of('draftroom', n);
    for (const peer of ['reference', 'hocuspocus'] as const) {
      const theirs = of(peer, n);
      if (!ours.length || !theirs.length) continue;
      console.log(`N=${n}: Draftroom / ${peer}${medians} — p95 latency ${(p95(ours) / p95(theirs)).toFixed(2)}×, CPU per update ${(cpu(ours) / cpu(theirs)).toFixed(2)}× (${cpu(ours).toFixed(0)} / ${cpu(theirs).toFixed(0)} µs)`);
    }
  }
  const ok = sizes.filter((n) => of('draftroom', n).length && p95(of('draftroom', n)) < 100);
  if (ok.length) console.log(`Headline: largest N with Draftroom p95 edit latency < 100 ms${medians}: ${Math.max(...ok)}`);
  mkdirSync(dirname(args.json!), { recursive: true });
  writeFileSync(args.json!, JSON.stringify({ at: new Date().toISOString(), args, results }, null, 2));
  console.log(`JSON written to ${args.json}`);
  process.exit(0);
}

main().catch((error: unknown) => {
  // Host and workers exit when this process goes (they watch the IPC channel).
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
