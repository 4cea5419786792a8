/** Comments pinned to a group's objectives and key results: who wrote them and who may see them. Pure. */
import type { GroupAccess, Viewer } from './access';

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

/** The kind a comment gets from how its author reaches the group; null: they may not comment there (a spotlight only shows). */
export function commentKindFor(access: GroupAccess): CommentKind | null {
  switch (access.via) {
    case 'facilitator':
      return 'coach';
    case 'member':
      return 'member';
    case 'peer':
      return 'peer';
    case 'spotlight':
    case null:
      return null;
    default: {
      const never: never = access;
      return never;
    }
  }
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
