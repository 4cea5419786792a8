/** The workshop state machine: `(state, action, now) => result`. Ids and randomness come in with the action. */
import type { Language } from './i18n/languages';
import { balance, hasRoom, pickEmptiestGroup, shuffle } from './assignment';
import { LIMITS } from './limits';
import { uniqueName } from './names';
import { seededRandom } from './random';
import type { OkrRules } from './okrRules';
import { fail, ok, type Result } from './result';
import { applyTimer, MAX_BROADCASTS, partnersFromPairs, tickSession, type BoardSetting, type SessionState, type TimerCommand } from './session';
import { defaultGroupName } from './defaults';
import { PHASE_TRANSITIONS, type Participant, type Phase, type WorkshopState } from './workshop';

export type WorkshopAction =
  | { type: 'join'; participantId: string; name: string; newGroupId: string }
  | { type: 'chooseGroup'; participantId: string; groupId: string }
  | { type: 'move'; participantId: string; groupId: string | null }
  | { type: 'removeParticipant'; participantId: string }
  | { type: 'renameGroup'; groupId: string; name: string }
  | { type: 'addGroup'; groupId: string; name?: string }
  | { type: 'removeGroup'; groupId: string }
  | { type: 'balance' }
  | { type: 'shuffle'; seed: number }
  | { type: 'setPhase'; phase: Phase }
  | { type: 'timer'; command: TimerCommand }
  | { type: 'closeBreakouts'; delayMs: number }
  | { type: 'reopenBreakouts' }
  | { type: 'tick' }
  | { type: 'requestHelp'; participantId: string; message: string }
  | { type: 'cancelHelp'; participantId: string }
  | { type: 'clearHelp'; groupId: string }
  | { type: 'broadcast'; id: string; text: string; groupId: string | null }
  | { type: 'spotlight'; groupId: string | null }
  | { type: 'setPeers'; pairs: string[][] }
  | { type: 'setBoard'; board: BoardSetting | null }
  | { type: 'setQuickComments'; items: string[] }
  | { type: 'setNotes'; notes: string }
  | { type: 'setRules'; rules: OkrRules }
  | { type: 'setLanguage'; language: Language };

/** Applies one action; a refused action returns an error and leaves the state untouched. */
export function reduceWorkshop(state: WorkshopState, action: WorkshopAction, now: number): Result<WorkshopState> {
  const result = apply(state, action, now);
  return result.ok ? ok({ ...result.data, lastActiveAt: now }) : result;
}

