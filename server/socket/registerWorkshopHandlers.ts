/** Workshop control over Socket.IO: parse → call the room → ack. Broadcasting is the publisher's job. */
import type { z } from 'zod';
import type { ClientToServerEvents, Role } from '../../shared/protocol';
import { fail, ok, type Result } from '../../shared/result';
import {
  AddGroupPayload,
  EmptyPayload,
  GroupRefPayload,
  MoveParticipantPayload,
  ParticipantRefPayload,
  parsePayload,
  RenameGroupPayload,
  SetPhasePayload,
} from '../../shared/schemas';
import type { WorkshopRegistry } from '../rooms/WorkshopRegistry';
import type { WorkshopRoom } from '../rooms/WorkshopRoom';
import { newId } from '../tokens';
import type { AppSocket } from './types';

export interface HandlerDeps {
  registry: WorkshopRegistry;
  now: () => number;
  log: (message: string, error?: unknown) => void;
}

interface Context {
  room: WorkshopRoom;
  now: number;
  participantId: string | null;
  /** Runs after the acknowledgement is sent (e.g. deleting the workshop closes this socket). */
  afterAck(fn: () => void): void;
}

type Handler<S extends z.ZodType> = (payload: z.infer<S>, ctx: Context) => Result<unknown>;

export function registerWorkshopHandlers(socket: AppSocket, deps: HandlerDeps): void {
  const on = <S extends z.ZodType>(event: keyof ClientToServerEvents, schema: S, role: Role | 'any', fn: Handler<S>) =>
    handle(socket, deps, event, schema, role, fn);
  const unit = (r: Result<unknown>): Result<null> => (r.ok ? ok(null) : r);

  on('group:choose', GroupRefPayload, 'participant', (p, { room, now, participantId }) =>
    unit(room.dispatch({ type: 'chooseGroup', participantId: participantId!, groupId: p.groupId }, now)),
  );
  on('group:rename', RenameGroupPayload, 'facilitator', (p, { room, now }) =>
    unit(room.dispatch({ type: 'renameGroup', groupId: p.groupId, name: p.name }, now)),
  );
  on('group:add', AddGroupPayload, 'facilitator', (p, { room, now }) => {
    const groupId = newId();
    const r = room.dispatch({ type: 'addGroup', groupId, ...(p.name ? { name: p.name } : {}) }, now);
    return r.ok ? ok({ groupId }) : r;
  });
  on('group:remove', GroupRefPayload, 'facilitator', (p, { room, now }) =>
    unit(room.dispatch({ type: 'removeGroup', groupId: p.groupId }, now)),
  );
  on('participant:move', MoveParticipantPayload, 'facilitator', (p, { room, now }) =>
    unit(room.dispatch({ type: 'move', participantId: p.participantId, groupId: p.groupId }, now)),
  );
  on('participant:remove', ParticipantRefPayload, 'facilitator', (p, { room, now }) =>
    unit(deps.registry.removeParticipant(room, p.participantId, now)),
  );
  on('groups:balance', EmptyPayload, 'facilitator', (_p, { room, now }) =>
    unit(room.dispatch({ type: 'balance' }, now)),
  );
  on('groups:shuffle', EmptyPayload, 'facilitator', (_p, { room, now }) =>
    unit(room.dispatch({ type: 'shuffle', seed: Math.floor(Math.random() * 2 ** 32) }, now)),
  );
  on('phase:set', SetPhasePayload, 'facilitator', (p, { room, now }) =>
    unit(room.dispatch({ type: 'setPhase', phase: p.phase }, now)),
  );
  on('workshop:delete', EmptyPayload, 'facilitator', (_p, { room, afterAck }) => {
    afterAck(() => deps.registry.delete(room));
    return ok(null);
  });
}

function handle<S extends z.ZodType>(
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
