/** The one typed Socket.IO event map, shared by client and server. */
import type { Result } from './result';
import type {
  AddGroupPayload,
  EmptyPayload,
  GroupRefPayload,
  MoveParticipantPayload,
  ParticipantRefPayload,
  RenameGroupPayload,
  SetPhasePayload,
} from './schemas';
import type { FacilitatorView, GroupMembers, SeatInfo, WorkshopMeta } from './views';

/** Sent in the handshake; the server refuses other versions with `version_mismatch`. */
export const PROTOCOL_VERSION = 1;

export type Ack<T> = (result: Result<T>) => void;

export const ROLES = ['facilitator', 'participant'] as const;
export type Role = (typeof ROLES)[number];

export interface ClientToServerEvents {
  'group:choose': (p: GroupRefPayload, ack: Ack<null>) => void;
  'group:rename': (p: RenameGroupPayload, ack: Ack<null>) => void;
  'group:add': (p: AddGroupPayload, ack: Ack<{ groupId: string }>) => void;
  'group:remove': (p: GroupRefPayload, ack: Ack<null>) => void;
  'participant:move': (p: MoveParticipantPayload, ack: Ack<null>) => void;
  'participant:remove': (p: ParticipantRefPayload, ack: Ack<null>) => void;
  'groups:balance': (p: EmptyPayload, ack: Ack<null>) => void;
  'groups:shuffle': (p: EmptyPayload, ack: Ack<null>) => void;
  'phase:set': (p: SetPhasePayload, ack: Ack<null>) => void;
  'workshop:delete': (p: EmptyPayload, ack: Ack<null>) => void;
}

export interface ServerToClientEvents {
  /** Sent to every member when anything in the workshop-wide picture changes. */
  'workshop:meta': (meta: WorkshopMeta) => void;
  /** Sent to a group's members when its roster or online state changes. */
  'group:members': (members: GroupMembers) => void;
  /** Sent to a participant on connect and whenever their seat changes. */
  'seat:updated': (seat: SeatInfo) => void;
  /** The participant was removed by the facilitator; the connection closes after. */
  'seat:removed': () => void;
  /** The facilitator console's full picture. */
  'facilitator:state': (view: FacilitatorView) => void;
  /** The workshop was ended and deleted, or expired. */
  'workshop:deleted': () => void;
}

export interface SocketData {
  workshopId: string;
  role: Role;
  /** null for facilitators. */
  participantId: string | null;
}
