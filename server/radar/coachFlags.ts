/** The OKR coach as the radar and the export use it: every hint on a draft. */
import { coachDraft } from '../../shared/coach';
import type { Coach } from './RadarService';

export const coachFlags: Coach = (draft, rules) => coachDraft(draft, rules);
