/**
 * The coach's patterns across groups (issue #23), for teaching in plenary: each rule that stood in
 * some group, ranked by how many groups it stood in ("17 of 50 groups"), with up to three real
 * example texts and up to three "before → after" pairs of key results a group fixed during the
 * workshop (the text when first flagged, the text now). Pure; group names come along and the
 * board leaves them out when the facilitator hides them (board.ts).
 */
import { RULE_IDS, type RuleId } from '../coach/hints';
import { trackState, type CoachingRecord, type HintTrack } from './progress';

/** Examples and pairs shown per pattern. */
export const MAX_EXAMPLES = 3;

export interface PatternExample {
  text: string;
  groupId: string;
  group: string;
}

export interface PatternPair {
  before: string;
  after: string;
  groupId: string;
  group: string;
  fixedAt: number;
}

export interface Pattern {
  rule: RuleId;
  /** Groups where the coach raised it (it stood long enough to count). */
  groups: number;
  /** Of those, groups where it is flagged now. */
  open: number;
  /** Of those, groups that fixed at least one. */
  fixed: number;
  examples: PatternExample[];
  pairs: PatternPair[];
}

const RANK = new Map<string, number>(RULE_IDS.map((r, i) => [r, i]));

/** The coach's info-level rules (rules.ts): on a tie they come after the real mistakes. */
const SOFT = new Set<string>(['objective-no-why', 'too-few-key-results', 'kr-missing-confidence', 'kr-missing-champion']);

/** Case, spacing and end punctuation ignored: "Run 5 workshops." and "run 5  workshops" are one example. */
const sameText = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').replace(/[.!?…\s]+$/u, '').trim();

/** Up to `max` of `items`, one per group first (in the order given), then the rest; no text twice. */
function pick<T extends { groupId: string }>(items: readonly T[], textOf: (item: T) => string, max: number): T[] {
  const chosen: T[] = [];
  const texts = new Set<string>();
  const groups = new Set<string>();
  for (const firstPass of [true, false]) {
    for (const item of items) {
      if (chosen.length >= max) return chosen;
      const text = sameText(textOf(item));
      if (!text || texts.has(text) || (firstPass && groups.has(item.groupId))) continue;
      chosen.push(item);
      texts.add(text);
      groups.add(item.groupId);
    }
  }
  return chosen;
}

interface Found {
  groupId: string;
  group: string;
  track: HintTrack;
  open: boolean;
}

/**
 * The patterns of `groups` (the workshop's groups in its order; groups without a record count in
 * no pattern), most widespread first; ties: mistakes before the coach's softer reminders, then
 * more groups still flagged, then the rules' own order.
 */
export function rankPatterns(record: CoachingRecord, groups: ReadonlyArray<{ id: string; name: string }>, now: number): Pattern[] {
  const order = new Map(groups.map((g, i) => [g.id, i]));
  const groupOrder = (id: string) => order.get(id)!;
  const byRule = new Map<RuleId, Found[]>();
  for (const g of groups) {
    for (const track of record.groups[g.id]?.tracks ?? []) {
      const state = trackState(track, now);
      if (state === 'settling' || !RANK.has(track.rule)) continue;
      const rule = track.rule as RuleId;
      if (!byRule.has(rule)) byRule.set(rule, []);
      byRule.get(rule)!.push({ groupId: g.id, group: g.name, track, open: state === 'open' });
    }
  }
  const patterns: Pattern[] = [];
  for (const [rule, found] of byRule) {
    const groupsWith = (f: (x: Found) => boolean) => new Set(found.filter(f).map((x) => x.groupId)).size;
    // Examples: what a group has now if still flagged, else what it wrote when flagged; earliest first per group.
    const candidates = [...found].sort((a, b) => groupOrder(a.groupId) - groupOrder(b.groupId) || a.track.raisedAt - b.track.raisedAt);
    const examples = pick(
      candidates.map((x) => ({ text: x.open ? x.track.text : x.track.raisedText, groupId: x.groupId, group: x.group })),
      (e) => e.text,
      MAX_EXAMPLES,
    );
    // Pairs: key results fixed by rewording, the latest fix first.
    const fixed = found
      .filter((x) => x.track.kind === 'keyResult' && trackState(x.track, now) === 'fixed' && x.track.fixedAt !== null)
      .map((x) => ({ before: x.track.raisedText, after: x.track.text, groupId: x.groupId, group: x.group, fixedAt: x.track.fixedAt! }))
      .filter((p) => p.before && p.after && sameText(p.before) !== sameText(p.after))
      .sort((a, b) => b.fixedAt - a.fixedAt || groupOrder(a.groupId) - groupOrder(b.groupId));
    patterns.push({
      rule,
      groups: groupsWith(() => true),
      open: groupsWith((x) => x.open),
      fixed: groupsWith((x) => trackState(x.track, now) === 'fixed'),
      examples,
      pairs: pick(fixed, (p) => `${p.before}\u0000${p.after}`, MAX_EXAMPLES),
    });
  }
  return patterns.sort((a, b) => b.groups - a.groups || Number(SOFT.has(a.rule)) - Number(SOFT.has(b.rule)) || b.open - a.open || RANK.get(a.rule)! - RANK.get(b.rule)!);
}
