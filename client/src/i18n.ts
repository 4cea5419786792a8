/**
 * The reader's language: what they chose (remembered in this browser), else the workshop's, else
 * the browser's first one we speak. One i18next instance for the page, given to React by main.tsx.
 * English is bundled; another language's catalogue is fetched when it is first shown (a chunk of
 * ~8 KB compressed), so a page carries only what it reads. Until it arrives the page stays as it was.
 */
import { useEffect } from 'react';
import { instanceWith } from '../../shared/i18n/instance';
import { DEFAULT_LANGUAGE, isLanguage, pickLanguage, type Language } from '../../shared/i18n/languages';
import en from '../../shared/i18n/locales/en';
import type { Catalogue } from '../../shared/i18n/resources';

const KEY = 'draftroom:language';

/** The language this person chose in this browser, if any. */
export function chosenLanguage(): Language | null {
  try {
    const value = localStorage.getItem(KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

const LOADERS: Record<Exclude<Language, 'en'>, () => Promise<{ default: Catalogue }>> = {
  de: () => import('../../shared/i18n/locales/de'),
  fr: () => import('../../shared/i18n/locales/fr'),
  es: () => import('../../shared/i18n/locales/es'),
  pt: () => import('../../shared/i18n/locales/pt'),
};

export const i18n = instanceWith(DEFAULT_LANGUAGE, { en });

function mark(language: string): void {
  document.documentElement.lang = language;
}
mark(i18n.language);
i18n.on('languageChanged', mark);

const loaded = new Set<Language>([DEFAULT_LANGUAGE]);

async function load(language: Language): Promise<void> {
  if (language === 'en' || loaded.has(language)) return;
  const { default: catalogue } = await LOADERS[language]();
  for (const [ns, messages] of Object.entries(catalogue)) i18n.addResourceBundle(language, ns, messages, true, true);
  loaded.add(language);
}

/** The language last asked for: a slower load of an earlier pick never overrides it. */
let wanted: Language = DEFAULT_LANGUAGE;

async function show(language: Language): Promise<void> {
  wanted = language;
  try {
    await load(language);
  } catch {
    // Offline, or the chunk is gone after a deploy: stay in the language shown.
    return;
  }
  if (wanted === language && i18n.language !== language) await i18n.changeLanguage(language);
}

/** The first language, loaded before the page renders (main.tsx waits for it). */
export const initialLanguage = show(chosenLanguage() ?? pickLanguage(navigator.languages));

/** Switches the UI for this person, and remembers it in this browser. */
export function chooseLanguage(language: Language): void {
  try {
    localStorage.setItem(KEY, language);
  } catch {
    // Private mode without storage: the choice holds until the page is left.
  }
  void show(language);
}

/** Inside a workshop: its language, unless this person chose their own. */
export function useWorkshopLanguage(language: Language | undefined): void {
  useEffect(() => {
    if (language && !chosenLanguage()) void show(language);
  }, [language]);
}
