/** The one shape of every Socket.IO request handler: role check → parse → room → handler → ack. */
import type { z } from 'zod';
import type { ClientToServerEvents, Role } from '../../shared/protocol';
import { fail, ok, type Result } from '../../shared/result';
import { parsePayload } from '../../shared/schemas';
import type { WorkshopRegistry } from '../rooms/WorkshopRegistry';
import type { WorkshopRoom } from '../rooms/WorkshopRoom';
import type { AppSocket } from './types';

export interface HandlerDeps {
  registry: WorkshopRegistry;
  now: () => number;
  log: (message: string, error?: unknown) => void;
  /** This connection's rate limit: false when it sends requests too fast. */
  allow?: () => boolean;
}

export interface Context {
  room: WorkshopRoom;
  now: number;
  participantId: string | null;
  /** Runs after the acknowledgement is sent (e.g. deleting the workshop closes this socket). */
  afterAck(fn: () => void): void;
}

export type Handler<S extends z.ZodType> = (payload: z.infer<S>, ctx: Context) => Result<unknown>;

/** `on` bound to one socket. */
export type Register = <S extends z.ZodType>(
  event: keyof ClientToServerEvents,
  schema: S,
  role: Role | 'any',
  fn: Handler<S>,
) => void;

/** Collapses any successful result to `null` data. */
export const unit = (r: Result<unknown>): Result<null> => (r.ok ? ok(null) : r);

/** Registers `fn` for `event`, for sockets of `role` ('any': both). */
export function on<S extends z.ZodType>(
  socket: AppSocket,
  deps: HandlerDeps,
  event: string,
  schema: S,
  role: Role | 'any',
  fn: Handler<S>,
): void {
  // Typed per event in shared/protocol.ts; registered loosely here because every handler has the same shape.
  (socket as unknown as { on(e: string, cb: (p: unknown, a: unknown) => void): void }).on(event, (payload, ack) => {
    const reply = typeof ack === 'function' ? (ack as (r: Result<unknown>) => void) : () => {};
    if (deps.allow && !deps.allow()) {
      reply(fail('rate_limited', 'Too many requests; slow down a little.'));
      return;
    }
    if (role !== 'any' && socket.data.role !== role) {
      reply(fail('forbidden', role === 'facilitator' ? 'Only the facilitator can do that.' : 'Only participants can do that.'));
      return;
    }
    const parsed = parsePayload(schema, payload);
    if (!parsed.ok) {
      reply(parsed);
      return;
    }
    const now = deps.now();
    const room = deps.registry.get(socket.data.workshopId, now);
    if (!room) {
      reply(fail('not_found', 'This workshop no longer exists.'));
      return;
    }
    const later: Array<() => void> = [];
    try {
      reply(fn(parsed.data, { room, now, participantId: socket.data.participantId, afterAck: (f) => later.push(f) }));
    } catch (error) {
      deps.log(`handler ${event} failed`, error);
      reply(fail('internal', 'Something went wrong on the server.'));
      return;
    }
    for (const f of later) f();
  });
}
