/** The workshop's server-authoritative state and its vocabulary. Secrets never live here. */
import type { Language } from './i18n/languages';
import type { OkrRules } from './okrRules';
import type { SessionState } from './session';

export const PHASES = ['lobby', 'breakouts', 'plenary', 'ended'] as const;
export type Phase = (typeof PHASES)[number];

/** How participants get into groups. */
export const ASSIGNMENT_MODES = ['auto', 'self-select', 'facilitator'] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

export interface Group {
  id: string;
  name: string;
}

export interface Participant {
  id: string;
  name: string;
  /** null while waiting in the lobby. */
  groupId: string | null;
  joinedAt: number;
}

export interface WorkshopState {
  id: string;
  title: string;
  createdAt: number;
  lastActiveAt: number;
  phase: Phase;
  assignment: AssignmentMode;
  /** Capacity of a group: self-select refuses full groups, auto adds a group when all are full. */
  maxGroupSize: number | null;
  groups: Group[];
  participants: Participant[];
  /** Timer, closed breakouts, help, broadcasts, spotlight, peer review. */
  session: SessionState;
  /** The OKR rules (deployment parameters) drafts are coached against. */
  rules: OkrRules;
  /** The workshop's language: the UI's default for everyone in it, the export's sheet names and headers. */
  language: Language;
}

/** Phase changes a facilitator may make; `ended` can be reopened into plenary. */
export const PHASE_TRANSITIONS: Record<Phase, readonly Phase[]> = {
  lobby: ['breakouts', 'ended'],
  breakouts: ['plenary', 'lobby', 'ended'],
  plenary: ['breakouts', 'ended'],
  ended: ['plenary'],
};

/** Members of one group, in join order. */
export function membersOf(state: WorkshopState, groupId: string | null): Participant[] {
  return state.participants.filter((p) => p.groupId === groupId);
}

/** What one change of the state touched, so that the store writes only that. */
export interface WorkshopChanges {
  /** Something besides the participants and the activity time changed (phase, groups, session...). */
  settings: boolean;
  /** Participants who joined or whose seat changed, in join order. */
  upserted: Participant[];
  /** Ids of participants who left. */
  removed: string[];
}

/**
 * Compares two states by reference, as the reducer never changes an object in place: what it did
 * not touch is the same object. A join at 1,000 participants is then one small row, not the whole state.
 */
export function workshopChanges(before: WorkshopState, after: WorkshopState): WorkshopChanges {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)] as Array<keyof WorkshopState>);
  keys.delete('participants');
  keys.delete('lastActiveAt');
  const settings = [...keys].some((k) => before[k] !== after[k]);
  if (before.participants === after.participants) return { settings, upserted: [], removed: [] };
  const old = new Map(before.participants.map((p) => [p.id, p]));
  const upserted = after.participants.filter((p) => old.get(p.id) !== p);
  const kept = new Set(after.participants.map((p) => p.id));
  const removed = before.participants.filter((p) => !kept.has(p.id)).map((p) => p.id);
  return { settings, upserted, removed };
}
