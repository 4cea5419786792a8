/** Workshop control over Socket.IO: call the room → ack. Broadcasting is the publisher's job. */
import { ok } from '../../shared/result';
import { newId } from '../tokens';
import { unit, type HandlerDeps, type Handlers } from './handle';

/** Handlers of the workshop-control requests; their payload, role and reply types come from the request table. */
export function workshopHandlers(deps: HandlerDeps) {
  return {
    'group:choose': (p, { room, now, participantId }) =>
      unit(room.dispatch({ type: 'chooseGroup', participantId, groupId: p.groupId }, now)),
    'group:rename': (p, { room, now }) => unit(room.dispatch({ type: 'renameGroup', groupId: p.groupId, name: p.name }, now)),
    'group:add': async (p, { room, now }) => {
      const groupId = newId();
      const r = await room.dispatch({ type: 'addGroup', groupId, ...(p.name ? { name: p.name } : {}) }, now);
      return r.ok ? ok({ groupId }) : r;
    },
    'group:remove': (p, { room, now }) => unit(room.dispatch({ type: 'removeGroup', groupId: p.groupId }, now)),
    'participant:move': (p, { room, now }) =>
      unit(room.dispatch({ type: 'move', participantId: p.participantId, groupId: p.groupId }, now)),
    'participant:remove': (p, { room, now }) => unit(deps.registry.removeParticipant(room, p.participantId, now)),
    'groups:balance': (_p, { room, now }) => unit(room.dispatch({ type: 'balance' }, now)),
    'groups:shuffle': (_p, { room, now }) => unit(room.dispatch({ type: 'shuffle', seed: Math.floor(Math.random() * 2 ** 32) }, now)),
    'phase:set': (p, { room, now }) => unit(room.dispatch({ type: 'setPhase', phase: p.phase }, now)),
    'workshop:delete': (_p, { room, afterAck }) => {
      afterAck(() => void deps.registry.delete(room).catch((error: unknown) => deps.log(`workshop ${room.id}: deleting`, error)));
      return ok(null);
    },
  } satisfies Partial<Handlers>;
}
