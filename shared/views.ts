/** What each audience is sent: derived from the state, never containing secrets. */
import { groupSizes } from './assignment';
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
}

export interface MemberView {
  id: string;
  name: string;
  online: boolean;
}

/** One group's roster, sent to that group's members. */
export interface GroupMembers {
  groupId: string;
  members: MemberView[];
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
  };
}

/** The roster of one group, with online state. */
export function groupMembers(state: WorkshopState, groupId: string, isOnline: (id: string) => boolean): GroupMembers {
  return {
    groupId,
    members: state.participants
      .filter((p) => p.groupId === groupId)
      .map((p) => ({ id: p.id, name: p.name, online: isOnline(p.id) })),
  };
}

/** Everything the facilitator console shows. */
export function facilitatorView(state: WorkshopState, isOnline: (id: string) => boolean): FacilitatorView {
  return {
    meta: workshopMeta(state),
    participants: state.participants.map((p) => ({ ...p, online: isOnline(p.id) })),
  };
}

/** The join page's public facts. */
export function workshopInfo(state: WorkshopState): WorkshopInfo {
  return { id: state.id, title: state.title, phase: state.phase, assignment: state.assignment };
}
