/** The Socket.IO server: handshake authentication, rooms per audience, initial views. */
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import { parsePayload, SocketAuth } from '../../shared/schemas';
import { facilitatorView, groupMembers, groupSummaries, workshopHeader } from '../../shared/views';
import type { WorkshopRegistry } from '../rooms/WorkshopRegistry';
import { originAllowed, TokenBucket } from '../security';
import { coachingHandlers, type CoachingHandlerDeps } from './coachingHandlers';
import { commentHandlers, type CommentDeps } from './commentHandlers';
import { docHandlers, type DocDeps } from './docHandlers';
import { handleRequest, type Handlers } from './handle';
import { sessionHandlers } from './sessionHandlers';
import { workshopHandlers } from './workshopHandlers';
import { roomOf, type AppSocket, type IO } from './types';

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

type AuthError = Error & { data?: { code: string } };

export function attachSocketHandlers(io: IO, registry: WorkshopRegistry, deps: CommentDeps & DocDeps & CoachingHandlerDeps): void {
  // Typed from the request table: a request without its handler does not compile.
  const handlers: Handlers = { ...workshopHandlers(deps), ...sessionHandlers(), ...commentHandlers(deps), ...docHandlers(deps), ...coachingHandlers(deps) };
  // Engine.IO keeps each connection's first HTTP request for its whole life, on the connection
  // and (for a WebSocket upgrade) on the response object its socket's 'close' listener holds;
  // we need nothing from it after the handshake, and it is a few KB per participant.
  const responses = new WeakMap<object, { req: unknown }>();
  io.engine.use((req: object, res: { req: unknown }, next: () => void) => {
    responses.set(req, res);
    next();
  });
  io.engine.on('connection', (raw: { request: object | null }) => {
    const res = raw.request && responses.get(raw.request);
    if (res) res.req = null;
    raw.request = null;
  });
  io.use((socket, next) => {
    const refuse = (code: string, message: string) => {
      const error: AuthError = new Error(message);
      error.data = { code };
      next(error);
    };
    try {
      authenticate(socket, refuse, next);
    } catch (error) {
      deps.log('Socket.IO handshake failed', error);
      refuse('internal', 'Something went wrong on the server.');
    }
  });
  const authenticate = (socket: AppSocket, refuse: (code: string, message: string) => void, next: () => void) => {
    const auth = parsePayload(SocketAuth, socket.handshake.auth);
    if (!auth.ok) return refuse(auth.error.code, auth.error.message);
    if (auth.data.protocolVersion !== PROTOCOL_VERSION) {
      return refuse('version_mismatch', 'Please reload the page: the app was updated.');
    }
    const credential = 'seatToken' in auth.data ? { seatToken: auth.data.seatToken } : { facilitatorKey: auth.data.facilitatorKey };
    const session = registry.authenticate(auth.data.workshopId, credential, deps.now());
    if (!session.ok) return refuse(session.error.code, session.error.message);
    socket.data = { workshopId: auth.data.workshopId, role: session.data.role, participantId: session.data.participantId };
    next();
  };

  io.on('connection', (socket: AppSocket) => {
    try {
      welcome(socket);
    } catch (error) {
      deps.log(`workshop ${socket.data.workshopId}: setting up a Socket.IO connection failed`, error);
      socket.disconnect(true);
    }
  });
  const welcome = (socket: AppSocket) => {
    const { workshopId, participantId } = socket.data;
    const room = registry.get(workshopId, deps.now());
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
    socket.on('disconnect', () => {
      try {
        registry.get(workshopId, deps.now())?.disconnect(participantId, deps.now());
      } catch (error) {
        deps.log(`workshop ${workshopId}: a disconnect failed`, error);
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
