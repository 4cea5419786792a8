import { describe, expect, it } from 'vitest';
import { actsForGroup, groupAccess, type Viewer } from './access';
import { commentKindFor } from './comments';
import { DEFAULT_OKR_RULES } from './okrRules';
import { initialSession } from './session';
import { workshopMeta } from './views';
import type { Phase, WorkshopState } from './workshop';

function workshop(phase: Phase = 'breakouts', session: Partial<WorkshopState['session']> = {}): WorkshopState {
  return {
    id: 'w1',
    title: 'Test',
    language: 'en',
    createdAt: 0,
    lastActiveAt: 0,
    phase,
    assignment: 'auto',
    maxGroupSize: null,
    groups: ['g1', 'g2', 'g3'].map((id) => ({ id, name: id })),
    participants: [],
    session: { ...initialSession(), ...session },
    rules: DEFAULT_OKR_RULES,
  };
}

const facilitator: Viewer = { role: 'facilitator' };
const inGroup = (groupId: string | null): Viewer => ({ role: 'participant', groupId });

describe('groupAccess', () => {
  it('lets members write in the lobby and breakouts, and only read once breakouts close, in plenary and after the end', () => {
    expect(groupAccess(workshop('lobby'), inGroup('g1'), 'g1')).toEqual({ level: 'write', via: 'member', frozen: null });
    expect(groupAccess(workshop('breakouts'), inGroup('g1'), 'g1').level).toBe('write');
    const closed = workshop('breakouts', { breakouts: { closed: true, closesAt: null } });
    expect(groupAccess(closed, inGroup('g1'), 'g1')).toEqual({ level: 'read', via: 'member', frozen: 'breakoutsClosed' });
    expect(groupAccess(workshop('plenary'), inGroup('g1'), 'g1')).toEqual({ level: 'read', via: 'member', frozen: 'plenary' });
    expect(groupAccess(workshop('ended'), inGroup('g1'), 'g1')).toEqual({ level: 'read', via: 'member', frozen: 'ended' });
  });

  it('lets the facilitator write in every group, in every phase', () => {
    for (const phase of ['lobby', 'breakouts', 'plenary', 'ended'] as const) {
      expect(groupAccess(workshop(phase), facilitator, 'g2')).toEqual({ level: 'write', via: 'facilitator', frozen: null });
    }
  });

  it('opens peer partners and the spotlight read-only, and nothing else', () => {
    const s = workshop('breakouts', { peers: { g1: ['g2'], g2: ['g1'] }, spotlight: 'g3' });
    expect(groupAccess(s, inGroup('g1'), 'g2')).toEqual({ level: 'read', via: 'peer', frozen: null });
    expect(groupAccess(s, inGroup('g1'), 'g3')).toEqual({ level: 'read', via: 'spotlight', frozen: null });
    expect(groupAccess(s, inGroup(null), 'g3').level).toBe('read'); // the lobby sees the spotlight too
    expect(groupAccess(s, inGroup(null), 'g1').level).toBe('none');
    expect(groupAccess(workshop(), inGroup('g1'), 'g2').level).toBe('none');
    // A spotlighted peer partner stays a peer: peers may comment.
    expect(groupAccess({ ...s, session: { ...s.session, spotlight: 'g2' } }, inGroup('g1'), 'g2').via).toBe('peer');
  });

  it('refuses groups that do not exist, to everyone', () => {
    expect(groupAccess(workshop(), facilitator, 'gone').level).toBe('none');
    expect(groupAccess(workshop('breakouts', { spotlight: 'gone' }), inGroup('g1'), 'gone').level).toBe('none');
  });

  it('decides the same from the meta the client is sent as from the server state', () => {
    const states = [
      workshop('lobby'),
      workshop('plenary', { spotlight: 'g2' }),
      workshop('breakouts', { peers: { g1: ['g3'], g3: ['g1'] }, breakouts: { closed: true, closesAt: null } }),
    ];
    for (const s of states) {
      for (const viewer of [facilitator, inGroup('g1'), inGroup(null)]) {
        for (const g of ['g1', 'g2', 'g3', 'x']) expect(groupAccess(workshopMeta(s), viewer, g)).toEqual(groupAccess(s, viewer, g));
      }
    }
  });
});

describe('commentKindFor', () => {
  it('lets the group, facilitators and peer partners comment, nobody else', () => {
    const s = workshop('breakouts', { peers: { g2: ['g1'], g1: ['g2'] }, spotlight: 'g1' });
    expect(commentKindFor(groupAccess(s, facilitator, 'g1'))).toBe('coach');
    expect(commentKindFor(groupAccess(s, inGroup('g1'), 'g1'))).toBe('member');
    expect(commentKindFor(groupAccess(workshop('ended'), inGroup('g1'), 'g1'))).toBe('member');
    expect(commentKindFor(groupAccess(s, inGroup('g2'), 'g1'))).toBe('peer');
    expect(commentKindFor(groupAccess(s, inGroup('g3'), 'g1'))).toBeNull(); // sees the spotlight, may not comment
    expect(commentKindFor(groupAccess(s, inGroup(null), 'g1'))).toBeNull();
  });
});

describe('actsForGroup', () => {
  it('is the facilitator and the group itself, in any phase: not peers or spotlight viewers', () => {
    const s = workshop('ended', { peers: { g2: ['g1'], g1: ['g2'] }, spotlight: 'g1' });
    expect(actsForGroup(groupAccess(s, facilitator, 'g1'))).toBe(true);
    expect(actsForGroup(groupAccess(s, inGroup('g1'), 'g1'))).toBe(true);
    expect(actsForGroup(groupAccess(s, inGroup('g2'), 'g1'))).toBe(false);
    expect(actsForGroup(groupAccess(s, inGroup('g3'), 'g1'))).toBe(false);
  });
});
