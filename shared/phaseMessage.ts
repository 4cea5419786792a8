/**
 * One state, one message (issue #22): from the workshop as a member sees it, the single status
 * message a participant and the console show, what the participant may do, and which console
 * controls make sense. Pure: the clock comes in.
 */
import { CLOSE_WARNING_MS, type BreakoutsState, type TimerState } from './session';
import type { AssignmentMode, Phase } from './workshop';

export type BreakoutStatus = 'open' | 'closing' | 'closed';
export type TimerStatus = 'running' | 'paused' | 'none';
export type SpotlightStatus = 'none' | 'own' | 'other';

/** The facts the messages depend on, each reduced to what changes a message. */
export interface PhaseFacts {
  phase: Phase;
  breakouts: BreakoutStatus;
  timer: TimerStatus;
  /** 'own': the viewer's group is shown to everyone (the console: any spotlight is 'other'). */
  spotlight: SpotlightStatus;
  /** The viewer's group has peer-review partners (the console: any pairs exist). */
  peers: boolean;
  /** The participant sits in a group (the console: always true). */
  placed: boolean;
  /** Participants pick their own group. */
  selfSelect: boolean;
}

export type Tone = 'info' | 'success' | 'warning';

export const PARTICIPANT_MESSAGES = [
  'pickGroup',
  'waitForGroup',
  'lobbyPlaced',
  'breakoutsOpen',
  'breakoutsPeers',
  'breakoutsClosing',
  'breakoutsClosed',
  'ownSpotlight',
  'plenary',
  'plenarySpotlight',
  'ended',
  'endedUnplaced',
] as const;
export type ParticipantMessageKey = (typeof PARTICIPANT_MESSAGES)[number];

export const CONSOLE_MESSAGES = [
  'lobby',
  'breakoutsOpen',
  'breakoutsPeers',
  'breakoutsClosing',
  'breakoutsClosed',
  'plenary',
  'plenarySpotlight',
  'ended',
] as const;
export type ConsoleMessageKey = (typeof CONSOLE_MESSAGES)[number];

/** `closesAt` (server time) goes with the closing messages, for the page to count down. */
export interface StatusMessage<K extends string> {
  key: K;
  tone: Tone;
  params: { closesAt?: number };
}

/** What a participant may do right now. */
export interface ParticipantCan {
  edit: boolean;
  askHelp: boolean;
  seeTimer: boolean;
  download: boolean;
  pickGroup: boolean;
}

/** The console controls that make sense right now. */
export interface ConsoleCan {
  timer: boolean;
  closeBreakouts: boolean;
  cancelClose: boolean;
  reopenBreakouts: boolean;
  pairGroups: boolean;
  endPairs: boolean;
  spotlight: boolean;
  broadcast: boolean;
  wrapUp: boolean;
  /** Showing the teaching board to everyone: in the plenary. */
  board: boolean;
}

export interface PhaseStatus {
  participant: StatusMessage<ParticipantMessageKey>;
  console: StatusMessage<ConsoleMessageKey>;
  can: ParticipantCan;
  controls: ConsoleCan;
}

const msg = <K extends string>(key: K, tone: Tone, closesAt?: number): StatusMessage<K> => ({ key, tone, params: closesAt === undefined ? {} : { closesAt } });

/** The one participant message for `facts` (closing messages carry `closesAt`). */
export function participantMessage(facts: PhaseFacts, closesAt?: number): StatusMessage<ParticipantMessageKey> {
  const { phase, breakouts, spotlight, peers, placed, selfSelect } = facts;
  if (phase === 'ended') return placed ? msg('ended', 'success') : msg('endedUnplaced', 'info');
  if (phase === 'plenary') {
    if (placed && spotlight === 'own') return msg('ownSpotlight', 'info');
    return spotlight === 'none' ? msg('plenary', 'info') : msg('plenarySpotlight', 'info');
  }
  if (!placed) return selfSelect ? msg('pickGroup', 'info') : msg('waitForGroup', 'info');
  // Lobby or breakouts, in a group: a close (scheduled or done) says so, whatever the phase.
  if (breakouts === 'closing') return msg('breakoutsClosing', 'warning', closesAt);
  if (breakouts === 'closed') return msg('breakoutsClosed', 'info');
  if (spotlight === 'own') return msg('ownSpotlight', 'info');
  if (phase === 'lobby') return msg('lobbyPlaced', 'success');
  return peers ? msg('breakoutsPeers', 'success') : msg('breakoutsOpen', 'success');
}

