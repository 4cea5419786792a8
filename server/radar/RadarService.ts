/**
 * Per-group summaries for the facilitator's radar, computed from the server's own copy of each
 * document (no Yjs connection per group on the console), cached, and pushed in one batch per
 * workshop at most every `throttleMs`: every group that changed since the last batch, each
 * computed once. Nobody watching: nothing is computed until the next `list`.
 */
import type { Hint } from '../../shared/coach';
import { guarded } from '../guard';
import { unresolvedCount } from '../../shared/comments';
import type { Draft } from '../../shared/okr';
import type { OkrRules } from '../../shared/okrRules';
import type { RadarCoaching, RadarSummary } from '../../shared/views';
import type { RegistryListener } from '../rooms/WorkshopRegistry';
import type { WorkshopRoom } from '../rooms/WorkshopRoom';
import type { YjsGateway } from '../yjs/YjsGateway';

/** The coach as the radar and the export use it: every hint on a draft. */
export type Coach = (draft: Draft, rules: OkrRules) => readonly Hint[];

/** Hears each fresh read of a group's coach flags, and adds the group's coaching figures to its summary (issue #23). */
export interface RadarCoachingHook {
  observe(room: WorkshopRoom, groupId: string, draft: Draft, flags: Flags): void;
  /** The group's figures, and when they change on their own (a young hint settles; null: not before its next change). */
  summary(room: WorkshopRoom, groupId: string): { figures: RadarCoaching; settlesAt: number | null };
}

export interface RadarDeps {
  yjs: YjsGateway;
  coach: Coach;
  emit: (workshopId: string, summaries: RadarSummary[]) => void;
  /** Whether any facilitator console of the workshop is connected. */
  watching: (workshopId: string) => boolean;
  throttleMs: number;
  now: () => number;
  coaching?: RadarCoachingHook;
}

interface Batch {
  /** Groups changed since the last push. */
  dirty: Set<string>;
  timer: NodeJS.Timeout | null;
  /** The push being computed, a slice per event-loop turn. */
  slicing: NodeJS.Immediate | null;
  lastPushAt: number;
}

/**
 * Summaries computed per event-loop turn while a push is built: 200 changed groups at once would
 * hold up every edit in the meantime (a summary costs 40–80 µs at 1,000 participants; slices of 20
 * took 0.7 ms, 2–3 ms at p95).
 */
const SUMMARIES_PER_TURN = 5;

const PREVIEW_LENGTH = 140;

/**
 * A group's coach flags are read again at most this often while it types (the rest of its summary
 * goes out with every push): the coach reads five languages, ~10–30 µs a key result, and a flag
 * that trails the typing by two seconds says the same to a facilitator. When the window has passed,
 * the group is summarised again, so the last flags always go out.
 */
export const COACH_EVERY_MS = 2000;

/** Coach flags per rule: the items each rule flags. */
export type Flags = Record<string, string[]>;

export function flagsOf(coach: Coach, draft: Draft, rules: OkrRules): Flags {
  const flags: Flags = {};
  for (const hint of coach(draft, rules)) (flags[hint.rule] ??= []).push(hint.itemId);
  return flags;
}

/** Builds one group's summary from its plain draft and its coach flags. */
export function summarize(groupId: string, draft: Draft, flags: Flags, lastEditAt: number | null, unresolvedComments: number): RadarSummary {
  const first = draft.objectives.find((o) => o.title.trim() || o.keyResults.some((k) => k.text.trim()));
  const preview = first
    ? [first.title.trim(), first.keyResults.find((k) => k.text.trim())?.text.trim()].filter(Boolean).join(' — ')
    : '';
  return {
    groupId,
    objectives: draft.objectives.length,
    keyResults: draft.objectives.reduce((n, o) => n + o.keyResults.length, 0),
    flags,
    lastEditAt,
    preview: preview.length > PREVIEW_LENGTH ? `${preview.slice(0, PREVIEW_LENGTH - 1)}…` : preview,
    unresolvedComments,
  };
}

