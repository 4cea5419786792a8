/**
 * Real Draftroom processes, and a cluster of them behind a real HAProxy (issue #20), without any
 * test runner: the cluster benchmark (bench/cluster.ts) starts them directly, and the tests' harness
 * (test/cluster/harness.ts, test/serverProcess.ts) wraps them so that everything is gone after each
 * test.
 *
 * A cluster is up to three node processes behind HAProxy running deploy/haproxy.cfg, the production
 * file, pointed at free local ports through its environment (nothing is written into deploy/). Each
 * node has its own data directory and any env on top (DATABASE_URL for the PostgreSQL store),
 * NODE_ID = its HAProxy server name (node1...), so X-Draftroom-Node names the server directly.
 * Nodes can be stopped, killed, paused and restarted for failover runs; HAProxy's view of them is
 * read from its stats page (CSV). Whatever happens, every process is killed when this process exits.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NODE_HEADER } from '../../server/nodeId';
import { pollUntil } from '../deadline';

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Where a child server's output is collected, chunk by chunk as it arrives. */
export interface ServerOutput {
  stdout?: string[];
  stderr?: string[];
}

export interface SpawnedServer {
  child: ChildProcess;
  /** Resolves once the server listens (its "running at" line); rejects if it exits first. */
  ready: Promise<ChildProcess>;
}

/**
 * Starts `server/index.ts` on `port` with its store in `dataDir` (and `env` on top), under Node with
 * `nodeFlags` (none by default; the benchmark gives the ones `npm start` uses). Nothing ends it for
 * the caller: see test/serverProcess.ts's startProcess, or the cluster below.
 */
export function spawnServer(port: number, dataDir: string, env: Record<string, string> = {}, output: ServerOutput = {}, nodeFlags: readonly string[] = []): SpawnedServer {
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', 'server/index.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, CLIENT_DIR: join(dataDir, 'no-client'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.on('data', (d: Buffer) => output.stderr?.push(String(d)));
  child.stdout!.on('data', (d: Buffer) => output.stdout?.push(String(d)));
  const ready = new Promise<ChildProcess>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => String(d).includes('running at') && resolve(child));
    child.once('exit', (code, signal) => reject(new Error(`server exited early (${code ?? signal})`)));
  });
  return { child, ready };
}

export const HAPROXY_CONFIG = 'deploy/haproxy.cfg';
/** Servers in the config: node1..node3. */
export const NODE_SLOTS = 3;
/** HAProxy's backend whose servers are watched (the hashed one; the other tracks it). */
const BACKEND = 'draftroom';

export interface ClusterNode {
  /** HAProxy's server name and the node's NODE_ID (unless its env says otherwise): node1, node2, node3. */
  readonly name: string;
  /** What it answers in X-Draftroom-Node. */
  readonly id: string;
  readonly port: number;
  /** The node itself, bypassing HAProxy. */
  readonly url: string;
  readonly dataDir: string;
  /** The env it runs with (on top of the harness's own); restart() may change it. */
  env: Record<string, string>;
  /** Null while it is not running. */
  child: ChildProcess | null;
  /** Everything it wrote, chunk by chunk, across restarts. */
  readonly stdout: string[];
  readonly stderr: string[];
}

export interface ClusterOptions {
  /** How many nodes run (1–3; default 3). Unused server slots point at a closed port and stay DOWN. */
  nodes?: number;
  /** Env of every node (on top of the harness's: TRUST_PROXY=1, NODE_ID). */
  env?: Record<string, string>;
  /** Env of node `index` (0-based), on top of `env`: e.g. its own DATABASE_URL schema. */
  nodeEnv?: (index: number) => Record<string, string>;
  /** HAProxy's env on top of the harness's: e.g. DRAFTROOM_SLOWSTART: '2s'. */
  haproxyEnv?: Record<string, string>;
  /** Node flags of every node process (default none). */
  nodeFlags?: readonly string[];
}

/** How HAProxy sees a server: its status column (UP, DOWN, "UP 1/2" going down, "DOWN 1/3" coming up, MAINT...). */
export interface ServerView {
  status: string;
  /** Effective weight (100 when fully up; lower during slowstart). */
  weight: number;
  /** Last check's result, e.g. L7OK, L7STS (bad status), L4CON (refused), L4TOUT. */
  checkStatus: string;
}

