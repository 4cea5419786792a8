/** Running the session: timer, closing breakouts, help requests, broadcasts, spotlight, peer review. Pure. */

export interface TimerState {
  /** Total duration as set (plus any time added). */
  durationMs: number;
  /** When running: the server time it ends at; null while paused or finished. */
  endsAt: number | null;
  /** While paused: what is left. */
  remainingMs: number;
  /** Close the breakouts when the timer reaches zero (participants get a 60-second warning). */
  closeOnEnd: boolean;
}

export interface BreakoutsState {
  /** Drafts are read-only for members (server-enforced). */
  closed: boolean;
  /** A close is scheduled at this server time (countdown shown to everyone). */
  closesAt: number | null;
}

export interface HelpRequest {
  groupId: string;
  participantId: string;
  name: string;
  message: string;
  at: number;
}

export interface Broadcast {
  id: string;
  text: string;
  /** null: every group. */
  groupId: string | null;
  at: number;
}

/** Everything the facilitator steers besides groups and phase. */
export interface SessionState {
  timer: TimerState | null;
  breakouts: BreakoutsState;
  help: HelpRequest[];
  broadcasts: Broadcast[];
  /** The group whose draft is shown to everyone, read-only. */
  spotlight: string | null;
  /** Peer-review partners: groupId → the groups it reviews (and is reviewed by). */
  peers: Record<string, string[]>;
  /** Canned coaching prompts, editable per workshop. */
  quickComments: string[];
}

/** How long before an automatic close participants are warned. */
export const CLOSE_WARNING_MS = 60_000;
/** Broadcasts kept (older ones fall off). */
export const MAX_BROADCASTS = 20;

export const DEFAULT_QUICK_COMMENTS = [
  'Make it “from X to Y” — what is X today?',
  'Is this an outcome or an activity? What changes if you do it?',
  'How will you measure this? Name the metric.',
  'Who is the champion for this key result?',
  'Is this objective inspiring? Say why it matters now.',
  'Too many key results — which 3 matter most?',
];

export function initialSession(): SessionState {
  return {
    timer: null,
    breakouts: { closed: false, closesAt: null },
    help: [],
    broadcasts: [],
    spotlight: null,
    peers: {},
    quickComments: [...DEFAULT_QUICK_COMMENTS],
  };
}

/** Milliseconds left on the timer at `now`. */
export function timerRemaining(timer: TimerState, now: number): number {
  return timer.endsAt === null ? timer.remainingMs : Math.max(0, timer.endsAt - now);
}

export type TimerCommand =
  | { action: 'set'; ms: number }
  | { action: 'start' }
  | { action: 'pause' }
  | { action: 'add'; ms: number }
  | { action: 'stop' }
  | { action: 'closeOnEnd'; on: boolean };

/** Applies a timer command. */
export function applyTimer(timer: TimerState | null, command: TimerCommand, now: number): TimerState | null {
  switch (command.action) {
    case 'set':
      return { durationMs: command.ms, endsAt: null, remainingMs: command.ms, closeOnEnd: timer?.closeOnEnd ?? false };
    case 'start':
      if (!timer || timer.endsAt !== null || timer.remainingMs <= 0) return timer;
      return { ...timer, endsAt: now + timer.remainingMs };
    case 'pause':
      if (!timer || timer.endsAt === null) return timer;
      return { ...timer, endsAt: null, remainingMs: timerRemaining(timer, now) };
    case 'add':
      if (!timer) return { durationMs: command.ms, endsAt: null, remainingMs: command.ms, closeOnEnd: false };
      return timer.endsAt === null
        ? { ...timer, durationMs: timer.durationMs + command.ms, remainingMs: timer.remainingMs + command.ms }
        : { ...timer, durationMs: timer.durationMs + command.ms, endsAt: timer.endsAt + command.ms };
    case 'stop':
      return null;
    case 'closeOnEnd':
      return timer ? { ...timer, closeOnEnd: command.on } : timer;
    default: {
      const never: never = command;
      return never;
    }
  }
}

/** Applies what is due at `now`: a finished timer (maybe closing breakouts) and a scheduled close. */
export function tickSession(session: SessionState, now: number): SessionState {
  let next = session;
  const { timer } = session;
  if (timer && timer.endsAt !== null && timer.endsAt <= now) {
    next = { ...next, timer: { ...timer, endsAt: null, remainingMs: 0 } };
    if (timer.closeOnEnd) next = { ...next, breakouts: { closed: true, closesAt: null } };
  }
  if (next.breakouts.closesAt !== null && next.breakouts.closesAt <= now) {
    next = { ...next, breakouts: { closed: true, closesAt: null } };
  }
  return next;
}

/** The next server time something is due, or null. */
export function nextDue(session: SessionState): number | null {
  const times = [session.timer?.endsAt ?? null, session.breakouts.closesAt].filter((t): t is number => t !== null);
  return times.length > 0 ? Math.min(...times) : null;
}

/** Pairs groups in order (1↔2, 3↔4…); an odd last group joins the previous pair as a trio. */
export function autoPairs(groupIds: readonly string[]): string[][] {
  const pairs: string[][] = [];
  for (let i = 0; i + 1 < groupIds.length; i += 2) pairs.push([groupIds[i]!, groupIds[i + 1]!]);
  if (groupIds.length % 2 === 1) {
    const last = groupIds[groupIds.length - 1]!;
    if (pairs.length > 0) pairs[pairs.length - 1]!.push(last);
  }
  return pairs;
}

/** Partner lists from pairs (or trios): every member of a set reviews every other. */
export function partnersFromPairs(pairs: readonly (readonly string[])[]): Record<string, string[]> {
  const partners: Record<string, string[]> = {};
  for (const set of pairs) {
    for (const g of set) partners[g] = [...new Set([...(partners[g] ?? []), ...set.filter((x) => x !== g)])];
  }
  return partners;
}
