/** A hint in words: its rule's message and suggestion from the `coach` catalogue, in `t`'s language. */
import type { Translate } from '../i18n/i18n';
import type { Hint } from './hints';

export interface HintText {
  /** What is wrong, in plain words. */
  message: string;
  /** The coaching question or fix. */
  suggestion: string;
}

export function hintText(t: Translate, hint: Pick<Hint, 'rule' | 'params'>): HintText {
  return {
    message: t(`coach:${hint.rule}.message` as const, hint.params),
    suggestion: t(`coach:${hint.rule}.suggestion` as const, hint.params),
  };
}