export interface Cluster {
  /** HAProxy's frontend: what clients use. */
  readonly url: string;
  /** HAProxy's stats page (CSV at `${statsUrl}/;csv`, Prometheus at `${statsUrl}/metrics`). */
  readonly statsUrl: string;
  readonly nodes: readonly ClusterNode[];
  /** HAProxy's own output (its access log lines included). */
  readonly haproxyOutput: string[];
  /** HAProxy's process (null once closed). */
  readonly haproxy: ChildProcess | null;
  /** The node that served a response, by its X-Draftroom-Node header. */
  servedBy(headers: Headers | IncomingHttpHeaders): ClusterNode | undefined;
  /** SIGTERM (a clean shutdown: drains for the node's DRAIN_DELAY_MS); resolves with the exit code once it has exited. */
  stop(node: ClusterNode): Promise<number | null>;
  /** SIGKILL; resolves once it has exited. */
  kill(node: ClusterNode): Promise<void>;
  /** SIGSTOP: the process hangs (its sockets stay open, its health checks time out). */
  pause(node: ClusterNode): void;
  /** SIGCONT after pause(). */
  resume(node: ClusterNode): void;
  /** Starts a stopped or killed node again on its port and data directory (env merged over its own); resolves once it listens. */
  restart(node: ClusterNode, env?: Record<string, string>): Promise<void>;
  /** HAProxy's view of every node, by name. */
  view(): Promise<Record<string, ServerView>>;
  /** Waits until HAProxy sees `node` fully UP (checks passing, slowstart over) or DOWN. */
  waitFor(node: ClusterNode, state: 'UP' | 'DOWN', timeoutMs?: number): Promise<void>;
  /** Kills HAProxy and every node, removes the data directories. Idempotent. */
  close(): Promise<void>;
}

