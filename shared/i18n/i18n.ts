/**
 * i18next with every catalogue, for the server (the export, coach flags, default names) and the
 * tests. Keys are typed from the English catalogue (see types.d.ts): a key missing there fails the
 * type check; one missing in another language falls back to English.
 */
import type { i18n } from 'i18next';
import { instanceWith, type Translate } from './instance';
import type { Language } from './languages';
import { RESOURCES } from './resources';

export type { Translate } from './instance';

export function createI18n(language: Language): i18n {
  return instanceWith(language, RESOURCES);
}

const translators = new Map<Language, Translate>();

/** A translator fixed to one language (server side: export headers, coach flags). */
export function translator(language: Language): Translate {
  let t = translators.get(language);
  if (!t) {
    t = createI18n(language).t;
    translators.set(language, t);
  }
  return t;
}
