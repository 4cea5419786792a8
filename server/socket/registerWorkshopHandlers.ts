/** Workshop control over Socket.IO: parse → call the room → ack. Broadcasting is the publisher's job. */
import { ok } from '../../shared/result';
import {
  AddGroupPayload,
  EmptyPayload,
  GroupRefPayload,
  MoveParticipantPayload,
  ParticipantRefPayload,
  RenameGroupPayload,
  SetPhasePayload,
} from '../../shared/schemas';
import { newId } from '../tokens';
import { unit, type HandlerDeps, type Register } from './handle';

export function registerWorkshopHandlers(on: Register, deps: HandlerDeps): void {
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

