/** Comments over Socket.IO: server-authoritative; groupAccess decides who may post, list and resolve. */
import { translator } from '../../shared/i18n/i18n';
import { actsForGroup, groupAccess } from '../../shared/access';
import { canSeeComment, commentKindFor, type Comment } from '../../shared/comments';
import { fail, ok, type Result } from '../../shared/result';
import type { RadarSummary } from '../../shared/views';
import type { WorkshopRoom } from '../rooms/WorkshopRoom';
import { newId } from '../tokens';
import { unit, type Context, type HandlerDeps, type Handlers } from './handle';

export interface CommentDeps extends HandlerDeps {
  radar: { list(room: WorkshopRoom): RadarSummary[] };
}

/** Handlers of the comment and radar requests; their payload, role and reply types come from the request table. */
export function commentHandlers(deps: CommentDeps) {
  return {
    'comment:add': async (p, ctx) => {
      const comment = newComment(ctx, p);
      if (!comment.ok) return comment;
      const added = await ctx.room.addComments([comment.data]);
      return added.ok ? ok(comment.data) : added;
    },
    'comment:addMany': async (p, ctx) => {
      const comments: Comment[] = [];
      for (const target of p.targets) {
        const c = newComment(ctx, { ...target, text: p.text, parentId: null });
        if (!c.ok) return c;
        comments.push(c.data);
      }
      const added = await ctx.room.addComments(comments);
      return added.ok ? ok({ count: comments.length }) : added;
    },
    'comment:resolve': (p, { room, participantId }) => {
      const comment = room.comments.find((c) => c.id === p.commentId);
      const viewer = room.viewer(participantId);
      if (!comment || !viewer || !canSeeComment(viewer, comment)) return fail('not_found', 'No such comment.', 'commentId');
      // Only the group itself and facilitators close threads; peers only comment.
      if (!actsForGroup(groupAccess(room.state, viewer, comment.groupId))) return fail('forbidden', 'Only the group and the facilitator can resolve this comment.');
      return unit(room.setResolved(p.commentId, p.resolved));
    },
    'comments:list': (p, { room, participantId }) => {
      const viewer = room.viewer(participantId);
      if (!viewer || commentKindFor(groupAccess(room.state, viewer, p.groupId)) === null) {
        return fail('forbidden', 'You cannot see that group.');
      }
      return ok(room.comments.filter((c) => c.groupId === p.groupId && canSeeComment(viewer, c)));
    },
    'radar:list': (_p, { room }) => ok(deps.radar.list(room)),
  } satisfies Partial<Handlers>;
}

function newComment(
  { room, now, participantId }: Context,
  p: { groupId: string; itemId: string | null; field: string | null; text: string; parentId: string | null },
): Result<Comment> {
  if (!room.state.groups.some((g) => g.id === p.groupId)) return fail('not_found', 'No such group.', 'groupId');
  const viewer = room.viewer(participantId);
  const kind = viewer && commentKindFor(groupAccess(room.state, viewer, p.groupId));
  if (!kind) return fail('forbidden', 'You can only comment on your own group (or your peer-review partner).');
  if (p.parentId !== null) {
    const parent = room.comments.find((c) => c.id === p.parentId);
    if (!parent || parent.groupId !== p.groupId || parent.parentId !== null) {
      return fail('not_found', 'No such comment to reply to.', 'parentId');
    }
  }
  const author = participantId === null ? null : room.participant(participantId)!;
  return ok({
    id: newId(),
    groupId: p.groupId,
    itemId: p.itemId,
    field: p.field,
    parentId: p.parentId,
    kind,
    authorId: author?.id ?? null,
    // The facilitator signs in the workshop's language (the name is stored with the comment).
    authorName: author?.name ?? translator(room.state.language)('defaults.facilitator'),
    authorGroupId: author?.groupId ?? null,
    text: p.text,
    createdAt: now,
    resolved: false,
  });
}
