/** Who may open, edit and comment on a group's draft: one decision for the /yjs endpoint, comments, export and the client. Pure. */
import type { WorkshopState } from './workshop';
import type { WorkshopMeta } from './views';

/** Who is asking: a facilitator, or a participant sitting in a group (null: the lobby). */
export type Viewer = { role: 'facilitator' } | { role: 'participant'; groupId: string | null };

export type AccessLevel = 'write' | 'read' | 'none';

/**
 * How the viewer reaches the group. Comments follow it: the facilitator, members and peer-review
 * partners comment; a spotlight only shows the draft.
 */
export type AccessVia = 'facilitator' | 'member' | 'peer' | 'spotlight';

/** Why members may not edit their own draft right now. */
export type FrozenReason = 'breakoutsClosed' | 'plenary' | 'ended';

export type GroupAccess =
  | { level: 'none'; via: null; frozen: null }
  | { level: 'write'; via: 'facilitator' | 'member'; frozen: null }
  | { level: 'read'; via: 'member'; frozen: FrozenReason }
  | { level: 'read'; via: 'peer' | 'spotlight'; frozen: null };

/** What access depends on: the server's state, or the meta every member is sent (the same facts). */
export type AccessFacts =
  | Pick<WorkshopState, 'phase' | 'groups' | 'session'>
  | Pick<WorkshopMeta, 'phase' | 'groups' | 'breakouts' | 'spotlight' | 'peers'>;

const NONE: GroupAccess = { level: 'none', via: null, frozen: null };

/** What `viewer` may do with `groupId`'s draft right now. */
export function groupAccess(state: AccessFacts, viewer: Viewer, groupId: string): GroupAccess {
  if (!state.groups.some((g) => g.id === groupId)) return NONE;
  // Facilitators may fix a typo in any group, whatever the phase.
  if (viewer.role === 'facilitator') return { level: 'write', via: 'facilitator', frozen: null };
  const { breakouts, spotlight, peers } = 'session' in state ? state.session : state;
  if (viewer.groupId === groupId) {
    if (breakouts.closed) return { level: 'read', via: 'member', frozen: 'breakoutsClosed' };
    // Plenary and ended keep the drafts as they are: read-only.
    if (state.phase === 'plenary' || state.phase === 'ended') return { level: 'read', via: 'member', frozen: state.phase };
    return { level: 'write', via: 'member', frozen: null };
  }
  // Peer review and share-back open other groups' drafts, read-only; peer first, as peers also comment.
  if (viewer.groupId !== null && (peers[viewer.groupId] ?? []).includes(groupId)) return { level: 'read', via: 'peer', frozen: null };
  if (spotlight === groupId) return { level: 'read', via: 'spotlight', frozen: null };
  return NONE;
}

/** Whether the viewer is the facilitator or the group itself: those who resolve its threads and export its draft. */
export function actsForGroup(access: GroupAccess): boolean {
  return access.via === 'facilitator' || access.via === 'member';
}
