/**
 * Every client → server request in one table: its payload schema, who may send it and what its
 * acknowledgement carries. The typed event map, the server's handler registration, the client's
 * `request` and the isolation test all derive from it, so they cannot drift apart.
 */
import type { z } from 'zod';
import type { CoachingReport } from './coaching/board';
import type { Comment } from './comments';
import type { Role } from './protocol';
import {
  AddGroupPayload,
  BoardPayload,
  BroadcastPayload,
  CloseBreakoutsPayload,
  CommentManyPayload,
  CommentPayload,
  EmptyPayload,
  GroupRefPayload,
  HelpPayload,
  LanguagePayload,
  MoveParticipantPayload,
  ParticipantRefPayload,
  PeersPayload,
  QuickCommentsPayload,
  RenameGroupPayload,
  ReportNotesPayload,
  ResolvePayload,
  RulesPayload,
  SetPhasePayload,
  SpotlightPayload,
  TimerPayload,
} from './schemas';
import type { RadarSummary } from './views';

/** Who may send a request. 'anyone': both roles; the handler may narrow it (e.g. to a group and its peers). */
export type RequestRole = Role | 'anyone';

/** Names a reply type in the table: the type is what counts, the value is always undefined. */
const reply = <T>(): T => undefined as T;

export const REQUESTS = {
  'group:choose': { role: 'participant', schema: GroupRefPayload, reply: reply<null>() },
  'group:rename': { role: 'facilitator', schema: RenameGroupPayload, reply: reply<null>() },
  'group:add': { role: 'facilitator', schema: AddGroupPayload, reply: reply<{ groupId: string }>() },
  'group:remove': { role: 'facilitator', schema: GroupRefPayload, reply: reply<null>() },
  'participant:move': { role: 'facilitator', schema: MoveParticipantPayload, reply: reply<null>() },
  'participant:remove': { role: 'facilitator', schema: ParticipantRefPayload, reply: reply<null>() },
  'groups:balance': { role: 'facilitator', schema: EmptyPayload, reply: reply<null>() },
  'groups:shuffle': { role: 'facilitator', schema: EmptyPayload, reply: reply<null>() },
  'phase:set': { role: 'facilitator', schema: SetPhasePayload, reply: reply<null>() },
  'workshop:delete': { role: 'facilitator', schema: EmptyPayload, reply: reply<null>() },
  // The server's clock, so countdowns are right whatever the client's clock says.
  'clock:now': { role: 'anyone', schema: EmptyPayload, reply: reply<{ now: number }>() },
  'timer:control': { role: 'facilitator', schema: TimerPayload, reply: reply<null>() },
  'breakouts:close': { role: 'facilitator', schema: CloseBreakoutsPayload, reply: reply<null>() },
  'breakouts:reopen': { role: 'facilitator', schema: EmptyPayload, reply: reply<null>() },
  'help:request': { role: 'participant', schema: HelpPayload, reply: reply<null>() },
  'help:cancel': { role: 'participant', schema: EmptyPayload, reply: reply<null>() },
  'help:clear': { role: 'facilitator', schema: GroupRefPayload, reply: reply<null>() },
  'broadcast:send': { role: 'facilitator', schema: BroadcastPayload, reply: reply<null>() },
  'spotlight:set': { role: 'facilitator', schema: SpotlightPayload, reply: reply<null>() },
  'peers:set': { role: 'facilitator', schema: PeersPayload, reply: reply<null>() },
  'peers:auto': { role: 'facilitator', schema: EmptyPayload, reply: reply<{ pairs: string[][] }>() },
  'quick:set': { role: 'facilitator', schema: QuickCommentsPayload, reply: reply<null>() },
  'rules:set': { role: 'facilitator', schema: RulesPayload, reply: reply<null>() },
  'language:set': { role: 'facilitator', schema: LanguagePayload, reply: reply<null>() },
  // Comments: anyone may ask; the handler lets only the facilitator, the group and its peer partners in.
  'comment:add': { role: 'anyone', schema: CommentPayload, reply: reply<Comment>() },
  'comment:addMany': { role: 'facilitator', schema: CommentManyPayload, reply: reply<{ count: number }>() },
  'comment:resolve': { role: 'anyone', schema: ResolvePayload, reply: reply<null>() },
  'comments:list': { role: 'anyone', schema: GroupRefPayload, reply: reply<Comment[]>() },
  'radar:list': { role: 'facilitator', schema: EmptyPayload, reply: reply<RadarSummary[]>() },
  // The teaching board on everyone's screen (plenary), and the console's coaching report.
  'board:set': { role: 'facilitator', schema: BoardPayload, reply: reply<null>() },
  'coaching:report': { role: 'facilitator', schema: EmptyPayload, reply: reply<CoachingReport>() },
  // The facilitator's notes on the session report, kept with the workshop.
  'report:notes': { role: 'facilitator', schema: ReportNotesPayload, reply: reply<null>() },
  // A single-use ticket (30 s) to open a group's document over /yjs without a long-lived secret in the URL.
  'yjs:ticket': { role: 'anyone', schema: GroupRefPayload, reply: reply<{ ticket: string }>() },
} as const satisfies Record<string, { role: RequestRole; schema: z.ZodType; reply: unknown }>;

export type RequestEvent = keyof typeof REQUESTS;

/** Every request event, in table order. */
export const REQUEST_EVENTS = Object.keys(REQUESTS) as RequestEvent[];

/** Who may send `E`. */
export type RequestRoleOf<E extends RequestEvent> = (typeof REQUESTS)[E]['role'];

/** What the client sends for `E` (defaults not yet applied). */
export type RequestPayload<E extends RequestEvent> = z.input<(typeof REQUESTS)[E]['schema']>;

/** What the server's handler of `E` receives: the payload as its schema parsed it. */
export type ParsedPayload<E extends RequestEvent> = z.output<(typeof REQUESTS)[E]['schema']>;

/** What the acknowledgement of `E` carries on success. */
export type RequestReply<E extends RequestEvent> = (typeof REQUESTS)[E]['reply'];

/** Whether `event` is a request of the table (an own key: not `toString` or `__proto__`). */
export function isRequestEvent(event: string): event is RequestEvent {
  return Object.hasOwn(REQUESTS, event);
}
