import { describe, expect, it } from 'vitest';
import { initialSession } from './session';
import {
  CONSOLE_MESSAGES,
  PARTICIPANT_MESSAGES,
  phaseFacts,
  phaseStatus,
  type BreakoutStatus,
  type PhaseFacts,
  type SpotlightStatus,
  type TimerStatus,
} from './phaseMessage';
import { PHASES } from './workshop';

const BREAKOUTS: BreakoutStatus[] = ['open', 'closing', 'closed'];
const TIMERS: TimerStatus[] = ['running', 'paused', 'none'];
const SPOTLIGHTS: SpotlightStatus[] = ['none', 'own', 'other'];
const BOOLS = [false, true];

/** Every combination of the facts: phase × breakouts × timer × spotlight × peers × placed × self-select. */
function everyCombination(): PhaseFacts[] {
  const all: PhaseFacts[] = [];
  for (const phase of PHASES)
    for (const breakouts of BREAKOUTS)
      for (const timer of TIMERS)
        for (const spotlight of SPOTLIGHTS)
          for (const peers of BOOLS)
            for (const placed of BOOLS)
              for (const selfSelect of BOOLS) all.push({ phase, breakouts, timer, spotlight, peers, placed, selfSelect });
  return all;
}

const OPEN_MESSAGES = new Set(['breakoutsOpen', 'breakoutsPeers', 'lobbyPlaced']);

describe('one state, one message', () => {
  const table = everyCombination();
  it('covers every combination', () => {
    expect(table).toHaveLength(4 * 3 * 3 * 3 * 2 * 2 * 2);
  });

  for (const facts of table) {
    const name = Object.entries(facts).map(([k, v]) => `${k}=${String(v)}`).join(' ');
    it(name, () => {
      const closesAt = facts.breakouts === 'closing' ? 5000 : undefined;
      const s = phaseStatus(facts, closesAt);
      // Exactly one message for each audience, from the known set.
      expect(PARTICIPANT_MESSAGES).toContain(s.participant.key);
      expect(CONSOLE_MESSAGES).toContain(s.console.key);
      expect(['info', 'success', 'warning']).toContain(s.participant.tone);

      // Never "open" when closed or closing; a close in lobby or breakouts is always said to those in a group.
      if (facts.breakouts !== 'open') expect(OPEN_MESSAGES.has(s.participant.key)).toBe(false);
      if (facts.breakouts !== 'open') expect(['breakoutsOpen', 'breakoutsPeers', 'lobby'].includes(s.console.key)).toBe(false);
      const drafting = facts.phase === 'lobby' || facts.phase === 'breakouts';
      if (drafting && facts.placed && facts.breakouts === 'closed') expect(s.participant.key).toBe('breakoutsClosed');
      if (drafting && facts.placed && facts.breakouts === 'closing') {
        expect(s.participant).toEqual({ key: 'breakoutsClosing', tone: 'warning', params: { closesAt: 5000 } });
      }
      // Breakout messages belong to lobby/breakouts; plenary and ended say their own.
      if (facts.phase === 'plenary') expect(s.participant.key).toMatch(/^(plenary|plenarySpotlight|ownSpotlight)$/);
      if (facts.phase === 'ended') expect(s.participant.key).toBe(facts.placed ? 'ended' : 'endedUnplaced');
      if (facts.phase === 'ended') expect(s.console.key).toBe('ended');
      // The lobby, placed and not closed: you can start drafting (not "wait for the breakouts").
      if (facts.phase === 'lobby' && facts.placed && facts.breakouts === 'open' && facts.spotlight !== 'own') expect(s.participant.key).toBe('lobbyPlaced');
      if (!facts.placed && facts.phase !== 'plenary' && facts.phase !== 'ended') expect(s.participant.key).toBe(facts.selfSelect ? 'pickGroup' : 'waitForGroup');
      // The message and what one may do agree.
      if (s.can.edit) expect(s.participant.key).toMatch(/^(lobbyPlaced|breakoutsOpen|breakoutsPeers|breakoutsClosing|ownSpotlight)$/);
      if (s.participant.key === 'breakoutsClosed' || facts.phase === 'plenary' || facts.phase === 'ended' || !facts.placed) expect(s.can.edit).toBe(false);
      expect(s.can.askHelp).toBe(s.can.edit);
      // The timer shows in breakouts only.
      expect(s.can.seeTimer).toBe(facts.phase === 'breakouts' && facts.timer !== 'none');
      expect(s.can.download).toBe(facts.placed);

      // Console controls that make sense.
      expect(s.controls.reopenBreakouts).toBe(facts.phase === 'breakouts' && facts.breakouts === 'closed');
      expect(s.controls.closeBreakouts).toBe(facts.phase === 'breakouts' && facts.breakouts === 'open');
      expect(s.controls.cancelClose).toBe(facts.phase === 'breakouts' && facts.breakouts === 'closing');
      if (facts.phase !== 'breakouts') {
        expect(s.controls.pairGroups).toBe(false);
        expect(s.controls.timer).toBe(false);
      }
      expect(s.controls.wrapUp).toBe(facts.phase === 'ended');
      expect(s.controls.broadcast).toBe(facts.phase !== 'ended');
    });
  }
});

describe('phaseFacts', () => {
  const base = { phase: 'breakouts' as const, assignment: 'auto' as const, breakouts: initialSession().breakouts, timer: null, spotlight: null, peers: {} };
  it('reads a participant in a group and the console', () => {
    const input = { ...base, spotlight: 'g1', peers: { g1: ['g2'], g2: ['g1'] } };
    expect(phaseFacts(input, 'g1', 0).facts).toMatchObject({ spotlight: 'own', peers: true, placed: true });
    expect(phaseFacts(input, null, 0).facts).toMatchObject({ spotlight: 'other', peers: false, placed: false });
    expect(phaseFacts(input, undefined, 0).facts).toMatchObject({ spotlight: 'other', peers: true, placed: true });
  });
  it('counts a timer that closes the breakouts as closing in its last minute only', () => {
    const timer = { durationMs: 120_000, endsAt: 100_000, remainingMs: 120_000, closeOnEnd: true };
    expect(phaseFacts({ ...base, timer }, 'g1', 0)).toEqual({ facts: expect.objectContaining({ breakouts: 'open', timer: 'running' }), closesAt: undefined });
    expect(phaseFacts({ ...base, timer }, 'g1', 50_000)).toEqual({ facts: expect.objectContaining({ breakouts: 'closing' }), closesAt: 100_000 });
    expect(phaseFacts({ ...base, breakouts: { closed: false, closesAt: 7 } }, 'g1', 0).closesAt).toBe(7);
    expect(phaseFacts({ ...base, breakouts: { closed: true, closesAt: null }, timer: { ...timer, endsAt: null } }, 'g1', 0).facts).toMatchObject({ breakouts: 'closed', timer: 'paused' });
  });
});
