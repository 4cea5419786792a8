/** What each audience is sent: derived from the state, never containing secrets. */
import { groupSizes } from './assignment';
import type { Language } from './i18n/languages';
import type { OkrRules } from './okrRules';
import type { BoardSetting, Broadcast, BreakoutsState, HelpRequest, SessionState, TimerState } from './session';
import type { AssignmentMode, Participant, Phase, WorkshopState } from './workshop';

export interface GroupSummary {
  id: string;
  name: string;
  /**
   * People in the group, for participants picking their own group; null in the other
   * assignment modes, where nobody is shown it and a join storm need not tell everyone.
   */
  memberCount: number | null;
}

/** What everyone in the workshop sees. */
export interface WorkshopMeta {
  id: string;
  title: string;
  phase: Phase;
  assignment: AssignmentMode;
  maxGroupSize: number | null;
  groups: GroupSummary[];
  timer: TimerState | null;
  breakouts: BreakoutsState;
  spotlight: string | null;
  peers: Record<string, string[]>;
  rules: OkrRules;
  language: Language;
  /** Broadcasts to every group. */
  broadcasts: Broadcast[];
  /** The teaching board, when it is shown to everyone (its content comes as `board:content`). */
  board: BoardSetting | null;
}

export interface MemberView {
  id: string;
  name: string;
  online: boolean;
}

/** One group's own view, sent to that group's members: roster, broadcasts to it, its help request. */
export interface GroupMembers {
  groupId: string;
  members: MemberView[];
  broadcasts: Broadcast[];
  help: HelpRequest | null;
}

/** A participant's own seat. */
export interface SeatInfo {
  participantId: string;
  name: string;
  groupId: string | null;
}

export interface ParticipantView extends Participant {
  online: boolean;
}

/** The facilitator console's full picture. */
export interface FacilitatorView {
  meta: WorkshopMeta;
  participants: ParticipantView[];
  session: SessionState;
}

/** Public workshop facts, for the join page. */
export interface WorkshopInfo {
  id: string;
  title: string;
  phase: Phase;
  assignment: AssignmentMode;
  /** The join page speaks it before anyone has chosen one. */
  language: Language;
}

/**
 * The workshop as every member sees it but its groups, which are sent apart (`workshop:groups`):
 * the group list is the large part, and a timer, phase or broadcast change must not resend it to
 * every participant.
 */
export type WorkshopHeader = Omit<WorkshopMeta, 'groups'>;

export function workshopHeader(state: WorkshopState): WorkshopHeader {
  return {
    id: state.id,
    title: state.title,
    phase: state.phase,
    assignment: state.assignment,
    maxGroupSize: state.maxGroupSize,
    timer: state.session.timer,
    breakouts: state.session.breakouts,
    spotlight: state.session.spotlight,
    peers: state.session.peers,
    rules: state.rules,
    language: state.language,
    broadcasts: state.session.broadcasts.filter((b) => b.groupId === null),
    board: state.session.board ?? null,
  };
}

/** The groups as every member sees them (member counts only in self-select, see GroupSummary). */
export function groupSummaries(state: WorkshopState): GroupSummary[] {
  const sizes = state.assignment === 'self-select' ? groupSizes(state.groups, state.participants) : null;
  return state.groups.map((g) => ({ id: g.id, name: g.name, memberCount: sizes ? (sizes.get(g.id) ?? 0) : null }));
}

/** The workshop as every member sees it. */
export function workshopMeta(state: WorkshopState): WorkshopMeta {
  return { ...workshopHeader(state), groups: groupSummaries(state) };
}

/** The roster of one group, with online state. */
export function groupMembers(state: WorkshopState, groupId: string, isOnline: (id: string) => boolean): GroupMembers {
  return groupRosters(state, isOnline, [groupId]).get(groupId)!;
}

/** The rosters of `groupIds` (default: every group), in one pass over the participants. */
export function groupRosters(
  state: WorkshopState,
  isOnline: (id: string) => boolean,
  groupIds: readonly string[] = state.groups.map((g) => g.id),
): Map<string, GroupMembers> {
  const rosters = new Map<string, GroupMembers>(groupIds.map((groupId) => [groupId, { groupId, members: [], broadcasts: [], help: null }]));
  for (const p of state.participants) {
    if (p.groupId !== null) rosters.get(p.groupId)?.members.push({ id: p.id, name: p.name, online: isOnline(p.id) });
  }
  for (const b of state.session.broadcasts) if (b.groupId !== null) rosters.get(b.groupId)?.broadcasts.push(b);
  for (const h of state.session.help) {
    const roster = rosters.get(h.groupId);
    if (roster && roster.help === null) roster.help = h;
  }
  return rosters;
}

/** Everything the facilitator console shows. */
export function facilitatorView(state: WorkshopState, isOnline: (id: string) => boolean): FacilitatorView {
  return {
    meta: workshopMeta(state),
    participants: state.participants.map((p) => ({ ...p, online: isOnline(p.id) })),
    session: state.session,
  };
}

/** The join page's public facts. */
export function workshopInfo(state: WorkshopState): WorkshopInfo {
  return { id: state.id, title: state.title, phase: state.phase, assignment: state.assignment, language: state.language };
}

/** What the radar shows about one group's draft, computed by the server from its own copy. */
export interface RadarSummary {
  groupId: string;
  objectives: number;
  keyResults: number;
  /** Coach hints on the draft, by rule id → item ids (counted on the radar, targeted by "comment to many"). */
  flags: Record<string, string[]>;
  /** Last accepted edit (server time), null if never edited. */
  lastEditAt: number | null;
  /** One line of the current draft. */
  preview: string;
  /** Open comment threads. */
  unresolvedComments: number;
  /** Coach hints over the workshop, for the card's sparkline (absent until the coach has read the group). */
  coaching?: RadarCoaching;
}

/** A group's coach hints so far and its open hints over the workshop (the radar's sparkline). */
// A type, not an interface: the radar hands it to i18next as interpolation values.
export type RadarCoaching = {
  raised: number;
  fixed: number;
  open: number;
  series: number[];
};
