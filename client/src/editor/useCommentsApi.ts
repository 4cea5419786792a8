/** A group's comments plus the calls to post and resolve them, for the editor. */
import { useMemo } from 'react';
import { useComments } from '../net/useSession';
import { request, type ClientSocket } from '../net/useWorkshopSocket';
import type { CommentsApi } from './Comments';

export function useCommentsApi(socket: ClientSocket | null, groupId: string, canResolve: boolean, quick?: string[]): CommentsApi {
  const { list, loaded } = useComments(socket, groupId);
  return useMemo(
    () => ({
      list,
      loaded,
      canResolve,
      quick,
      post: (itemId, field, text, parentId) => request(socket, 'comment:add', { groupId, itemId, field, text, parentId }),
      resolve: (commentId, resolved) => request(socket, 'comment:resolve', { commentId, resolved }),
    }),
    [list, loaded, canResolve, quick, socket, groupId],
  );
}
