/**
 * Reading numbers and patterns out of OKR wording, in English, German, French, Spanish and
 * Portuguese at once (the lexicons in ./lexicon). Pure; every regex is built once, here.
 *
 * How: the text is folded (lower case, accents off, odd spaces plain; see fold), period labels and
 * years are blanked with spaces of the same length, and the patterns run on that. Since folding
 * and blanking keep every index, what a pattern finds is sliced out of the original text, as typed.
 */
import { alt, all, END, fold, guardedFor, LEXICONS, START } from './lexicon';
import { en } from './lexicon/en';

const flags = 'iu';

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

/** Number words of every language, and those that only count in their own language (guarded). */
const NUMBER_WORD_SRC = `${START}(?:${alt(all((l) => l.numberWords))})${END}`;
const NUMBER_WORD = new RegExp(NUMBER_WORD_SRC, flags);
const GUARDED_NUMBER_WORD = new Map(LEXICONS.map((l) => [l.lang, new RegExp(`${START}(?:${alt(l.guardedNumberWords)})${END}`, flags)]));

/** A quantity in a "from X to Y": digits or a number word. */
const QTY = `(?:${NUMBER_SRC}|${NUMBER_WORD_SRC})`;

/** Period labels, years and dates are not measurements: Q3, H1, FY24, T3, 3. Quartal, 1º trimestre, 2027. */
const YEAR = String.raw`(?<!${CURRENCY_BEFORE}\s?)(?:19|20)\d{2}(?!\s?(?:%|€|\$|k${END}|x${END}))`;
const PERIOD = new RegExp(`${START}(?:${alt(all((l) => l.periods))}|${YEAR})${END}`, `g${flags}`);

/** Ambitions with a digit that are not metrics: "top 3", "#1", "Nr. 1", "n° 1". */
const AMBITION = new RegExp(`${START}(?:${alt(all((l) => l.ambitions))})${END}|#\\s?1${END}`, `g${flags}`);

/** The folded text with what `re` finds blanked out, index for index. */
function blank(folded: string, re: RegExp): string {
  return folded.replace(re, (m) => ' '.repeat(m.length));
}

/** The folded text without period labels and years. */
function reading(text: string): string {
  return blank(fold(text), PERIOD);
}

const NUMBER = new RegExp(NUMBER_SRC, `g${flags}`);

/** All numbers in digits in the text (with units and currencies), as typed; periods and years excluded. */
export function numbersIn(text: string): string[] {
  const folded = reading(text);
  return [...folded.matchAll(NUMBER)].map((m) => text.slice(m.index, m.index + m[0].length).trim());
}

/** Whether the text holds a measurable number, in digits or in words (in any of the five languages). */
export function hasNumber(text: string): boolean {
  if (numbersIn(text).length > 0) return true;
  const folded = reading(text);
  if (NUMBER_WORD.test(folded)) return true;
  const own = guardedFor(text);
  return own ? GUARDED_NUMBER_WORD.get(own.lang)!.test(folded) : false;
}

/** Whether an objective title reads as a metric: digits or a percentage, ambitions ("top 3") aside. */
export function isMetricLike(title: string): boolean {
  return numbersIn(blank(fold(title), AMBITION)).length > 0;
}

const FROM = alt(all((l) => l.from));
const TO = alt(all((l) => l.to));
const FROM_FILLER = String.raw`(?:(?:${alt(all((l) => l.fromFillers))})\s+|~\s?)?`;
const TO_FILLER = String.raw`(?:(?:${alt(all((l) => l.toFillers))})\s+)?`;

