/**
 * Routing through the real HAProxy (deploy/haproxy.cfg) to three real node processes: a workshop
 * id reaches the same node every time and every way (REST, Socket.IO, /yjs); the ids spread over
 * the nodes; taking a node out moves only its own workshops, over the others; bringing it back
 * returns them. And stock clients (socket.io-client, y-websocket) work through it.
 */
import { expect, it } from 'vitest';
import { newId } from '../../server/tokens';
import { connectClient, latest, post, type Created, type Joined } from '../helpers';
import { syncedClient } from '../yjsHelpers';
import { startCluster, type Cluster, type ClusterNode } from './harness';
import { inBatches, viaRest, viaSocketIo, viaYjs } from './probes';

const IDS = 1000;
const AT_ONCE = 32;

const countBy = (names: readonly string[]) => names.reduce<Record<string, number>>((n, name) => ({ ...n, [name]: (n[name] ?? 0) + 1 }), {});

/** A workshop created on `node` directly (bypassing HAProxy) whose id hashes to that node. */
async function workshopOwnedBy(cluster: Cluster, node: ClusterNode): Promise<Created> {
  for (let attempt = 0; attempt < 40; attempt++) {
    const created = await post<Created>(`${node.url}/api/workshops`, { title: 'Routed', groupCount: 2 });
    if (created.status !== 201) throw new Error(`create on ${node.name}: ${created.status}`);
    if ((await viaRest(cluster, created.body.workshopId)) === node.name) return created.body;
  }
  throw new Error(`no workshop id hashed to ${node.name} in 40 tries`);
}

it('sends every workshop id to one node, the same by REST, Socket.IO and /yjs; a node out moves only its workshops, and they come back', async () => {
  const started = Date.now();
  // A short slowstart, so that "back" is reached within the test (production: 20 s).
  const cluster = await startCluster({ env: { RATE_CREATE_PER_MINUTE: '1000' }, haproxyEnv: { DRAFTROOM_SLOWSTART: '2s' } });
  const names = cluster.nodes.map((n) => n.name);
  const timings: Record<string, number> = { started: Date.now() - started };
  const ids = Array.from({ length: IDS }, () => newId());

  const rest = await inBatches(ids, AT_ONCE, (id) => viaRest(cluster, id));
  const socketIo = await inBatches(ids, AT_ONCE, (id) => viaSocketIo(cluster, id));
  timings.restAndSocketIo = Date.now() - started;
  const yjs = await inBatches(ids, AT_ONCE, (id) => viaYjs(cluster, id));
  const again = await inBatches(ids, AT_ONCE, (id) => viaRest(cluster, id));
  expect(socketIo).toEqual(rest);
  expect(yjs).toEqual(rest);
  expect(again).toEqual(rest);
  const spread = countBy(rest);
  for (const name of names) {
    expect(spread[name], `${name}'s share of ${IDS}: ${JSON.stringify(spread)}`).toBeGreaterThanOrEqual(IDS * 0.2);
    expect(spread[name], `${name}'s share of ${IDS}: ${JSON.stringify(spread)}`).toBeLessThanOrEqual(IDS * 0.46);
  }

  // Requests that name no workshop go to any node, in turn (the second backend, round robin).
  const anywhere = await inBatches(Array.from({ length: 12 }, () => '/readyz'), 1, async (path) => cluster.servedBy((await fetch(cluster.url + path)).headers)!.name);
  expect(new Set(anywhere)).toEqual(new Set(names));
  timings.routed = Date.now() - started;

  // Stock clients through HAProxy, to workshops that exist only on the node their id hashes to:
  // any other node would refuse them (not_found), so connecting proves the routing.
  for (const node of cluster.nodes) {
    const w = await workshopOwnedBy(cluster, node);
    const joined = await post<Joined>(`${cluster.url}/api/workshops/${w.workshopId}/join`, { name: 'Ana' });
    expect(joined.status).toBe(201);
    const facilitator = await connectClient(cluster.url, { workshopId: w.workshopId, facilitatorKey: w.facilitatorKey });
    await expect.poll(() => latest(facilitator, 'facilitator:state').value?.participants.map((p) => p.name)).toEqual(['Ana']);
    const participant = await connectClient(cluster.url, { workshopId: w.workshopId, seatToken: joined.body.seatToken });
    expect(participant.connected).toBe(true);
    await syncedClient(cluster.url, w.workshopId, joined.body.groupId!, joined.body.seatToken);
  }

  // One node out: only its workshops move, over both others.
  const out = cluster.nodes[1]!;
  timings.clients = Date.now() - started;
  await cluster.stop(out);
  await cluster.waitFor(out, 'DOWN');
  timings.down = Date.now() - started;
  const during = await inBatches(ids, AT_ONCE, (id) => viaRest(cluster, id));
  const moved = ids.flatMap((_, i) => (rest[i] === out.name ? [during[i]!] : []));
  ids.forEach((id, i) => {
    if (rest[i] !== out.name) expect(during[i], `${id} stays on ${rest[i]}`).toBe(rest[i]);
  });
  expect(moved).not.toContain(out.name);
  const movedTo = countBy(moved);
  for (const name of names.filter((n) => n !== out.name)) expect(movedTo[name] ?? 0, `moved to ${name}: ${JSON.stringify(movedTo)}`).toBeGreaterThanOrEqual(moved.length * 0.2);

  // Back (after rise and slowstart): every workshop is where it was.
  await cluster.restart(out);
  timings.restarted = Date.now() - started;
  await cluster.waitFor(out, 'UP');
  timings.up = Date.now() - started;
  const after = await inBatches(ids, AT_ONCE, (id) => viaRest(cluster, id));
  expect(after).toEqual(rest);
  console.log(`routing: ${IDS} ids ${JSON.stringify(spread)}; ${out.name} out: ${moved.length} moved ${JSON.stringify(movedTo)}; ms since start: ${JSON.stringify({ ...timings, done: Date.now() - started })}`);
}, 90_000);
