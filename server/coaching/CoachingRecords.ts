/**
 * The coaching records (issue #23) of the workshops in memory: read from the store when first
 * needed, written back later, and at once when a workshop leaves memory or the server closes.
 * A change of history (a hint fixed, removed or dismissed; a first key result) is written within
 * SAVE_SOON_MS, anything else (texts brought up to date while people type, young hints) within
 * SAVE_LATER_MS. So a crash loses at most the last 5 s of history; the radar reads the drafts
 * again when a console looks, so what is still open comes back. A whole workshop's record is one
 * row: while 50 groups type, writing it every few seconds cost more than the rest of the feature.
 */
import { emptyCoaching, historyChanged, parseCoaching, serializeCoaching, type CoachingRecord } from '../../shared/coaching';
import { guarded, type Log } from '../guard';
import type { WorkshopStore } from '../store/types';

/** Longest a change of history waits before it is written. */
export const SAVE_SOON_MS = 5000;
/** Longest any other change waits. */
export const SAVE_LATER_MS = 60_000;

export class CoachingRecords {
  private readonly records = new Map<string, CoachingRecord>();
  /** When each changed record is due to be written. */
  private readonly due = new Map<string, number>();
  private timer: { at: number; handle: NodeJS.Timeout } | null = null;

  constructor(
    private readonly store: Pick<WorkshopStore, 'saveCoaching'>,
    /** The record the store held when the workshop was loaded (it comes with the workshop). */
    private readonly stored: (workshopId: string) => string | null,
    private readonly log: Log,
    private readonly now: () => number = Date.now,
  ) {}

  /** The workshop's record (read from the store the first time). */
  get(workshopId: string): CoachingRecord {
    let record = this.records.get(workshopId);
    if (!record) {
      try {
        record = parseCoaching(this.stored(workshopId));
      } catch (error) {
        // An unreadable store is no reason to stop the radar: this workshop's figures start afresh.
        this.log(`workshop ${workshopId}: could not read its coaching record`, error);
        record = emptyCoaching();
      }
      this.records.set(workshopId, record);
    }
    return record;
  }

  /** Replaces the record with `fn(record)`; a new record is saved within SAVE_SOON_MS or SAVE_LATER_MS. */
  update(workshopId: string, fn: (record: CoachingRecord) => CoachingRecord): CoachingRecord {
    const before = this.get(workshopId);
    const after = fn(before);
    if (after === before) return after;
    this.records.set(workshopId, after);
    const soon = before.startedAt !== after.startedAt || Object.keys(after.groups).some((g) => after.groups[g] !== before.groups[g] && historyChanged(before.groups[g], after.groups[g]));
    const at = this.now() + (soon ? SAVE_SOON_MS : SAVE_LATER_MS);
    this.due.set(workshopId, Math.min(this.due.get(workshopId) ?? Infinity, at));
    this.wake(at);
    return after;
  }

  /** Drops a workshop's record from memory, saving it first unless the workshop is gone. */
  forget(workshopId: string, save: boolean): void {
    if (save) void this.save(workshopId);
    this.records.delete(workshopId);
    this.due.delete(workshopId);
  }

  /** Saves every changed record now (before the store closes); resolves once they are written. */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer.handle);
    this.timer = null;
    await Promise.all([...this.due.keys()].map((id) => this.save(id)));
  }

  /** The timer runs at the earliest time a record is due. */
  private wake(at: number): void {
    if (this.timer && this.timer.at <= at) return;
    if (this.timer) clearTimeout(this.timer.handle);
    const handle = setTimeout(guarded('saving coaching records', () => this.saveDue(), this.log), Math.max(0, at - this.now()));
    handle.unref();
    this.timer = { at, handle };
  }

  private saveDue(): void {
    this.timer = null;
    const now = this.now();
    for (const [id, at] of [...this.due]) if (at <= now) void this.save(id);
    const next = Math.min(...this.due.values());
    if (Number.isFinite(next)) this.wake(next);
  }

  private async save(workshopId: string): Promise<void> {
    const record = this.records.get(workshopId);
    const due = this.due.get(workshopId);
    if (!record || due === undefined) return;
    // Not due again while it is being written; a change meanwhile sets a new time.
    this.due.delete(workshopId);
    try {
      await this.store.saveCoaching(workshopId, serializeCoaching(record));
    } catch (error) {
      // Tried again a little later (or at the close), unless the workshop left this node meanwhile.
      this.log(`workshop ${workshopId}: could not save its coaching record`, error);
      if (this.records.get(workshopId) === record && !this.due.has(workshopId)) {
        this.due.set(workshopId, this.now() + SAVE_SOON_MS);
        this.wake(this.now() + SAVE_SOON_MS);
      }
    }
  }
}
