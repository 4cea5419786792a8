/**
 * An i18next instance over given catalogues. The server and the tests hand it every language
 * (i18n.ts); the browser hands it English and loads the reader's language when it is needed
 * (client/src/i18n.ts), so a page does not carry four catalogues it never shows.
 */
import i18next, { type i18n, type Resource } from 'i18next';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from './languages';
import type { Namespace } from './resources';

export const NAMESPACE_LIST: readonly Namespace[] = ['common', 'create', 'join', 'room', 'editor', 'console', 'coach', 'coaching', 'sheet', 'live', 'errors'];

export function instanceWith(language: Language, resources: Resource): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    resources,
    ns: [...NAMESPACE_LIST],
    defaultNS: 'common',
    // React escapes what it renders; the server writes into spreadsheets, not HTML.
    interpolation: { escapeValue: false },
    // The catalogues given are in memory, so init is synchronous.
    initAsync: false,
    returnNull: false,
    // A language whose catalogue is not loaded yet reads English meanwhile.
    partialBundledLanguages: true,
  });
  return instance;
}

/** `t` of an instance: keys of every namespace, typed ('coach:kr-output.message'). */
export type Translate = i18n['t'];
