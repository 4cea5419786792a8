/**
 * Coaching progress and the teaching board on the server (issue #23). The radar hands over each
 * fresh read of a group's coach flags (at most every COACH_EVERY_MS per group: no extra coach run),
 * folded into the workshop's record; the figures, the patterns and the board are computed from the
 * record and the room's comments when asked. While the board is shown, everyone in the workshop
 * receives its content when it changes, at most every BOARD_EVERY_MS (and when a young hint settles).
 */
import {
  coachingFigures,
  coachingReport,
  markStarted,
  nextSettleAt,
  observe,
  radarProgress,
  rankPatterns,
  type CoachingRecord,
  type Pattern,
  type BoardView,
  type CoachingFigures,
  type CoachingReport,
  type FiguresInput,
  type GroupCoaching,
} from '../../shared/coaching';
import type { Draft } from '../../shared/okr';
import type { OkrRules } from '../../shared/okrRules';
import type { BoardSetting } from '../../shared/session';
import { stableJson } from '../../shared/stableJson';
import type { RadarCoaching } from '../../shared/views';
import { guarded } from '../guard';
import type { Flags, RadarCoachingHook } from '../radar/RadarService';
import type { RegistryListener } from '../rooms/WorkshopRegistry';
import type { WorkshopRoom } from '../rooms/WorkshopRoom';
import type { CoachingRecords } from './CoachingRecords';

/** The board on everyone's screen is sent again at most this often while it changes. */
export const BOARD_EVERY_MS = 2000;

/** A group's radar figures are reused this long while its record is the same. */
const RADAR_FRESH_MS = 10_000;

export interface CoachingDeps {
  records: CoachingRecords;
  /** Sends the board to everyone in the workshop. */
  emit: (workshopId: string, board: BoardView) => void;
  now: () => number;
  throttleMs: number;
}

/** A workshop whose board is shown: what was sent last, and the pending sends. */
interface Showing {
  room: WorkshopRoom;
  sent: string;
  lastAt: number;
  timer: NodeJS.Timeout | null;
  /** Wakes the board when a hint settles (the figures change with no event). */
  settle: NodeJS.Timeout | null;
}

export class CoachingService implements RadarCoachingHook, Pick<RegistryListener, 'onDirty' | 'onComments' | 'onDeleted' | 'onUnloaded' | 'onMoved'> {
  private readonly rulesKeys = new WeakMap<OkrRules, string>();
  private readonly showing = new Map<string, Showing>();
  /** Each group's last radar figures, by workshop, then group (see summary). */
  private readonly radarCache = new Map<string, Map<string, { group: GroupCoaching | undefined; startedAt: number | null; validUntil: number; value: { figures: RadarCoaching; settlesAt: number | null } }>>();

  constructor(private readonly deps: CoachingDeps) {}

  observe(room: WorkshopRoom, groupId: string, draft: Draft, flags: Flags): void {
    const at = this.deps.now();
    const rules = this.rulesKey(room.state.rules);
    const before = this.deps.records.get(room.id);
    const after = this.deps.records.update(room.id, (r) => observe(r, groupId, { draft, flags, rules, at }));
    if (after !== before) this.changed(room.id);
  }

  /**
   * A group's figures for its radar summary, computed again when its record changed, a hint
   * settles, or RADAR_FRESH_MS passed (the sparkline's time axis moves): a summary goes out with
   * every push while the group types, its record changes with each read of its flags.
   */
  summary(room: WorkshopRoom, groupId: string): { figures: RadarCoaching; settlesAt: number | null } {
    const record = this.deps.records.get(room.id);
    const now = this.deps.now();
    let perGroup = this.radarCache.get(room.id);
    if (!perGroup) this.radarCache.set(room.id, (perGroup = new Map()));
    const group = record.groups[groupId];
    const cached = perGroup.get(groupId);
    if (cached && cached.group === group && cached.startedAt === record.startedAt && now < cached.validUntil) return cached.value;
    const { hints, open } = radarProgress(record, groupId, room.state.createdAt, now);
    const settlesAt = nextSettleAt(record, now, groupId);
    const value = { figures: { raised: hints.raised, fixed: hints.fixed, open: hints.open, series: open }, settlesAt };
    perGroup.set(groupId, { group, startedAt: record.startedAt, validUntil: Math.min(now + RADAR_FRESH_MS, settlesAt ?? Infinity), value });
    return value;
  }

  /** The console's report: every pattern, every figure, names included. */
  report(room: WorkshopRoom): CoachingReport {
    return this.compute(room, null).report;
  }

