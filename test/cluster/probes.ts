/**
 * Which node HAProxy sends a workshop id to, asked each way a client comes in: REST, a raw
 * Socket.IO polling handshake (`?workshop=`), a raw /yjs upgrade (refused for an unknown workshop,
 * and the refusal names the node too). And a small helper to run many of them a few at a time.
 */
import { upgradeResponse } from '../yjsHelpers';
import type { Cluster } from './harness';

function nodeName(cluster: Cluster, headers: Headers | Parameters<Cluster['servedBy']>[0], what: string): string {
  const node = cluster.servedBy(headers);
  if (!node) throw new Error(`${what}: no known X-Draftroom-Node in the answer`);
  return node.name;
}

/** `GET /api/workshops/<id>` (a 404 for an unknown id names its node all the same). */
export async function viaRest(cluster: Cluster, workshopId: string): Promise<string> {
  const res = await fetch(`${cluster.url}/api/workshops/${workshopId}`);
  await res.arrayBuffer();
  return nodeName(cluster, res.headers, `REST ${workshopId} (${res.status})`);
}

/** An Engine.IO polling handshake, as socket.io-client opens it for this workshop. */
export async function viaSocketIo(cluster: Cluster, workshopId: string): Promise<string> {
  const res = await fetch(`${cluster.url}/socket.io/?EIO=4&transport=polling&workshop=${workshopId}`);
  await res.arrayBuffer();
  return nodeName(cluster, res.headers, `Socket.IO ${workshopId} (${res.status})`);
}

/** A WebSocket upgrade to `/yjs/<id>/<group>` without credentials. */
export async function viaYjs(cluster: Cluster, workshopId: string, groupId = 'group'): Promise<string> {
  const { status, headers } = await upgradeResponse(cluster.url, `/yjs/${workshopId}/${groupId}`);
  return nodeName(cluster, headers, `/yjs ${workshopId} (${status})`);
}

/** `fn` over `items`, at most `concurrency` at a time; results in the items' order. */
export async function inBatches<T, R>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]!);
      }
    }),
  );
  return results;
}
