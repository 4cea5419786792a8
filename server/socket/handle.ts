/**
 * The one shape of every Socket.IO request: rate limit → role check → parse → room → handler → ack.
 * Handlers are registered once, in a table shared by every socket; each socket has one catch-all
 * listener that looks the event up (a closure per event per socket costs ~1 KB per participant).
 */
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
}

export interface Context {
  room: WorkshopRoom;
  now: number;
  participantId: string | null;
  /** Runs after the acknowledgement is sent (e.g. deleting the workshop closes this socket). */
  afterAck(fn: () => void): void;
}

export type Handler<S extends z.ZodType> = (payload: z.infer<S>, ctx: Context) => Result<unknown>;

interface Route {
  schema: z.ZodType;
  role: Role | 'any';
  fn: Handler<z.ZodType>;
}

/** Event name → its route. */
export type Routes = ReadonlyMap<string, Route>;

/** Adds the handler of `event`, for sockets of `role` ('any': both). */
export type Register = <S extends z.ZodType>(
  event: keyof ClientToServerEvents,
  schema: S,
  role: Role | 'any',
  fn: Handler<S>,
) => void;

/** Collapses any successful result to `null` data. */
export const unit = (r: Result<unknown>): Result<null> => (r.ok ? ok(null) : r);

/** Builds the route table: `define` registers every handler with `on`. */
export function routeTable(define: (on: Register) => void): Routes {
  const routes = new Map<string, Route>();
  define((event, schema, role, fn) => {
    if (routes.has(event)) throw new Error(`two handlers for ${event}`);
    routes.set(event, { schema, role, fn: fn as Handler<z.ZodType> });
  });
  return routes;
}

/**
 * Handles one request of `socket`: `args` as Socket.IO passes them to a catch-all listener (the
 * payload, then the acknowledgement callback when the client asked for one).
 */
export function handleRequest(
  routes: Routes,
  deps: HandlerDeps,
  socket: AppSocket,
  /** This connection's request budget. */
  budget: { take(now: number): boolean },
  event: string,
  args: unknown[],
): void {
  const ack = args.at(-1);
  const reply = typeof ack === 'function' ? (ack as (r: Result<unknown>) => void) : () => {};
  try {
    dispatch(routes, deps, socket, budget, event, args, reply);
  } catch (error) {
    // Anything thrown here would reach Socket.IO's event emitter: logged and answered instead.
    deps.log(`workshop ${socket.data.workshopId}: request ${String(event).slice(0, 40)} failed`, error);
    reply(fail('internal', 'Something went wrong on the server.'));
  }
}

function dispatch(
  routes: Routes,
  deps: HandlerDeps,
  socket: AppSocket,
  budget: { take(now: number): boolean },
  event: string,
  args: unknown[],
  reply: (r: Result<unknown>) => void,
): void {
  const found = routes.get(event);
  if (!found) {
    reply(fail('not_found', `Unknown request "${String(event).slice(0, 40)}".`));
    return;
  }
  if (!budget.take(deps.now())) {
    reply(fail('rate_limited', 'Too many requests; slow down a little.'));
    return;
  }
  if (found.role !== 'any' && socket.data.role !== found.role) {
    reply(fail('forbidden', found.role === 'facilitator' ? 'Only the facilitator can do that.' : 'Only participants can do that.'));
    return;
  }
  const parsed = parsePayload(found.schema, typeof args[0] === 'function' ? undefined : args[0]);
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
  reply(found.fn(parsed.data, { room, now, participantId: socket.data.participantId, afterAck: (f) => later.push(f) }));
  for (const f of later) f();
}
