/**
 * Reading numbers and patterns out of OKR wording, in English, German, French, Spanish and
 * Portuguese at once (the lexicons in ./lexicon). Pure; every regex is built once, here.
 *
 * How: the text is folded (lower case, accents off, odd spaces plain; see fold), period labels and
 * years are blanked with spaces of the same length, and the patterns run on that. Since folding
 * and blanking keep every index, what a pattern finds is sliced out of the original text, as typed.
 */
import { alt, all, END, fold, guardedFor, guessLanguage, LEXICONS, START, type Guess } from './lexicon';
import { en } from './lexicon/en';

// Patterns run on folded (lower-case) text, so no 'i' flag: it makes these large Unicode patterns slow to compile.
const flags = 'u';

/** Digits: "40", "4,5", "1.5", "12.000", "12 000", "1,200.50", "1.200,50" (how they are read: valueOf). */
const DIGITS = String.raw`\d+(?:[., ]\d{3}(?!\d))*(?:[.,]\d+)?`;
const CURRENCY_BEFORE = String.raw`(?:r\$|us\$|[$€£¥])`;
/** Scale words and units after a number: 40k, €1.2M, 1 Mio., 2,5 millones, R$ 5 mil, 85 %, 3x. */
const SCALES: Array<[string, number]> = [
  ['k€', 1e3], ['k', 1e3], ['tsd\\.?', 1e3], ['mil', 1e3],
  ['m€', 1e6], ['m', 1e6], ['mn', 1e6], ['mio\\.?', 1e6], ['millions?', 1e6], ['millionen', 1e6], ['millones', 1e6],
  ['millón', 1e6], ['milhões', 1e6], ['milhão', 1e6],
  ['b', 1e9], ['bn', 1e9], ['mrd\\.?', 1e9], ['milliards?', 1e9], ['milliarden?', 1e9], ['bilhões', 1e9], ['bilhão', 1e9],
];
const UNIT = String.raw`(?:%|‰|(?:${alt([...SCALES.map(([s]) => s), 'x', 'pts?', 'points?', 'pp'])})${END})`;
const CURRENCY_AFTER = String.raw`(?:€|\$|£|(?:eur|euros?|usd|reais)${END})`;
/**
 * A number in digits with its currency and unit, as one span. Not inside a word ("KR1", "Web3"),
 * but a single letter before it is fine: "v2", "p95" (period labels like "Q3" are blanked first).
 */
const NUMBER_START = String.raw`(?<![\p{N}_]|\p{L}\p{L})`;
const NUMBER_SRC = String.raw`${NUMBER_START}(?:${CURRENCY_BEFORE}\s?)?-?${DIGITS}(?:\s?${UNIT})?(?:\s?${CURRENCY_AFTER})?`;

/**
 * Number words of every language; a guarded word ("tres", "dos", "once") joins them unless the
 * language guess says it means something else here (see the lexicons' guardedNumberWords).
 */
const GUARDED = all((l) => l.guardedNumberWords.map((g) => g.word));
/** The guarded words that count under a guess. */
const guardedCounting = (guess: Guess) => LEXICONS.flatMap((l) => l.guardedNumberWords.filter((g) => !g.clashesWith.includes(guess)).map((g) => g.word));
const numberWordSrc = (counting: string[]) => `${START}(?:${alt([...all((l) => l.numberWords), ...counting])})${END}`;
/** Guarded words typed in their clashing form ("très"): blanked before reading. */
const CLASH_FORMS = new RegExp(`${START}(?:${LEXICONS.flatMap((l) => l.guardedNumberWords.flatMap((g) => (g.clashForm ? [g.clashForm] : []))).join('|') || '(?!)'})${END}`, 'giu');

/** Period labels, years and dates are not measurements: Q3, H1, FY24, T3, 3. Quartal, 1º trimestre, 2027. */
const YEAR = String.raw`(?<!${CURRENCY_BEFORE}\s?)(?:19|20)\d{2}(?!\s?(?:%|€|\$|k${END}|x${END}))`;
const PERIOD = new RegExp(`${START}(?:${alt(all((l) => l.periods))}|${YEAR})${END}`, `g${flags}`);

/** Ambitions with a digit that are not metrics: "top 3", "#1", "Nr. 1", "n° 1". */
const AMBITION = new RegExp(`${START}(?:${alt(all((l) => l.ambitions))})${END}|#\\s?1${END}`, `g${flags}`);

/** The folded text with what `re` finds blanked out, index for index. */
function blank(folded: string, re: RegExp): string {
  return folded.replace(re, (m) => ' '.repeat(m.length));
}