/** The patterns of fromTo, compiled once (none is global, so they keep no state between calls). */
const FROM_TO = new RegExp(String.raw`${START}(?:${FROM})\s+${FROM_FILLER}(${QTY})[^.;]*?${START}(?:${TO})\s+${TO_FILLER}(${QTY})`, `d${flags}`);
const ARROW = new RegExp(String.raw`(${QTY})\s*(?:→|->|=>)\s*(${QTY})`, `d${flags}`);
const BARE_TO = new RegExp(String.raw`(?:^|\s)(${QTY})\s+(?:to|auf)\s+(${QTY})`, `d${flags}`);
const INSTEAD_OF = new RegExp(String.raw`(${QTY})[^.;]*?${START}(?:${alt(all((l) => l.insteadOf))})\s+(${QTY})`, `d${flags}`);
const FROM_ONLY = new RegExp(String.raw`${START}(?:${alt(all((l) => l.fromOnly))})\s+${FROM_FILLER}(${QTY})`, `d${flags}`);

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
  const raw = (m: RegExpExecArray, group: number) => {
    const [start, end] = m.indices![group]!;
    return text.slice(start, end).trim();
  };
  const whole = (m: RegExpExecArray): Span => [m.index, m.index + m[0].length];
  for (const re of [FROM_TO, ARROW, BARE_TO]) {
    const m = re.exec(t);
    if (m) return { values: { from: raw(m, 1), to: raw(m, 2) }, span: whole(m) };
  }
  // "in 5 days instead of 10", "40 vs 35 today": the second number is where we are.
  const instead = INSTEAD_OF.exec(t);
  if (instead) return { values: { from: raw(instead, 2), to: raw(instead, 1) }, span: whole(instead) };
  const fromOnly = FROM_ONLY.exec(t);
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

/** Activity wording: a verb form, phrase or noun of action first; a German infinitive or participle last. */
const FIRST_FORMS = LEXICONS.flatMap((l) => [...l.activity.phrases, ...l.activity.nouns, ...l.activity.verbs.flatMap((v) => l.inflect(v))]);
// English -ing forms are nouns when borrowed ("Onboarding verbessern", "el onboarding"): English text only.
const isGerund = (form: string) => form.endsWith('ing') && en.activity.verbs.some((v) => en.inflect(v).includes(form));
const ACTIVITY_FIRST = new RegExp(`^(?:${alt(FIRST_FORMS.filter((f) => !isGerund(f)))})${END}`, flags);
const ACTIVITY_GERUND = new RegExp(`^(?:${alt(FIRST_FORMS.filter(isGerund))})${END}`, flags);
const ACTIVITY_GUARDED = new Map(LEXICONS.map((l) => [l.lang, new RegExp(`^(?:${alt(l.activity.guarded)})${END}`, flags)]));
const ACTIVITY_LAST = new RegExp(`${START}(?:${alt(all((l) => l.activity.atEnd))})\\s*[.!]?\\s*$`, flags);

/** The activity word as typed ("Launch", "Lancer", "starten", "Einführung"), or null for outcome wording. */
export function activityIn(text: string): string | null {
  const stripped = stripLead(text).replace(/\s*\([^)]*\)\s*$/, '');
  const folded = fold(stripped);
  const own = guardedFor(text);
  const english = !own || own.lang === 'en';
  const first = ACTIVITY_FIRST.exec(folded) ?? (english ? ACTIVITY_GERUND.exec(folded) : null) ?? (own ? ACTIVITY_GUARDED.get(own.lang)!.exec(folded) : null);
  if (first) return stripped.split(/\s+/)[0]!;
  const last = ACTIVITY_LAST.exec(folded);
  return last ? stripped.slice(last.index).replace(/[.!\s]+$/, '') : null;
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
const GROWTH = new RegExp(`${START}(?:${alt(all((l) => l.growth))})${END}`, flags);
const CHANGE_WORD = new RegExp(`${START}(?:${CHANGE_BY})${END}`, flags);

/** A percentage above 100% that cannot be: not a change ("by 150%"), not "150% of last year". */
export function impossiblePercent(text: string): string | null {
  const folded = fold(text);
  if (OF_BASE.test(folded)) return null;
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
