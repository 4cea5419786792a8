import { describe, expect, it } from 'vitest';
import { LIMITS } from './limits';
import { DEFAULT_OKR_RULES } from './okrRules';
import { reduceWorkshop, type WorkshopAction } from './reducer';
import { seededRandom } from './random';
import { initialSession, timerRemaining, type TimerCommand } from './session';
import { workshopChanges, type AssignmentMode, type WorkshopState } from './workshop';

function workshop(assignment: AssignmentMode = 'auto', groupCount = 3, maxGroupSize: number | null = null): WorkshopState {
  return {
    id: 'w1',
    title: 'Test',
    language: 'en',
    createdAt: 0,
    lastActiveAt: 0,
    phase: 'lobby',
    assignment,
    maxGroupSize,
    groups: Array.from({ length: groupCount }, (_, i) => ({ id: `g${i + 1}`, name: `Group ${i + 1}` })),
    participants: [],
    session: initialSession(),
    rules: DEFAULT_OKR_RULES,
  };
}

function run(state: WorkshopState, ...actions: WorkshopAction[]): WorkshopState {
  return actions.reduce((s, a, i) => {
    const r = reduceWorkshop(s, a, 1000 + i);
    if (!r.ok) throw new Error(`${a.type}: ${r.error.message}`);
    return r.data;
  }, state);
}

const joins = (n: number, from = 0): WorkshopAction[] =>
  Array.from({ length: n }, (_, i) => ({ type: 'join', participantId: `p${from + i}`, name: `Person ${from + i}`, newGroupId: `new${from + i}` }));

describe('join', () => {
  it('refuses a participant id that is already seated (changes nothing)', () => {
    const s = run(workshop('auto', 2), ...joins(2));
    const again = reduceWorkshop(s, { type: 'join', participantId: 'p1', name: 'Twin', newGroupId: 'x' }, 9);
    expect(again).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });

  it('auto mode balances newcomers across groups', () => {
    const s = run(workshop('auto', 3), ...joins(7));
    const counts = s.groups.map((g) => s.participants.filter((p) => p.groupId === g.id).length);
    expect(counts).toEqual([3, 2, 2]);
    expect(s.lastActiveAt).toBe(1006);
    expect(s.participants[0]!.joinedAt).toBe(1000);
  });
  it('auto mode with a group size opens a new group when all are full', () => {
    const s = run(workshop('auto', 1, 2), ...joins(5));
    expect(s.groups.map((g) => g.name)).toEqual(['Group 1', 'Group 2', 'Group 3']);
    expect(s.participants.map((p) => p.groupId)).toEqual(['g1', 'g1', 'new2', 'new2', 'new4']);
  });
  it('self-select and facilitator modes start in the lobby', () => {
    expect(run(workshop('self-select'), ...joins(2)).participants.every((p) => p.groupId === null)).toBe(true);
    expect(run(workshop('facilitator'), ...joins(2)).participants.every((p) => p.groupId === null)).toBe(true);
  });
  it('tells duplicate names apart', () => {
    const s = run(workshop(), { type: 'join', participantId: 'a', name: 'Ana', newGroupId: 'x' }, { type: 'join', participantId: 'b', name: 'ana', newGroupId: 'y' }, { type: 'join', participantId: 'c', name: 'Ana', newGroupId: 'z' });
    expect(s.participants.map((p) => p.name)).toEqual(['Ana', 'ana (2)', 'Ana (3)']);
  });
  it('refuses joins once ended or full', () => {
    const ended = run(workshop(), { type: 'setPhase', phase: 'ended' });
    const r = reduceWorkshop(ended, joins(1)[0]!, 1);
    expect(r.ok ? null : r.error.code).toBe('workshop_ended');
    const full = { ...workshop(), participants: Array.from({ length: LIMITS.maxParticipants }, (_, i) => ({ id: `x${i}`, name: `x${i}`, groupId: 'g1', joinedAt: 0 })) };
    const r2 = reduceWorkshop(full, joins(1)[0]!, 1);
    expect(r2.ok ? null : r2.error.code).toBe('limit_exceeded');
  });
});