/** The one console message for `facts`. */
export function consoleMessage(facts: PhaseFacts, closesAt?: number): StatusMessage<ConsoleMessageKey> {
  const { phase, breakouts, spotlight, peers } = facts;
  if (phase === 'ended') return msg('ended', 'success');
  if (phase === 'plenary') return spotlight === 'none' ? msg('plenary', 'info') : msg('plenarySpotlight', 'info');
  if (breakouts === 'closing') return msg('breakoutsClosing', 'warning', closesAt);
  if (breakouts === 'closed') return msg('breakoutsClosed', 'info');
  if (phase === 'lobby') return msg('lobby', 'info');
  return peers ? msg('breakoutsPeers', 'success') : msg('breakoutsOpen', 'success');
}

/** What the participant may do: the same rule as the server's access (write unless closed, plenary or ended). */
export function participantCan(facts: PhaseFacts): ParticipantCan {
  const drafting = facts.placed && (facts.phase === 'lobby' || facts.phase === 'breakouts') && facts.breakouts !== 'closed';
  return {
    edit: drafting,
    askHelp: drafting,
    seeTimer: facts.phase === 'breakouts' && facts.timer !== 'none',
    download: facts.placed,
    pickGroup: facts.selfSelect && facts.phase !== 'ended',
  };
}

/** The console controls that make sense: breakout and pairing controls only in breakouts, a wrap-up at the end. */
export function consoleCan(facts: PhaseFacts): ConsoleCan {
  const inBreakouts = facts.phase === 'breakouts';
  return {
    timer: inBreakouts,
    closeBreakouts: inBreakouts && facts.breakouts === 'open',
    cancelClose: inBreakouts && facts.breakouts === 'closing',
    reopenBreakouts: inBreakouts && facts.breakouts === 'closed',
    pairGroups: inBreakouts,
    endPairs: facts.peers,
    spotlight: facts.phase !== 'ended' || facts.spotlight !== 'none',
    broadcast: facts.phase !== 'ended',
    wrapUp: facts.phase === 'ended',
    board: facts.phase === 'plenary',
  };
}

/** Everything above at once. */
export function phaseStatus(facts: PhaseFacts, closesAt?: number): PhaseStatus {
  return {
    participant: participantMessage(facts, closesAt),
    console: consoleMessage(facts, closesAt),
    can: participantCan(facts),
    controls: consoleCan(facts),
  };
}

/** What the workshop's state looks like to one viewer, at server time `now`. */
export interface PhaseInput {
  phase: Phase;
  assignment: AssignmentMode;
  breakouts: BreakoutsState;
  timer: TimerState | null;
  spotlight: string | null;
  peers: Record<string, string[]>;
}

/**
 * Reduces the state to facts, for a participant sitting in `groupId` (null: the lobby) or, with
 * `groupId` undefined, for the console. A timer that will close the breakouts counts as closing in
 * its last minute; the close time is returned with it.
 */
export function phaseFacts(input: PhaseInput, groupId: string | null | undefined, now: number): { facts: PhaseFacts; closesAt: number | undefined } {
  const { breakouts, timer } = input;
  const autoClose = timer?.closeOnEnd && timer.endsAt !== null && timer.endsAt - now <= CLOSE_WARNING_MS ? timer.endsAt : null;
  const closesAt = breakouts.closed ? null : (breakouts.closesAt ?? autoClose);
  const console = groupId === undefined;
  const facts: PhaseFacts = {
    phase: input.phase,
    breakouts: breakouts.closed ? 'closed' : closesAt !== null ? 'closing' : 'open',
    timer: !timer ? 'none' : timer.endsAt !== null ? 'running' : 'paused',
    spotlight: input.spotlight === null ? 'none' : !console && input.spotlight === groupId ? 'own' : 'other',
    peers: console ? Object.keys(input.peers).length > 0 : groupId !== null && (input.peers[groupId]?.length ?? 0) > 0,
    placed: console || groupId !== null,
    selfSelect: input.assignment === 'self-select',
  };
  return { facts, closesAt: closesAt ?? undefined };
}
