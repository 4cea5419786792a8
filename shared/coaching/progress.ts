/**
 * Coaching progress (issue #23): a serialisable record, per group, of every coach hint's life —
 * when it was first raised and on what text, when it ended and how (reworded: fixed; the item
 * deleted; dismissed; the OKR rules changed), the item's text at the last look — and when the
 * group wrote its first key result. Pure: each observation (the coach flags the radar reads, at
 * most every 2 s per group) is folded in with the time it was made.
 *
 * A hint that stands for less than SETTLE_MS was a passing state of someone's typing ("Raise NPS"
 * before "from 20 to 35"): it is dropped when it goes, and not counted while it is that young.
 */
import type { Draft } from '../okr';

/** How a hint stopped being flagged: only `fixed` is a fix. */
export const END_REASONS = ['fixed', 'removed', 'dismissed', 'rules'] as const;
export type EndReason = (typeof END_REASONS)[number];

/** A hint younger than this is not counted, and dropped without a trace if it goes. */
export const SETTLE_MS = 5000;

/** Stored texts are cut to this many characters (a record holds every flagged item's text, twice). */
export const TRACK_TEXT_MAX = 280;

/** Hints kept per group (oldest closed ones drop first) and flagged spans kept per hint. */
const MAX_TRACKS = 300;
const MAX_SPANS = 20;

/** One coach hint (rule × item) over the workshop. */
export interface HintTrack {
  itemId: string;
  rule: string;
  kind: 'objective' | 'keyResult';
  /** When it was first flagged, and the item's text then (refined while that first sighting settles). */
  raisedAt: number;
  raisedText: string;
  /** The item's text at the last observation that found the item. */
  text: string;
  /** Times it was flagged, oldest first: [from, to], `to` null while it still is. */
  spans: Array<[number, number | null]>;
  /** How the last finished span ended (null before any did). */
  end: EndReason | null;
  /** When it was last fixed, and the text then. */
  fixedAt: number | null;
  fixedText: string | null;
}

export interface GroupCoaching {
  /** When a key result with words in it was first seen. */
  firstKeyResultAt: number | null;
  /** Fingerprint of the OKR rules the last observation read the draft under ('' before any). */
  rules: string;
  tracks: HintTrack[];
}

export interface CoachingRecord {
  version: 1;
  /** When the breakouts first opened: time to the first key result counts from here. */
  startedAt: number | null;
  groups: Record<string, GroupCoaching>;
}

/** What one look at a group's draft found. */
export interface Observation {
  draft: Draft;
  /** Coach flags as the radar keeps them: rule → flagged item ids (dismissed hints already left out). */
  flags: Readonly<Record<string, readonly string[]>>;
  /** Fingerprint of the OKR rules the flags were read under. */
  rules: string;
  at: number;
}

/** A workshop's record before anything was seen. */
export function emptyCoaching(): CoachingRecord {
  return { version: 1, startedAt: null, groups: {} };
}

/** The record with the breakouts' first opening at `at` (kept if already set). */
export function markStarted(record: CoachingRecord, at: number): CoachingRecord {
  return record.startedAt === null ? { ...record, startedAt: at } : record;
}

const clip = (text: string) => (text.length > TRACK_TEXT_MAX ? `${text.slice(0, TRACK_TEXT_MAX - 1)}…` : text);

interface ItemSeen {
  text: string;
  kind: HintTrack['kind'];
  dismissed: readonly string[];
}

function itemsOf(draft: Draft): Map<string, ItemSeen> {
  const items = new Map<string, ItemSeen>();
  for (const o of draft.objectives) {
    items.set(o.id, { text: clip(o.title.trim()), kind: 'objective', dismissed: o.dismissed });
    for (const k of o.keyResults) items.set(k.id, { text: clip(k.text.trim()), kind: 'keyResult', dismissed: k.dismissed });
  }
  return items;
}

const keyOf = (rule: string, itemId: string) => `${rule}\u0000${itemId}`;

/** The open span of a track, if it is flagged now. */
function openSpan(track: HintTrack): [number, number | null] | undefined {
  const last = track.spans.at(-1);
  return last && last[1] === null ? last : undefined;
}

/**
 * Folds one observation of `groupId` into the record: hints flagged for the first time start a
 * track, hints no longer flagged end theirs (fixed, unless the item went, the group dismissed the
 * hint, or the rules changed), texts are brought up to date. Returns `record` itself when nothing
 * changed (nothing to save).
 */
export function observe(record: CoachingRecord, groupId: string, obs: Observation): CoachingRecord {
  const before = record.groups[groupId];
  const items = itemsOf(obs.draft);
  const rulesChanged = before !== undefined && before.rules !== '' && before.rules !== obs.rules;
  const flagged = new Set<string>();
  for (const [rule, ids] of Object.entries(obs.flags)) for (const id of ids) flagged.add(keyOf(rule, id));

  let changed = before === undefined || before.rules !== obs.rules;
  const tracks: HintTrack[] = [];
  const known = new Set<string>();
  for (const track of before?.tracks ?? []) {
    const key = keyOf(track.rule, track.itemId);
    known.add(key);
    const next = advance(track, items.get(track.itemId), flagged.has(key), rulesChanged, obs.at);
    if (next !== track) changed = true;
    if (next) tracks.push(next);
  }
  for (const key of flagged) {
    if (known.has(key)) continue;
    const [rule, itemId] = key.split('\u0000') as [string, string];
    const item = items.get(itemId);
    const text = item?.text ?? '';
    tracks.push({ itemId, rule, kind: item?.kind ?? 'keyResult', raisedAt: obs.at, raisedText: text, text, spans: [[obs.at, null]], end: null, fixedAt: null, fixedText: null });
    changed = true;
  }
  const firstKeyResultAt = before?.firstKeyResultAt ?? (hasKeyResult(obs.draft) ? obs.at : null);
  if (firstKeyResultAt !== (before?.firstKeyResultAt ?? null)) changed = true;
  if (!changed) return record;
  const group: GroupCoaching = { firstKeyResultAt, rules: obs.rules, tracks: capTracks(tracks) };
  return { ...record, groups: { ...record.groups, [groupId]: group } };
}

