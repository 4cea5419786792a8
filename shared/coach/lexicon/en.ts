/** English coach lexicon (the original rules, moved here unchanged in meaning). */
import type { Lexicon } from './types';

const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december';

export const en: Lexicon = {
  lang: 'en',
  stopwords: ['a', 'an', 'the', 'of', 'and', 'to', 'by', 'from', 'our', 'with', 'for', 'per', 'in', 'on', 'at', 'new', 'all', 'every'],
  activity: {
    verbs: [
      'launch', 'deliver', 'complete', 'build', 'implement', 'hold', 'write', 'create', 'ship', 'release',
      'publish', 'run', 'organise', 'organize', 'conduct', 'develop', 'set', 'roll', 'migrate', 'hire',
      'design', 'finish', 'host', 'send', 'produce', 'prepare', 'introduce', 'deploy', 'install', 'document',
      'draft', 'start', 'begin', 'establish', 'execute', 'perform', 'do', 'redesign', 'refactor', 'add',
      'integrate', 'upgrade', 'collect', 'schedule', 'post', 'attend', 'train', 'recruit', 'kick',
      'finalize', 'finalise', 'submit', 'plan', 'rebuild', 'rewrite', 'translate',
      'automate', 'buy', 'purchase', 'define', 'map', 'audit', 'review', 'update', 'setup', 'onboard',
      'announce', 'present', 'pilot', 'test', 'interview', 'call', 'visit',
      'provide', 'offer', 'sign', 'celebrate', 'participate', 'facilitate', 'coordinate',
    ],
    phrases: [],
    nouns: [],
    atEnd: [],
    guarded: [],
  },
  /** launch → launches, launched, launching; hire → hiring; set → setting (doubled consonant). */
  inflect(verb) {
    const out = [verb];
    for (const suffix of ['ing', 'ed', 'es', 's']) {
      out.push(verb + suffix, `${verb}${verb.at(-1)}${suffix}`);
      if (verb.endsWith('e')) out.push(verb.slice(0, -1) + suffix);
    }
    // "dos" is not English, but Spanish "two" and Portuguese "of the".
    return out.filter((form) => form !== 'dos');
  },
  numberWords: [
    'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
    'fifteen', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety', 'hundred',
    'thousand', 'million', 'billion', 'dozen', 'half', 'double', 'triple', 'twice', 'thrice', 'third',
    'halve', 'quadruple', 'tenfold', 'twofold', 'threefold',
  ].map((w) => `${w}s?`),
  guardedNumberWords: [],
  periods: [
    'q[1-4]', 'h[12]', 'fy\\s?\\d{2,4}',
    '\\d(?:st|nd|rd|th)\\s+(?:quarter|half)',
    `(?:${MONTHS})\\s+\\d{1,2}(?:st|nd|rd|th)?`, `\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTHS})`,
  ],
  leads: [
    "by\\s+(?:the\\s+)?(?:end\\s+of\\s+)?[\\w\\s]+?,\\s*",
    "(?:we\\s+(?:will|want\\s+to|need\\s+to|should|must)|to|let'?s|successfully)\\s+",
  ],
  from: ['from'],
  to: ['to'],
  fromOnly: ['from'],
  fromFillers: ['about', 'around'],
  toFillers: ['at least', 'above', 'below', 'under', 'over'],
  insteadOf: ['instead\\s+of', 'vs\\.?', 'versus', 'compared\\s+to', 'up\\s+from', 'down\\s+from'],
  changeBy: ['by'],
  changeByOpen: [],
  holdSteady: ['maintain', 'keep', 'sustain', 'stay', 'remain', 'hold\\s+(?:\\S+\\s+){0,3}(?:at|above|below|under|over)'],
  ofBase: ['of\\s+(?:last|previous|the\\s+previous|plan|target|budget|baseline|quota|\\d{4})'],
  beyond100: ['nrr', 'ndr', 'net\\s+(?:revenue\\s+|dollar\\s+)?retention', 'roas'],
  growth: ['growth', 'grow', 'revenue', 'sales', 'yoy', 'year[- ]over[- ]year', 'roi', 'return', 'margin\\s+growth'],
  ambitions: ['top\\s+\\d+', '#\\s?1', 'no\\.?\\s?1'],
};
