/**
 * The export's Coaching sheet (issue #23): per group, hints raised, fixed and still open, comments
 * given and resolved, minutes to the first key result; then the whole workshop (the median time).
 * The numbers are coachingFigures', the same as the console's.
 */
import type { CoachingFigures } from '../../shared/coaching';
import type { Translate } from '../../shared/i18n/i18n';
import type { SheetSpec } from './spreadsheet';

/** Minutes, to a tenth; empty before a first key result. */
const minutes = (ms: number | null): number | null => (ms === null ? null : Math.round(ms / 6000) / 10);

export function coachingSheet(figures: CoachingFigures, t: Translate): SheetSpec {
  const { overall } = figures;
  return {
    name: t('sheet:sheets.coaching'),
    columns: [
      { header: t('sheet:coaching.group'), width: 24 },
      { header: t('sheet:coaching.raised'), width: 12, number: true },
      { header: t('sheet:coaching.fixed'), width: 12, number: true },
      { header: t('sheet:coaching.open'), width: 12, number: true },
      { header: t('sheet:coaching.commentsGiven'), width: 14, number: true },
      { header: t('sheet:coaching.commentsResolved'), width: 14, number: true },
      { header: t('sheet:coaching.firstKeyResult'), width: 22, number: true },
    ],
    rows: [
      ...figures.groups.map((g) => [g.name, g.hints.raised, g.hints.fixed, g.hints.open, g.comments.given, g.comments.resolved, minutes(g.firstKeyResultMs)]),
      [t('sheet:coaching.allGroups'), overall.hints.raised, overall.hints.fixed, overall.hints.open, overall.comments.given, overall.comments.resolved, minutes(overall.medianFirstKeyResultMs)],
    ],
  };
}