/** The folded text without period labels, years and clashing forms of number words. */
function reading(text: string): string {
  const folded = blank(fold(text), PERIOD);
  let out = folded;
  for (const m of text.matchAll(CLASH_FORMS)) out = out.slice(0, m.index) + ' '.repeat(m[0].length) + out.slice(m.index + m[0].length);
  return out;
}

const NUMBER = new RegExp(NUMBER_SRC, `g${flags}`);

/** All numbers in digits in the text (with units and currencies), as typed; periods and years excluded. */
export function numbersIn(text: string): string[] {
  const folded = reading(text);
  return [...folded.matchAll(NUMBER)].map((m) => text.slice(m.index, m.index + m[0].length).trim());
}

/** Whether the text holds a measurable number, in digits or in words (in any of the five languages). */
export function hasNumber(text: string): boolean {
  if (!text.trim()) return false;
  if (numbersIn(text).length > 0) return true;
  return patternsFor(text).numberWord.test(reading(text));
}

/** Whether an objective title reads as a metric: digits or a percentage, ambitions ("top 3") aside. */
export function isMetricLike(title: string): boolean {
  return numbersIn(blank(fold(title), AMBITION)).length > 0;
}

const FROM = alt(all((l) => l.from));
const TO = alt(all((l) => l.to));
const FROM_FILLER = String.raw`(?:(?:${alt(all((l) => l.fromFillers))})\s+|~\s?)?`;
const TO_FILLER = String.raw`(?:(?:${alt(all((l) => l.toFillers))})\s+)?`;
const INSTEAD = alt(all((l) => l.insteadOf));
const FROM_ONLY_WORDS = alt(all((l) => l.fromOnly));

/** The patterns that read quantities, compiled once per language guess (none is global: no state between calls). */
function compile(counting: string[]) {
  // A quantity: digits with unit and currency, or a number word.
  const qty = `(?:${NUMBER_SRC}|${numberWordSrc(counting)})`;
  const re = (src: string) => new RegExp(src, `d${flags}`);
  return {
    numberWord: new RegExp(numberWordSrc(counting), flags),
    fromTo: re(String.raw`${START}(?:${FROM})\s+${FROM_FILLER}(${qty})[^.;]*?${START}(?:${TO})\s+${TO_FILLER}(${qty})`),
    // A short unit may sit between the number and the arrow: "36 h → 24 h".
    arrow: re(String.raw`(${qty})(?:\s?\p{L}{1,8}\.?)?\s*(?:→|->|=>)\s*(${qty})`),
    bareTo: re(String.raw`(?:^|\s)(${qty})\s+(?:to|auf)\s+(${qty})`),
    insteadOf: re(String.raw`(${qty})[^.;]*?${START}(?:${INSTEAD})\s+(${qty})`),
    fromOnly: re(String.raw`${START}(?:${FROM_ONLY_WORDS})\s+${FROM_FILLER}(${qty})`),
  };
}
/** Compiled on first use, per set of guarded words that count (guesses that agree share one). */
const PATTERNS = new Map<string, ReturnType<typeof compile>>();
/** The patterns for the text's language guess (the guess only matters for guarded number words). */
function patternsFor(text: string): ReturnType<typeof compile> {
  const counting = guardedCounting(GUARDED.length ? (guessLanguage(text) ?? 'unknown') : 'unknown');
  const key = counting.join('|');
  let p = PATTERNS.get(key);
  if (!p) PATTERNS.set(key, (p = compile(counting)));
  return p;
}

type Span = [number, number] | undefined;

/**
 * "from X to Y" in any of the languages ("von X auf Y", "de X à Y", "del X al Y", "de X para Y"),
 * "X → Y", "X to Y", "Y instead of X", or only a start ("ausgehend von X", "à partir de X", "desde X"):
 * the starting and target values, as typed.
 */
export function fromTo(text: string): { from: string | null; to: string | null } {
  return fromToSpans(text).values;
}

function fromToSpans(text: string): { values: { from: string | null; to: string | null }; span: Span } {
  const t = reading(text);
  const p = patternsFor(text);
  const raw = (m: RegExpExecArray, group: number) => {
    const [start, end] = m.indices![group]!;
    return text.slice(start, end).trim();
  };
  const whole = (m: RegExpExecArray): Span => [m.index, m.index + m[0].length];
  for (const re of [p.fromTo, p.arrow, p.bareTo]) {
    const m = re.exec(t);
    if (m) return { values: { from: raw(m, 1), to: raw(m, 2) }, span: whole(m) };
  }
  // "in 5 days instead of 10", "40 vs 35 today": the second number is where we are.
  const instead = p.insteadOf.exec(t);
  if (instead) return { values: { from: raw(instead, 2), to: raw(instead, 1) }, span: whole(instead) };
  const fromOnly = p.fromOnly.exec(t);
  return { values: { from: fromOnly ? raw(fromOnly, 1) : null, to: null }, span: undefined };
}

