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

export function isIdle(card: RadarCard, now: number): boolean {
  return card.online > 0 && (card.summary?.lastEditAt == null || now - card.summary.lastEditAt > IDLE_MS);
}

/** Higher = look here first: help, then idle groups with people, no key results, many flags. */
export function attentionScore(card: RadarCard, now: number): number {
  let score = 0;
  if (card.help) score += 1000 + Math.min(999, Math.floor((now - card.help.at) / 1000));
  if (isIdle(card, now)) score += 300;
  if (card.members > 0 && (card.summary?.keyResults ?? 0) === 0) score += 200;
  score += Math.min(100, flagCount(card.summary) * 10);
  score += Math.min(50, (card.summary?.unresolvedComments ?? 0) * 5);
  return score;
}

export function buildCards(groups: GroupSummary[], participants: ParticipantView[], radar: Map<string, RadarSummary>, help: HelpRequest[]): RadarCard[] {
  return groups.map((group) => {
    const people = participants.filter((p) => p.groupId === group.id);
    return {
      group,
      summary: radar.get(group.id),
      online: people.filter((p) => p.online).length,
      members: people.length,
      help: help.find((h) => h.groupId === group.id),
    };
  });
}

export function filterCards(cards: RadarCard[], filter: RadarFilter, now: number): RadarCard[] {
  switch (filter) {
    case 'all':
      return cards;
    case 'attention':
      return cards.filter((c) => attentionScore(c, now) >= 100);
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
  const byName = (a: RadarCard, b: RadarCard) => a.group.name.localeCompare(b.group.name, undefined, { numeric: true });
  const copy = [...cards];
  switch (sort) {
    case 'name':
      return copy.sort(byName);
    case 'activity':
      return copy.sort((a, b) => (b.summary?.lastEditAt ?? 0) - (a.summary?.lastEditAt ?? 0) || byName(a, b));
    case 'attention':
      return copy.sort((a, b) => attentionScore(b, now) - attentionScore(a, now) || byName(a, b));
    default: {
      const never: never = sort;
      return never;
    }
  }
}
