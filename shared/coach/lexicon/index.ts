/**
 * All coach lexicons, run together: detection does not need to know the language (participants
 * may write in another language than the UI's). The few words that mean something else in another
 * language ("tres" is French "very", "dos" Portuguese "of the", "former" English) are guarded: they
 * count only when the cheap guess below says the text is in their language.
 */
import { de } from './de';
import { en } from './en';
import { es } from './es';
import { fr } from './fr';
import { pt } from './pt';
import type { Lang, Lexicon } from './types';

export type { Guess, Lang, Lexicon } from './types';
export { LANGS } from './types';

export const LEXICONS: readonly Lexicon[] = [en, de, fr, es, pt];

/**
 * Lower case, accents off, odd spaces and apostrophes made plain, one UTF-16 unit for one:
 * a match's index in the folded text is its index in the original, so raw spans can be sliced out.
 */
export function fold(text: string): string {
  return text.replace(/[^\u0020-\u007e]/g, (ch) => {
    if (/[\u00a0\u202f\u2009\u2007]/.test(ch)) return ' ';
    if (/[’‘ʼ]/.test(ch)) return "'";
    const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
    const lower = (base.length === 1 ? base : ch).toLowerCase();
    return lower.length === ch.length ? lower : ch;
  }).replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** Not preceded / not followed by a letter or digit: `\b` for any script (JS `\b` is ASCII-only). */
export const START = String.raw`(?<![\p{L}\p{N}_])`;
export const END = String.raw`(?![\p{L}\p{N}_])`;

/**
 * One alternation of regex fragments, accents folded (ASCII, and so escapes like \\p{L}, left alone),
 * longest first so "en un" wins over "en". An empty list gives a pattern that never matches.
 */
export function alt(fragments: Iterable<string>): string {
  const folded = [...fragments].map((f) => f.replace(/[^\u0020-\u007e]/g, (ch) => fold(ch)));
  const unique = [...new Set(folded)].sort((a, b) => b.length - a.length);
  return unique.length ? unique.join('|') : '(?!)';
}

/** Every lexicon's entries for one field, concatenated. */
export function all(pick: (lexicon: Lexicon) => readonly string[]): string[] {
  return LEXICONS.flatMap(pick);
}

const STOPWORDS = LEXICONS.map((l) => ({ lang: l.lang, words: new Set(l.stopwords.map(fold)) }));

/**
 * The language the text most likely is, by counting frequent little words ("der", "les", "los", "os");
 * French elisions (l', d', qu') count for French. Null on a tie or no evidence. Used only for guarded words.
 */
export function guessLanguage(text: string): Lang | null {
  const known = GUESSES.get(text);
  if (known !== undefined) return known;
  if (GUESSES.size > 1000) GUESSES.clear();
  const guess = guess_(text);
  GUESSES.set(text, guess);
  return guess;
}

/** The last texts' guesses: each rule asks again for the same text. */
const GUESSES = new Map<string, Lang | null>();

function guess_(text: string): Lang | null {
  const folded = fold(text);
  const tokens = folded.match(/\p{L}+/gu) ?? [];
  const scores = STOPWORDS.map(({ lang, words }) => ({ lang, score: tokens.filter((t) => words.has(t)).length }));
  const fr = scores.find((s) => s.lang === 'fr')!;
  fr.score += (folded.match(/(?:^|\s)(?:l|d|qu|n|j)'\p{L}/gu) ?? []).length;
  // Letters only one of the languages uses.
  const bump = (lang: Lang, re: RegExp) => (scores.find((s) => s.lang === lang)!.score += (text.match(re) ?? []).length);
  bump('es', /ñ/giu);
  bump('pt', /[ãõ]/giu);
  bump('de', /[äöüß]/giu);
  bump('fr', /[èùûîœë]/giu);
  if (endsWithGermanVerb(text)) scores.find((s) => s.lang === 'de')!.score += 2;
  scores.sort((a, b) => b.score - a.score);
  const [first, second] = scores;
  return first && first.score > 0 && first.score > (second?.score ?? 0) ? first.lang : null;
}

/** German word order: the sentence ends in a lower-case infinitive ("… verbessern", "… senken"). */
export function endsWithGermanVerb(text: string): boolean {
  return /(?<![\p{L}-])\p{Ll}{2,}(?:en|ern|eln)[.!]?\s*$/u.test(text.trim());
}

/** Lexicons whose guarded words apply to this text. */
export function guardedFor(text: string): Lexicon | undefined {
  const lang = guessLanguage(text);
  return LEXICONS.find((l) => l.lang === lang);
}
