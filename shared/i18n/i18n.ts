/**
 * One i18next instance per use: the client's (it follows the reader's language) and the server's,
 * one per language for the export. Keys are typed from the English catalogue (see types.d.ts): a
 * key missing there fails the type check; one missing in another language falls back to English.
 */
import i18next, { type i18n } from 'i18next';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from './languages';
import { NAMESPACES, RESOURCES } from './resources';

export function createI18n(language: Language): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    resources: RESOURCES,
    ns: NAMESPACES,
    defaultNS: 'common',
    // React escapes what it renders; the server writes into spreadsheets, not HTML.
    interpolation: { escapeValue: false },
    // The catalogues are bundled, so init is synchronous.
    initAsync: false,
    returnNull: false,
  });
  return instance;
}

/** `t` of an instance: keys of every namespace, typed ('coach:kr-output.message'). */
export type Translate = i18n['t'];

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