/** Processes still running, killed if this process exits without cleaning up. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function track(child: ChildProcess): ChildProcess {
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

const exited = (child: ChildProcess): Promise<number | null> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve(child.exitCode) : new Promise((resolve) => child.once('exit', (code) => resolve(code)));

function requireHaproxy(): void {
  const probe = spawnSync('haproxy', ['-v'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) throw new Error('HAProxy not found: apt-get install -y haproxy (2.6; .ci/run installs it)');
}

/** Parses HAProxy's stats CSV into the servers of `backend`. */
export function serversOf(csv: string, backend: string): Record<string, ServerView> {
  const [head, ...rows] = csv.trim().split('\n');
  const columns = head!.replace(/^# /, '').split(',');
  const at = (name: string) => columns.indexOf(name);
  const out: Record<string, ServerView> = {};
  for (const row of rows) {
    const cells = row.split(',');
    if (cells[at('pxname')] !== backend || ['FRONTEND', 'BACKEND'].includes(cells[at('svname')]!)) continue;
    out[cells[at('svname')]!] = { status: cells[at('status')]!, weight: Number(cells[at('weight')]), checkStatus: cells[at('check_status')]! };
  }
  return out;
}

/**
 * Starts the nodes and HAProxy; resolves once HAProxy sees every node UP. `onClose` is handed the
 * cluster's close() before anything starts (the tests' harness registers it for after the test);
 * if the start fails, everything started is closed before the error is thrown.
 */
export async function launchCluster(options: ClusterOptions = {}, onClose?: (close: () => Promise<void>) => void): Promise<Cluster> {
  requireHaproxy();
  const count = options.nodes ?? NODE_SLOTS;
  if (count < 1 || count > NODE_SLOTS) throw new Error(`a cluster has 1 to ${NODE_SLOTS} nodes`);
  const nodes: ClusterNode[] = [];
  for (let i = 0; i < count; i++) {
    const name = `node${i + 1}`;
    const port = await freePort();
    const env = { TRUST_PROXY: '1', NODE_ID: name, ...options.env, ...options.nodeEnv?.(i) };
    nodes.push({ name, id: env.NODE_ID, port, url: `http://127.0.0.1:${port}`, dataDir: mkdtempSync(join(tmpdir(), `draftroom-${name}-`)), env, child: null, stdout: [], stderr: [] });
  }
  let haproxy: ChildProcess | null = null;
  const haproxyOutput: string[] = [];
  let closed = false;

  const launch = async (node: ClusterNode) => {
    const { child, ready } = spawnServer(node.port, node.dataDir, node.env, { stdout: node.stdout, stderr: node.stderr }, options.nodeFlags);
    node.child = track(child);
    child.once('exit', () => {
      if (node.child === child) node.child = null;
    });
    try {
      await ready;
    } catch (error) {
      throw new Error(`${node.name} did not start: ${String(error)}\n${node.stderr.join('')}`, { cause: error });
    }
  };
  const signal = (node: ClusterNode, name: NodeJS.Signals): ChildProcess => {
    if (!node.child) throw new Error(`${node.name} is not running`);
    node.child.kill(name);
    return node.child;
  };

  const bind = `127.0.0.1:${await freePort()}`;
  const statsBind = `127.0.0.1:${await freePort()}`;
  const statsUrl = `http://${statsBind}`;
  const view = async () => serversOf(await (await fetch(`${statsUrl}/;csv`)).text(), BACKEND);

  const cluster: Cluster = {
    url: `http://${bind}`,
    statsUrl,
    nodes,
    haproxyOutput,
    get haproxy() {
      return haproxy;
    },
    servedBy: (headers) => {
      const id = headers instanceof Headers ? headers.get(NODE_HEADER) : headers[NODE_HEADER.toLowerCase()];
      return nodes.find((n) => n.id === id);
    },
    stop: (node) => exited(signal(node, 'SIGTERM')),
    kill: async (node) => void (await exited(signal(node, 'SIGKILL'))),
    pause: (node) => void signal(node, 'SIGSTOP'),
    resume: (node) => void signal(node, 'SIGCONT'),
    restart: async (node, env = {}) => {
      if (node.child) throw new Error(`${node.name} is still running`);
      node.env = { ...node.env, ...env };
      await launch(node);
    },
    view,
    waitFor: async (node, state, timeoutMs = 20_000) => {
      await pollUntil(
        async () => {
          const server = (await view())[node.name];
          // UP: checks passing and slowstart over (full weight); DOWN: out of the ring.
          return state === 'UP' ? server?.status === 'UP' && server.checkStatus === 'L7OK' && server.weight === 100 : server?.status === 'DOWN';
        },
        `HAProxy to see ${node.name} ${state}`,
        timeoutMs,
      );
    },
    close: async () => {
      if (closed) return;
      closed = true;
      const children = [haproxy, ...nodes.map((n) => n.child)].filter((c): c is ChildProcess => c !== null);
      for (const child of children) child.kill('SIGKILL');
      await Promise.all(children.map(exited));
      for (const node of nodes) rmSync(node.dataDir, { recursive: true, force: true });
    },
  };
  onClose?.(() => cluster.close());

  try {
    await Promise.all(nodes.map(launch));
    const addresses = Object.fromEntries(
      // Slots without a node point at port 1, where nothing listens: DOWN, out of the ring.
      Array.from({ length: NODE_SLOTS }, (_, i) => [`DRAFTROOM_NODE${i + 1}`, nodes[i] ? `127.0.0.1:${nodes[i].port}` : '127.0.0.1:1']),
    );
    haproxy = track(
      spawn('haproxy', ['-f', HAPROXY_CONFIG], {
        env: { ...process.env, DRAFTROOM_BIND: bind, DRAFTROOM_STATS_BIND: statsBind, DRAFTROOM_MAXCONN: '4000', ...addresses, ...options.haproxyEnv },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    haproxy.stdout!.on('data', (d: Buffer) => haproxyOutput.push(String(d)));
    haproxy.stderr!.on('data', (d: Buffer) => haproxyOutput.push(String(d)));
    const early = exited(haproxy).then((code) => {
      if (!closed) throw new Error(`haproxy exited (${code}):\n${haproxyOutput.join('')}`);
    });
    // HAProxy failing at start (a bad config, a port taken) ends the wait at once, with its output.
    await Promise.race([early, Promise.all(nodes.map((node) => cluster.waitFor(node, 'UP')))]);
  } catch (error) {
    await cluster.close();
    throw error;
  }
  return cluster;
}
