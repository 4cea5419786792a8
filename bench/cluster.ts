/**
 * The cluster benchmark (issue #20): Draftroom as three nodes on PostgreSQL behind HAProxy against
 * one node on SQLite, under run.ts's load profile (its workers, its facilitator console, its
 * figures), plus failover and PostgreSQL's load. Every node is a real `server/index.ts` process
 * under `npm start`'s Node flags; HAProxy runs deploy/haproxy.cfg (bench/cluster/processes.ts, the
 * tests' harness too); PostgreSQL gets a scratch database, dropped at the end.
 *
 *   npx tsx bench/cluster.ts                                    cluster 3×250 vs single 1×250 and 3×250
 *   npx tsx bench/cluster.ts --runs cluster:3x250,single:3x250 --repeat 2   (taking turns)
 *   … --wait-quiet 30                                          each run waits for a quiet spell (shared machine)
 *   npx tsx bench/cluster.ts --runs pg:1x1000 --settle 11       PostgreSQL's load at 1,000 on one node
 *   npx tsx bench/cluster.ts --mode failover --repeat 3         kill -9 the workshop's node, 50 typing
 *   npx tsx bench/cluster.ts --mode rolling                     SIGTERM each node in turn, 3 × 20 typing
 *   npx tsx bench/cluster.ts --mode joins --participants 100    one REST join at a time, on each system
 *
 * A run spec is <system>:<workshops>x<participants per workshop>; systems in cluster/systems.ts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { failoverOnce, rollingRestart, type FailoverResult, type RollingResult } from './cluster/failover';
import { measurePg, scratchDatabase, type PgLoad, type ScratchDatabase } from './cluster/postgres';
import { rssBytes, sampleCpu } from './cluster/processCpu';
import { startSystem, SYSTEMS, type SystemKind } from './cluster/systems';
import { clientDocs, editLatencies, LoadPool, startFacilitator } from './load';
import { busyCores, machineCpu } from './machine';
import { sleep } from './participants';
import { dist, mb, median, ms, type Dist } from './stats';

const { values: args } = parseArgs({
  options: {
    mode: { type: 'string', default: 'load' },
    runs: { type: 'string', default: 'cluster:3x250,single:1x250,single:3x250' },
    repeat: { type: 'string', default: '1' },
    group: { type: 'string', default: '5' },
    workers: { type: 'string', default: '2' },
    typing: { type: 'string', default: '20' },
    'join-window': { type: 'string', default: '10' },
    cps: { type: 'string', default: '5' },
    ramp: { type: 'string', default: '3' },
    participants: { type: 'string', default: '50' },
    'per-workshop': { type: 'string', default: '20' },
    json: { type: 'string', default: 'bench/results/cluster-latest.json' },
    /** Before each run, wait (up to 4 min) until the machine is busier than this for 3 s no more (% of one core; 0: don't wait). */
    'wait-quiet': { type: 'string', default: '0' },
    /** Seconds of quiet between the join storm and the typing (PostgreSQL reports idle backends' counts up to 10 s late). */
    settle: { type: 'string', default: '0' },
  },
});

/** The machine shared with other tenants: wait for a quiet spell before a run, if asked to. */
async function waitQuiet(): Promise<void> {
  const limit = Number(args['wait-quiet']);
  if (!limit) return;
  const deadline = performance.now() + 240_000;
  for (;;) {
    const before = machineCpu();
    await sleep(3000);
    const busy = busyCores(before, machineCpu()) * 100;
    if (!(busy > limit) || performance.now() > deadline) return void console.error(`  machine busy ${busy.toFixed(0)}% of a core before the run`);
  }
}

interface Spec {
  kind: SystemKind;
  workshops: number;
  perWorkshop: number;
}

function parseSpecs(option: string): Spec[] {
  return option.split(',').map((raw) => {
    const m = /^(\w+):(\d+)x(\d+)$/.exec(raw.trim());
    if (!m || !(SYSTEMS as readonly string[]).includes(m[1]!)) throw new Error(`--runs: "${raw}" is not <${SYSTEMS.join('|')}>:<workshops>x<participants>`);
    return { kind: m[1] as SystemKind, workshops: Number(m[2]), perWorkshop: Number(m[3]) };
  });
}

