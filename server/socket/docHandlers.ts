/** Opening group documents: tickets for the /yjs endpoint, issued over the authenticated Socket.IO connection. */
import { fail, ok } from '../../shared/result';
import type { Handlers } from './handle';

export interface DocDeps {
  /** A ticket to open the group's document, or null when the caller has no access to it (or too many are outstanding). */
  issueTicket(workshopId: string, groupId: string, participantId: string | null): string | null;
}

/** Handlers of the document requests; their payload, role and reply types come from the request table. */
export function docHandlers(deps: DocDeps) {
  return {
    'yjs:ticket': (p, { room, participantId }) => {
      const ticket = deps.issueTicket(room.id, p.groupId, participantId);
      return ticket ? ok({ ticket }) : fail('forbidden', 'You have no access to this group’s draft right now.');
    },
  } satisfies Partial<Handlers>;
}
