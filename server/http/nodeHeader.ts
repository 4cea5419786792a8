/**
 * X-Draftroom-Node on what this node answers over HTTP: Express's responses, Engine.IO's polling
 * responses and WebSocket handshakes (/yjs does its own, see YjsGateway). Operators and tests read
 * it to see which node behind the load balancer served a request.
 */
import type { Server as HttpServer } from 'node:http';
import { NODE_HEADER } from '../nodeId';
import type { IO } from '../socket/types';

/** Call after Socket.IO is attached: it wraps the server's request listeners, and this must run before its own. */
export function stampNodeHeader(http: HttpServer, io: IO, nodeId: string): void {
  http.prependListener('request', (_req, res) => res.setHeader(NODE_HEADER, nodeId));
  // Engine.IO's WebSocket handshake (101) is written by ws, without a response object.
  io.engine.on('headers', (headers: Record<string, string>) => {
    headers[NODE_HEADER] = nodeId;
  });
}
