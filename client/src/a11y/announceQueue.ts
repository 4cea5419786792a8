/**
 * What reaches the screen reader, and when: bursts of the same kind collapse into one message
 * ("15 new comments"), and the same text is not said twice within a few seconds. No DOM, no
 * clock of its own: time and timers are passed in, so it is tested without a browser.
 */

export type Politeness = 'polite' | 'assertive';

export interface Announcement {
  /** What is said when this is the only one of its kind in the burst. */
  text: string;
  politeness?: Politeness;
  /**
   * Announcements with the same key within a burst collapse into `many(count)`. Without a key
   * (or without `many`) the text is said at once.
   */
  key?: string;
  many?: (count: number) => string;
}

export interface QueueOptions {
  /** A burst ends when nothing of its kind came for this long. */
  quietMs: number;
  /** …or at the latest this long after its first message (a steady stream still gets said). */
  maxWaitMs: number;
  /** The same text is not repeated within this window. */
  repeatMs: number;
}

export const DEFAULT_QUEUE_OPTIONS: QueueOptions = { quietMs: 1000, maxWaitMs: 3000, repeatMs: 5000 };

interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

interface Burst {
  count: number;
  last: Announcement;
  firstAt: number;
  assertive: boolean;
  timer: unknown;
}

export class AnnounceQueue {
  private bursts = new Map<string, Burst>();
  private recent = new Map<string, number>();

  constructor(
    private readonly say: (text: string, politeness: Politeness) => void,
    private readonly timers: Timers,
    private readonly options: QueueOptions = DEFAULT_QUEUE_OPTIONS,
  ) {}

  push(a: Announcement): void {
    if (!a.text.trim()) return;
    if (!a.key || !a.many) {
      this.emit(a.text, a.politeness ?? 'polite');
      return;
    }
    const now = this.timers.now();
    const burst = this.bursts.get(a.key);
    if (burst) {
      burst.count++;
      burst.last = a;
      burst.assertive ||= a.politeness === 'assertive';
      this.timers.clearTimeout(burst.timer);
      const wait = Math.max(0, Math.min(this.options.quietMs, burst.firstAt + this.options.maxWaitMs - now));
      burst.timer = this.timers.setTimeout(() => this.flush(a.key!), wait);
    } else {
      const fresh: Burst = { count: 1, last: a, firstAt: now, assertive: a.politeness === 'assertive', timer: null };
      fresh.timer = this.timers.setTimeout(() => this.flush(a.key!), this.options.quietMs);
      this.bursts.set(a.key, fresh);
    }
  }

  /** Drops every pending burst and stops the timers (the page is going away). */
  dispose(): void {
    for (const [key, burst] of this.bursts) {
      this.timers.clearTimeout(burst.timer);
      this.bursts.delete(key);
    }
  }

  private flush(key: string): void {
    const burst = this.bursts.get(key);
    if (!burst) return;
    this.bursts.delete(key);
    const { last, count } = burst;
    // A burst holding one urgent message stays urgent; "15 new comments" twice is two bursts, not a repeat.
    this.emit(count === 1 ? last.text : last.many!(count), burst.assertive ? 'assertive' : 'polite', count > 1);
  }

  private emit(text: string, politeness: Politeness, counted = false): void {
    const now = this.timers.now();
    for (const [t, at] of this.recent) if (now - at >= this.options.repeatMs) this.recent.delete(t);
    if (this.recent.has(text) && !counted) return;
    this.recent.set(text, now);
    this.say(text, politeness);
  }
}
