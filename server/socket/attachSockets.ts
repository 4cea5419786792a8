/**
 * The Socket.IO server: handshake authentication, rooms per audience, initial views. The handshake
 * names its workshop twice: in `auth` (what the server trusts) and in the query (what a load
 * balancer routes by, see WORKSHOP_QUERY); the two must agree.
 */
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { PROTOCOL_VERSION, WORKSHOP_QUERY } from '../../shared/protocol';
import { parsePayload, SocketAuth } from '../../shared/schemas';
import { facilitatorView, groupMembers, groupSummaries, workshopHeader } from '../../shared/views';
import type { Logger } from '../log';
import type { WorkshopRegistry } from '../rooms/WorkshopRegistry';
import { originAllowed, TokenBucket } from '../security';
import { coachingHandlers, type CoachingHandlerDeps } from './coachingHandlers';
import { commentHandlers, type CommentDeps } from './commentHandlers';
import { docHandlers, type DocDeps } from './docHandlers';
import { handleRequest, type Handlers } from './handle';
import { sessionHandlers } from './sessionHandlers';
import { workshopHandlers } from './workshopHandlers';
import { roomOf, type AppSocket, type IO } from './types';
import { OwnedElsewhere } from '../cluster/ownership';
import { INTERNAL_RETRY_AFTER_SECONDS } from '../http/errors';

/** Socket.IO requests per second per connection (bursts allowed); past it: `rate_limited`. */
export const SOCKET_EVENTS_PER_SECOND = 20;
export const SOCKET_EVENT_BURST = 40;

/** Largest Socket.IO message accepted (bytes). */
export const SOCKET_MAX_MESSAGE_BYTES = 64 * 1024;

export function createSocketServer(http: HttpServer, allowedOrigins: readonly string[]): IO {
  return new Server(http, {
    // Browsers must come from this origin (or the allow-list); see originAllowed.
    allowRequest: (req, callback) => callback(null, originAllowed(req, allowedOrigins)),
    serveClient: false,
    // Leave other upgrades (the /yjs endpoint) alone instead of destroying them after a timeout.
    destroyUpgrade: false,
    maxHttpBufferSize: SOCKET_MAX_MESSAGE_BYTES,
    perMessageDeflate: false,
    pingInterval: 10_000,
    pingTimeout: 5_000,
  });
}

type AuthError = Error & { data?: { code: string; retryAfterMs?: number } };

