/** The one typed Socket.IO event map, shared by client and server. */
import type { Result } from './result';
import type { Comment } from './comments';
import type {
  AddGroupPayload,
  BroadcastPayload,
  CloseBreakoutsPayload,
  CommentManyPayload,
  CommentPayload,
  EmptyPayload,
  GroupRefPayload,
  HelpPayload,
  MoveParticipantPayload,
  ParticipantRefPayload,
  PeersPayload,
  QuickCommentsPayload,
  RenameGroupPayload,
  ResolvePayload,
  RulesPayload,
  SetPhasePayload,
  SpotlightPayload,
  TimerPayload,
} from './schemas';
import type { FacilitatorView, GroupMembers, GroupSummary, RadarSummary, SeatInfo, WorkshopHeader } from './views';

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
  /** The server's clock, so countdowns are right whatever the client's clock says. */
  'clock:now': (p: EmptyPayload, ack: Ack<{ now: number }>) => void;
  'timer:control': (p: TimerPayload, ack: Ack<null>) => void;
  'breakouts:close': (p: CloseBreakoutsPayload, ack: Ack<null>) => void;
  'breakouts:reopen': (p: EmptyPayload, ack: Ack<null>) => void;
  'help:request': (p: HelpPayload, ack: Ack<null>) => void;
  'help:cancel': (p: EmptyPayload, ack: Ack<null>) => void;
  'help:clear': (p: GroupRefPayload, ack: Ack<null>) => void;
  'broadcast:send': (p: BroadcastPayload, ack: Ack<null>) => void;
  'spotlight:set': (p: SpotlightPayload, ack: Ack<null>) => void;
  'peers:set': (p: PeersPayload, ack: Ack<null>) => void;
  'peers:auto': (p: EmptyPayload, ack: Ack<{ pairs: string[][] }>) => void;
  'quick:set': (p: QuickCommentsPayload, ack: Ack<null>) => void;
  'rules:set': (p: RulesPayload, ack: Ack<null>) => void;
  'comment:add': (p: CommentPayload, ack: Ack<Comment>) => void;
  'comment:addMany': (p: CommentManyPayload, ack: Ack<{ count: number }>) => void;
  'comment:resolve': (p: ResolvePayload, ack: Ack<null>) => void;
  'comments:list': (p: GroupRefPayload, ack: Ack<Comment[]>) => void;
  'radar:list': (p: EmptyPayload, ack: Ack<RadarSummary[]>) => void;
}

export interface ServerToClientEvents {
  /** Sent to every member when anything in the workshop-wide picture changes. */
  'workshop:meta': (meta: WorkshopHeader) => void;
  /** The workshop's groups, sent when they change (apart from the meta: they are its large part). */
  'workshop:groups': (groups: GroupSummary[]) => void;
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
  /** A comment was added or changed (resolved); sent to those who may see it. */
  'comment:upsert': (comment: Comment) => void;
  /** Groups' radar summaries changed: one batch per workshop, at most ~2 per second (facilitators only). */
  'radar:summaries': (summaries: RadarSummary[]) => void;
}

export interface SocketData {
  workshopId: string;
  role: Role;
  /** null for facilitators. */
  participantId: string | null;
}
