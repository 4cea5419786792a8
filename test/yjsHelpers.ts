/** Real y-websocket clients (WebsocketProvider over `ws`) for integration tests. */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { stableJson } from '../shared/stableJson';
import { onCleanup, waitFor } from './helpers';

export interface DocClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close codes the server sent, in order. */
  closes: number[];
}

/** A stock provider: `new WebsocketProvider(url + '/yjs', workshopId + '/' + groupId, doc, {params: {token}})`. */
export function docClient(url: string, workshopId: string, groupId: string, token: string, doc = new Y.Doc()): DocClient {
  const provider = new WebsocketProvider(url.replace(/^http/, 'ws') + '/yjs', `${workshopId}/${groupId}`, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
  });
  const closes: number[] = [];
  provider.on('connection-close', (event) => {
    if (event) closes.push(event.code);
  });
  onCleanup(() => {
    provider.destroy();
    doc.destroy();
  });
  return { doc, provider, closes };
}

/** A provider that has finished its first sync. */
export async function syncedClient(url: string, workshopId: string, groupId: string, token: string): Promise<DocClient> {
  const client = docClient(url, workshopId, groupId, token);
  await waitFor(() => client.provider.synced, 'sync');
  return client;
}

/** The HTTP status a raw upgrade to /yjs gets (101 when accepted). */
export function upgradeStatus(url: string, path: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url.replace(/^http/, 'ws') + path);
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('error', () => resolve(0));
  });
}

const content = (d: Y.Doc) => stableJson(d.getArray('objectives').toJSON());
const stateVector = (d: Y.Doc) => Buffer.from(Y.encodeStateVector(d)).toString('base64');

/** Same content (and same state vector, so nothing pending) in every doc. */
export function sameState(...docs: Y.Doc[]): boolean {
  return docs.every((d) => content(d) === content(docs[0]!) && stateVector(d) === stateVector(docs[0]!));
}