  /** Every figure (the export's Coaching sheet). */
  figures(room: WorkshopRoom): CoachingFigures {
    return coachingFigures(this.input(room));
  }

  /** What the session report reads (shared/report.ts): every figure, the ranked patterns and the record. */
  forReport(room: WorkshopRoom): { figures: CoachingFigures; patterns: Pattern[]; record: CoachingRecord } {
    const input = this.input(room);
    return { figures: coachingFigures(input), patterns: rankPatterns(input.record, input.groups, input.now), record: input.record };
  }

  /** What everyone sees while the board is shown (null when it is not). */
  board(room: WorkshopRoom): BoardView | null {
    const setting = room.state.session.board ?? null;
    return setting && this.compute(room, setting).board;
  }

  onDirty(room: WorkshopRoom): void {
    if (room.state.phase === 'breakouts' && this.deps.records.get(room.id).startedAt === null) {
      const at = this.deps.now();
      this.deps.records.update(room.id, (r) => markStarted(r, at));
    }
    const setting = room.state.session.board ?? null;
    const showing = this.showing.get(room.id);
    if (!setting) {
      if (showing) this.stop(room.id);
      return;
    }
    if (!showing) this.showing.set(room.id, { room, sent: '', lastAt: -Infinity, timer: null, settle: null });
    // Names shown or hidden, a group renamed or added: the content may differ (sent only if it does).
    this.changed(room.id);
  }

  onComments(room: WorkshopRoom): void {
    this.changed(room.id);
  }

  onDeleted(room: WorkshopRoom): void {
    this.stop(room.id);
    this.radarCache.delete(room.id);
    this.deps.records.forget(room.id, false);
  }

  onUnloaded(room: WorkshopRoom): void {
    this.stop(room.id);
    this.radarCache.delete(room.id);
    this.deps.records.forget(room.id, true);
  }

  /** Another node serves the workshop now: its record is that node's to write (this one's writes would be fenced). */
  onMoved(room: WorkshopRoom): void {
    this.stop(room.id);
    this.radarCache.delete(room.id);
    this.deps.records.forget(room.id, false);
  }

  close(): void {
    for (const id of [...this.showing.keys()]) this.stop(id);
  }

  private input(room: WorkshopRoom): FiguresInput {
    const { state } = room;
    return { record: this.deps.records.get(room.id), groups: state.groups, comments: room.comments, createdAt: state.createdAt, now: this.deps.now() };
  }

  private compute(room: WorkshopRoom, shown: BoardSetting | null) {
    return coachingReport(this.input(room), shown);
  }

  /** The workshop's board may have changed: sent with the next push (the first at once, then throttled). */
  private changed(workshopId: string): void {
    const showing = this.showing.get(workshopId);
    if (!showing || showing.timer) return;
    const wait = Math.max(0, showing.lastAt + this.deps.throttleMs - this.deps.now());
    showing.timer = setTimeout(guarded(`workshop ${workshopId}: teaching board`, () => this.publish(showing)), wait);
    showing.timer.unref();
  }

  private publish(showing: Showing): void {
    showing.timer = null;
    const { room } = showing;
    const setting = room.state.session.board ?? null;
    if (!setting || this.showing.get(room.id) !== showing) return;
    const { board, report } = this.compute(room, setting);
    const json = JSON.stringify(board);
    if (board && json !== showing.sent) {
      showing.sent = json;
      showing.lastAt = this.deps.now();
      this.deps.emit(room.id, board);
    }
    if (showing.settle) clearTimeout(showing.settle);
    showing.settle = null;
    if (report.nextChangeAt !== null) {
      showing.settle = setTimeout(
        guarded(`workshop ${room.id}: teaching board`, () => {
          showing.settle = null;
          this.changed(room.id);
        }),
        Math.max(0, report.nextChangeAt - this.deps.now()),
      );
      showing.settle.unref();
    }
  }

  private stop(workshopId: string): void {
    const showing = this.showing.get(workshopId);
    if (!showing) return;
    if (showing.timer) clearTimeout(showing.timer);
    if (showing.settle) clearTimeout(showing.settle);
    this.showing.delete(workshopId);
  }

  /** The rules' fingerprint, once per rules object (a change of rules is a new object). */
  private rulesKey(rules: OkrRules): string {
    let key = this.rulesKeys.get(rules);
    if (key === undefined) this.rulesKeys.set(rules, (key = stableJson(rules)));
    return key;
  }
}
