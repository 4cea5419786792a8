/**
 * A Draftroom cluster for tests (issue #20): up to three real node processes behind a real HAProxy
 * running deploy/haproxy.cfg, the production file, pointed at free local ports through its
 * environment (nothing is written into deploy/). Each node has its own data directory and any env
 * on top (DATABASE_URL for the PostgreSQL store), NODE_ID = its HAProxy server name (node1...), so
 * X-Draftroom-Node names the server directly. Nodes can be stopped, killed, paused and restarted
 * for failover tests; HAProxy's view of them is read from its stats page (CSV).
 *
 * The processes themselves are bench/cluster/processes.ts (no test runner there: the cluster
 * benchmark starts the same cluster). Here, everything is killed and removed after the current
 * test (or on close() with scope 'manual', for a cluster shared by a file's tests), and when the
 * test process exits, whatever happened.
 */
import { launchCluster, type Cluster, type ClusterOptions as ProcessOptions } from '../../bench/cluster/processes';
import { onCleanup } from '../helpers';

export { HAPROXY_CONFIG, NODE_SLOTS, serversOf, type Cluster, type ClusterNode, type ServerView } from '../../bench/cluster/processes';

export interface ClusterOptions extends ProcessOptions {
  /** 'test' (default): gone after the current test; 'manual': call close() yourself (afterAll). */
  scope?: 'test' | 'manual';
}

export function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  return launchCluster(options, options.scope === 'manual' ? undefined : onCleanup);
}
