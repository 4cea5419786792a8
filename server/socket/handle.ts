/**
 * The one shape of every Socket.IO request: rate limit → role check → parse → room → handler → ack.
 * Who may send a request and its schema come from the table in shared/requests.ts; handlers are one
 * object shared by every socket, and each socket has one catch-all listener that looks the event up
 * (a closure per event per socket costs ~1 KB per participant).
 */
import { REQUESTS, isRequestEvent, type ParsedPayload, type RequestEvent, type RequestReply, type RequestRoleOf } from '../../shared/requests';
import { fail, ok, type Result } from '../../shared/result';
import { parsePayload } from '../../shared/schemas';
import { OwnedElsewhere } from '../cluster/ownership';
import type { WorkshopRegistry } from '../rooms/WorkshopRegistry';
import type { WorkshopRoom } from '../rooms/WorkshopRoom';
import type { Log } from '../guard';
import type { AppSocket } from './types';

export interface HandlerDeps {
  registry: WorkshopRegistry;
  now: () => number;
  log: Log;
}

export interface Context<E extends RequestEvent = RequestEvent> {
  room: WorkshopRoom;
  now: number;
  /** The sender's seat: always one for participant requests, never for facilitator ones. */
  participantId: RequestRoleOf<E> extends 'participant' ? string : RequestRoleOf<E> extends 'facilitator' ? null : string | null;
  /** Runs after the acknowledgement is sent (e.g. deleting the workshop closes this socket). */
  afterAck(fn: () => void): void;
}

/** Handles request `E` once its sender's role was checked and its payload parsed (a write resolves once committed). */
export type Handler<E extends RequestEvent> = (payload: ParsedPayload<E>, ctx: Context<E>) => Result<RequestReply<E>> | Promise<Result<RequestReply<E>>>;

/** One handler per request of the table: a missing or mistyped one does not compile. */
export type Handlers = { [E in RequestEvent]: Handler<E> };

/** Collapses any successful result to `null` data. */
export const unit = async (r: Result<unknown> | Promise<Result<unknown>>): Promise<Result<null>> => {
  const done = await r;
  return done.ok ? ok(null) : done;
};

/** Each socket's requests are handled one after another, in the order they came (as they were when handling never waited). */
const queues = new WeakMap<AppSocket, Promise<void>>();

/**
 * Handles one request of `socket`: `args` as Socket.IO passes them to a catch-all listener (the
 * payload, then the acknowledgement callback when the client asked for one).
 */
export function handleRequest(
  handlers: Handlers,
  deps: HandlerDeps,
  socket: AppSocket,
  /** This connection's request budget. */
  budget: { take(now: number): boolean },
  event: string,
  args: unknown[],
): void {
  const ack = args.at(-1);
  const reply = typeof ack === 'function' ? (ack as (r: Result<unknown>) => void) : () => {};
  const handled = (queues.get(socket) ?? Promise.resolve()).then(dispatch).catch((error: unknown) => {
    // Anything thrown here would reach Socket.IO's event emitter: logged once and answered
    // instead. A store that failed changed nothing: the request may be sent again.
    deps.log(`request ${String(event).slice(0, 40)} failed`, error, { workshopId: socket.data.workshopId, participantId: socket.data.participantId });
    reply(fail('internal', 'Something went wrong on the server; nothing was changed, please try again.'));
  });
  queues.set(socket, handled);

  async function dispatch(): Promise<void> {
    if (!isRequestEvent(event)) {
      reply(fail('not_found', `Unknown request "${String(event).slice(0, 40)}".`));
      return;
    }
    if (!budget.take(deps.now())) {
      reply(fail('rate_limited', 'Too many requests; slow down a little.'));
      return;
    }
    const { role, schema } = REQUESTS[event];
    if (role !== 'anyone' && socket.data.role !== role) {
      reply(fail('forbidden', role === 'facilitator' ? 'Only the facilitator can do that.' : 'Only participants can do that.'));
      return;
    }
    const parsed = parsePayload(schema, typeof args[0] === 'function' ? undefined : args[0]);
    if (!parsed.ok) {
      reply(parsed);
      return;
    }
    const now = deps.now();
    const room = await deps.registry.get(socket.data.workshopId, now).catch((error: unknown) => {
      if (error instanceof OwnedElsewhere) return 'elsewhere' as const;
      throw error;
    });
    if (room === 'elsewhere') {
      reply(fail('unavailable', 'This workshop is moving to another server; try again in a moment.'));
      return;
    }
    if (!room) {
      reply(fail('not_found', 'This workshop no longer exists.'));
      return;
    }
    const later: Array<() => void> = [];
    // The table and the role check above make payload and context fit the handler of `event`.
    const handler = handlers[event] as (payload: unknown, ctx: Context) => Result<unknown> | Promise<Result<unknown>>;
    reply(await handler(parsed.data, { room, now, participantId: socket.data.participantId, afterAck: (f) => later.push(f) }));
    for (const f of later) f();
  }
}
