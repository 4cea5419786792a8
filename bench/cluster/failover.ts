/**
 * Failover through HAProxy (issue #20), measured from the participants' side (crowd.ts):
 *  - kill -9 of the node serving a workshop while its ~50 participants type: how long until every
 *    participant has every peer's edits made after the kill (and every document synced again);
 *  - a rolling restart (SIGTERM each node in turn, waiting until HAProxy sees it UP again) while
 *    participants of a workshop on every node type: the longest any participant waited for a
 *    typing peer's edits, and the longest it was disconnected; nothing lost at the end.
 */
import { now, sleep, type Pace } from '../participants';
import { closeCodes, Crowd, everyoneHasEditsAfter, longestWait, outagesAfter } from './crowd';
import type { Cluster } from './processes';
import { createThroughHaproxy, routedTo, type Placed } from './systems';

export interface FailoverResult {
  run: number;
  participants: number;
  /** The node killed (the workshop's), where it was created, and the node serving it afterwards. */
  killed: string;
  createdOn: string;
  after: string;
  /** Created through HAProxy → served through HAProxy (0 when created on its node). */
  servedAfterMs: number;
  /** kill → HAProxy sees the node DOWN. */
  downMs: number;
  /** kill → every participant's document synced again. */
  docsSyncedMs: number;
  /** kill → every participant has, from every peer of its group, an edit typed after the kill. */
  editsAfterKillMs: number;
  /** kill → every Socket.IO connection back. */
  socketsBackMs: number;
  /** The longest any participant waited for a typing peer's next edit. */
  longestWaitMs: number;
  /** After the typing stopped, until every copy was the same and complete (NaN: not within 30 s). */
  settledMs: number;
  /** Rooms where a fresh reader's copy (the server's) differed from the participants'. */
  serverDiffers: number;
  /** Participants the server closed for good (4400–4499) and what they typed that never arrived. */
  stuck: number;
  undelivered: number;
  /** What was still wrong when the wait for convergence ended (none: converged). */
  problems: string[];
  /** Close codes the participants' document connections got, with counts. */
  closeCodes: string;
}

export interface FailoverOptions {
  participants: number;
  groupSize: number;
  pace: Pace;
  /** Typing before the kill, and after it. */
  beforeMs: number;
  afterMs: number;
}

export async function failoverOnce(cluster: Cluster, run: number, o: FailoverOptions): Promise<FailoverResult> {
  const w = await createThroughHaproxy(cluster, Math.ceil(o.participants / o.groupSize));
  const owner = cluster.nodes.find((n) => n.name === w.node)!;
  const crowd = await Crowd.join(cluster.url, [w.workshopId], o.participants, o.groupSize);
  try {
    const started = now();
    const typing = crowd.type(o.pace, started + o.beforeMs + o.afterMs);
    await sleep(o.beforeMs);
    const killedAt = now();
    const down = cluster.waitFor(owner, 'DOWN', 15_000).then(() => now() - killedAt);
    await cluster.kill(owner);
    const downMs = await down;
    await typing;
    const typedUntil = now();
    const { settledMs, problems } = await crowd.settle();
    await crowd.socketsUp();
    const docs = outagesAfter(
      crowd.healthy().map((m) => m.docOutages),
      killedAt - 50,
    );
    const sockets = outagesAfter(
      crowd.healthy().map((m) => m.socketOutages),
      killedAt - 50,
    );
    const differs = await crowd.serverAgrees({ [w.workshopId]: w.facilitatorKey });
    return {
      run,
      participants: crowd.members.length,
      killed: owner.name,
      createdOn: w.createdOn,
      after: (await routedTo(cluster, w.workshopId)).node,
      servedAfterMs: w.servedAfterMs,
      downMs,
      docsSyncedMs: docs.allBackAfter - 50,
      editsAfterKillMs: everyoneHasEditsAfter(crowd, killedAt),
      socketsBackMs: sockets.allBackAfter - 50,
      longestWaitMs: longestWait(crowd, started + 1000, typedUntil).ms,
      settledMs,
      serverDiffers: differs.length,
      stuck: crowd.stuck().length,
      undelivered: crowd.undelivered(),
      problems,
      closeCodes: closeCodes(crowd.members),
    };
  } finally {
    crowd.leave();
    if (!owner.child) {
      await cluster.restart(owner);
      await cluster.waitFor(owner, 'UP', 60_000);
    }
  }
}

