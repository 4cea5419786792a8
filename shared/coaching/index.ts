/** Coaching progress and the teaching board (issue #23): the record, its figures, the patterns across groups. */
export { BOARD_PATTERNS, boardView, coachingReport, type BoardExample, type BoardPair, type BoardPattern, type BoardView, type CoachingReport } from './board';
export { coachingFigures, coachingStart, groupProgress, radarProgress, seriesTimes, SERIES_POINTS, type CoachingFigures, type FiguresInput, type GroupFigures, type HintCounts, type ProgressFigures, type Series } from './figures';
export { MAX_EXAMPLES, rankPatterns, type Pattern, type PatternExample, type PatternPair } from './patterns';
export { emptyCoaching, historyChanged, markStarted, nextSettleAt, observe, parseCoaching, serializeCoaching, SETTLE_MS, type CoachingRecord, type GroupCoaching, type HintTrack, type Observation } from './progress';