describe('chooseGroup (self-select)', () => {
  it('honours the capacity', () => {
    const s = run(workshop('self-select', 2, 2), ...joins(3), { type: 'chooseGroup', participantId: 'p0', groupId: 'g1' }, { type: 'chooseGroup', participantId: 'p1', groupId: 'g1' });
    const r = reduceWorkshop(s, { type: 'chooseGroup', participantId: 'p2', groupId: 'g1' }, 5);
    expect(r.ok ? null : r.error.code).toBe('group_full');
    expect(run(s, { type: 'chooseGroup', participantId: 'p2', groupId: 'g2' }).participants[2]!.groupId).toBe('g2');
  });
  it('is refused outside self-select mode and for unknown groups', () => {
    const s = run(workshop('auto'), ...joins(1));
    const r = reduceWorkshop(s, { type: 'chooseGroup', participantId: 'p0', groupId: 'g2' }, 5);
    expect(r.ok ? null : r.error.code).toBe('forbidden');
    const t = run(workshop('self-select'), ...joins(1));
    const r2 = reduceWorkshop(t, { type: 'chooseGroup', participantId: 'p0', groupId: 'nope' }, 5);
    expect(r2.ok ? null : r2.error.code).toBe('not_found');
  });
});

describe('facilitator actions', () => {
  it('moves and removes participants', () => {
    let s = run(workshop('auto', 2), ...joins(4), { type: 'move', participantId: 'p0', groupId: 'g2' });
    expect(s.participants.find((p) => p.id === 'p0')!.groupId).toBe('g2');
    s = run(s, { type: 'move', participantId: 'p1', groupId: null });
    expect(s.participants.find((p) => p.id === 'p1')!.groupId).toBeNull();
    s = run(s, { type: 'removeParticipant', participantId: 'p2' });
    expect(s.participants.map((p) => p.id)).toEqual(['p0', 'p1', 'p3']);
  });
  it('refuses moves to unknown groups and of unknown people, leaving state unchanged', () => {
    const s = run(workshop(), ...joins(2));
    for (const a of [
      { type: 'move', participantId: 'p0', groupId: 'nope' },
      { type: 'move', participantId: 'ghost', groupId: 'g1' },
      { type: 'removeParticipant', participantId: 'ghost' },
      { type: 'renameGroup', groupId: 'nope', name: 'x' },
    ] as WorkshopAction[]) {
      const r = reduceWorkshop(s, a, 9);
      expect(r.ok ? null : r.error.code).toBe('not_found');
    }
  });
  it('adds, renames and removes groups; removed members are re-seated in auto mode', () => {
    let s = run(workshop('auto', 2), ...joins(4), { type: 'addGroup', groupId: 'g3' }, { type: 'renameGroup', groupId: 'g1', name: 'Sales' });
    expect(s.groups.map((g) => g.name)).toEqual(['Sales', 'Group 2', 'Group 3']);
    s = run(s, { type: 'removeGroup', groupId: 'g1' });
    expect(s.groups.map((g) => g.id)).toEqual(['g2', 'g3']);
    expect(s.participants.every((p) => p.groupId === 'g2' || p.groupId === 'g3')).toBe(true);
  });
  it('sends removed group members to the lobby outside auto mode and keeps one group', () => {
    let s = run(workshop('facilitator', 2), ...joins(2), { type: 'move', participantId: 'p0', groupId: 'g1' });
    s = run(s, { type: 'removeGroup', groupId: 'g1' });
    expect(s.participants[0]!.groupId).toBeNull();
    const r = reduceWorkshop(s, { type: 'removeGroup', groupId: 'g2' }, 1);
    expect(r.ok ? null : r.error.code).toBe('forbidden');
  });
  it('caps the number of groups', () => {
    const s = workshop('auto', LIMITS.maxGroups);
    const r = reduceWorkshop(s, { type: 'addGroup', groupId: 'extra' }, 1);
    expect(r.ok ? null : r.error.code).toBe('limit_exceeded');
  });
  it('balances and shuffles everyone, lobby included', () => {
    const s = run(workshop('facilitator', 3), ...joins(7), { type: 'balance' });
    const counts = s.groups.map((g) => s.participants.filter((p) => p.groupId === g.id).length).sort();
    expect(counts).toEqual([2, 2, 3]);
    const t = run(s, { type: 'shuffle', seed: 42 });
    expect(t.participants.every((p) => p.groupId !== null)).toBe(true);
  });
});

