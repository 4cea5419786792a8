/**
 * Short-lived, single-use tickets for opening /yjs: the browser asks for one over its Socket.IO
 * connection (already authenticated) and puts it in the upgrade's query string instead of its seat
 * token or facilitator key, so a long-lived secret never appears in a URL that proxies and access
 * logs keep. A ticket names one workshop, one group and one person, lives TICKET_TTL_MS and works once.
 */
import { nanoid } from 'nanoid';

export const TICKET_TTL_MS = 30_000;
/** Tickets outstanding at once (past it, issuing is refused until some are used or expire). */
export const MAX_OUTSTANDING_TICKETS = 20_000;

interface Ticket {
  workshopId: string;
  groupId: string;
  participantId: string | null;
  expiresAt: number;
}

export class YjsTickets {
  /** In issue order, so the oldest expire first. */
  private readonly tickets = new Map<string, Ticket>();

  constructor(private readonly capacity = MAX_OUTSTANDING_TICKETS) {}

  /** A new ticket (144 random bits), or null when too many are outstanding. */
  issue(workshopId: string, groupId: string, participantId: string | null, now: number): string | null {
    this.dropExpired(now);
    if (this.tickets.size >= this.capacity) return null;
    const ticket = nanoid(24);
    this.tickets.set(ticket, { workshopId, groupId, participantId, expiresAt: now + TICKET_TTL_MS });
    return ticket;
  }

  /** Uses up `ticket`: who it was issued to, if it is valid for this workshop and group; undefined otherwise. */
  redeem(ticket: string, workshopId: string, groupId: string, now: number): { participantId: string | null } | undefined {
    const found = this.tickets.get(ticket);
    if (!found) return undefined;
    this.tickets.delete(ticket);
    if (found.expiresAt <= now || found.workshopId !== workshopId || found.groupId !== groupId) return undefined;
    return { participantId: found.participantId };
  }

  private dropExpired(now: number): void {
    for (const [key, t] of this.tickets) {
      if (t.expiresAt > now) break;
      this.tickets.delete(key);
    }
  }
}