/** Openings that are not the key result itself: labels ("KR1:", "Q3 -", "1.", "•"), time frames, "we will". */
const LABEL = String.raw`kr\s*\d+\s*[.:)-]?|kr\s*[.:)-]|q[1-4]\s*[:-]|h[12]\s*[:-]|t[1-4]\s*[:-]|\d+[.)]|[-*•]`;
const LEAD = new RegExp(String.raw`^\s*(?:${LABEL}|${alt(all((l) => l.leads))})\s*`, flags);

/** How many characters of the text are lead ("KR1: Bis Q3, wir werden …" → up to the verb). */
function leadLength(text: string): number {
  const folded = fold(text);
  let at = 0;
  for (let i = 0; i < 5; i++) {
    const m = LEAD.exec(folded.slice(at));
    if (!m || m[0].length === 0) break;
    at += m[0].length;
  }
  return at;
}

/** Drops a leading label or frame: "KR1:", "Q3:", "By June,", "We will", "Wir werden", "D'ici fin juin,", "Vamos a". */
export function stripLead(text: string): string {
  return text.slice(leadLength(text)).trim();
}

/** Holding a level ("maintain uptime at 99.9%", "Verfügbarkeit bei 99,9 % halten"): no baseline needed. */
const HOLD = alt(all((l) => l.holdSteady));
const HOLD_FIRST = new RegExp(`^(?:${HOLD})${END}`, flags);
const HOLD_LAST = new RegExp(`${START}(?:${HOLD})\\s*[.!]?\\s*$`, flags);
export function isHoldSteady(text: string): boolean {
  const t = fold(stripLead(text));
  return HOLD_FIRST.test(t) || HOLD_LAST.test(t);
}

/**
 * Activity wording: a verb form, phrase or noun of action first; a German infinitive or participle
 * last. Single words are looked up in sets (cheaper than one huge alternation); phrases are a pattern.
 */
const foldAll = (forms: string[]) => forms.map((f) => fold(f));
const FIRST_FORMS = LEXICONS.flatMap((l) => [...l.activity.nouns, ...l.activity.verbs.flatMap((v) => l.inflect(v))]);
// English -ing forms are nouns when borrowed ("Onboarding verbessern", "el onboarding"): English text only.
const isGerund = (form: string) => form.endsWith('ing') && en.activity.verbs.some((v) => en.inflect(v).includes(form));
const ACTIVITY_WORDS = new Set(foldAll(FIRST_FORMS.filter((f) => !isGerund(f))));
const ACTIVITY_GERUNDS = new Set(foldAll(FIRST_FORMS.filter(isGerund)));
const ACTIVITY_GUARDED = new Map(LEXICONS.map((l) => [l.lang, new Set(foldAll(l.activity.guarded))]));
const ACTIVITY_LAST_WORDS = new Set(foldAll(all((l) => l.activity.atEnd)));
const ACTIVITY_PHRASE = new RegExp(`^(?:${alt(all((l) => l.activity.phrases))})${END}`, flags);
const FIRST_WORD = /^[\p{L}\p{N}_]+/u;
const LAST_WORD = /[\p{L}\p{N}_]+(?=\s*[.!]?\s*$)/u;

/** The activity word as typed ("Launch", "Lancer", "starten", "Einführung"), or null for outcome wording. */
export function activityIn(text: string): string | null {
  const stripped = stripLead(text).replace(/\s*\([^)]*\)\s*$/, '');
  const folded = fold(stripped);
  const word = FIRST_WORD.exec(folded)?.[0] ?? '';
  const own = guardedFor(text);
  const first =
    ACTIVITY_WORDS.has(word) ||
    ACTIVITY_PHRASE.test(folded) ||
    ((!own || own.lang === 'en') && ACTIVITY_GERUNDS.has(word)) ||
    (own !== undefined && ACTIVITY_GUARDED.get(own.lang)!.has(word));
  if (first) return stripped.split(/\s+/)[0]!.replace(/[,;:.!]+$/, '');
  const last = LAST_WORD.exec(folded);
  return last && ACTIVITY_LAST_WORDS.has(last[0]) ? stripped.slice(last.index).replace(/[.!\s]+$/, '') : null;
}