describe('phases', () => {
  it('walks lobby → breakouts → plenary → ended', () => {
    const s = run(workshop(), { type: 'setPhase', phase: 'breakouts' }, { type: 'setPhase', phase: 'plenary' }, { type: 'setPhase', phase: 'breakouts' }, { type: 'setPhase', phase: 'plenary' }, { type: 'setPhase', phase: 'ended' });
    expect(s.phase).toBe('ended');
  });
  it('refuses transitions that make no sense', () => {
    const r = reduceWorkshop(workshop(), { type: 'setPhase', phase: 'plenary' }, 1);
    expect(r.ok ? null : r.error.code).toBe('invalid_transition');
  });
});

describe('workshopChanges (what the store writes)', () => {
  const after = (s: WorkshopState, a: WorkshopAction) => {
    const r = reduceWorkshop(s, a, 5000);
    if (!r.ok) throw new Error(r.error.message);
    return r.data;
  };

  it('a join is the newcomer only, and a timer touches no participant', () => {
    const s = run(workshop('auto', 3), ...joins(4));
    const joined = after(s, joins(1, 4)[0]!);
    expect(workshopChanges(s, joined)).toEqual({ settings: false, upserted: [joined.participants[4]], removed: [] });
    const timed = after(s, { type: 'timer', command: { action: 'set', ms: 60_000 } });
    expect(workshopChanges(s, timed)).toEqual({ settings: true, upserted: [], removed: [] });
  });

  it('a join that opens a group, a move, a removal and a shuffle write what they changed', () => {
    const full = run(workshop('auto', 1, 2), ...joins(2));
    const opened = after(full, joins(1, 2)[0]!);
    expect(workshopChanges(full, opened)).toMatchObject({ settings: true, upserted: [opened.participants[2]] });
    const moved = after(opened, { type: 'move', participantId: 'p0', groupId: null });
    expect(workshopChanges(opened, moved)).toEqual({ settings: false, upserted: [moved.participants[0]], removed: [] });
    const removed = after(moved, { type: 'removeParticipant', participantId: 'p1' });
    // (A removal also clears the leaver's help requests: the session is written too.)
    expect(workshopChanges(moved, removed)).toMatchObject({ upserted: [], removed: ['p1'] });
    const shuffled = after(removed, { type: 'shuffle', seed: 7 });
    const changes = workshopChanges(removed, shuffled);
    expect(changes.removed).toEqual([]);
    expect(changes.upserted).toEqual(shuffled.participants.filter((p, i) => p.groupId !== removed.participants[i]!.groupId));
  });
});