export class RadarService implements Pick<RegistryListener, 'onComments' | 'onDeleted' | 'onUnloaded' | 'onDirty'> {
  private readonly cache = new Map<string, Map<string, RadarSummary>>();
  private readonly rooms = new Map<string, WorkshopRoom>();
  private readonly rulesSeen = new Map<string, string>();
  private readonly batches = new Map<string, Batch>();
  /** Each group's last coach flags and when they were read, by workshop, then group. */
  private readonly coached = new Map<string, Map<string, { at: number; rules: OkrRules; flags: Flags; objectives: Draft['objectives'] }>>();
  /** Groups whose flags were reused, summarised again when their window has passed (one timer a workshop). */
  private readonly recoach = new Map<string, { groups: Set<string>; timer: NodeJS.Timeout; at: number }>();

  constructor(private readonly deps: RadarDeps) {}

  /** Every group's summary (computed on first request, then kept fresh by change events). */
  list(room: WorkshopRoom): RadarSummary[] {
    this.rooms.set(room.id, room);
    return room.state.groups.map((g) => this.cached(room, g.id) ?? this.compute(room, g.id));
  }

  /** A group's document or comments changed: its summary goes out with the workshop's next batch. */
  changed(room: WorkshopRoom, groupId: string): void {
    // Already going out with the next push (the common case: a keystroke while others type).
    if (this.batches.get(room.id)?.dirty.has(groupId)) return;
    this.rooms.set(room.id, room);
    if (!this.deps.watching(room.id)) {
      // Recomputed when a console asks for the list.
      this.cache.get(room.id)?.delete(groupId);
      return;
    }
    let batch = this.batches.get(room.id);
    if (!batch) {
      batch = { dirty: new Set(), timer: null, slicing: null, lastPushAt: 0 };
      this.batches.set(room.id, batch);
    }
    batch.dirty.add(groupId);
    this.schedule(room.id, batch);
  }

  /** The next push, unless one is due or being computed (it schedules the next when done). */
  private schedule(workshopId: string, batch: Batch): void {
    if (batch.timer || batch.slicing) return;
    // The first change after a quiet spell goes out at once (after this turn); then at most every throttleMs.
    const wait = Math.max(0, batch.lastPushAt + this.deps.throttleMs - this.deps.now());
    batch.timer = setTimeout(guarded(`workshop ${workshopId}: radar summaries`, () => this.push(workshopId)), wait);
    batch.timer.unref();
  }

  onComments(room: WorkshopRoom, comments: { groupId: string }[]): void {
    for (const groupId of new Set(comments.map((c) => c.groupId))) this.changed(room, groupId);
  }

  onDirty(room: WorkshopRoom): void {
    // Flags depend on the OKR rules: when they change, every group is re-coached.
    const rules = JSON.stringify(room.state.rules);
    const seen = this.rulesSeen.get(room.id);
    this.rulesSeen.set(room.id, rules);
    if (seen !== undefined && seen !== rules && this.cache.has(room.id)) {
      for (const g of room.state.groups) this.changed(room, g.id);
    }
  }

  onDeleted(room: WorkshopRoom): void {
    this.forget(room.id);
  }

  onUnloaded(room: WorkshopRoom): void {
    this.forget(room.id);
  }

  close(): void {
    for (const batch of this.batches.values()) this.cancel(batch);
    this.batches.clear();
    for (const r of this.recoach.values()) clearTimeout(r.timer);
    this.recoach.clear();
  }

  private forget(workshopId: string): void {
    this.cache.delete(workshopId);
    this.coached.delete(workshopId);
    const r = this.recoach.get(workshopId);
    if (r) clearTimeout(r.timer);
    this.recoach.delete(workshopId);
    this.rooms.delete(workshopId);
    this.rulesSeen.delete(workshopId);
    const batch = this.batches.get(workshopId);
    if (batch) this.cancel(batch);
    this.batches.delete(workshopId);
  }

  private cancel(batch: Batch): void {
    if (batch.timer) clearTimeout(batch.timer);
    if (batch.slicing) clearImmediate(batch.slicing);
    batch.timer = null;
    batch.slicing = null;
  }

