/** What each audience is sent: derived from the state, never containing secrets. */
import { groupSizes } from './assignment';
import type { OkrRules } from './okrRules';
import type { Broadcast, BreakoutsState, HelpRequest, SessionState, TimerState } from './session';
import type { AssignmentMode, Participant, Phase, WorkshopState } from './workshop';

export interface GroupSummary {
  id: string;
  name: string;
  memberCount: number;
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
  /** Broadcasts to every group. */
  broadcasts: Broadcast[];
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
}

/** The workshop as every member sees it. */
export function workshopMeta(state: WorkshopState): WorkshopMeta {
  const sizes = groupSizes(state.groups, state.participants);
  return {
    id: state.id,
    title: state.title,
    phase: state.phase,
    assignment: state.assignment,
    maxGroupSize: state.maxGroupSize,
    groups: state.groups.map((g) => ({ id: g.id, name: g.name, memberCount: sizes.get(g.id) ?? 0 })),
    timer: state.session.timer,
    breakouts: state.session.breakouts,
    spotlight: state.session.spotlight,
    peers: state.session.peers,
    rules: state.rules,
    broadcasts: state.session.broadcasts.filter((b) => b.groupId === null),
  };
}

/** The roster of one group, with online state. */
export function groupMembers(state: WorkshopState, groupId: string, isOnline: (id: string) => boolean): GroupMembers {
  return {
    groupId,
    members: state.participants
      .filter((p) => p.groupId === groupId)
      .map((p) => ({ id: p.id, name: p.name, online: isOnline(p.id) })),
    broadcasts: state.session.broadcasts.filter((b) => b.groupId === groupId),
    help: state.session.help.find((h) => h.groupId === groupId) ?? null,
  };
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
  return { id: state.id, title: state.title, phase: state.phase, assignment: state.assignment };
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
}