function apply(state: WorkshopState, action: WorkshopAction, now: number): Result<WorkshopState> {
  switch (action.type) {
    case 'join':
      return join(state, action, now);
    case 'chooseGroup': {
      if (state.assignment !== 'self-select') return fail('forbidden', 'Groups are assigned in this workshop.');
      const seat = findParticipant(state, action.participantId);
      if (!seat.ok) return seat;
      if (!state.groups.some((g) => g.id === action.groupId)) return fail('not_found', 'No such group.', 'groupId');
      if (seat.data.groupId === action.groupId) return ok(state);
      if (!hasRoom(action.groupId, state.groups, state.participants, state.maxGroupSize)) {
        return fail('group_full', 'That group is full; pick another one.', 'groupId');
      }
      return ok(setGroups(state, new Map([[action.participantId, action.groupId]])));
    }
    case 'move': {
      const seat = findParticipant(state, action.participantId);
      if (!seat.ok) return seat;
      if (action.groupId !== null && !state.groups.some((g) => g.id === action.groupId)) {
        return fail('not_found', 'No such group.', 'groupId');
      }
      return ok(setGroups(state, new Map([[action.participantId, action.groupId]])));
    }
    case 'removeParticipant': {
      const seat = findParticipant(state, action.participantId);
      if (!seat.ok) return seat;
      return ok({
        ...withSession(state, { help: state.session.help.filter((h) => h.participantId !== action.participantId) }),
        participants: state.participants.filter((p) => p.id !== action.participantId),
      });
    }
    case 'renameGroup': {
      if (!state.groups.some((g) => g.id === action.groupId)) return fail('not_found', 'No such group.', 'groupId');
      return ok({ ...state, groups: state.groups.map((g) => (g.id === action.groupId ? { ...g, name: action.name } : g)) });
    }
    case 'addGroup': {
      if (state.groups.length >= LIMITS.maxGroups) {
        return fail('limit_exceeded', `A workshop has at most ${LIMITS.maxGroups} groups.`);
      }
      const name = action.name ?? nextGroupName(state);
      return ok({ ...state, groups: [...state.groups, { id: action.groupId, name }] });
    }
    case 'removeGroup':
      return removeGroup(state, action.groupId);
    case 'balance':
      return ok(setGroups(state, balance(state.groups, state.participants)));
    case 'shuffle':
      return ok(setGroups(state, shuffle(state.groups, state.participants, seededRandom(action.seed))));
    case 'setPhase': {
      if (action.phase === state.phase) return ok(state);
      if (!PHASE_TRANSITIONS[state.phase].includes(action.phase)) {
        return fail('invalid_transition', `Cannot go from ${state.phase} to ${action.phase}.`, 'phase');
      }
      return ok(enterPhase(state, action.phase));
    }
    case 'timer': {
      const timer = applyTimer(state.session.timer, action.command, now);
      return timer.ok ? ok(withSession(state, { timer: timer.data })) : timer;
    }
    case 'closeBreakouts':
      return ok(
        withSession(
          state,
          // Closed breakouts end the help requests too: nobody comes to a group that cannot edit.
          action.delayMs <= 0 ? { breakouts: { closed: true, closesAt: null }, help: [] } : { breakouts: { closed: false, closesAt: now + action.delayMs } },
        ),
      );
    case 'reopenBreakouts':
      return ok(withSession(state, { breakouts: { closed: false, closesAt: null } }));
    case 'tick': {
      const session = tickSession(state.session, now);
      if (session === state.session) return ok(state);
      const closedNow = session.breakouts.closed && !state.session.breakouts.closed;
      return ok({ ...state, session: closedNow ? { ...session, help: [] } : session });
    }
    case 'requestHelp': {
      const seat = findParticipant(state, action.participantId);
      if (!seat.ok) return seat;
      const groupId = seat.data.groupId;
      if (groupId === null) return fail('forbidden', 'Join a group before asking for help.');
      if (state.phase === 'plenary' || state.phase === 'ended' || state.session.breakouts.closed) {
        return fail('forbidden', 'Help is asked for while the groups draft.');
      }
      if (state.session.help.some((h) => h.groupId === groupId)) return ok(state); // already queued: keep its place
      const request = { groupId, participantId: seat.data.id, name: seat.data.name, message: action.message, at: now };
      return ok(withSession(state, { help: [...state.session.help, request] }));
    }
    case 'cancelHelp': {
      const seat = findParticipant(state, action.participantId);
      if (!seat.ok) return seat;
      return ok(withSession(state, { help: state.session.help.filter((h) => h.groupId !== seat.data.groupId) }));
    }
    case 'clearHelp':
      return ok(withSession(state, { help: state.session.help.filter((h) => h.groupId !== action.groupId) }));
    case 'broadcast': {
      if (action.groupId !== null && !hasGroup(state, action.groupId)) return fail('not_found', 'No such group.', 'groupId');
      const broadcasts = [...state.session.broadcasts, { id: action.id, text: action.text, groupId: action.groupId, at: now, phase: state.phase }];
      return ok(withSession(state, { broadcasts: broadcasts.slice(-MAX_BROADCASTS) }));
    }
    case 'spotlight':
      if (action.groupId !== null && !hasGroup(state, action.groupId)) return fail('not_found', 'No such group.', 'groupId');
      return ok(withSession(state, { spotlight: action.groupId }));
    case 'setPeers': {
      const ids = action.pairs.flat();
      if (ids.some((g) => !hasGroup(state, g))) return fail('not_found', 'No such group.', 'pairs');
      if (new Set(ids).size !== ids.length) return fail('invalid_payload', 'A group can be in one pair only.', 'pairs');
      return ok(withSession(state, { peers: partnersFromPairs(action.pairs) }));
    }
    case 'setBoard':
      // The board teaches from the breakouts' drafts, in the plenary; leaving it takes the board down (enterPhase).
      if (action.board !== null && state.phase !== 'plenary') return fail('forbidden', 'The teaching board is shown in the plenary.');
      return ok(withSession(state, { board: action.board }));
    case 'setQuickComments':
      return ok(withSession(state, { quickComments: action.items }));
    case 'setNotes':
      return ok((state.session.notes ?? '') === action.notes ? state : withSession(state, { notes: action.notes }));
    case 'setRules':
      return ok({ ...state, rules: action.rules });
    case 'setLanguage':
      return ok(state.language === action.language ? state : { ...state, language: action.language });
    default: {
      const unknown: never = action;
      return fail('invalid_payload', `Unknown action ${(unknown as { type: string }).type}`);
    }
  }
}

