/**
 * What a new workshop starts with, in its language: group names and quick comments. Kept apart
 * from workshop.ts and session.ts, which the client imports: this one needs every catalogue.
 */
import { translator } from './i18n/i18n';
import type { Language } from './i18n/languages';

/** Default name of the n-th group (1-based). */
export function defaultGroupName(n: number, language: Language): string {
  return translator(language)('defaults.groupName', { n });
}

/** The quick comments a workshop starts with (the facilitator edits them). */
export function defaultQuickComments(language: Language): string[] {
  const t = translator(language);
  return [t('defaults.quick1'), t('defaults.quick2'), t('defaults.quick3'), t('defaults.quick4'), t('defaults.quick5'), t('defaults.quick6')];
}
