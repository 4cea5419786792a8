import { describe, expect, it } from 'vitest';
import { canSeeComment, unresolvedCount, type Comment } from './comments';
import { applyTimer as applyTimerResult, autoPairs, initialSession, nextDue, partnersFromPairs, tickSession, timerRemaining, type TimerCommand, type TimerState } from './session';

/** applyTimer for commands that must be accepted. */
function applyTimer(timer: TimerState | null, command: TimerCommand, now: number): TimerState | null {
  const r = applyTimerResult(timer, command, now);
  if (!r.ok) throw new Error(r.error.message);
  return r.data;
}

describe('timer', () => {
  it('sets, starts, pauses, adds time and stops', () => {
    let t = applyTimer(null, { action: 'set', ms: 60_000 }, 0);
    expect(t).toEqual({ durationMs: 60_000, endsAt: null, remainingMs: 60_000, closeOnEnd: false });
    t = applyTimer(t, { action: 'start' }, 1000);
    expect(t!.endsAt).toBe(61_000);
    expect(timerRemaining(t!, 11_000)).toBe(50_000);
    t = applyTimer(t, { action: 'pause' }, 11_000);
    expect(t).toMatchObject({ endsAt: null, remainingMs: 50_000 });
    t = applyTimer(t, { action: 'add', ms: 30_000 }, 20_000);
    expect(t).toMatchObject({ remainingMs: 80_000, durationMs: 90_000 });
    t = applyTimer(t, { action: 'start' }, 20_000);
    t = applyTimer(t, { action: 'add', ms: 10_000 }, 30_000);
    expect(timerRemaining(t!, 30_000)).toBe(80_000);
    expect(applyTimer(t, { action: 'stop' }, 40_000)).toBeNull();
  });
  it('ignores start on a finished timer and pause on a paused one', () => {
    const done = { durationMs: 1, endsAt: null, remainingMs: 0, closeOnEnd: false };
    expect(applyTimer(done, { action: 'start' }, 5)).toBe(done);
    expect(applyTimer(done, { action: 'pause' }, 5)).toBe(done);
  });
});

describe('tickSession', () => {
  it('finishes the timer and closes breakouts when asked to', () => {
    const session = { ...initialSession(), timer: { durationMs: 1000, endsAt: 1000, remainingMs: 1000, closeOnEnd: true } };
    expect(nextDue(session)).toBe(1000);
    expect(tickSession(session, 999)).toBe(session);
    const after = tickSession(session, 1000);
    expect(after.timer).toMatchObject({ endsAt: null, remainingMs: 0 });
    expect(after.breakouts.closed).toBe(true);
    expect(nextDue(after)).toBeNull();
  });
  it('applies a scheduled close', () => {
    const session = { ...initialSession(), breakouts: { closed: false, closesAt: 500 } };
    expect(tickSession(session, 500).breakouts).toEqual({ closed: true, closesAt: null });
  });
});

describe('peer pairs', () => {
  it('pairs neighbours and folds an odd group into a trio', () => {
    expect(autoPairs(['a', 'b', 'c', 'd'])).toEqual([['a', 'b'], ['c', 'd']]);
    expect(autoPairs(['a', 'b', 'c'])).toEqual([['a', 'b', 'c']]);
    expect(autoPairs(['a'])).toEqual([]);
    expect(partnersFromPairs([['a', 'b', 'c']])).toEqual({ a: ['b', 'c'], b: ['a', 'c'], c: ['a', 'b'] });
  });
});

describe('comment visibility', () => {
  const base: Comment = { id: 'c', groupId: 'g1', itemId: null, field: null, parentId: null, kind: 'coach', authorId: null, authorName: 'F', authorGroupId: null, text: 't', createdAt: 0, resolved: false };
  it('shows a peer group only its own peer comments', () => {
    const peerComment = { ...base, kind: 'peer' as const, authorGroupId: 'g2' };
    expect(canSeeComment({ role: 'participant', groupId: 'g2' }, peerComment)).toBe(true);
    expect(canSeeComment({ role: 'participant', groupId: 'g2' }, base)).toBe(false);
    expect(canSeeComment({ role: 'participant', groupId: 'g1' }, base)).toBe(true);
    expect(unresolvedCount([base, { ...base, id: 'r', parentId: 'c' }, { ...base, id: 'x', resolved: true }], 'g1')).toBe(1);
  });
});
