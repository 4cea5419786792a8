/**
 * Per-group summaries for the facilitator's radar, computed from the server's own copy of each
 * document (no Yjs connection per group on the console), cached, and pushed at most every
 * `throttleMs` per group.
 */
import * as Y from 'yjs';
import { unresolvedCount } from '../../shared/comments';
import type { Draft } from '../../shared/okr';
import { readDraft } from '../../shared/okrDoc';
import type { OkrRules } from '../../shared/okrRules';
import type { RadarSummary } from '../../shared/views';
import type { RegistryListener } from '../rooms/WorkshopRegistry';
import type { WorkshopRoom } from '../rooms/WorkshopRoom';
import type { Store } from '../store/Store';
import type { YjsGateway } from '../yjs/YjsGateway';

/** Coach hints as the radar needs them. */
export type Coach = (draft: Draft, rules: OkrRules) => ReadonlyArray<{ rule: string; itemId: string; message?: string }>;

export interface RadarDeps {
  store: Store;
  yjs: YjsGateway;
  coach: Coach;
  emit: (workshopId: string, summary: RadarSummary) => void;
  throttleMs: number;
}

interface Throttle {
  timer: NodeJS.Timeout;
  dirty: boolean;
}

const PREVIEW_LENGTH = 140;

/** Builds one group's summary from its plain draft. */
export function summarize(
  groupId: string,
  draft: Draft,
  rules: OkrRules,
  coach: Coach,
  lastEditAt: number | null,
  unresolvedComments: number,
): RadarSummary {
  const flags: Record<string, string[]> = {};
  for (const hint of coach(draft, rules)) (flags[hint.rule] ??= []).push(hint.itemId);
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
  private readonly throttles = new Map<string, Throttle>();

  constructor(private readonly deps: RadarDeps) {}

  /** Every group's summary (computed on first request, then kept fresh by change events). */
  list(room: WorkshopRoom): RadarSummary[] {
    this.rooms.set(room.id, room);
    return room.state.groups.map((g) => this.cached(room, g.id) ?? this.compute(room, g.id));
  }

  /** A group's document or comments changed: recompute and push, throttled. */
  changed(room: WorkshopRoom, groupId: string): void {
    this.rooms.set(room.id, room);
    const key = `${room.id}/${groupId}`;
    const throttle = this.throttles.get(key);
    if (throttle) {
      throttle.dirty = true;
      return;
    }
    this.push(room, groupId);
    const timer = setTimeout(() => {
      const t = this.throttles.get(key);
      this.throttles.delete(key);
      if (t?.dirty) this.changed(this.rooms.get(room.id) ?? room, groupId);
    }, this.deps.throttleMs);
    timer.unref();
    this.throttles.set(key, { timer, dirty: false });
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
    for (const t of this.throttles.values()) clearTimeout(t.timer);
    this.throttles.clear();
  }

  private forget(workshopId: string): void {
    this.cache.delete(workshopId);
    this.rooms.delete(workshopId);
    this.rulesSeen.delete(workshopId);
    for (const [key, t] of this.throttles) {
      if (key.startsWith(`${workshopId}/`)) {
        clearTimeout(t.timer);
        this.throttles.delete(key);
      }
    }
  }

  private cached(room: WorkshopRoom, groupId: string): RadarSummary | undefined {
    return this.cache.get(room.id)?.get(groupId);
  }

  private push(room: WorkshopRoom, groupId: string): void {
    if (!room.state.groups.some((g) => g.id === groupId)) return;
    this.deps.emit(room.id, this.compute(room, groupId));
  }

  private compute(room: WorkshopRoom, groupId: string): RadarSummary {
    const { store, yjs, coach } = this.deps;
    const live = yjs.loadedDoc(room.id, groupId);
    let draft: Draft;
    if (live) draft = readDraft(live.doc);
    else {
      // Not open by anyone: read the stored updates into a throwaway document.
      const doc = new Y.Doc();
      const rows = store.docUpdates(room.id, groupId);
      if (rows.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(rows.map((r) => r.data)));
      draft = readDraft(doc);
      doc.destroy();
    }
    const summary = summarize(
      groupId,
      draft,
      room.state.rules,
      coach,
      live ? live.lastEditAt : store.lastEdit(room.id, groupId),
      unresolvedCount(room.comments, groupId),
    );
    let perGroup = this.cache.get(room.id);
    if (!perGroup) {
      perGroup = new Map();
      this.cache.set(room.id, perGroup);
    }
    perGroup.set(groupId, summary);
    return summary;
  }
}
