/** Comments pinned to a group's objectives and key results: who wrote them and who may see them. Pure. */

export const COMMENT_KINDS = ['coach', 'member', 'peer'] as const;
/** coach: a facilitator; member: someone in the group; peer: someone from a peer-review partner group. */
export type CommentKind = (typeof COMMENT_KINDS)[number];

export interface Comment {
  id: string;
  groupId: string;
  /** The objective or key result it is pinned to (stable across edits and reordering); null: the whole draft. */
  itemId: string | null;
  /** The field within the item, e.g. "baseline"; null: the item as a whole. */
  field: string | null;
  /** Replies point at a top-level comment of the same group. */
  parentId: string | null;
  kind: CommentKind;
  authorId: string | null;
  authorName: string;
  /** The author's group for member and peer comments. */
  authorGroupId: string | null;
  text: string;
  createdAt: number;
  resolved: boolean;
}

/** Who is asking: a facilitator, or a participant sitting in a group. */
export type Viewer = { role: 'facilitator' } | { role: 'participant'; groupId: string | null };

/** The kind a viewer's comment on `groupId` gets, or null when they may not comment there. */
export function commentKindFor(viewer: Viewer, groupId: string, peers: Record<string, string[]>): CommentKind | null {
  if (viewer.role === 'facilitator') return 'coach';
  if (viewer.groupId === null) return null;
  if (viewer.groupId === groupId) return 'member';
  return (peers[viewer.groupId] ?? []).includes(groupId) ? 'peer' : null;
}

/** Whether a viewer may see a comment: the group and facilitators see all; a peer group sees its own peer comments. */
export function canSeeComment(viewer: Viewer, comment: Comment): boolean {
  if (viewer.role === 'facilitator') return true;
  if (viewer.groupId === null) return false;
  if (viewer.groupId === comment.groupId) return true;
  return comment.kind === 'peer' && comment.authorGroupId === viewer.groupId;
}

/** Open threads in a group: top-level comments not yet resolved. */
export function unresolvedCount(comments: readonly Comment[], groupId: string): number {
  return comments.filter((c) => c.groupId === groupId && c.parentId === null && !c.resolved).length;
}
