/** Real y-websocket clients (WebsocketProvider over `ws`) for integration tests. */
import type { IncomingHttpHeaders } from 'node:http';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as syncProtocol from 'y-protocols/sync';
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
export async function upgradeStatus(url: string, path: string): Promise<number> {
  return (await upgradeResponse(url, path)).status;
}

/** The status (101 when accepted, 0 when the connection failed) and headers of a raw WebSocket upgrade to `path`. */
export function upgradeResponse(url: string, path: string): Promise<{ status: number; headers: IncomingHttpHeaders }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url.replace(/^http/, 'ws') + path);
    let headers: IncomingHttpHeaders = {};
    ws.on('upgrade', (res) => (headers = res.headers));
    ws.on('open', () => {
      ws.close();
      resolve({ status: 101, headers });
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
      ws.terminate();
    });
    ws.on('error', () => resolve({ status: 0, headers: {} }));
  });
}

const content = (d: Y.Doc) => stableJson(d.getArray('objectives').toJSON());
const stateVector = (d: Y.Doc) => Buffer.from(Y.encodeStateVector(d)).toString('base64');

/** Same content (and same state vector, so nothing pending) in every doc. */
export function sameState(...docs: Y.Doc[]): boolean {
  return docs.every((d) => content(d) === content(docs[0]!) && stateVector(d) === stateVector(docs[0]!));
}

/** A sync step 1 with an empty state vector: the server answers with a sync step 2 (the whole document). */
function probe(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeSyncStep1(encoder, new Y.Doc());
  return encoding.toUint8Array(encoder);
}

/** Whether a message from the server is a sync step 2 (sent only in answer to a sync step 1). */
function isSyncStep2(data: WebSocket.RawData | ArrayBuffer): boolean {
  const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : Array.isArray(data) ? Buffer.concat(data) : new Uint8Array(data);
  const decoder = decoding.createDecoder(bytes);
  return decoding.readVarUint(decoder) === 0 && decoding.readVarUint(decoder) === syncProtocol.messageYjsSyncStep2;
}

/**
 * A round trip on one /yjs connection: sends a sync step 1 and waits for the sync step 2 that
 * answers it. The server handles a connection's messages in order and queues its replies behind
 * what it already queued for that connection, so by then everything sent earlier on `ws` has been
 * handled and everything the server sent this connection before has arrived. Resolves with
 * `closed: code` instead when the server closes the connection first (it answers nothing after a
 * close). The connection must have had its own sync step 2 already (a synced provider, or a raw
 * socket that never sent a sync step 1).
 */
export function yjsRoundTrip(ws: WebSocket, timeoutMs = 5000): Promise<{ closed: number | null }> {
  if (ws.readyState !== WebSocket.OPEN) return Promise.reject(new Error(`round trip on a socket in state ${ws.readyState}`));
  return new Promise((resolve, reject) => {
    const done = (outcome: { closed: number | null } | Error) => {
      clearTimeout(timer);
      ws.off('message', onMessage);
      ws.off('close', onClose);
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const onMessage = (data: WebSocket.RawData) => {
      if (isSyncStep2(data)) done({ closed: null });
    };
    const onClose = (code: number) => done({ closed: code });
    const timer = setTimeout(() => done(new Error('no answer to a sync step 1')), timeoutMs);
    ws.on('message', onMessage);
    ws.on('close', onClose);
    ws.send(probe());
  });
}

/** A round trip on a provider's connection (see yjsRoundTrip); fails if the server closed it instead. */
export async function docBarrier(client: DocClient): Promise<void> {
  if (!client.provider.synced || !client.provider.ws) throw new Error('docBarrier needs a synced, connected provider');
  const { closed } = await yjsRoundTrip(client.provider.ws as unknown as WebSocket);
  if (closed !== null) throw new Error(`the server closed the connection (${closed})`);
}
