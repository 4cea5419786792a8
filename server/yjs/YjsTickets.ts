/**
 * Short-lived, single-use tickets for opening /yjs: the browser asks for one over its Socket.IO
 * connection (already authenticated) and puts it in the upgrade's query string instead of its seat
 * token or facilitator key, so a long-lived secret never appears in a URL that proxies and access
 * logs keep. A ticket names one workshop, one group and one person, lives TICKET_TTL_MS and works once.
 */
import { nanoid } from 'nanoid';

export const TICKET_TTL_MS = 30_000;
/** Tickets outstanding at once on a server (past it, issuing is refused until some are used or expire). */
export const MAX_OUTSTANDING_TICKETS = 20_000;
/**
 * Tickets one person (or the facilitators of one workshop) may hold at once: a page opens a few
 * documents (its own, a spotlight, a peer's); a new ticket past it replaces their oldest, so nobody
 * can fill the server's pool on their own.
 */
export const TICKETS_PER_HOLDER = 4;

interface Ticket {
  workshopId: string;
  groupId: string;
  participantId: string | null;
  expiresAt: number;
}

export class YjsTickets {
  /** In issue order, so the oldest expire first. */
  private readonly tickets = new Map<string, Ticket>();
  /** Each holder's outstanding tickets, oldest first (holder: workshop and participant). */
  private readonly byHolder = new Map<string, string[]>();

  constructor(private readonly capacity = MAX_OUTSTANDING_TICKETS) {}

  /** A new ticket (144 random bits), or null when too many are outstanding. */
  issue(workshopId: string, groupId: string, participantId: string | null, now: number): string | null {
    this.dropExpired(now);
    const holder = `${workshopId}/${participantId ?? ''}`;
    const held = (this.byHolder.get(holder) ?? []).filter((t) => this.tickets.has(t));
    while (held.length >= TICKETS_PER_HOLDER) this.tickets.delete(held.shift()!);
    if (this.tickets.size >= this.capacity) return null;
    const ticket = nanoid(24);
    this.tickets.set(ticket, { workshopId, groupId, participantId, expiresAt: now + TICKET_TTL_MS });
    held.push(ticket);
    this.byHolder.set(holder, held);
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
    // Holders' lists are pruned as they are used; those nobody uses any more go here.
    if (this.byHolder.size > this.tickets.size) {
      for (const [holder, held] of this.byHolder) if (!held.some((t) => this.tickets.has(t))) this.byHolder.delete(holder);
    }
  }
}