  private push(workshopId: string): void {
    const batch = this.batches.get(workshopId);
    const room = this.rooms.get(workshopId);
    if (!batch || !room) return;
    batch.timer = null;
    batch.lastPushAt = this.deps.now();
    const pending = [...batch.dirty];
    batch.dirty.clear();
    const summaries: RadarSummary[] = [];
    const slice = () => {
      batch.slicing = null;
      // The workshop may have gone, or a group been removed, between two slices.
      const live = new Set(room.state.groups.map((g) => g.id));
      for (const id of pending.splice(0, SUMMARIES_PER_TURN)) if (live.has(id)) summaries.push(this.compute(room, id));
      if (pending.length > 0) {
        batch.slicing = setImmediate(guarded(`workshop ${workshopId}: radar summaries`, slice));
        return;
      }
      if (summaries.length > 0) this.deps.emit(workshopId, summaries);
      // Changes that came in while this push was computed go out with the next one.
      if (batch.dirty.size > 0) this.schedule(workshopId, batch);
    };
    slice();
  }

  private cached(room: WorkshopRoom, groupId: string): RadarSummary | undefined {
    return this.cache.get(room.id)?.get(groupId);
  }

  private compute(room: WorkshopRoom, groupId: string): RadarSummary {
    const { yjs } = this.deps;
    const draft = yjs.draft(room, groupId);
    const summary = summarize(
      groupId,
      draft,
      this.flags(room, groupId, draft),
      yjs.lastEdit(room, groupId),
      unresolvedCount(room.comments, groupId),
    );
    if (this.deps.coaching) {
      const { figures, settlesAt } = this.deps.coaching.summary(room, groupId);
      summary.coaching = figures;
      if (settlesAt !== null) this.recoachLater(room, groupId, settlesAt - this.deps.now());
    }
    let perGroup = this.cache.get(room.id);
    if (!perGroup) {
      perGroup = new Map();
      this.cache.set(room.id, perGroup);
    }
    perGroup.set(groupId, summary);
    return summary;
  }

  /**
   * The group's coach flags: read again unless they were read under the same rules from the same
   * items (the live document's reader keeps an unchanged objective as the same object: a comment or
   * a hint settling summarises the group again, with nothing new to coach), or less than
   * COACH_EVERY_MS ago.
   */
  private flags(room: WorkshopRoom, groupId: string, draft: Draft): Flags {
    const now = this.deps.now();
    let perGroup = this.coached.get(room.id);
    if (!perGroup) this.coached.set(room.id, (perGroup = new Map()));
    const last = perGroup.get(groupId);
    if (last && last.rules === room.state.rules) {
      const same = last.objectives.length === draft.objectives.length && last.objectives.every((o, i) => o === draft.objectives[i]);
      if (same) return last.flags;
      if (now - last.at < COACH_EVERY_MS) {
        this.recoachLater(room, groupId, last.at + COACH_EVERY_MS - now);
        return last.flags;
      }
    }
    const flags = flagsOf(this.deps.coach, draft, room.state.rules);
    perGroup.set(groupId, { at: now, rules: room.state.rules, flags, objectives: draft.objectives });
    this.deps.coaching?.observe(room, groupId, draft, flags);
    return flags;
  }

  /** Summarises the group again in `delayMs` (one timer a workshop: the earliest time asked for wins). */
  private recoachLater(room: WorkshopRoom, groupId: string, delayMs: number): void {
    const at = this.deps.now() + Math.max(0, delayMs);
    const pending = this.recoach.get(room.id);
    if (pending) {
      pending.groups.add(groupId);
      if (pending.at <= at) return;
      // Sooner than planned (a flag window, where a hint settling had set the timer): moved up.
      clearTimeout(pending.timer);
    }
    const groups = pending?.groups ?? new Set([groupId]);
    const timer = setTimeout(
      guarded(`workshop ${room.id}: radar coach`, () => {
        this.recoach.delete(room.id);
        for (const g of groups) this.changed(room, g);
      }),
      Math.max(0, delayMs),
    );
    timer.unref();
    this.recoach.set(room.id, { groups, timer, at });
  }
}
