/** Opening group documents: tickets for the /yjs endpoint, issued over the authenticated Socket.IO connection. */
import type { Result } from '../../shared/result';
import type { Handlers } from './handle';

export interface DocDeps {
  /** A ticket to open the group's document: `forbidden` without access to it, `rate_limited` while too many are outstanding. */
  issueTicket(workshopId: string, groupId: string, participantId: string | null): Result<{ ticket: string }>;
}

/** Handlers of the document requests; their payload, role and reply types come from the request table. */
export function docHandlers(deps: DocDeps) {
  return {
    'yjs:ticket': (p, { room, participantId }) => deps.issueTicket(room.id, p.groupId, participantId),
  } satisfies Partial<Handlers>;
}
