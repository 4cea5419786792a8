/**
 * The node's name in a cluster (issue #20): `NODE_ID`, else host name and process id. Every HTTP
 * response carries it in X-Draftroom-Node and every log line in `nodeId`, so an operator (or a
 * test) sees which node served what behind the load balancer.
 */
import { hostname } from 'node:os';

export const NODE_HEADER = 'X-Draftroom-Node';

/** What a node id may hold: it goes into a header and into logs as is. */
const NODE_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The node id from the environment; a NODE_ID that is not a plain name is refused at start. */
export function nodeIdFrom(env: NodeJS.ProcessEnv): string {
  const raw = env.NODE_ID;
  if (raw === undefined || raw === '') return `${hostname().replace(/[^A-Za-z0-9._-]/g, '').slice(0, 48) || 'node'}-${process.pid}`;
  if (!NODE_ID.test(raw)) throw new Error(`NODE_ID must be 1–64 letters, digits, '.', '_', ':' or '-', got "${raw}"`);
  return raw;
}
