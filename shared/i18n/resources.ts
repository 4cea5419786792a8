/** Every catalogue, for the server and the tests (the browser loads the one it shows: client/src/i18n.ts). */
import de from './locales/de';
import en from './locales/en';
import es from './locales/es';
import fr from './locales/fr';
import pt from './locales/pt';
import type { Language } from './languages';

export type Catalogue = typeof en;
export type Namespace = keyof Catalogue;

/** English is the source; the others may lack a key (the test says which), never add one. */
export const RESOURCES: Record<Language, Partial<Record<Namespace, object>>> = { en, de, fr, es, pt };

export const NAMESPACES = Object.keys(en) as Namespace[];
