/** Sorting and filtering the radar: who needs the facilitator's attention first. */
import type { HelpRequest } from '../../../shared/session';
import type { GroupSummary, ParticipantView, RadarSummary } from '../../../shared/views';

/** A group as the radar shows it. */
export interface RadarCard {
  group: GroupSummary;
  summary: RadarSummary | undefined;
  online: number;
  members: number;
  help: HelpRequest | undefined;
}

/** Idle this long with people online counts as "idle". */
export const IDLE_MS = 5 * 60_000;

export const SORTS = ['attention', 'name', 'activity'] as const;
export type RadarSort = (typeof SORTS)[number];
export const FILTERS = ['all', 'attention', 'help', 'no-krs', 'flagged', 'idle'] as const;
export type RadarFilter = (typeof FILTERS)[number];

export function flagCount(s: RadarSummary | undefined): number {
  return s ? Object.values(s.flags).reduce((n, ids) => n + ids.length, 0) : 0;
}

/** The rules that flag this group, most flagged items first (ties by rule id, so the order holds still). */
export function topFlags(s: RadarSummary | undefined): Array<{ rule: string; count: number }> {
  if (!s) return [];
  return Object.entries(s.flags)
    .map(([rule, ids]) => ({ rule, count: ids.length }))
    .filter((f) => f.count > 0)
    .sort((a, b) => b.count - a.count || a.rule.localeCompare(b.rule));
}

export function isIdle(card: RadarCard, now: number): boolean {
  return card.online > 0 && (card.summary?.lastEditAt == null || now - card.summary.lastEditAt > IDLE_MS);
}

/** Nothing drafted yet: no objective, no key result. */
export function notStarted(card: RadarCard): boolean {
  return (card.summary?.objectives ?? 0) === 0 && (card.summary?.keyResults ?? 0) === 0;
}

/**
 * What a group needs, most urgent first; the radar ranks by it, the compact view colours by it.
 * - `help`: someone asked for help;
 * - `flags`: the coach flags something in the draft;
 * - `comments`: open comment threads;
 * - `stalled`: a draft, people online, but no edit for IDLE_MS;
 * - `not-started`: people in the group, nothing drafted yet;
 * - `drafting`: a draft, nothing to look at;
 * - `empty`: nobody in the group.
 */
export const TIERS = ['help', 'flags', 'comments', 'stalled', 'not-started', 'drafting', 'empty'] as const;
export type Tier = (typeof TIERS)[number];

export function tierOf(card: RadarCard, now: number): Tier {
  if (card.help) return 'help';
  if (flagCount(card.summary) > 0) return 'flags';
  if ((card.summary?.unresolvedComments ?? 0) > 0) return 'comments';
  if (card.members === 0 && notStarted(card)) return 'empty';
  if (notStarted(card)) return 'not-started';
  if (isIdle(card, now)) return 'stalled';
  return 'drafting';
}

/** The tiers that count as "needs attention" (the filter): everything but a group drafting along, or an empty one. */
export function needsAttention(card: RadarCard, now: number): boolean {
  const tier = tierOf(card, now);
  return tier !== 'drafting' && tier !== 'empty';
}

const byName = (a: RadarCard, b: RadarCard) => a.group.name.localeCompare(b.group.name, undefined, { numeric: true });

/**
 * "Needs attention first": help (the longest waiting first), then coach flags (most first), then
 * open comments (most first), then stalled drafts, then groups that have not started (those with
 * people online first), then the rest; ties by name.
 */
export function compareAttention(a: RadarCard, b: RadarCard, now: number): number {
  const ta = TIERS.indexOf(tierOf(a, now));
  const tb = TIERS.indexOf(tierOf(b, now));
  if (ta !== tb) return ta - tb;
  switch (TIERS[ta]) {
    case 'help':
      return a.help!.at - b.help!.at || flagCount(b.summary) - flagCount(a.summary) || byName(a, b);
    case 'flags':
      return flagCount(b.summary) - flagCount(a.summary) || (b.summary?.unresolvedComments ?? 0) - (a.summary?.unresolvedComments ?? 0) || byName(a, b);
    case 'comments':
      return (b.summary?.unresolvedComments ?? 0) - (a.summary?.unresolvedComments ?? 0) || byName(a, b);
    case 'stalled':
      // The longest silent first.
      return (a.summary?.lastEditAt ?? 0) - (b.summary?.lastEditAt ?? 0) || byName(a, b);
    case 'not-started':
      return Number(b.online > 0) - Number(a.online > 0) || byName(a, b);
    default:
      return byName(a, b);
  }
}

export function buildCards(groups: GroupSummary[], participants: ParticipantView[], radar: Map<string, RadarSummary>, help: HelpRequest[]): RadarCard[] {
  const counts = new Map<string, { online: number; members: number }>();
  for (const p of participants) {
    if (p.groupId === null) continue;
    const c = counts.get(p.groupId) ?? { online: 0, members: 0 };
    c.members++;
    if (p.online) c.online++;
    counts.set(p.groupId, c);
  }
  const helpBy = new Map(help.map((h) => [h.groupId, h]));
  return groups.map((group) => ({
    group,
    summary: radar.get(group.id),
    online: counts.get(group.id)?.online ?? 0,
    members: counts.get(group.id)?.members ?? 0,
    help: helpBy.get(group.id),
  }));
}

export function filterCards(cards: RadarCard[], filter: RadarFilter, now: number): RadarCard[] {
  switch (filter) {
    case 'all':
      return cards;
    case 'attention':
      return cards.filter((c) => needsAttention(c, now));
    case 'help':
      return cards.filter((c) => c.help);
    case 'no-krs':
      return cards.filter((c) => (c.summary?.keyResults ?? 0) === 0);
    case 'flagged':
      return cards.filter((c) => flagCount(c.summary) > 0);
    case 'idle':
      return cards.filter((c) => isIdle(c, now));
    default: {
      const never: never = filter;
      return never;
    }
  }
}

export function sortCards(cards: RadarCard[], sort: RadarSort, now: number): RadarCard[] {
  const copy = [...cards];
  switch (sort) {
    case 'name':
      return copy.sort(byName);
    case 'activity':
      return copy.sort((a, b) => (b.summary?.lastEditAt ?? 0) - (a.summary?.lastEditAt ?? 0) || byName(a, b));
    case 'attention':
      return copy.sort((a, b) => compareAttention(a, b, now));
    default: {
      const never: never = sort;
      return never;
    }
  }
}

/** The group after (+1) or before (-1) `current` in `order`, wrapping; the first if `current` is not in it. */
export function stepGroup(order: readonly string[], current: string, step: 1 | -1): string | null {
  if (order.length === 0) return null;
  const i = order.indexOf(current);
  if (i < 0) return order[0]!;
  return order[(i + step + order.length) % order.length]!;
}
