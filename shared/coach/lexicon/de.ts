/** German coach lexicon. German puts the infinitive at the end ("Kampagne starten"), so activity verbs are read there too. */
import type { Lexicon } from './types';

const MONTHS = 'januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember';

/** Infinitives that announce an activity; read as the last word, and first ("Starten der Kampagne"). */
const VERBS = [
  'starten', 'launchen', 'einführen', 'durchführen', 'führen', 'organisieren', 'veranstalten', 'abhalten',
  'entwickeln', 'aufbauen', 'bauen', 'erstellen', 'erarbeiten', 'schreiben', 'verfassen', 'veröffentlichen',
  'migrieren', 'konzipieren', 'designen', 'gestalten', 'neugestalten', 'überarbeiten', 'modernisieren',
  'implementieren', 'umsetzen', 'ausrollen', 'einrichten', 'installieren', 'bereitstellen', 'liefern',
  'ausliefern', 'einstellen', 'rekrutieren', 'schulen', 'trainieren', 'planen', 'definieren', 'dokumentieren',
  'testen', 'pilotieren', 'digitalisieren', 'festlegen', 'erheben', 'einreichen', 'fertigstellen', 'abschließen', 'integrieren', 'automatisieren', 'beschaffen',
  'kaufen', 'vorbereiten', 'präsentieren', 'anbieten', 'besuchen', 'anrufen', 'übersetzen', 'refaktorieren',
];

/** Past participles at the end: "Neue Kampagne gestartet". */
const PARTICIPLES = [
  'gestartet', 'gelauncht', 'eingeführt', 'durchgeführt', 'organisiert', 'veranstaltet', 'entwickelt', 'aufgebaut',
  'erstellt', 'geschrieben', 'veröffentlicht', 'migriert', 'konzipiert', 'überarbeitet', 'implementiert',
  'umgesetzt', 'ausgerollt', 'digitalisiert', 'festgelegt', 'eingerichtet', 'geliefert', 'eingestellt', 'geschult', 'fertiggestellt', 'abgeschlossen',
];

export const de: Lexicon = {
  lang: 'de',
  stopwords: ['der', 'die', 'das', 'und', 'von', 'auf', 'um', 'mit', 'für', 'pro', 'den', 'dem', 'des', 'ein', 'eine', 'eines', 'im', 'zu', 'bis', 'wir', 'neue', 'neuen', 'alle', 'unter', 'bei'],
  activity: {
    verbs: VERBS,
    phrases: [],
    nouns: [
      'einführung', 'durchführung', 'erstellung', 'entwicklung', 'umsetzung', 'implementierung', 'organisation',
      'planung', 'aufbau', 'konzeption', 'veröffentlichung', 'schulung', 'bereitstellung', 'fertigstellung',
      'entwurf', 'gestaltung', 'neugestaltung', 'überarbeitung', 'einrichtung', 'rollout', 'migration',
      'modernisierung', 'ausarbeitung', 'realisierung', 'start',
    ],
    atEnd: [...VERBS, ...PARTICIPLES],
    guarded: [],
  },
  /** starten → starten, starte, startet (infinitive and imperatives as the first word). */
  inflect(verb) {
    return verb.endsWith('en') ? [verb, verb.slice(0, -1), `${verb.slice(0, -2)}t`] : [verb];
  },
  numberWords: [
    'zwei', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun', 'zehn', 'elf', 'zwölf', 'fünfzehn',
    'zwanzig', 'dreißig', 'fünfzig', 'hundert', 'tausend', 'dutzend', 'millionen?', 'milliarden?',
    'doppelt', 'doppelte[nm]?', 'verdoppeln', 'verdoppelt', 'verdopplung', 'verdreifachen', 'verdreifacht',
    'halbieren', 'halbiert', 'halbierung', 'hälfte', 'viertel', 'drittel', 'dreifach', 'zweimal', 'dreimal',
  ],
  guardedNumberWords: [],
  periods: [
    '\\d\\.?\\s?(?:quartal|halbjahr|hj)', 'kw\\s?\\d{1,2}', 'geschäftsjahr\\s?\\d{2,4}',
    `\\d{1,2}\\.\\s?(?:${MONTHS})`, '\\d{1,2}\\.\\d{1,2}\\.(?:\\d{2,4})?',
  ],
  leads: [
    '(?:bis|im|in|zum|ab)\\s+[^,]{1,30}?,\\s+',
    'wir\\s+(?:werden|wollen|möchten|müssen|sollten)\\s+',
    'wir\\s+',
    'erfolgreich\\s+',
  ],
  from: ['von'],
  to: ['auf', 'bis', 'zu'],
  fromOnly: ['ausgehend\\s+von', 'von\\s+(?:derzeit|aktuell|heute|momentan)'],
  fromFillers: ['derzeit', 'aktuell', 'heute', 'momentan', 'rund', 'ca\\.', 'etwa', 'ungefähr'],
  toFillers: ['mindestens', 'unter', 'über', 'max\\.', 'maximal', 'höchstens'],
  insteadOf: ['statt', 'anstatt', 'anstelle\\s+von', 'gegenüber', 'im\\s+vergleich\\s+zu'],
  changeBy: ['um'],
  changeByOpen: [],
  holdSteady: ['halten', 'beibehalten', 'sichern', 'stabil\\s+halten', 'konstant\\s+halten', 'aufrechterhalten', 'bleiben'],
  ofBase: ['(?:des|der|vom|im)\\s+(?:vorjahr|vorjahres|plans?|ziels?|budgets?|solls?|quote)', 'gegenüber', 'im\\s+vergleich'],
  beyond100: ['nettoumsatzbindung', 'net\\s+revenue\\s+retention'],
  growth: ['umsatz\\p{L}*', 'wachstum', 'wachsen', 'erlöse?', 'vorjahr\\p{L}*'],
  ambitions: ['top\\s*\\d+', 'nr\\.?\\s?1', 'nummer\\s+1'],
};