const label = (s: Spec) => `${s.kind} ${s.workshops}×${s.perWorkshop}`;

interface LoadResult {
  spec: Spec;
  run: number;
  /** The node serving each workshop. */
  placement: string[];
  edit: Dist;
  facilitator: Dist | null;
  join: Dist;
  failedJoins: number;
  /** CPU while typing, 100% = one core: each node, HAProxy, the load generator. */
  cpu: Record<string, number>;
  loadCpu: number;
  /** All nodes' CPU per keystroke (µs). */
  cpuPerUpdate: number;
  updatesPerS: number;
  stolen: number;
  /** CPU of everything else on the machine while typing (other tenants' tests), 100% = one core. */
  otherCpu: number;
  rss: Record<string, number>;
  converged: boolean;
  pg: PgLoad | null;
}

async function runLoad(spec: Spec, run: number, db: ScratchDatabase): Promise<LoadResult> {
  const groupSize = Number(args.group);
  const typingMs = Number(args.typing) * 1000;
  const system = await startSystem(spec.kind, { db });
  try {
    const placed = await system.createWorkshops(spec.workshops, Math.min(200, Math.ceil(spec.perWorkshop / groupSize)));
    console.error(`  workshops on ${placed.map((p) => p.node).join(', ')}`);
    const pool = await LoadPool.start(Number(args.workers), {
      target: 'draftroom', url: system.url, workshopIds: placed.map((p) => p.workshopId), totalParticipants: spec.workshops * spec.perWorkshop,
      groupSize, joinWindowMs: Number(args['join-window']) * 1000, typingMs, charsPerSecond: Number(args.cps), rampMs: Number(args.ramp) * 1000,
    });
    const joined = await pool.join();
    await sleep(1000 + Number(args.settle) * 1000);
    const facilitators = await Promise.all(placed.map((p) => startFacilitator(system.url, p.workshopId, p.facilitatorKey, typingMs)));

    // Typing: the nodes' and HAProxy's CPU from /proc, PostgreSQL's counters and CPU.
    const processes = system.processes();
    const cpu = sampleCpu(() => processes.map((p) => ({ pid: p.pid, cmdline: p.name })), (name) => name);
    const pg = system.schema ? await measurePg(db, system.schema) : null;
    const typed = await pool.type();
    const cpuTimes = cpu.stop();
    const rss = Object.fromEntries(processes.map((p) => [p.name, rssBytes(p.pid) ?? NaN]));
    const pgLoad = pg ? await pg.stop() : null;
    await sleep(1000);
    const done = await pool.finish();
    facilitators.forEach((f) => f.stop());
    // The clients' copies agree, room by room (the server's copies are not asked for here).
    const converged = [...clientDocs(done).values()].every((prints) => prints.size === 1);
    await pool.exited();

    const updates = done.reduce((s, r) => s + r.updatesSent, 0);
    const share = (micros: number) => (micros / 1e6 / typed.elapsedS) * 100;
    const nodeMicros = Object.entries(cpuTimes).filter(([name]) => name !== 'haproxy').reduce((s, [, m]) => s + m, 0);
    const facLatency = facilitators.flatMap((f) => f.latency);
    return {
      spec,
      run,
      placement: placed.map((p) => p.node),
      edit: dist(editLatencies(done)),
      facilitator: facLatency.length ? dist(facLatency) : null,
      join: dist(joined.joinToSyncedMs),
      failedJoins: joined.failedJoins,
      cpu: Object.fromEntries(Object.entries(cpuTimes).map(([name, micros]) => [name, share(micros)])),
      loadCpu: share(typed.loadCpuMicros),
      cpuPerUpdate: updates ? nodeMicros / updates : NaN,
      updatesPerS: updates / typed.elapsedS,
      stolen: typed.stolen,
      otherCpu: typed.busyCores * 100 - share(Object.values(cpuTimes).reduce((a, b) => a + b, 0) + typed.loadCpuMicros) - (pgLoad ? pgLoad.cpuOurs + pgLoad.cpuBackground : 0),
      rss,
      converged,
      pg: pgLoad,
    };
  } finally {
    await system.close();
  }
}

