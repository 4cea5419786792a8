/**
 * What the cluster benchmark runs its load against, each started afresh per run, each a real
 * `server/index.ts` process (or three) under the Node flags `npm start` uses:
 *   cluster  three nodes on PostgreSQL (own schema), Redis for the rate limits, behind HAProxy
 *            running deploy/haproxy.cfg; clients go through HAProxy
 *   single   one node on its embedded SQLite store, clients straight to it (the default deployment)
 *   pg       one node on PostgreSQL, clients straight to it (PostgreSQL's load without HAProxy)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { serverNodeFlags } from '../../scripts/nodeFlags.mjs';
import { pollUntil } from '../deadline';
import type { ScratchDatabase } from './postgres';
import { freePort, launchCluster, spawnServer, type Cluster } from './processes';

export const SYSTEMS = ['cluster', 'single', 'pg'] as const;
export type SystemKind = (typeof SYSTEMS)[number];

/** A workshop made for a run, and the node serving it. */
export interface Placed {
  workshopId: string;
  facilitatorKey: string;
  node: string;
}

export interface System {
  kind: SystemKind;
  /** Where clients connect (HAProxy for the cluster). */
  url: string;
  /** The processes whose CPU is measured, by name (nodes, HAProxy). */
  processes(): Array<{ name: string; pid: number }>;
  /** `count` workshops of `groupCount` groups; in the cluster one per node in turn (see below). */
  createWorkshops(count: number, groupCount: number): Promise<Placed[]>;
  /** The PostgreSQL schema its nodes use (null: SQLite). */
  schema: string | null;
  cluster: Cluster | null;
  close(): Promise<void>;
}

/** Every node: no rate limit gets in the way of a load generator on one address. */
const COMMON_ENV = { RATE_CREATE_PER_MINUTE: '1000000', RATE_JOIN_PER_MINUTE: '1000000' };
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function post<T>(url: string, body: unknown): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

type Created = { workshopId: string; facilitatorKey: string };

/** One node process (SQLite, or PostgreSQL when `env` says so), clients straight to it. */
async function singleNode(kind: 'single' | 'pg', env: Record<string, string>): Promise<System> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), `draftroom-bench-${kind}-`));
  const stderr: string[] = [];
  const { child, ready } = spawnServer(port, dataDir, { ...COMMON_ENV, NODE_ID: kind, ...env }, { stderr }, serverNodeFlags());
  await ready.catch((error: unknown) => {
    throw new Error(`the ${kind} node did not start: ${String(error)}\n${stderr.join('')}`);
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    kind,
    url,
    schema: env.DATABASE_SCHEMA ?? null,
    cluster: null,
    processes: () => (child.pid ? [{ name: kind, pid: child.pid }] : []),
    createWorkshops: async (count, groupCount) => {
      const placed: Placed[] = [];
      for (let i = 0; i < count; i++) placed.push({ ...(await post<Created>(`${url}/api/workshops`, { title: `Bench ${i + 1}`, groupCount })), node: kind });
      return placed;
    },
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await gone;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Which node HAProxy sends a workshop id to, and whether that node serves it (200) right now. */
export async function routedTo(cluster: Cluster, workshopId: string): Promise<{ node: string; status: number }> {
  const res = await fetch(`${cluster.url}/api/workshops/${workshopId}`);
  await res.arrayBuffer();
  return { node: cluster.servedBy(res.headers)?.name ?? '?', status: res.status };
}

/**
 * Workshop k is made for node k mod 3: created on that node directly (so it holds the lease from
 * the start), again until the id the node picked hashes to that node too (a third of the ids do),
 * so the load spreads one workshop per node. A workshop created through HAProxy lands on any node
 * and, when its id hashes elsewhere, is served only once handed over (see failover.ts).
 */
async function spreadWorkshops(cluster: Cluster, count: number, groupCount: number): Promise<Placed[]> {
  const placed: Placed[] = [];
  for (let k = 0; k < count; k++) {
    const node = cluster.nodes[k % cluster.nodes.length]!;
    for (let attempt = 0; ; attempt++) {
      if (attempt === 40) throw new Error(`no workshop id hashed to ${node.name} in 40 tries`);
      const created = await post<Created>(`${node.url}/api/workshops`, { title: `Bench ${k + 1}`, groupCount });
      const routed = await routedTo(cluster, created.workshopId);
      if (routed.node === node.name && routed.status === 200) {
        placed.push({ ...created, node: node.name });
        break;
      }
    }
  }
  return placed;
}

export interface ClusterSettings {
  db: ScratchDatabase;
  /** HAProxy's slowstart (default: the config's, 20 s). */
  slowstart?: string;
  /** DRAIN_DELAY_MS of every node (docs/cluster.md: ≥ 5000 behind HAProxy). */
  drainDelayMs?: number;
}

let schemas = 0;
/** A fresh schema name in the scratch database, one per system started. */
const nextSchema = () => `bench_${++schemas}_${randomBytes(2).toString('hex')}`;

export async function startSystem(kind: SystemKind, settings: ClusterSettings): Promise<System> {
  if (kind === 'single') return singleNode('single', {});
  const schema = nextSchema();
  const pgEnv = { DATABASE_URL: settings.db.url, DATABASE_SCHEMA: schema };
  if (kind === 'pg') return singleNode('pg', pgEnv);
  const cluster = await launchCluster({
    env: {
      ...COMMON_ENV,
      ...pgEnv,
      REDIS_URL,
      REDIS_PREFIX: `draftroom:bench:${schema}:`,
      DRAIN_DELAY_MS: String(settings.drainDelayMs ?? 5000),
    },
    nodeFlags: serverNodeFlags(),
    haproxyEnv: settings.slowstart ? { DRAFTROOM_SLOWSTART: settings.slowstart } : {},
  });
  return {
    kind,
    url: cluster.url,
    schema,
    cluster,
    processes: () => [
      ...cluster.nodes.flatMap((n) => (n.child?.pid ? [{ name: n.name, pid: n.child.pid }] : [])),
      ...(cluster.haproxy?.pid ? [{ name: 'haproxy', pid: cluster.haproxy.pid }] : []),
    ],
    createWorkshops: (count, groupCount) => spreadWorkshops(cluster, count, groupCount),
    close: () => cluster.close(),
  };
}

/**
 * A workshop created the way a facilitator does it, through HAProxy (any node makes it), and how
 * long until HAProxy's node for its id serves it (200 through HAProxy).
 */
export async function createThroughHaproxy(cluster: Cluster, groupCount: number): Promise<Placed & { createdOn: string; servedAfterMs: number }> {
  const res = await fetch(`${cluster.url}/api/workshops`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Failover', groupCount }) });
  if (!res.ok) throw new Error(`creating a workshop through HAProxy: ${res.status} ${await res.text()}`);
  const createdOn = cluster.servedBy(res.headers)?.name ?? '?';
  const created = (await res.json()) as Created;
  const started = performance.now();
  const routed = await pollUntil(async () => {
    const r = await routedTo(cluster, created.workshopId);
    return r.status === 200 ? r : null;
  }, 'the new workshop served through HAProxy', 60_000);
  return { ...created, node: routed.node, createdOn, servedAfterMs: performance.now() - started };
}