describe('timer bounds (1 s – 4 h however it is driven)', () => {
  const MIN = LIMITS.timerMinMs;
  const MAX = LIMITS.timerMaxMs;
  const timerAction = (command: TimerCommand): WorkshopAction => ({ type: 'timer', command });

  it('refuses an add past 4 h or below 1 s left, changing nothing', () => {
    const set = run(workshop(), timerAction({ action: 'set', ms: 1000 }));
    const below = reduceWorkshop(set, timerAction({ action: 'add', ms: -MAX }), 5000);
    expect(below).toMatchObject({ ok: false, error: { code: 'invalid_payload', field: 'ms', message: 'A timer has 1 s to 4 h to run: at most 0 s can be taken off now.' } });
    // Three "+4 h" on a 10-minute timer used to reach 12 h 10 min.
    const ten = run(workshop(), timerAction({ action: 'set', ms: 10 * 60_000 }), timerAction({ action: 'start' }));
    const past = reduceWorkshop(ten, timerAction({ action: 'add', ms: MAX }), 1001 + 30_000);
    expect(past).toMatchObject({ ok: false, error: { code: 'invalid_payload', field: 'ms', message: 'A timer has 1 s to 4 h to run: at most 3 h 50 min 30 s can be added now.' } });
    // Exactly up to the bounds is fine.
    const full = reduceWorkshop(ten, timerAction({ action: 'add', ms: MAX - 9.5 * 60_000 }), 1001 + 30_000);
    expect(full.ok && timerRemaining(full.data.session.timer!, 1001 + 30_000)).toBe(MAX);
    expect(full.ok && full.data.session.timer!.durationMs).toBe(MAX);
    const last = reduceWorkshop(ten, timerAction({ action: 'add', ms: -(9.5 * 60_000 - MIN) }), 1001 + 30_000);
    expect(last.ok && timerRemaining(last.data.session.timer!, 1001 + 30_000)).toBe(MIN);
  });

  it('refuses an add that would start a timer out of range, and a set out of range', () => {
    expect(reduceWorkshop(workshop(), timerAction({ action: 'add', ms: -60_000 }), 1)).toMatchObject({ ok: false, error: { field: 'ms' } });
    expect(reduceWorkshop(workshop(), timerAction({ action: 'add', ms: 500 }), 1)).toMatchObject({ ok: false, error: { field: 'ms' } });
    for (const ms of [0, 999, MAX + 1, Number.NaN, Infinity]) {
      expect(reduceWorkshop(workshop(), timerAction({ action: 'set', ms }), 1), String(ms)).toMatchObject({ ok: false, error: { code: 'invalid_payload', field: 'ms' } });
    }
  });

  it('keeps the duration within 1 s – 4 h and the time left within 0 – 4 h after every action (random sequences, fixed seeds)', () => {
    const commands = (rng: () => number): TimerCommand => {
      // Lengths around the interesting edges: tiny, around the bounds, far past them, either sign.
      const lengths = [1, 500, MIN, 60_000, MAX - MIN, MAX, MAX + 1, 3 * MAX];
      const ms = () => Math.round(lengths[Math.floor(rng() * lengths.length)]! * (rng() < 0.5 ? 1 : rng()) * (rng() < 0.4 ? -1 : 1));
      const pick = Math.floor(rng() * 6);
      if (pick === 0) return { action: 'set', ms: ms() };
      if (pick === 1) return { action: 'add', ms: ms() };
      if (pick === 2) return { action: 'start' };
      if (pick === 3) return { action: 'pause' };
      if (pick === 4) return rng() < 0.2 ? { action: 'stop' } : { action: 'add', ms: ms() };
      return { action: 'closeOnEnd', on: rng() < 0.5 };
    };
    const problems: string[] = [];
    const seen = { accepted: 0, refused: 0 };
    for (const seed of [1, 2, 3, 19, 2024]) {
      const rng = seededRandom(seed);
      let state = workshop();
      let now = 0;
      for (let step = 0; step < 2000; step++) {
        now += Math.floor(rng() * (rng() < 0.1 ? 2 * MAX : 120_000));
        const action: WorkshopAction = rng() < 0.15 ? { type: 'tick' } : timerAction(commands(rng));
        const result = reduceWorkshop(state, action, now);
        const where = `seed ${seed} step ${step} ${JSON.stringify(action)}`;
        if (!result.ok) {
          seen.refused++;
          if (result.error.code !== 'invalid_payload' || result.error.field !== 'ms') problems.push(`${where}: ${result.error.message}`);
          continue; // refused: the state stays as it was
        }
        seen.accepted++;
        state = result.data;
        const timer = state.session.timer;
        if (!timer) continue;
        const left = timerRemaining(timer, now);
        const setOrAdd = action.type === 'timer' && (action.command.action === 'set' || action.command.action === 'add');
        const ok = timer.durationMs >= MIN && timer.durationMs <= MAX && left >= (setOrAdd ? MIN : 0) && left <= timer.durationMs;
        if (!ok) problems.push(`${where}: ${JSON.stringify(timer)}, ${left} ms left`);
      }
    }
    expect(problems).toEqual([]);
    expect(seen.accepted).toBeGreaterThan(1000);
    expect(seen.refused).toBeGreaterThan(1000);
  });
});