const pct = (v: number) => (Number.isFinite(v) ? `${v.toFixed(0)}%` : '—');
const table = (header: string[], rows: string[][]) => [header, header.map(() => '---'), ...rows].map((l) => `| ${l.join(' | ')} |`).join('\n');

function loadTable(results: LoadResult[]): string {
  return table(
    ['run', 'workshops on', 'edit p50', 'p95', 'p99', 'max', 'fac p95', 'join p50', 'join p95', 'join p99', 'join failed', 'node CPU', 'HAProxy CPU', 'load CPU', 'CPU/update (nodes)', 'stolen', 'others on the machine', 'node RSS', 'keystrokes/s', 'converged'],
    results.map((r) => {
      const nodes = Object.entries(r.cpu).filter(([n]) => n !== 'haproxy');
      return [
        `${label(r.spec)} #${r.run}`, r.placement.join(', '),
        ms(r.edit.p50), ms(r.edit.p95), ms(r.edit.p99), ms(r.edit.max), r.facilitator ? ms(r.facilitator.p95) : '—',
        ms(r.join.p50), ms(r.join.p95), ms(r.join.p99), String(r.failedJoins),
        nodes.map(([, v]) => pct(v)).join(' / '), 'haproxy' in r.cpu ? pct(r.cpu.haproxy!) : '—', pct(r.loadCpu), `${r.cpuPerUpdate.toFixed(0)} µs`,
        Number.isFinite(r.stolen) ? `${(r.stolen * 100).toFixed(1)}%` : '—', pct(r.otherCpu),
        Object.entries(r.rss).filter(([n]) => n !== 'haproxy').map(([, b]) => mb(b)).join(' / '),
        r.updatesPerS.toFixed(0), r.converged ? 'yes' : 'NO',
      ];
    }),
  );
}

function pgTable(results: LoadResult[]): string {
  const kb = (b: number) => `${(b / 1024).toFixed(0)} KB/s`;
  return table(
    ['run', 'participants', 'keystrokes/s', 'commits/s', 'writing commits/s (WAL, server)', 'rows inserted/s', 'doc_updates rows/s', 'rows updated/s', 'doc_updates growth', 'WAL (this database)', 'WAL records/s (this db)', 'WAL (whole server)', 'WAL flushes/s (server)', 'PG CPU: this db / shared bg / other dbs'],
    results.flatMap((r) =>
      r.pg
        ? [[
            `${label(r.spec)} #${r.run}`, String(r.spec.workshops * r.spec.perWorkshop), r.updatesPerS.toFixed(0), r.pg.commitsPerS.toFixed(1), r.pg.walCommitsPerS.toFixed(1), r.pg.insertedPerS.toFixed(1), r.pg.docRowsPerS.toFixed(1),
            r.pg.updatedPerS.toFixed(1), kb(r.pg.docBytesPerS), kb(r.pg.ourWalBytesPerS), r.pg.ourWalRecordsPerS.toFixed(0), kb(r.pg.walBytesPerS), r.pg.walSyncsPerS.toFixed(1),
            `${r.pg.cpuOurs.toFixed(1)}% / ${r.pg.cpuBackground.toFixed(1)}% / ${r.pg.cpuOthers.toFixed(1)}%`,
          ]]
        : [],
    ),
  );
}

