/**
 * The failover levers of the cluster harness against the real HAProxy config: a paused node
 * (SIGSTOP) is marked DOWN and its open WebSockets are cut (on-marked-down shutdown-sessions, so
 * clients reconnect at once); resumed, it comes back UP; a killed node's workshops are answered by
 * another node at once (retries + redispatch), before and after HAProxy marks it DOWN.
 */
import { expect, it } from 'vitest';
import { connectClient, post, waitFor, type Created } from '../helpers';
import { startCluster } from './harness';
import { viaRest } from './probes';

it('pause → DOWN with its tunnels cut, resume → UP; kill → its workshops answered elsewhere at once', async () => {
  const cluster = await startCluster({ nodes: 2, haproxyEnv: { DRAFTROOM_SLOWSTART: '1s' } });
  const [a, b] = cluster.nodes as [(typeof cluster.nodes)[number], (typeof cluster.nodes)[number]];
  // A workshop on a's disk whose id hashes to a, with a facilitator connected through HAProxy.
  const w = await waitFor(async () => {
    const created = await post<Created>(`${a.url}/api/workshops`, { title: 'Paused', groupCount: 1 });
    return (await viaRest(cluster, created.body.workshopId)) === a.name ? created.body : null;
  }, 'a workshop hashed to node1');
  const socket = await connectClient(cluster.url, { workshopId: w.workshopId, facilitatorKey: w.facilitatorKey });
  let disconnected: string | null = null;
  socket.on('disconnect', (reason) => (disconnected = reason));

  cluster.pause(a);
  await cluster.waitFor(a, 'DOWN');
  // Cut by HAProxy when it marked the node down: its log says D (killed: server down) for that session.
  await waitFor(() => disconnected, 'the WebSocket cut');
  await waitFor(() => cluster.haproxyOutput.join('').split('\n').some((l) => l.includes(`workshop=${w.workshopId}`) && / D[-A-Z]{3} /.test(l)), 'a D termination in the access log');
  expect(await viaRest(cluster, w.workshopId)).toBe(b.name);
  cluster.resume(a);
  await cluster.waitFor(a, 'UP');
  expect(await viaRest(cluster, w.workshopId)).toBe(a.name);

  await cluster.kill(a);
  // Whether or not HAProxy has marked it DOWN yet: answered by b, never a 503.
  const res = await fetch(`${cluster.url}/api/workshops/${w.workshopId}`);
  expect(res.status).toBe(404);
  expect(cluster.servedBy(res.headers)?.name).toBe(b.name);
  await cluster.waitFor(a, 'DOWN');
  expect(await cluster.stop(b)).toBe(0);
}, 60_000);
