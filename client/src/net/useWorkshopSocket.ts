/** One typed Socket.IO connection per page, with its connection state and a typed request helper. */
import { useEffect, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, socketQuery, type ClientToServerEvents, type ServerToClientEvents } from '../../../shared/protocol';
import type { RequestEvent, RequestPayload, RequestReply } from '../../../shared/requests';
import type { ErrorCode, Result } from '../../../shared/result';
import { clientError, localizeError } from './localizeError';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'refused';

export type Credential = { seatToken: string } | { facilitatorKey: string };

export interface WorkshopSocket {
  socket: ClientSocket | null;
  state: ConnectionState;
  /** Why the server refused the connection, when state is 'refused'. */
  refusal: ErrorCode | null;
}

/** Refusals that pass on their own (a workshop moving between servers, a store out of reach): retried. */
const RETRY_CODES = new Set<ErrorCode>(['unavailable', 'internal']);

/** Connects with a seat token or facilitator key; `credential` null stays disconnected. */
export function useWorkshopSocket(workshopId: string, credential: Credential | null): WorkshopSocket {
  const [socket, setSocket] = useState<ClientSocket | null>(null);
  const [state, setState] = useState<ConnectionState>('connecting');
  const [refusal, setRefusal] = useState<ErrorCode | null>(null);
  const key = credential ? JSON.stringify(credential) : null;

  useEffect(() => {
    if (!credential) return;
    const s: ClientSocket = io({
      transports: ['websocket'],
      // The load balancer routes by the query (it cannot see `auth`).
      query: socketQuery(workshopId),
      auth: { protocolVersion: PROTOCOL_VERSION, workshopId, ...credential },
    });
    setState('connecting');
    setRefusal(null);
    let retry: ReturnType<typeof setTimeout> | undefined;
    s.on('connect', () => setState('connected'));
    s.on('disconnect', (reason) => {
      // A server-side disconnect is deliberate (removed, deleted): don't pretend we will be back.
      setState(reason === 'io server disconnect' ? 'refused' : 'reconnecting');
    });
    s.on('connect_error', (err: Error & { data?: { code?: ErrorCode; retryAfterMs?: number } }) => {
      const code = err.data?.code;
      if (code && RETRY_CODES.has(code)) {
        // Another server is taking the workshop over, or the store is out of reach: try again shortly.
        setState('reconnecting');
        clearTimeout(retry);
        retry = setTimeout(() => s.connect(), (err.data?.retryAfterMs ?? 1000) * (0.5 + Math.random()));
      } else if (code) {
        setRefusal(code);
        setState('refused');
        s.disconnect();
      } else {
        setState('reconnecting');
      }
    });
    setSocket(s);
    return () => {
      clearTimeout(retry);
      s.disconnect();
      setSocket(null);
    };
    // `key` is `credential` by value: callers pass a new object each render, which must not reconnect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [workshopId, key]);

  return { socket, state, refusal };
}

/** Emits a request (typed from the request table) and resolves with the server's Result (or a timeout error). */
export function request<E extends RequestEvent>(
  socket: ClientSocket | null,
  event: E,
  payload: RequestPayload<E>,
): Promise<Result<RequestReply<E>>> {
  if (!socket || !socket.connected) {
    return Promise.resolve({ ok: false, error: clientError('notConnected') });
  }
  return new Promise((resolve) => {
    // Socket.IO's emit types cannot follow a generic event name; the signature above holds the types.
    (socket.timeout(10_000).emit as (e: E, p: RequestPayload<E>, ack: (err: Error | null, r: Result<RequestReply<E>>) => void) => void)(
      event,
      payload,
      (err, result) => resolve(err ? { ok: false, error: clientError('noAnswer') } : result.ok ? result : { ok: false, error: localizeError(result.error) }),
    );
  });
}

/** Subscribes to a server event for the lifetime of the component. */
export function useServerEvent<E extends keyof ServerToClientEvents>(
  socket: ClientSocket | null,
  event: E,
  handler: ServerToClientEvents[E],
): void {
  useEffect(() => {
    if (!socket) return;
    const on = socket.on as (e: string, h: unknown) => void;
    const off = socket.off as (e: string, h: unknown) => void;
    on.call(socket, event, handler);
    return () => off.call(socket, event, handler);
  }, [socket, event, handler]);
}
