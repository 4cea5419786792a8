/**
 * The reader's language: what they chose (remembered in this browser), else the workshop's, else
 * the browser's first one we speak. One i18next instance for the page, given to React by main.tsx.
 */
import { useEffect } from 'react';
import { createI18n } from '../../shared/i18n/i18n';
import { isLanguage, pickLanguage, type Language } from '../../shared/i18n/languages';

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

export const i18n = createI18n(chosenLanguage() ?? pickLanguage(navigator.languages));

function mark(language: string): void {
  document.documentElement.lang = language;
}
mark(i18n.language);
i18n.on('languageChanged', mark);

/** Switches the UI for this person, and remembers it in this browser. */
export function chooseLanguage(language: Language): void {
  try {
    localStorage.setItem(KEY, language);
  } catch {
    // Private mode without storage: the choice holds until the page is left.
  }
  void i18n.changeLanguage(language);
}

/** Inside a workshop: its language, unless this person chose their own. */
export function useWorkshopLanguage(language: Language | undefined): void {
  useEffect(() => {
    if (language && !chosenLanguage()) void i18n.changeLanguage(language);
  }, [language]);
}
