/**
 * The teaching board (issue #23) as it is sent: the ranked patterns with their examples and
 * before → after pairs, and the workshop's coaching progress. What participants receive carries no
 * group id, and no group name when the facilitator hides them; the console's report carries
 * everything, and the per-group figures.
 */
import type { RuleId } from '../coach/hints';
import { coachingFigures, type CoachingFigures, type FiguresInput, type HintCounts } from './figures';
import { rankPatterns, type Pattern } from './patterns';
import { nextSettleAt } from './progress';

/** Patterns on everyone's screen (the most widespread): more would not be read on a shared call. */
export const BOARD_PATTERNS = 5;

export interface BoardExample {
  text: string;
  /** null: names hidden. */
  group: string | null;
}

export interface BoardPair {
  before: string;
  after: string;
  group: string | null;
}

export interface BoardPattern {
  rule: RuleId;
  groups: number;
  open: number;
  fixed: number;
  examples: BoardExample[];
  pairs: BoardPair[];
}

export interface BoardView {
  /** Whether group names are shown. */
  names: boolean;
  /** Groups in the workshop: "17 of 50 groups". */
  totalGroups: number;
  patterns: BoardPattern[];
  /** The workshop's hints and open hints over time (the board's sparkline). */
  progress: { hints: HintCounts; open: number[] };
}

/** The console's picture: the whole board (names included) and every figure. */
export interface CoachingReport {
  board: BoardView;
  figures: CoachingFigures;
  /** Server time when the figures change on their own (a hint settles), or null. */
  nextChangeAt: number | null;
}

/** The board from ranked patterns and the figures; with `names` false, no group name is in it. */
export function boardView(patterns: readonly Pattern[], figures: CoachingFigures, options: { names: boolean; limit?: number }): BoardView {
  const name = (group: string) => (options.names ? group : null);
  return {
    names: options.names,
    totalGroups: figures.overall.groups,
    patterns: patterns.slice(0, options.limit ?? patterns.length).map((p) => ({
      rule: p.rule,
      groups: p.groups,
      open: p.open,
      fixed: p.fixed,
      examples: p.examples.map((e) => ({ text: e.text, group: name(e.group) })),
      pairs: p.pairs.map((x) => ({ before: x.before, after: x.after, group: name(x.group) })),
    })),
    progress: { hints: figures.overall.hints, open: figures.overall.series.open },
  };
}

/**
 * The console's report and, when the board is shown (`shown`: whether names are), what everyone
 * receives — one ranking and one set of figures for both.
 */
export function coachingReport(input: FiguresInput, shown: { names: boolean } | null = null): { report: CoachingReport; board: BoardView | null } {
  const figures = coachingFigures(input);
  const patterns = rankPatterns(input.record, input.groups, input.now);
  return {
    report: { board: boardView(patterns, figures, { names: true }), figures, nextChangeAt: nextSettleAt(input.record, input.now) },
    board: shown && boardView(patterns, figures, { names: shown.names, limit: BOARD_PATTERNS }),
  };
}
