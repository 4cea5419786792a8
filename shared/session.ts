/** Running the session: timer, closing breakouts, help requests, broadcasts, spotlight, peer review. Pure. */
import { LIMITS } from './limits';
import { fail, ok, type Result } from './result';
import type { Phase } from './workshop';

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
  /** The phase it was sent in: it expires with that phase. */
  phase: Phase;
}

/** The teaching board (issue #23) on everyone's screen, and whether it names the groups. */
export interface BoardSetting {
  names: boolean;
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
  /** The teaching board shown to everyone (plenary only); absent in workshops stored before it. */
  board?: BoardSetting | null;
  /** The facilitator's notes for the session report (issue #23); absent in workshops stored before it. */
  notes?: string;
}

/** How long before an automatic close participants are warned. */
export const CLOSE_WARNING_MS = 60_000;
/** Broadcasts kept (older ones fall off). */
export const MAX_BROADCASTS = 20;

/** A new workshop's session; `quickComments` are its starting ones (see defaults.ts). */
export function initialSession(quickComments: string[] = []): SessionState {
  return {
    timer: null,
    breakouts: { closed: false, closesAt: null },
    help: [],
    broadcasts: [],
    spotlight: null,
    peers: {},
    quickComments,
    board: null,
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

/** A length for messages, floored to the second: "3 h 59 min 30 s". */
function timerLength(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const parts = [[Math.floor(s / 3600), 'h'], [Math.floor((s % 3600) / 60), 'min'], [s % 60, 's']] as const;
  return parts.filter(([n]) => n > 0).map(([n, u]) => `${n} ${u}`).join(' ') || '0 s';
}

const inTimerRange = (ms: number): boolean => ms >= LIMITS.timerMinMs && ms <= LIMITS.timerMaxMs; // false for NaN

/**
 * Applies a timer command. Every command leaves the duration within 1 s – 4 h and the time left
 * within 0 – 4 h (at least 1 s right after a set or an add): a command that cannot is refused
 * (invalid_payload, field `ms`) and changes nothing.
 */
export function applyTimer(timer: TimerState | null, command: TimerCommand, now: number): Result<TimerState | null> {
  switch (command.action) {
    case 'set':
      if (!inTimerRange(command.ms)) return fail('invalid_payload', `A timer runs ${timerLength(LIMITS.timerMinMs)} to ${timerLength(LIMITS.timerMaxMs)}.`, 'ms');
      return ok({ durationMs: command.ms, endsAt: null, remainingMs: command.ms, closeOnEnd: timer?.closeOnEnd ?? false });
    case 'start':
      if (!timer || timer.endsAt !== null || timer.remainingMs <= 0) return ok(timer);
      return ok({ ...timer, endsAt: now + timer.remainingMs });
    case 'pause':
      if (!timer || timer.endsAt === null) return ok(timer);
      return ok({ ...timer, endsAt: null, remainingMs: timerRemaining(timer, now) });
    case 'add': {
      const leftNow = timer ? timerRemaining(timer, now) : 0;
      const left = leftNow + command.ms;
      // Refused, not clamped: a "+1 min" that silently adds 20 s, or a "−5 min" cut to 1 s that ends
      // the timer (and may close the breakouts) at once, would surprise a facilitator more than a
      // message saying how much time can still be added or taken off.
      if (!inTimerRange(left)) {
        const room = command.ms > 0 ? `${timerLength(LIMITS.timerMaxMs - leftNow)} can be added` : `${timerLength(leftNow - LIMITS.timerMinMs)} can be taken off`;
        return fail('invalid_payload', `A timer has ${timerLength(LIMITS.timerMinMs)} to ${timerLength(LIMITS.timerMaxMs)} to run: at most ${room} now.`, 'ms');
      }
      if (!timer) return ok({ durationMs: left, endsAt: null, remainingMs: left, closeOnEnd: false });
      // The duration (time set plus time added) stays within the limit too, never below what is left.
      const durationMs = Math.max(left, Math.min(LIMITS.timerMaxMs, timer.durationMs + command.ms));
      return ok(timer.endsAt === null ? { ...timer, durationMs, remainingMs: left } : { ...timer, durationMs, endsAt: now + left });
    }
    case 'stop':
      return ok(null);
    case 'closeOnEnd':
      return ok(timer ? { ...timer, closeOnEnd: command.on } : timer);
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