function comparisons(results: LoadResult[]): string[] {
  const lines: string[] = [];
  const of = (kind: SystemKind, total: number) => results.filter((r) => r.spec.kind === kind && r.spec.workshops * r.spec.perWorkshop === total);
  const totals = [...new Set(results.map((r) => r.spec.workshops * r.spec.perWorkshop))];
  for (const total of totals) {
    const c = of('cluster', total);
    const s = of('single', total);
    if (!c.length || !s.length) continue;
    const d = (f: (r: LoadResult) => number) => median(c.map(f)) - median(s.map(f));
    lines.push(
      `${total} participants, cluster − single (medians of ${c.length} / ${s.length} runs): edit p95 ${d((r) => r.edit.p95).toFixed(1)} ms (target ≤ +1), p99 ${d((r) => r.edit.p99).toFixed(1)} ms (≤ +5), join p95 ${d((r) => r.join.p95).toFixed(1)} ms (≤ +10)`,
    );
  }
  return lines;
}

function failoverTable(results: FailoverResult[]): string {
  const s = (v: number) => (Number.isFinite(v) ? `${(v / 1000).toFixed(2)} s` : '—');
  return table(
    ['run', 'participants', 'killed (created on)', 'then served by', 'create → served', 'kill → DOWN', 'kill → every doc synced', 'kill → everyone has all edits typed after it', 'kill → Socket.IO back', 'longest wait for a peer', 'settled after typing', 'server copy differs', 'stuck (chars undelivered)', 'close codes'],
    results.map((r) => [
      `#${r.run}`, String(r.participants), `${r.killed} (${r.createdOn})`, r.after, s(r.servedAfterMs), s(r.downMs), s(r.docsSyncedMs), s(r.editsAfterKillMs), s(r.socketsBackMs), s(r.longestWaitMs), s(r.settledMs), String(r.serverDiffers),
      `${r.stuck} (${r.undelivered})`, r.closeCodes,
    ]),
  );
}

function rollingTables(r: RollingResult): string {
  const s = (v: number) => (Number.isFinite(v) ? `${(v / 1000).toFixed(2)} s` : '—');
  return [
    table(
      ['step', 'SIGTERM → exited', 'started', 'listening → UP (checks + slowstart)', 'longest wait for a peer during the step'],
      r.steps.map((x) => [x.node, s(x.stoppedMs), s(x.startedMs), s(x.upMs), s(x.longestWaitMs)]),
    ),
    '',
    table(
      ['participants', 'workshops on', 'longest wait for a peer (at)', 'doc drops', 'longest doc outage (drop → synced)', 'Socket.IO drops', 'longest Socket.IO outage', 'characters typed', 'settled after typing', 'server copy differs', 'stuck (chars undelivered)', 'close codes'],
      [[
        String(r.participants), r.placement.join(', '), `${s(r.longestWaitMs)} (${r.longestWaitAtS.toFixed(1)} s)`, String(r.docDrops), s(r.longestDocOutageMs), String(r.socketDrops), s(r.longestSocketOutageMs),
        String(r.typed), s(r.settledMs), String(r.serverDiffers), `${r.stuck} (${r.undelivered})`, r.closeCodes,
      ]],
    ),
  ].join('\n');
}

function save(data: unknown): void {
  mkdirSync(dirname(args.json!), { recursive: true });
  writeFileSync(args.json!, JSON.stringify({ at: new Date().toISOString(), args, ...(data as object) }, null, 2));
}

