/**
 * The coaching records (issue #23) of the workshops in memory: read from the store when first
 * needed, written back together at most SAVE_EVERY_MS after they change, and at once when a
 * workshop leaves memory or the server closes. A crash loses at most the last SAVE_EVERY_MS of
 * observations (the radar reads flags again as soon as a console looks, so open hints come back).
 */
import { emptyCoaching, parseCoaching, serializeCoaching, type CoachingRecord } from '../../shared/coaching';
import { guarded, type Log } from '../guard';
import type { Store } from '../store/Store';

/** Longest a change of a record waits before it is written. */
export const SAVE_EVERY_MS = 5000;

export class CoachingRecords {
  private readonly records = new Map<string, CoachingRecord>();
  private readonly unsaved = new Set<string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: Pick<Store, 'coaching' | 'saveCoaching'>,
    private readonly log: Log,
    private readonly saveEveryMs = SAVE_EVERY_MS,
  ) {}

  /** The workshop's record (read from the store the first time). */
  get(workshopId: string): CoachingRecord {
    let record = this.records.get(workshopId);
    if (!record) {
      try {
        record = parseCoaching(this.store.coaching(workshopId));
      } catch (error) {
        // An unreadable store is no reason to stop the radar: this workshop's figures start afresh.
        this.log(`workshop ${workshopId}: could not read its coaching record`, error);
        record = emptyCoaching();
      }
      this.records.set(workshopId, record);
    }
    return record;
  }

  /** Replaces the record with `fn(record)`; a new record is saved within SAVE_EVERY_MS. */
  update(workshopId: string, fn: (record: CoachingRecord) => CoachingRecord): CoachingRecord {
    const before = this.get(workshopId);
    const after = fn(before);
    if (after !== before) {
      this.records.set(workshopId, after);
      this.unsaved.add(workshopId);
      this.timer ??= setTimeout(
        guarded('saving coaching records', () => {
          this.timer = null;
          this.saveAll();
        }, this.log),
        this.saveEveryMs,
      );
      this.timer.unref();
    }
    return after;
  }

  /** Drops a workshop's record from memory, saving it first unless the workshop is gone. */
  forget(workshopId: string, save: boolean): void {
    if (save) this.save(workshopId);
    this.records.delete(workshopId);
    this.unsaved.delete(workshopId);
  }

  /** Saves every changed record now (before the store closes). */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.saveAll();
  }

  private saveAll(): void {
    for (const id of [...this.unsaved]) this.save(id);
  }

  private save(workshopId: string): void {
    const record = this.records.get(workshopId);
    if (!record || !this.unsaved.has(workshopId)) return;
    try {
      this.store.saveCoaching(workshopId, serializeCoaching(record));
      this.unsaved.delete(workshopId);
    } catch (error) {
      // Kept as unsaved: the next change (or the close) tries again.
      this.log(`workshop ${workshopId}: could not save its coaching record`, error);
    }
  }
}
