/** The import template: the OKRs sheet's columns with two example rows. */
import { numberOrText, OKR_COLUMNS, type OkrRow } from '../../shared/exportRows';

const blank = (): OkrRow => Object.fromEntries(OKR_COLUMNS.map((c) => [c.key, null])) as OkrRow;

export function templateRows(): OkrRow[] {
  const objective = { group: 'Customer Success', objectiveNo: 1, objective: 'Customers love our onboarding', why: 'Half of new customers never finish setup and churn within 90 days.' };
  return [
    { ...blank(), ...objective, krNo: '1.1', keyResult: 'Raise onboarding NPS from 30 to 45', type: 'metric', metric: 'onboarding NPS', baseline: numberOrText('30'), target: numberOrText('45'), confidence: 6, champion: 'Ana' },
    { ...blank(), ...objective, krNo: '1.2', keyResult: 'Cut median time-to-first-value from 9 to 4 days', type: 'metric', metric: 'time-to-first-value', unit: 'days', baseline: 9, target: 4, confidence: 5, champion: 'Ben' },
    { ...blank(), group: 'Sales' },
  ];
}
