/** The announcer's queue: bursts collapse, repeats are dropped, urgent stays urgent. */
import { describe, expect, it } from 'vitest';
import { AnnounceQueue, type Politeness } from '../client/src/a11y/announceQueue';

/** A queue on a hand-driven clock. */
function setup() {
  let now = 0;
  let timers: Array<{ at: number; fn: () => void; id: number }> = [];
  let next = 0;
  const out: Array<[string, Politeness]> = [];
  const queue = new AnnounceQueue((text, p) => out.push([text, p]), {
    now: () => now,
    setTimeout: (fn, ms) => {
      timers.push({ at: now + ms, fn, id: ++next });
      return next;
    },
    clearTimeout: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
  });
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const due = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      timers = timers.filter((t) => t !== due);
      now = due.at;
      due.fn();
    }
    now = until;
  };
  return { queue, out, advance };
}

const comment = (i: number) => ({ text: `Comment ${i}`, key: 'comments', many: (n: number) => `${n} new comments` });

describe('AnnounceQueue', () => {
  it('says a lone message after the quiet time, as itself', () => {
    const { queue, out, advance } = setup();
    queue.push(comment(1));
    expect(out).toEqual([]);
    advance(1000);
    expect(out).toEqual([['Comment 1', 'polite']]);
  });

  it('collapses 20 messages in 2 s into one', () => {
    const { queue, out, advance } = setup();
    for (let i = 0; i < 20; i++) {
      queue.push(comment(i));
      advance(100);
    }
    advance(2000);
    expect(out).toEqual([['20 new comments', 'polite']]);
  });

  it('says a steady stream at least every maxWait', () => {
    const { queue, out, advance } = setup();
    for (let i = 0; i < 50; i++) {
      queue.push(comment(i));
      advance(200);
    }
    advance(2000);
    expect(out.length).toBeGreaterThan(1);
    expect(out.reduce((sum, [t]) => sum + Number(t.split(' ')[0]), 0)).toBe(50);
  });

  it('drops the same text within 5 s, says it again later', () => {
    const { queue, out, advance } = setup();
    queue.push({ text: "Time's up", politeness: 'assertive' });
    queue.push({ text: "Time's up", politeness: 'assertive' });
    advance(4000);
    queue.push({ text: "Time's up", politeness: 'assertive' });
    advance(2000);
    queue.push({ text: "Time's up", politeness: 'assertive' });
    expect(out).toEqual([
      ["Time's up", 'assertive'],
      ["Time's up", 'assertive'],
    ]);
  });

  it('keeps a burst urgent when one of its messages was', () => {
    const { queue, out, advance } = setup();
    queue.push({ text: 'Group 1 asks for help', politeness: 'assertive', key: 'help', many: (n) => `${n} groups ask for help` });
    queue.push({ text: 'Group 2 asks for help', key: 'help', many: (n) => `${n} groups ask for help` });
    advance(1000);
    expect(out).toEqual([['2 groups ask for help', 'assertive']]);
  });
});