describe('one state, one message (issue #22): the phase carries its session with it', () => {
  const inBreakouts = () => run(workshop('auto', 2), ...joins(2), { type: 'setPhase', phase: 'breakouts' });
  it('leaving the breakouts stops and clears the timer', () => {
    for (const phase of ['plenary', 'lobby', 'ended'] as const) {
      const s = run(inBreakouts(), { type: 'timer', command: { action: 'set', ms: 600_000 } }, { type: 'timer', command: { action: 'start' } }, { type: 'setPhase', phase });
      expect(s.session.timer).toBeNull();
    }
  });
  it('closes open help requests when the breakouts end (closed now, by the timer, or left)', () => {
    const asked = run(inBreakouts(), { type: 'requestHelp', participantId: 'p0', message: 'Stuck' });
    expect(asked.session.help).toHaveLength(1);
    expect(run(asked, { type: 'closeBreakouts', delayMs: 0 }).session.help).toEqual([]);
    expect(run(asked, { type: 'setPhase', phase: 'plenary' }).session.help).toEqual([]);
    const timed = run(asked, { type: 'timer', command: { action: 'set', ms: 1000 } }, { type: 'timer', command: { action: 'closeOnEnd', on: true } }, { type: 'timer', command: { action: 'start' } });
    const ticked = reduceWorkshop(timed, { type: 'tick' }, 10_000);
    expect(ticked.ok && ticked.data.session).toMatchObject({ help: [], breakouts: { closed: true } });
    // A close only scheduled keeps the queue until it happens.
    expect(run(asked, { type: 'closeBreakouts', delayMs: 60_000 }).session.help).toHaveLength(1);
    // And nobody asks while closed or after the breakouts.
    const closed = run(inBreakouts(), { type: 'closeBreakouts', delayMs: 0 });
    expect(reduceWorkshop(closed, { type: 'requestHelp', participantId: 'p0', message: '' }, 5)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const plenary = run(inBreakouts(), { type: 'setPhase', phase: 'plenary' });
    expect(reduceWorkshop(plenary, { type: 'requestHelp', participantId: 'p0', message: '' }, 5)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
  it('a broadcast belongs to the phase it was sent in: those of an earlier phase are gone', () => {
    const sent = run(inBreakouts(), { type: 'broadcast', id: 'b1', text: '10 minutes left', groupId: null }, { type: 'broadcast', id: 'b2', text: 'Add a baseline', groupId: 'g1' });
    expect(sent.session.broadcasts.map((b) => [b.id, b.phase])).toEqual([['b1', 'breakouts'], ['b2', 'breakouts']]);
    const plenary = run(sent, { type: 'setPhase', phase: 'plenary' });
    expect(plenary.session.broadcasts).toEqual([]);
    expect(run(plenary, { type: 'broadcast', id: 'b3', text: 'Welcome back', groupId: null }).session.broadcasts.map((b) => b.phase)).toEqual(['plenary']);
  });
  it('a close belongs to the breakouts it closed: the next breakouts start open', () => {
    const s = run(inBreakouts(), { type: 'closeBreakouts', delayMs: 0 }, { type: 'setPhase', phase: 'plenary' });
    expect(s.session.breakouts).toEqual({ closed: false, closesAt: null });
    const scheduled = run(inBreakouts(), { type: 'closeBreakouts', delayMs: 60_000 }, { type: 'setPhase', phase: 'plenary' }, { type: 'setPhase', phase: 'breakouts' });
    expect(scheduled.session.breakouts).toEqual({ closed: false, closesAt: null });
  });
});

describe('the teaching board', () => {
  it('is shown in the plenary only, with or without names, and taken down by the facilitator or by leaving the plenary', () => {
    const breakouts = run(workshop(), { type: 'setPhase', phase: 'breakouts' });
    const refused = reduceWorkshop(breakouts, { type: 'setBoard', board: { names: false } }, 5);
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const plenary = run(breakouts, { type: 'setPhase', phase: 'plenary' }, { type: 'setBoard', board: { names: false } });
    expect(plenary.session.board).toEqual({ names: false });
    expect(run(plenary, { type: 'setBoard', board: { names: true } }).session.board).toEqual({ names: true });
    expect(run(plenary, { type: 'setBoard', board: null }).session.board).toBeNull();
    for (const phase of ['breakouts', 'ended'] as const) expect(run(plenary, { type: 'setPhase', phase }).session.board).toBeNull();
  });
});