export function attachSocketHandlers(io: IO, registry: WorkshopRegistry, deps: CommentDeps & DocDeps & CoachingHandlerDeps & { logger: Logger }): void {
  // Typed from the request table: a request without its handler does not compile.
  const handlers: Handlers = { ...workshopHandlers(deps), ...sessionHandlers(), ...commentHandlers(deps), ...docHandlers(deps), ...coachingHandlers(deps) };
  // Engine.IO keeps each connection's first HTTP request for its whole life, on the connection
  // and (for a WebSocket upgrade) on the response object its socket's 'close' listener holds;
  // we need nothing from it after the handshake, and it is a few KB per participant.
  const responses = new WeakMap<object, { req: unknown }>();
  // The one thing kept from that request: the workshop its query names (socket.handshake.query is
  // empty by the time the handshake is authenticated, since the request is gone).
  const queried = new WeakMap<object, unknown>();
  io.engine.use((req: object, res: { req: unknown }, next: () => void) => {
    responses.set(req, res);
    next();
  });
  io.engine.on('connection', (raw: { request: { _query?: Record<string, unknown> } | null }) => {
    queried.set(raw, raw.request?._query?.[WORKSHOP_QUERY]);
    const res = raw.request && responses.get(raw.request);
    if (res) res.req = null;
    raw.request = null;
  });
  io.use((socket, next) => {
    // `workshopId` only once the registry knows the workshop: an unknown id could be anything a client sent.
    const refuse = (code: string, message: string, workshopId?: string, retryAfterMs?: number) => {
      deps.logger.info({ workshopId, code }, 'Socket.IO handshake refused');
      const error: AuthError = new Error(message);
      error.data = retryAfterMs === undefined ? { code } : { code, retryAfterMs };
      next(error);
    };
    authenticate(socket, refuse, next).catch((error: unknown) => {
      // Another node holds the workshop: `unavailable` (with retryAfterMs), the client tries again.
      if (error instanceof OwnedElsewhere) return refuse('unavailable', 'This workshop is served by another server right now; try again in a moment.', error.workshopId, error.retryAfterMs);
      deps.log('Socket.IO handshake failed', error);
      refuse('internal', 'Something went wrong on the server; try again in a moment.', undefined, INTERNAL_RETRY_AFTER_SECONDS * 1000);
    });
  });
  const authenticate = async (socket: AppSocket, refuse: (code: string, message: string, workshopId?: string, retryAfterMs?: number) => void, next: () => void) => {
    const auth = parsePayload(SocketAuth, socket.handshake.auth);
    if (!auth.ok) return refuse(auth.error.code, auth.error.message);
    if (auth.data.protocolVersion !== PROTOCOL_VERSION) {
      return refuse('version_mismatch', 'Please reload the page: the app was updated.');
    }
    // A connection routed by one workshop id and authenticated for another would reach the wrong node.
    if (queried.get(socket.conn) !== auth.data.workshopId) {
      return refuse('invalid_payload', `The connection's query must name its workshop: ?${WORKSHOP_QUERY}=<workshopId>, as in auth.`);
    }
    const credential = 'seatToken' in auth.data ? { seatToken: auth.data.seatToken } : { facilitatorKey: auth.data.facilitatorKey };
    const session = await registry.authenticate(auth.data.workshopId, credential, deps.now());
    if (!session.ok) return refuse(session.error.code, session.error.message, session.error.code === 'not_found' ? undefined : auth.data.workshopId);
    socket.data = { workshopId: auth.data.workshopId, role: session.data.role, participantId: session.data.participantId };
    next();
  };

  io.on('connection', (socket: AppSocket) => {
    try {
      welcome(socket);
    } catch (error) {
      deps.log('setting up a Socket.IO connection failed', error, { workshopId: socket.data.workshopId, participantId: socket.data.participantId });
      socket.disconnect(true);
    }
  });
  const welcome = (socket: AppSocket) => {
    const { workshopId, participantId } = socket.data;
    // Loaded by the handshake just before (a room leaves memory only when nobody is connected).
    const room = registry.loaded(workshopId, deps.now());
    if (!room) {
      socket.disconnect(true);
      return;
    }
    if (participantId !== null && !room.participant(participantId)) {
      socket.disconnect(true);
      return;
    }
    // Count the connection first so the roster this socket receives already shows it online.
    room.connect(participantId, deps.now());
    deps.logger.debug({ workshopId, participantId, role: socket.data.role }, 'Socket.IO connected');
    socket.on('disconnect', (reason) => {
      deps.logger.debug({ workshopId, participantId, reason }, 'Socket.IO disconnected');
      try {
        registry.loaded(workshopId, deps.now())?.disconnect(participantId, deps.now());
      } catch (error) {
        deps.log('a disconnect failed', error, { workshopId, participantId });
      }
    });
    void socket.join(roomOf.workshop(workshopId));
    if (participantId === null) {
      void socket.join(roomOf.facilitators(workshopId));
      socket.emit('facilitator:state', facilitatorView(room.state, room.isOnline));
    } else {
      const seat = room.participant(participantId)!;
      void socket.join(roomOf.participant(workshopId, participantId));
      socket.emit('seat:updated', { participantId, name: seat.name, groupId: seat.groupId });
      socket.emit('workshop:meta', workshopHeader(room.state));
      socket.emit('workshop:groups', groupSummaries(room.state));
      if (seat.groupId !== null) {
        void socket.join(roomOf.group(workshopId, seat.groupId));
        socket.emit('group:members', groupMembers(room.state, seat.groupId, room.isOnline));
      }
      const board = deps.coaching.board(room);
      if (board) socket.emit('board:content', board);
    }
    // One budget per connection for all requests: a burst is fine, a flood is refused.
    const bucket = new TokenBucket(SOCKET_EVENTS_PER_SECOND, SOCKET_EVENT_BURST, deps.now());
    socket.onAny((event: string, ...args: unknown[]) => handleRequest(handlers, deps, socket, bucket, event, args));
  };
}