function join(
  state: WorkshopState,
  { participantId, name, newGroupId }: { participantId: string; name: string; newGroupId: string },
  now: number,
): Result<WorkshopState> {
  if (state.phase === 'ended') return fail('workshop_ended', 'This workshop has ended.');
  if (state.participants.some((p) => p.id === participantId)) return fail('invalid_payload', 'This participant has already joined.');
  if (state.participants.length >= LIMITS.maxParticipants) {
    return fail('limit_exceeded', `This workshop is full (${LIMITS.maxParticipants} participants).`);
  }
  let next = state;
  let groupId: string | null = null;
  if (state.assignment === 'auto') {
    groupId = pickEmptiestGroup(state.groups, state.participants, state.maxGroupSize);
    if (groupId === null && state.groups.length < LIMITS.maxGroups) {
      // Every group is at the target size: open a new one.
      next = { ...state, groups: [...state.groups, { id: newGroupId, name: nextGroupName(state) }] };
      groupId = newGroupId;
    }
    groupId ??= pickEmptiestGroup(state.groups, state.participants, null);
  }
  const participant = {
    id: participantId,
    name: uniqueName(name, state.participants.map((p) => p.name)),
    groupId,
    joinedAt: now,
  };
  return ok({ ...next, participants: [...next.participants, participant] });
}

function removeGroup(state: WorkshopState, groupId: string): Result<WorkshopState> {
  if (!state.groups.some((g) => g.id === groupId)) return fail('not_found', 'No such group.', 'groupId');
  if (state.groups.length <= 1) return fail('forbidden', 'A workshop keeps at least one group.');
  const groups = state.groups.filter((g) => g.id !== groupId);
  const participants = state.participants.map((p) => (p.groupId === groupId ? { ...p, groupId: null } : p));
  const next = { ...withoutGroupInSession(state, groupId), groups, participants };
  // In auto mode nobody should wait in the lobby: re-seat the removed group's members.
  if (state.assignment !== 'auto') return ok(next);
  const moves = new Map<string, string>();
  let seated = next.participants;
  for (const p of participants) {
    if (p.groupId !== null) continue;
    const target = pickEmptiestGroup(groups, seated, null)!;
    moves.set(p.id, target);
    seated = seated.map((s) => (s.id === p.id ? { ...s, groupId: target } : s));
  }
  return ok(setGroups(next, moves));
}

/**
 * A phase change starts the new phase afresh: a broadcast belongs to the phase it was sent in, a
 * close (scheduled or done) to the breakouts it closed, the teaching board to the plenary; leaving
 * the breakouts stops and clears the timer and closes the help requests.
 */
function enterPhase(state: WorkshopState, phase: Phase): WorkshopState {
  const leavingBreakouts = state.phase === 'breakouts';
  const { session } = state;
  return {
    ...state,
    phase,
    session: {
      ...session,
      broadcasts: [],
      breakouts: { closed: false, closesAt: null },
      board: null,
      timer: leavingBreakouts ? null : session.timer,
      help: leavingBreakouts ? [] : session.help,
    },
  };
}

function setGroups(state: WorkshopState, moves: ReadonlyMap<string, string | null>): WorkshopState {
  if (moves.size === 0) return state;
  return {
    ...state,
    participants: state.participants.map((p) => (moves.has(p.id) ? { ...p, groupId: moves.get(p.id)! } : p)),
  };
}

function withSession(state: WorkshopState, patch: Partial<SessionState>): WorkshopState {
  return { ...state, session: { ...state.session, ...patch } };
}

function hasGroup(state: WorkshopState, groupId: string): boolean {
  return state.groups.some((g) => g.id === groupId);
}

/** Drops a removed group from help, broadcasts, spotlight and peer pairs. */
function withoutGroupInSession(state: WorkshopState, groupId: string): WorkshopState {
  const { session } = state;
  const peers: Record<string, string[]> = {};
  for (const [g, partners] of Object.entries(session.peers)) {
    const rest = partners.filter((p) => p !== groupId);
    if (g !== groupId && rest.length > 0) peers[g] = rest;
  }
  return withSession(state, {
    help: session.help.filter((h) => h.groupId !== groupId),
    broadcasts: session.broadcasts.filter((b) => b.groupId !== groupId),
    spotlight: session.spotlight === groupId ? null : session.spotlight,
    peers,
  });
}

function findParticipant(state: WorkshopState, participantId: string): Result<Participant> {
  const p = state.participants.find((x) => x.id === participantId);
  return p ? ok(p) : fail('not_found', 'No such participant.', 'participantId');
}

function nextGroupName(state: WorkshopState): string {
  const names = new Set(state.groups.map((g) => g.name));
  let n = state.groups.length + 1;
  while (names.has(defaultGroupName(n, state.language))) n++;
  return defaultGroupName(n, state.language);
}