export interface RollingStep {
  node: string;
  /** SIGTERM → exited (it drains DRAIN_DELAY_MS first). */
  stoppedMs: number;
  /** Started again → listening. */
  startedMs: number;
  /** Listening → HAProxy sees it UP at full weight (checks, then slowstart). */
  upMs: number;
  /** The longest any participant waited for a typing peer's next edit, from this SIGTERM to the next one. */
  longestWaitMs: number;
}

export interface RollingResult {
  participants: number;
  placement: string[];
  steps: RollingStep[];
  /** Over the whole restart: the longest wait for a peer's edit, and when (s after the first SIGTERM). */
  longestWaitMs: number;
  longestWaitAtS: number;
  /** Document connections: drops counted, the longest from dropped to synced again. */
  docDrops: number;
  longestDocOutageMs: number;
  socketDrops: number;
  longestSocketOutageMs: number;
  settledMs: number;
  /** Characters typed in all; rooms where the server's copy differed from the participants'. */
  typed: number;
  serverDiffers: number;
  stuck: number;
  undelivered: number;
  problems: string[];
  closeCodes: string;
}

/** `placed`: a workshop per node (systems.ts spreads them so), `perWorkshop` participants each. */
export async function rollingRestart(cluster: Cluster, placed: Placed[], o: { perWorkshop: number; groupSize: number; pace: Pace; settleMs: number }): Promise<RollingResult> {
  const crowd = await Crowd.join(
    cluster.url,
    placed.map((p) => p.workshopId),
    o.perWorkshop,
    o.groupSize,
  );
  try {
    let typing = true;
    const typed = crowd.type(o.pace, () => typing);
    await sleep(o.settleMs);
    const steps: Array<RollingStep & { at: number }> = [];
    const first = now();
    for (const node of cluster.nodes) {
      const at = now();
      console.error(`  SIGTERM ${node.name}…`);
      await cluster.stop(node);
      const stopped = now();
      await cluster.restart(node);
      const started = now();
      await cluster.waitFor(node, 'UP', 90_000);
      steps.push({ node: node.name, at, stoppedMs: stopped - at, startedMs: started - stopped, upMs: now() - started, longestWaitMs: NaN });
    }
    await sleep(o.settleMs);
    typing = false;
    await typed;
    const end = now();
    const { settledMs, problems } = await crowd.settle();
    await crowd.socketsUp();
    steps.forEach((s, i) => (s.longestWaitMs = longestWait(crowd, s.at, steps[i + 1]?.at ?? end).ms));
    const worst = longestWait(crowd, first, end);
    const docs = outagesAfter(
      crowd.healthy().map((m) => m.docOutages),
      first,
    );
    const sockets = outagesAfter(
      crowd.healthy().map((m) => m.socketOutages),
      first,
    );
    const differs = await crowd.serverAgrees(Object.fromEntries(placed.map((p) => [p.workshopId, p.facilitatorKey])));
    return {
      participants: crowd.members.length,
      placement: placed.map((p) => p.node),
      steps: steps.map(({ at: _at, ...s }) => s),
      longestWaitMs: worst.ms,
      longestWaitAtS: (worst.at - first) / 1000,
      docDrops: docs.count,
      longestDocOutageMs: docs.longest,
      socketDrops: sockets.count,
      longestSocketOutageMs: sockets.longest,
      settledMs,
      typed: crowd.members.reduce((s, m) => s + m.typed, 0),
      serverDiffers: differs.length,
      stuck: crowd.stuck().length,
      undelivered: crowd.undelivered(),
      problems,
      closeCodes: closeCodes(crowd.members),
    };
  } finally {
    crowd.leave();
  }
}
