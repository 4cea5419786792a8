import { describe, expect, it } from 'vitest';
import { MAX_OUTSTANDING_TICKETS, TICKET_TTL_MS, TICKETS_PER_HOLDER, YjsTickets } from './YjsTickets';

describe('/yjs tickets', () => {
  it('open one group of one workshop, once, within their lifetime', () => {
    const tickets = new YjsTickets();
    const t = tickets.issue('w', 'g', 'p', 0)!;
    expect(t.length).toBeGreaterThanOrEqual(24); // 144 bits of nanoid's alphabet
    expect(tickets.redeem(t, 'w', 'g', 1000)).toEqual({ participantId: 'p' });
    expect(tickets.redeem(t, 'w', 'g', 1000)).toBeUndefined();

    const facilitator = tickets.issue('w', 'g', null, 0)!;
    expect(tickets.redeem(facilitator, 'w', 'g', TICKET_TTL_MS - 1)).toEqual({ participantId: null });
    const late = tickets.issue('w', 'g', 'p', 0)!;
    expect(tickets.redeem(late, 'w', 'g', TICKET_TTL_MS)).toBeUndefined();
    // A ticket tried on another group or workshop is used up too.
    const wrong = tickets.issue('w', 'g', 'p', 0)!;
    expect(tickets.redeem(wrong, 'w', 'other', 0)).toBeUndefined();
    expect(tickets.redeem(wrong, 'w', 'g', 0)).toBeUndefined();
    expect(tickets.redeem('made-up', 'w', 'g', 0)).toBeUndefined();
  });

  it('refuses to issue past the outstanding limit until some expire', () => {
    expect(MAX_OUTSTANDING_TICKETS).toBe(20_000);
    const tickets = new YjsTickets(100);
    for (let i = 0; i < 100; i++) expect(tickets.issue('w', 'g', `p${i}`, 0)).not.toBeNull();
    expect(tickets.issue('w', 'g', 'newcomer', 1)).toBeNull();
    expect(tickets.issue('w', 'g', 'newcomer', TICKET_TTL_MS)).not.toBeNull();
  });

  it('lets one holder keep only a few: a new one replaces their oldest, so nobody fills the pool alone', () => {
    const tickets = new YjsTickets(100);
    const mine = Array.from({ length: 200 }, () => tickets.issue('w', 'g', 'p', 0)!);
    expect(mine.every(Boolean)).toBe(true);
    const valid = mine.filter((t) => tickets.redeem(t, 'w', 'g', 1) !== undefined);
    expect(valid).toEqual(mine.slice(-TICKETS_PER_HOLDER));
    // Someone else still gets one.
    expect(tickets.issue('w', 'g', 'q', 1)).not.toBeNull();
  });
});
