/** Reading numbers and patterns out of OKR wording. Pure, English first. */

const NUMBER_WORDS = [
  'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'fifteen', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety', 'hundred',
  'thousand', 'million', 'billion', 'dozen', 'half', 'double', 'triple', 'twice', 'thrice', 'third',
  'halve', 'quadruple', 'tenfold', 'twofold', 'threefold',
];
const NUMBER_WORD = new RegExp(`\\b(${NUMBER_WORDS.join('|')})s?\\b`, 'i');

/** Period labels and years are not measurements: Q3, H1, FY24, 2027. */
const PERIOD = /\b(?:Q[1-4]|H[12]|FY\s?\d{2,4}|(?:19|20)\d{2})\b/gi;

/** A number with an optional currency before and a unit or suffix after: €1.2M, 40k, 85%, 3x, 1,200. */
const NUMBER = /(?:[$€£¥]\s?)?-?\d+(?:[.,]\d+)*\s?(?:%|k\b|m\b|mn\b|bn\b|b\b|x\b|pts?\b|points?\b|pp\b)?/gi;

/** The text without period labels and years. */
function withoutPeriods(text: string): string {
  return text.replace(PERIOD, ' ');
}

/** All numbers in the text (digits, with units), periods and years excluded. */
export function numbersIn(text: string): string[] {
  return withoutPeriods(text).match(NUMBER)?.map((n) => n.trim()) ?? [];
}

/** Whether the text holds a measurable number, in digits or in words. */
export function hasNumber(text: string): boolean {
  return numbersIn(text).length > 0 || NUMBER_WORD.test(withoutPeriods(text));
}

/** A quantity: digits with optional unit/currency, or a number word. */
const QTY = String.raw`(?:[$€£¥]\s?)?-?\d+(?:[.,]\d+)*\s?(?:%|k|m|mn|bn|b|x|pts?|points?|pp)?|\b(?:${NUMBER_WORDS.join('|')})\b`;

/** The patterns of fromTo, compiled once (none is global, so they keep no state between calls). */
const FROM_TO = new RegExp(String.raw`\bfrom\s+(?:about\s+|around\s+|~)?(${QTY})[^.;]*?\bto\s+(?:at least\s+|above\s+|below\s+|under\s+|over\s+)?(${QTY})`, 'i');
const ARROW = new RegExp(String.raw`(${QTY})\s*(?:→|->|=>)\s*(${QTY})`, 'i');
const BARE_TO = new RegExp(String.raw`(?:^|\s)(${QTY})\s+to\s+(${QTY})`, 'i');
const INSTEAD_OF = new RegExp(String.raw`(${QTY})[^.;]*?\b(?:instead\s+of|vs\.?|versus|compared\s+to|up\s+from|down\s+from)\s+(${QTY})`, 'i');
const FROM_ONLY = new RegExp(String.raw`\bfrom\s+(?:about\s+|around\s+|~)?(${QTY})`, 'i');

/** "from X to Y", "X → Y", "X to Y", "from X% … to Y%": the starting and target values. */
export function fromTo(text: string): { from: string | null; to: string | null } {
  const t = withoutPeriods(text);
  const full = FROM_TO.exec(t);
  if (full) return { from: full[1]!.trim(), to: full[2]!.trim() };
  const arrow = ARROW.exec(t);
  if (arrow) return { from: arrow[1]!.trim(), to: arrow[2]!.trim() };
  const bare = BARE_TO.exec(t);
  if (bare) return { from: bare[1]!.trim(), to: bare[2]!.trim() };
  // "in 5 days instead of 10", "40 vs 35 today": the second number is where we are.
  const instead = INSTEAD_OF.exec(t);
  if (instead) return { from: instead[2]!.trim(), to: instead[1]!.trim() };
  const fromOnly = FROM_ONLY.exec(t);
  return { from: fromOnly ? fromOnly[1]!.trim() : null, to: null };
}

/** Holding a level ("maintain uptime at 99.9%", "keep churn below 2%"): no baseline needed. */
export function isHoldSteady(text: string): boolean {
  return /^\s*(?:maintain|keep|sustain|stay|remain|hold\s+(?:\w+\s+){0,3}(?:at|above|below|under|over))\b/i.test(stripLead(text));
}

/** Drops a leading label or frame: "KR1:", "Q3:", "By June,", "We will", "To". */
export function stripLead(text: string): string {
  return text
    .replace(/^\s*(?:KR\s*\d*[.:)-]?|Q[1-4]\s*[:-]|H[12]\s*[:-]|\d+[.)]|[-*•])\s*/i, '')
    .replace(/^\s*(?:by\s+(?:the\s+)?(?:end\s+of\s+)?[\w\s]+?,\s*)/i, '')
    .replace(/^\s*(?:we\s+(?:will|want\s+to|need\s+to|should|must)|to|let'?s|successfully)\s+/i, '')
    .trim();
}

/** The first word of the sentence, lower-cased (after the lead is stripped). */
export function firstWord(text: string): string {
  return (/^[A-Za-z'-]+/.exec(stripLead(text))?.[0] ?? '').toLowerCase();
}

/** Percentages above 100 in the text, with whether they are written as a change ("by 150%"). */
export function percentages(text: string): Array<{ value: number; raw: string; isChange: boolean }> {
  const out: Array<{ value: number; raw: string; isChange: boolean }> = [];
  const re = /(\bby\s+|\+)?(\d+(?:[.,]\d+)?)\s?%/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    out.push({ value: Number(m[2]!.replace(',', '.')), raw: `${m[2]}%`, isChange: Boolean(m[1]) });
  }
  return out;
}

/** Numeric value of a typed quantity ("40k" → 40000, "85%" → 85), or null. */
export function valueOf(quantity: string): number | null {
  const m = /(-?\d+(?:[.,]\d+)*)\s?(k|m|mn|bn|b)?/i.exec(quantity.replace(/[$€£¥\s]/g, ''));
  if (!m) return null;
  const n = Number(m[1]!.replace(/,(?=\d{3}\b)/g, '').replace(',', '.'));
  const scale: Record<string, number> = { k: 1e3, m: 1e6, mn: 1e6, b: 1e9, bn: 1e9 };
  return Number.isFinite(n) ? n * (scale[(m[2] ?? '').toLowerCase()] ?? 1) : null;
}

/** Lower-case, no punctuation, single spaces: for spotting duplicates. */
export function normalize(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}%]+/gu, ' ').trim();
}
