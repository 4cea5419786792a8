/**
 * The shape every language's coach lexicon fills in. Entries are lower-case regex fragments
 * (escape what needs escaping: "ca\\."); they may be written with accents: detection folds
 * accents away on both sides (see fold in ./index.ts), so "lancer", "Lançar" and "lancar" all match.
 */
export const LANGS = ['en', 'de', 'fr', 'es', 'pt'] as const;
export type Lang = (typeof LANGS)[number];
/** The cheap language guess: a language, or 'unknown' on a tie or no evidence. */
export type Guess = Lang | 'unknown';

export interface Lexicon {
  lang: Lang;
  /** Frequent little words of the language, for the cheap language guess (guarded words only). */
  stopwords: string[];
  activity: {
    /** Verbs announcing an activity, as lemmas; `inflect` gives the forms matched as the first word. */
    verbs: string[];
    /** Multi-word openings: "mettre en place", "poner en marcha". */
    phrases: string[];
    /** Nouns of action as the first word: "Einführung", "lancement", "implementación". */
    nouns: string[];
    /** Verb forms matched as the last word (German puts the infinitive and participle there). */
    atEnd: string[];
    /** Forms that are also a common word in another language: only when the text looks like this language. */
    guarded: string[];
  };
  /** First-word forms of a verb lemma (infinitive, 1st person plural, imperative, participle…). */
  inflect(verb: string): string[];
  /** Number words, in any language position: "zehn", "verdoppeln", "moitié". */
  numberWords: string[];
  /**
   * Number words that are a common word in another language: they count unless the text looks
   * like one of `clashesWith` ('unknown': no guess either). `clashForm` as typed never counts
   * ("très" with a grave accent is French "very", whatever the guess).
   */
  guardedNumberWords: Array<{ word: string; clashesWith: Guess[]; clashForm?: string }>;
  /** Period labels, years and dates: not measurements ("3. Quartal", "T3", "1º trimestre"). */
  periods: string[];
  /** Openings dropped before reading the first word: "KR1:", "Wir werden", "D'ici fin juin,". */
  leads: string[];
  /** Words opening "from X to Y" ("von", "de", "del") and closing it ("auf", "à", "al", "para"). */
  from: string[];
  to: string[];
  /** Unambiguous "starting from X" without a target ("ausgehend von", "à partir de", "desde"). */
  fromOnly: string[];
  /** Words between the connector and the number: "derzeit", "environ", "el". */
  fromFillers: string[];
  toFillers: string[];
  /** "5 instead of 10": the second number is today's. */
  insteadOf: string[];
  /** Words before a percentage that make it a change, not a level ("by", "um", "en un", "em"). */
  changeBy: string[];
  /** Like changeBy, unless a "to Y" follows: French "augmenter de 15 %" but "de 15 % à 20 %". */
  changeByOpen: string[];
  /** Holding a level needs no baseline: first words ("maintenir"), or last words in German ("halten"). */
  holdSteady: string[];
  /** What may follow a percentage above 100 that is fine: "of last year", "des Vorjahres", "de l'objectif". */
  ofBase: string[];
  /** Metrics whose level may be above 100% ("net revenue retention", "NRR", "ROAS"). */
  beyond100: string[];
  /** Metrics that may grow by more than 100% ("revenue", "Umsatz", "ventas"). */
  growth: string[];
  /** Ambitions that hold a digit but are not metrics: "top 3", "Nr. 1". */
  ambitions: string[];
}
