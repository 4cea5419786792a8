/**
 * Coaching figures (issue #23), per group and for the whole workshop, from the coaching record and
 * the room's comments: hints raised, fixed, still open (and dismissed or dropped), open hints over
 * time for a sparkline, comments given and resolved, time to the first key result. One function,
 * `coachingFigures`, returns all of it: the console, the export's Coaching sheet and the sponsor
 * report read the same numbers.
 */
import type { Comment } from '../comments';
import { flaggedAt, trackState, type CoachingRecord, type HintTrack } from './progress';

/** Points of a sparkline (the workshop so far, in equal steps; each point the state at its step's end). */
export const SERIES_POINTS = 16;

export interface HintCounts {
  /** Hints that stood long enough to count (see SETTLE_MS). */
  raised: number;
  /** Ended by rewording the item. */
  fixed: number;
  /** Flagged now. */
  open: number;
  /** The group said "we know". */
  dismissed: number;
  /** The item was deleted, or the OKR rules changed. */
  dropped: number;
}

/** Over the workshop so far, at SERIES_POINTS even steps from `from` to `to`. */
export interface Series {
  open: number[];
  /** Raised by then (cumulative). */
  raised: number[];
  /** Fixed by then, and still fixed now (cumulative). */
  fixed: number[];
}

export interface ProgressFigures {
  hints: HintCounts;
  series: Series;
  comments: { given: number; resolved: number };
}

export interface GroupFigures extends ProgressFigures {
  groupId: string;
  name: string;
  /** From the start (see CoachingFigures.start) to the group's first key result; null before it has one. */
  firstKeyResultMs: number | null;
}

export interface CoachingFigures {
  /** Time to first key result counts from here: the breakouts' first opening, else the workshop's creation. */
  start: number;
  /** The series' span: from the start (what came before it counts at the first point) to now. */
  to: number;
  overall: ProgressFigures & {
    groups: number;
    groupsWithKeyResult: number;
    /** The median of the groups' times to their first key result (null when none has one). */
    medianFirstKeyResultMs: number | null;
  };
  groups: GroupFigures[];
}

export interface FiguresInput {
  record: CoachingRecord;
  /** The workshop's groups, in its order (groups removed since are left out). */
  groups: ReadonlyArray<{ id: string; name: string }>;
  comments: readonly Comment[];
  /** The workshop's creation time. */
  createdAt: number;
  now: number;
}

/** Hints raised, fixed, open…, at `now`. */
export function hintCounts(tracks: readonly HintTrack[], now: number): HintCounts {
  const counts: HintCounts = { raised: 0, fixed: 0, open: 0, dismissed: 0, dropped: 0 };
  for (const track of tracks) {
    const state = trackState(track, now);
    if (state === 'settling') continue;
    counts.raised++;
    if (state === 'fixed') counts.fixed++;
    else if (state === 'open') counts.open++;
    else if (state === 'dismissed') counts.dismissed++;
    else counts.dropped++;
  }
  return counts;
}

/** The times a series is read at: SERIES_POINTS even steps after `from`, the last at `to`. */
export function seriesTimes(from: number, to: number): number[] {
  const span = Math.max(0, to - from);
  return Array.from({ length: SERIES_POINTS }, (_, i) => from + (span * (i + 1)) / SERIES_POINTS);
}

/** Open, raised and fixed hints of one group at each of `times` (one pass over the tracks: the radar reads it with every summary). */
export function hintSeries(tracks: readonly HintTrack[], times: readonly number[], now: number): Series {
  const series: Series = { open: times.map(() => 0), raised: times.map(() => 0), fixed: times.map(() => 0) };
  for (const track of tracks) {
    const state = trackState(track, now);
    if (state === 'settling') continue;
    times.forEach((t, i) => {
      if (flaggedAt(track, t, now)) series.open[i]!++;
      if (track.raisedAt <= t) series.raised[i]!++;
      if (state === 'fixed' && track.fixedAt !== null && track.fixedAt <= t) series.fixed[i]!++;
    });
  }
  return series;
}

/** Feedback threads a group was given (by the facilitator or a peer group), and how many it resolved. */
export function commentCounts(comments: readonly Comment[], groupId: string): { given: number; resolved: number } {
  let given = 0;
  let resolved = 0;
  for (const c of comments) {
    if (c.groupId !== groupId || c.parentId !== null || c.kind === 'member') continue;
    given++;
    if (c.resolved) resolved++;
  }
  return { given, resolved };
}

/** Where the clock of the figures starts: the breakouts' first opening, else the workshop's creation. */
export function coachingStart(record: CoachingRecord, createdAt: number): number {
  return record.startedAt ?? createdAt;
}

/** One group's hint counts and series at `now`. */
export function groupProgress(record: CoachingRecord, groupId: string, times: readonly number[], now: number): Pick<ProgressFigures, 'hints' | 'series'> {
  const tracks = record.groups[groupId]?.tracks ?? [];
  return { hints: hintCounts(tracks, now), series: hintSeries(tracks, times, now) };
}

/** What the radar shows of a group (with every summary): its counts and its open hints over time only. */
export function radarProgress(record: CoachingRecord, groupId: string, createdAt: number, now: number): { hints: HintCounts; open: number[] } {
  const { hints, series } = groupProgress(record, groupId, seriesTimes(coachingStart(record, createdAt), now), now);
  return { hints, open: series.open };
}

const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const add = (a: number[], b: number[]) => a.map((x, i) => x + (b[i] ?? 0));

/** Every coaching figure of a workshop at `now`: per group (in the workshop's order) and overall. */
export function coachingFigures({ record, groups, comments, createdAt, now }: FiguresInput): CoachingFigures {
  const start = coachingStart(record, createdAt);
  const times = seriesTimes(start, now);
  const perGroup: GroupFigures[] = groups.map((g) => {
    const first = record.groups[g.id]?.firstKeyResultAt ?? null;
    return {
      groupId: g.id,
      name: g.name,
      ...groupProgress(record, g.id, times, now),
      comments: commentCounts(comments, g.id),
      firstKeyResultMs: first === null ? null : Math.max(0, first - start),
    };
  });
  const zero = times.map(() => 0);
  const firsts = perGroup.flatMap((g) => (g.firstKeyResultMs === null ? [] : [g.firstKeyResultMs]));
  const hints: HintCounts = { raised: 0, fixed: 0, open: 0, dismissed: 0, dropped: 0 };
  for (const g of perGroup) for (const k of Object.keys(hints) as Array<keyof HintCounts>) hints[k] += g.hints[k];
  return {
    start,
    to: now,
    overall: {
      hints,
      series: perGroup.reduce((s, g) => ({ open: add(s.open, g.series.open), raised: add(s.raised, g.series.raised), fixed: add(s.fixed, g.series.fixed) }), { open: zero, raised: zero, fixed: zero }),
      comments: perGroup.reduce((c, g) => ({ given: c.given + g.comments.given, resolved: c.resolved + g.comments.resolved }), { given: 0, resolved: 0 }),
      groups: groups.length,
      groupsWithKeyResult: firsts.length,
      medianFirstKeyResultMs: median(firsts),
    },
    groups: perGroup,
  };
}
