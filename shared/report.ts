/**
 * The session report (issue #23): one page for the sponsor, built from the workshop, the drafts as
 * the export collects them, the coaching figures and the ranked patterns. Pure: the server serves
 * it as JSON, the console's report page lays it out and prints it. It names no group and no
 * person: a sponsor reads about the workshop, and the examples are quoted without their group.
 */
import type { Hint, RuleId } from './coach';
import type { CoachingFigures, CoachingRecord, HintCounts, Pattern } from './coaching';
import { trackState } from './coaching/progress';
import type { Language } from './i18n/languages';
import type { Draft } from './okr';
import type { Phase, WorkshopState } from './workshop';

/** Patterns on the page (most widespread first). */
export const REPORT_PATTERNS = 5;

/** An example is cut to this many characters (the page is one page at 200 groups). */
export const REPORT_EXAMPLE_MAX = 140;

export interface ReportPattern {
  rule: RuleId;
  /** Groups where the coach raised it, of `SessionReport.groups.total`. */
  groups: number;
  /** Of those, groups where it is flagged now, and groups that fixed at least one. */
  open: number;
  fixed: number;
  /** One real example (no group named), or null. */
  example: string | null;
  /** One key result a group reworded until the hint went, or null. */
  pair: { before: string; after: string } | null;
}

export interface SessionReport {
  workshopId: string;
  title: string;
  language: Language;
  phase: Phase;
  createdAt: number;
  /** When the breakouts first opened (null before they did). */
  startedAt: number | null;
  generatedAt: number;
  attendance: {
    /** People who joined (and were not removed). */
    joined: number;
    inGroups: number;
    /** Waiting in the lobby, in no group. */
    lobby: number;
    /** Members of the smallest and largest group (0 with no groups). */
    smallestGroup: number;
    largestGroup: number;
  };
  groups: { total: number; withObjective: number; withKeyResult: number };
  drafted: { objectives: number; keyResults: number };
  /**
   * Quality before and after, of the key results in the drafts now: `flaggedEver` were flagged by
   * the coach at some point while they were written (a hint that stood 5 s), `flaggedNow` have a
   * coach flag now (the group's "we know" dismissals left out). Clean = not flagged.
   */
  quality: { keyResults: number; flaggedEver: number; flaggedNow: number; cleanBefore: number; cleanNow: number };
  /** Hints raised, fixed, open… over the workshop (coachingFigures'), and open hints over time. */
  hints: HintCounts;
  openSeries: number[];
  comments: { given: number; resolved: number };
  /** The median time from the start to a group's first key result (null when none has one). */
  medianFirstKeyResultMs: number | null;
  patterns: ReportPattern[];
  notes: string;
}

/** A group as the export collects it (server/export/collect.ts): its draft and the coach's hints per item now. */
export interface ReportGroup {
  id: string;
  draft: Draft;
  hints: ReadonlyMap<string, readonly Hint[]>;
}

export interface ReportInput {
  workshop: WorkshopState;
  groups: readonly ReportGroup[];
  figures: CoachingFigures;
  patterns: readonly Pattern[];
  record: CoachingRecord;
  language: Language;
  now: number;
}

const cut = (text: string): string => (text.length > REPORT_EXAMPLE_MAX ? `${text.slice(0, REPORT_EXAMPLE_MAX - 1).trimEnd()}…` : text);

/** Builds the one-page session report. */
export function sessionReport({ workshop, groups, figures, patterns, record, language, now }: ReportInput): SessionReport {
  const sizes = workshop.groups.map((g) => workshop.participants.filter((p) => p.groupId === g.id).length);
  const inGroups = sizes.reduce((a, b) => a + b, 0);
  let objectives = 0;
  let keyResults = 0;
  let withObjective = 0;
  let withKeyResult = 0;
  let flaggedEver = 0;
  let flaggedNow = 0;
  for (const g of groups) {
    const krs = g.draft.objectives.flatMap((o) => o.keyResults);
    objectives += g.draft.objectives.length;
    keyResults += krs.length;
    if (g.draft.objectives.length > 0) withObjective++;
    if (krs.length > 0) withKeyResult++;
    const ever = new Set((record.groups[g.id]?.tracks ?? []).filter((t) => t.kind === 'keyResult' && trackState(t, now) !== 'settling').map((t) => t.itemId));
    for (const kr of krs) {
      if (ever.has(kr.id)) flaggedEver++;
      if ((g.hints.get(kr.id) ?? []).some((h) => !kr.dismissed.includes(h.rule))) flaggedNow++;
    }
  }
  const { overall } = figures;
  return {
    workshopId: workshop.id,
    title: workshop.title,
    language,
    phase: workshop.phase,
    createdAt: workshop.createdAt,
    startedAt: record.startedAt,
    generatedAt: now,
    attendance: {
      joined: workshop.participants.length,
      inGroups,
      lobby: workshop.participants.length - inGroups,
      smallestGroup: sizes.length ? Math.min(...sizes) : 0,
      largestGroup: sizes.length ? Math.max(...sizes) : 0,
    },
    groups: { total: workshop.groups.length, withObjective, withKeyResult },
    drafted: { objectives, keyResults },
    quality: { keyResults, flaggedEver, flaggedNow, cleanBefore: keyResults - flaggedEver, cleanNow: keyResults - flaggedNow },
    hints: overall.hints,
    openSeries: overall.series.open,
    comments: overall.comments,
    medianFirstKeyResultMs: overall.medianFirstKeyResultMs,
    patterns: patterns.slice(0, REPORT_PATTERNS).map((p) => ({
      rule: p.rule,
      groups: p.groups,
      open: p.open,
      fixed: p.fixed,
      example: p.examples[0] ? cut(p.examples[0].text) : null,
      pair: p.pairs[0] ? { before: cut(p.pairs[0].before), after: cut(p.pairs[0].after) } : null,
    })),
    notes: workshop.session.notes ?? '',
  };
}