/** One track after an observation: the same object when nothing changed, null when a young hint went (typing). */
function advance(track: HintTrack, item: ItemSeen | undefined, flagged: boolean, rulesChanged: boolean, at: number): HintTrack | null {
  const text = item ? item.text : track.text;
  const open = openSpan(track);
  if (open && flagged) {
    // While the first sighting settles, "the text when first flagged" follows the typing.
    const settling = track.spans.length === 1 && at - open[0] < SETTLE_MS;
    if (text === track.text && (!settling || text === track.raisedText)) return track;
    return { ...track, text, raisedText: settling ? text : track.raisedText };
  }
  if (open && !flagged) {
    if (at - open[0] < SETTLE_MS) {
      // Gone before it settled: it never was (a reopening that did not last leaves the earlier end as it was).
      if (track.spans.length === 1) return null;
      return { ...track, text, spans: track.spans.slice(0, -1) };
    }
    const end: EndReason = rulesChanged ? 'rules' : !item ? 'removed' : item.dismissed.includes(track.rule) ? 'dismissed' : 'fixed';
    const spans = [...track.spans.slice(0, -1), [open[0], at] as [number, number]];
    return end === 'fixed' ? { ...track, text, spans, end, fixedAt: at, fixedText: text } : { ...track, text, spans, end };
  }
  if (!open && flagged) return { ...track, text, spans: [...track.spans, [at, null] as [number, null]].slice(-MAX_SPANS) };
  return text === track.text ? track : { ...track, text };
}

function hasKeyResult(draft: Draft): boolean {
  return draft.objectives.some((o) => o.keyResults.some((k) => k.text.trim() !== ''));
}

/** At most MAX_TRACKS: the oldest finished hints that were not fixes go first, then the oldest finished. */
function capTracks(tracks: HintTrack[]): HintTrack[] {
  if (tracks.length <= MAX_TRACKS) return tracks;
  const finished = tracks.filter((t) => !openSpan(t)).sort((a, b) => Number(a.end === 'fixed') - Number(b.end === 'fixed') || a.raisedAt - b.raisedAt);
  const drop = new Set(finished.slice(0, tracks.length - MAX_TRACKS));
  return tracks.filter((t) => !drop.has(t));
}

/** What a track counts as at `now`: not yet (a young first sighting), open, or how it ended. */
export type TrackState = 'settling' | 'open' | EndReason;

export function trackState(track: HintTrack, now: number): TrackState {
  const open = openSpan(track);
  if (!open) return track.end ?? 'fixed';
  if (now - open[0] >= SETTLE_MS) return 'open';
  // A reopening still settling: the hint stands as it ended before.
  return track.spans.length === 1 ? 'settling' : (track.end ?? 'fixed');
}

/** The earliest time a settling hint (of one group, or any) will count, or null: when figures computed now change on their own. */
export function nextSettleAt(record: CoachingRecord, now: number, groupId?: string): number | null {
  let next: number | null = null;
  const groups = groupId === undefined ? Object.values(record.groups) : [record.groups[groupId]].filter((g) => g !== undefined);
  for (const group of groups) {
    for (const track of group.tracks) {
      const open = openSpan(track);
      if (open && now - open[0] < SETTLE_MS) next = Math.min(next ?? Infinity, open[0] + SETTLE_MS);
    }
  }
  return next;
}

/** Whether a track's span covers `t` (a settling span counts from `now` on only). */
export function flaggedAt(track: HintTrack, t: number, now: number): boolean {
  return track.spans.some(([from, to]) => from <= t && (to === null ? now - from >= SETTLE_MS : t < to));
}

/**
 * Whether a group's history changed between two versions of its record: a hint ended (fixed,
 * removed, dismissed…), a first key result was seen. What else changes (texts brought up to date,
 * a young hint seen or dropped) can wait longer to be saved: a restart only reads it again.
 */
export function historyChanged(before: GroupCoaching | undefined, after: GroupCoaching | undefined): boolean {
  if ((before?.firstKeyResultAt ?? null) !== (after?.firstKeyResultAt ?? null)) return true;
  const ended = (g: GroupCoaching | undefined) => (g?.tracks ?? []).reduce((n, t) => n + t.spans.filter((s) => s[1] !== null).length, 0);
  return ended(before) !== ended(after);
}

/** The record as stored (JSON). */
export function serializeCoaching(record: CoachingRecord): string {
  return JSON.stringify(record);
}

/** A stored record read back; anything unreadable (or from another version) starts afresh. */
export function parseCoaching(json: string | null): CoachingRecord {
  if (!json) return emptyCoaching();
  try {
    const value = JSON.parse(json) as Partial<CoachingRecord> | null;
    if (value?.version !== 1 || typeof value.groups !== 'object' || value.groups === null) return emptyCoaching();
    return { version: 1, startedAt: typeof value.startedAt === 'number' ? value.startedAt : null, groups: value.groups };
  } catch {
    return emptyCoaching();
  }
}
