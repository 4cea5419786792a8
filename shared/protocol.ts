/** The one typed Socket.IO event map, shared by client and server. */
import type { Result } from './result';
import type { Comment } from './comments';
import type { BoardView } from './coaching/board';
import type { RequestEvent, RequestPayload, RequestReply } from './requests';
import type { FacilitatorView, GroupMembers, GroupSummary, RadarSummary, SeatInfo, WorkshopHeader } from './views';

/**
 * Sent in the handshake; the server refuses other versions with `version_mismatch` (the page asks
 * to be reloaded). 2: documents open with /yjs tickets, and items are ordered by string keys (a
 * page of version 1 would write numeric orders over them). 3: the handshake's query names the workshop
 * (WORKSHOP_QUERY), so a page of version 2 is asked to reload rather than refused as malformed.
 */
export const PROTOCOL_VERSION = 3;

/**
 * The Socket.IO query parameter naming the workshop (`?workshop=<id>`): a load balancer routes the
 * handshake and every later request of the connection by it (the `auth` payload travels inside the
 * Socket.IO protocol, invisible to a proxy). The server refuses a handshake whose query and auth disagree.
 */
export const WORKSHOP_QUERY = 'workshop';

/** The query of a Socket.IO connection to `workshopId` (see WORKSHOP_QUERY). */
export const socketQuery = (workshopId: string): Record<string, string> => ({ [WORKSHOP_QUERY]: workshopId });

export type Ack<T> = (result: Result<T>) => void;

export const ROLES = ['facilitator', 'participant'] as const;
export type Role = (typeof ROLES)[number];

/** Client → server: every request of the table in `requests.ts`, acknowledged with its reply type. */
export type ClientToServerEvents = {
  [E in RequestEvent]: (payload: RequestPayload<E>, ack: Ack<RequestReply<E>>) => void;
};

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
  /**
   * The server's store stopped or resumed saving (PostgreSQL out of reach): sent to everyone when
   * it changes, and on connect while paused. Typing goes on; what is typed is kept and saved later.
   */
  'server:saving': (status: { paused: boolean }) => void;
  /** The teaching board while it is shown: to everyone in the workshop, at most every ~2 s while it changes. */
  'board:content': (board: BoardView) => void;
}

export interface SocketData {
  workshopId: string;
  role: Role;
  /** null for facilitators. */
  participantId: string | null;
}