async function main(): Promise<void> {
  // Every y-websocket provider adds an exit listener: dozens in this process (failover) are expected.
  process.setMaxListeners(0);
  const db = await scratchDatabase();
  // Ctrl-C: the database goes too (the processes are killed on exit by processes.ts).
  process.once('SIGINT', () => void db.drop().finally(() => process.exit(130)));
  const repeat = Math.max(1, Number(args.repeat));
  const pace = { charsPerSecond: Number(args.cps), rampMs: 1000 };
  try {
    if (args.mode === 'load') {
      const specs = parseSpecs(args.runs!);
      const results: LoadResult[] = [];
      // Repeated, the runs take turns, so a noisy spell on the machine hits them alike.
      for (let run = 1; run <= repeat; run++)
        for (const spec of specs) {
          await waitQuiet();
          console.error(`running ${label(spec)}${repeat > 1 ? ` (run ${run} of ${repeat})` : ''}…`);
          results.push(await runLoad(spec, run, db));
          console.error(loadTable(results.slice(-1)).split('\n').at(-1));
          save({ results });
        }
      console.log(loadTable(results));
      if (results.some((r) => r.pg)) {
        console.log(`\nPostgreSQL while typing (database ${db.name}):\n${pgTable(results)}`);
        const f = (v: number) => (v >= 10 ? v.toFixed(0) : v.toFixed(1));
        for (const r of results)
          if (r.pg) console.log(`${label(r.spec)} #${r.run}, rows/s by table (inserted / updated / deleted): ${Object.entries(r.pg.tables).map(([t, v]) => `${t} ${f(v.inserted)} / ${f(v.updated)} / ${f(v.deleted)}`).join('; ')}`);
      }
      for (const line of comparisons(results)) console.log(line);
    } else if (args.mode === 'failover') {
      const system = await startSystem('cluster', { db, slowstart: '2s' });
      const results: FailoverResult[] = [];
      try {
        for (let run = 1; run <= repeat; run++) {
          console.error(`failover run ${run} of ${repeat}…`);
          results.push(await failoverOnce(system.cluster!, run, { participants: Number(args.participants), groupSize: Number(args.group), pace, beforeMs: 4000, afterMs: 12_000 }));
          console.error(failoverTable(results.slice(-1)).split('\n').at(-1));
          save({ failover: results });
        }
      } finally {
        await system.close();
      }
      console.log(failoverTable(results));
      for (const r of results) if (r.problems.length) console.log(`run #${r.run}, still wrong when the wait ended: ${r.problems.slice(0, 6).join('; ')}`);
      const synced = results.map((r) => r.editsAfterKillMs / 1000);
      console.log(`kill → everyone has all edits typed after it: min ${Math.min(...synced).toFixed(2)} s, median ${median(synced).toFixed(2)} s, max ${Math.max(...synced).toFixed(2)} s (target ≤ 5 s)`);
    } else if (args.mode === 'rolling') {
      const system = await startSystem('cluster', { db });
      try {
        const placed = await system.createWorkshops(system.cluster!.nodes.length, Math.ceil(Number(args['per-workshop']) / Number(args.group)));
        const result = await rollingRestart(system.cluster!, placed, { perWorkshop: Number(args['per-workshop']), groupSize: Number(args.group), pace, settleMs: 4000 });
        save({ rolling: result });
        console.log(rollingTables(result));
        if (result.problems.length) console.log(`still wrong when the wait ended: ${result.problems.slice(0, 6).join('; ')}`);
      } finally {
        await system.close();
      }
    } else if (args.mode === 'joins') {
      // One join at a time (no storm): what a join's REST request costs on each system.
      const rows: string[][] = [];
      for (let run = 1; run <= repeat; run++)
        for (const kind of ['single', 'pg', 'cluster'] as const) {
          const system = await startSystem(kind, { db });
          try {
            const [w] = await system.createWorkshops(1, 50);
            const times: number[] = [];
            for (let i = 0; i < Number(args.participants) + 20; i++) {
              const started = performance.now();
              const res = await fetch(`${system.url}/api/workshops/${w!.workshopId}/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: `P${i}` }) });
              await res.arrayBuffer();
              if (!res.ok) throw new Error(`join refused: ${res.status}`);
              // The first 20 warm the node up.
              if (i >= 20) times.push(performance.now() - started);
            }
            const d = dist(times);
            rows.push([`${kind} #${run}`, String(d.n), ms(d.p50), ms(d.p95), ms(d.max)]);
            console.error(rows.at(-1)!.join(' | '));
          } finally {
            await system.close();
          }
        }
      save({ joins: rows });
      console.log(table(['system', 'joins', 'REST join p50', 'p95', 'max'], rows));
    } else throw new Error(`--mode ${args.mode}: load, failover, rolling or joins`);
  } finally {
    await db.drop();
  }
  console.log(`JSON written to ${args.json}`);
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
