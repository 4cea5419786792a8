/**
 * The catalogues agree: every language has every English key (and every plural form its own
 * grammar needs), no key English lacks, the same {{placeholders}}, and no empty message. A key a
 * language lacks falls back to English, never to the raw key.
 */
import { describe, expect, it } from 'vitest';
import { createI18n } from './i18n';
import { NAMESPACE_LIST } from './instance';
import { LANGUAGES, pickLanguage } from './languages';
import { NAMESPACES, RESOURCES } from './resources';

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Leaf messages by dotted path: `{ a: { b: 'x' } }` → `{ 'a.b': 'x' }`. */
function flatten(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(prefix, value);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) for (const [p, s] of flatten(v, prefix ? `${prefix}.${k}` : k)) out.set(p, s);
  }
  return out;
}

/** The keys a language must have: English's, with plural keys in that language's own forms. */
function expectedKeys(english: Map<string, string>, language: string): Set<string> {
  const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
  const keys = new Set<string>();
  for (const key of english.keys()) {
    if (PLURAL.test(key)) for (const c of categories) keys.add(key.replace(PLURAL, `_${c}`));
    else keys.add(key);
  }
  return keys;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)/g)].map((m) => m[1]).sort();

describe('catalogues', () => {
  for (const ns of NAMESPACES) {
    const english = flatten(RESOURCES.en[ns]);
    for (const language of LANGUAGES) {
      it(`${language}/${ns} has every key, the same placeholders, no empty message`, () => {
        const own = flatten(RESOURCES[language][ns]);
        const want = expectedKeys(english, language);
        expect([...want].filter((k) => !own.has(k)), 'missing').toEqual([]);
        // Extra plural forms are harmless (English has no "many"); other extra keys are typos.
        expect([...own.keys()].filter((k) => !want.has(k) && !PLURAL.test(k)), 'unknown').toEqual([]);
        for (const [key, text] of own) {
          expect(text.trim(), `${language}/${ns}:${key} is empty`).not.toBe('');
          const source = english.get(key) ?? english.get(key.replace(PLURAL, '_other'));
          if (source !== undefined) expect(placeholders(text), `${language}/${ns}:${key}`).toEqual(placeholders(source));
        }
      });
    }
  }
});

describe('translating', () => {
  it('the instance knows every namespace of the catalogues', () => {
    expect([...NAMESPACE_LIST].sort()).toEqual([...NAMESPACES].sort());
  });

  it('falls back to English for a key a language lacks, never to the raw key', () => {
    const i18n = createI18n('de');
    expect(i18n.t('gone.create')).toBe('Neuen Workshop anlegen');
    i18n.removeResourceBundle('de', 'common');
    expect(i18n.t('gone.create')).toBe('Create a new workshop');
  });

  it('fills in values, and formats numbers per language', () => {
    expect(createI18n('fr').t('coach:too-many-objectives.message', { limit: 3 })).toBe('Plus de 3 objectifs.');
    expect(createI18n('de').t('coach:kr-target-equals-baseline.message', { value: '2%' })).toContain('(2%)');
  });

  it('picks the first of the browser languages it speaks', () => {
    expect(pickLanguage(['it-IT', 'de-AT', 'en'])).toBe('de');
    expect(pickLanguage(['pt-BR'])).toBe('pt');
    expect(pickLanguage(['ja'])).toBe('en');
    expect(pickLanguage([])).toBe('en');
  });
});