/** The first word of the sentence, lower-cased and accents folded (after the lead is stripped). */
export function firstWord(text: string): string {
  return (/^[\p{L}'-]+/u.exec(fold(stripLead(text)))?.[0] ?? '');
}

const CHANGE_BY = alt(all((l) => l.changeBy));
const CHANGE_OPEN = alt(all((l) => l.changeByOpen));
const PERCENT = new RegExp(String.raw`(?:${START}(${CHANGE_BY})\s+|${START}(${CHANGE_OPEN})\s+|(\+))?(${DIGITS})\s?%`, `g${flags}`);

/**
 * Percentages in the text, with whether they are written as a change ("by 150%", "um 150 %",
 * "en un 150 %", "em 150%", "+150%"; French "de 150 %" unless it opens "de X à Y").
 */
export function percentages(text: string): Array<{ value: number; raw: string; isChange: boolean }> {
  const folded = fold(text);
  const span = fromToSpans(text).span;
  return [...folded.matchAll(PERCENT)].map((m) => {
    const inFromTo = span !== undefined && m.index >= span[0] && m.index < span[1];
    const isChange = Boolean(m[1] || m[3] || (m[2] && !inFromTo));
    return { value: valueOf(m[4]!) ?? Number.NaN, raw: `${m[4]}%`, isChange };
  });
}

const OF_BASE = new RegExp(String.raw`\d\s?%\s+(?:${alt(all((l) => l.ofBase))})`, flags);
const BEYOND_100 = new RegExp(`${START}(?:${alt(all((l) => l.beyond100))})${END}`, flags);
const GROWTH = new RegExp(`${START}(?:${alt(all((l) => l.growth))})${END}`, flags);
const CHANGE_WORD = new RegExp(`${START}(?:${CHANGE_BY})${END}`, flags);

/** A percentage above 100% that cannot be: not a change ("by 150%"), not "150% of last year". */
export function impossiblePercent(text: string): string | null {
  if (!/\d{3}(?:[.,]\d+)?\s?%/.test(text)) return null; // no percentage of 100 or more
  const folded = fold(text);
  if (OF_BASE.test(folded) || BEYOND_100.test(folded)) return null;
  if (GROWTH.test(folded) && CHANGE_WORD.test(folded)) return null;
  return percentages(text).find((p) => p.value > 100 && !p.isChange)?.raw ?? null;
}

const SCALE_OF = SCALES.map(([s, factor]) => [new RegExp(`^(?:${alt([s])})$`, flags), factor] as const);
const VALUE = new RegExp(String.raw`(-?${DIGITS})(?:\s?(${alt(SCALES.map(([s]) => s))})${END})?`, flags);

/**
 * Digits as a number, by their shape, whatever the language: spaces group thousands ("12 000");
 * with both "." and "," the last one is the decimal mark ("1.200,50", "1,200.50"); a single
 * separator followed by exactly three digits groups thousands ("12.000", "1,200"), unless the
 * whole part is 0 ("0,125"); any other single separator is a decimal mark ("4,5", "1.5", "2,75");
 * a separator seen twice groups thousands ("1.200.000").
 */
export function readDigits(digits: string): number {
  const s = digits.replace(/ /g, '');
  const marks: string[] = s.match(/[.,]/g) ?? [];
  let normal = s;
  if (marks.includes('.') && marks.includes(',')) {
    const decimal = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
    normal = s.replace(decimal === '.' ? /,/g : /\./g, '').replace(',', '.');
  } else if (marks.length > 1) {
    normal = s.replace(/[.,]/g, '');
  } else if (marks.length === 1) {
    const [whole, part] = s.split(/[.,]/) as [string, string];
    normal = part.length === 3 && !/^-?0$/.test(whole) ? whole + part : `${whole}.${part}`;
  }
  return Number(normal);
}

/** Numeric value of a typed quantity ("40k" → 40000, "85%" → 85, "12.000 €" → 12000, "4,5" → 4.5), or null. */
export function valueOf(quantity: string): number | null {
  const m = VALUE.exec(fold(quantity).replace(/r\$|us\$|[$€£¥]/g, ' ').trim());
  if (!m) return null;
  const n = readDigits(m[1]!);
  const scale = m[2] ? (SCALE_OF.find(([re]) => re.test(m[2]!))?.[1] ?? 1) : 1;
  return Number.isFinite(n) ? n * scale : null;
}

/** Lower-case, no punctuation, single spaces: for spotting duplicates. */
export function normalize(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}%]+/gu, ' ').trim();
}
