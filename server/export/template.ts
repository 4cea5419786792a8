/** The import template: the OKRs sheet's columns with example rows, in one of the five languages. */
import { numberOrText, OKR_COLUMNS, type OkrRow } from '../../shared/exportRows';
import { translator } from '../../shared/i18n/i18n';
import type { Language } from '../../shared/i18n/languages';

const blank = (): OkrRow => Object.fromEntries(OKR_COLUMNS.map((c) => [c.key, null])) as OkrRow;

/** The template's title (its Workshop sheet) in `language`. */
export const templateTitle = (language: Language): string => translator(language)('sheet:template.title');

/** Two key results of one objective and a group without a draft, written in `language`. */
export function templateRows(language: Language): OkrRow[] {
  const t = translator(language);
  const objective = { group: t('sheet:template.group'), objectiveNo: 1, objective: t('sheet:template.objective'), why: t('sheet:template.why') };
  return [
    { ...blank(), ...objective, krNo: '1.1', keyResult: t('sheet:template.kr1'), type: t('sheet:options.metric'), metric: t('sheet:template.metric1'), baseline: numberOrText('30'), target: numberOrText('45'), confidence: 6, champion: 'Ana' },
    { ...blank(), ...objective, krNo: '1.2', keyResult: t('sheet:template.kr2'), type: t('sheet:options.metric'), metric: t('sheet:template.metric2'), unit: t('sheet:template.unit2'), baseline: 9, target: 4, confidence: 5, champion: 'Ben' },
    { ...blank(), group: t('sheet:template.emptyGroup') },
  ];
}
