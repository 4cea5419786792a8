/** French coach lexicon. Infinitives open the key result ("Lancer…", "Mettre en place…"); "de" opens both "de X à Y" and a change "de 15 %". */
import type { Lexicon } from './types';

const MONTHS = 'janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre';

export const fr: Lexicon = {
  lang: 'fr',
  stopwords: ['le', 'la', 'les', 'des', 'du', 'et', 'à', 'au', 'aux', 'pour', 'par', 'une', 'sur', 'nous', 'notre', 'nos', 'est', 'en', 'chaque', 'tous'],
  activity: {
    verbs: [
      'lancer', 'organiser', 'réaliser', 'déployer', 'développer', 'créer', 'concevoir', 'construire', 'mettre',
      'implémenter', 'installer', 'migrer', 'recruter', 'embaucher', 'rédiger', 'écrire', 'publier', 'livrer',
      'préparer', 'planifier', 'définir', 'documenter', 'tester', 'piloter', 'animer', 'conduire', 'mener',
      'effectuer', 'finaliser', 'terminer', 'achever', 'produire', 'intégrer', 'automatiser', 'acheter',
      'présenter', 'digitaliser', 'numériser', 'refondre', 'tenir', 'monter', 'démarrer', 'instaurer', 'introduire', 'établir',
      'traduire', 'auditer', 'interviewer', 'appeler', 'visiter', 'envoyer', 'proposer', 'participer', 'coordonner',
      // irregular first-person plural and participles
      'construisons', 'construit', 'écrivons', 'écrit', 'concevons', 'conçu', 'mettons', 'produisons', 'conduisons',
      'menons', 'tenons', 'introduisons', 'établissons', 'établi', 'traduisons', 'rédigeons', 'refondons',
    ],
    phrases: ['mettre\\s+en\\s+(?:place|œuvre|oeuvre|production|ligne)', 'mise\\s+en\\s+(?:place|œuvre|oeuvre|production|ligne)', 'mettons\\s+en\\s+(?:place|œuvre|oeuvre)'],
    nouns: [
      'lancement', 'création', 'organisation', 'réalisation', 'déploiement', 'développement', 'refonte', 'migration',
      'rédaction', 'conception', 'élaboration', 'implémentation', 'formation', 'recrutement', 'installation',
      'livraison', 'publication', 'préparation', 'construction', 'intégration', 'automatisation',
    ],
    atEnd: [],
    // "former" is also English ("former customers").
    guarded: ['former', 'formons', 'formez', 'formé', 'formée', 'formés'],
  },
  /** lancer → lancer, lançons, lancez, lancé(e)(s); établir → établissons. */
  inflect(verb) {
    if (verb.endsWith('er')) {
      const stem = verb.slice(0, -2);
      const soft = /g$/.test(stem) ? `${stem}e` : stem;
      return [verb, `${soft}ons`, `${stem}ez`, `${stem}é`, `${stem}ée`, `${stem}és`, `${stem}ées`];
    }
    if (verb.endsWith('ir')) return [verb, `${verb.slice(0, -1)}ssons`, verb.slice(0, -1)];
    return [verb];
  },
  numberWords: [
    'deux', 'trois', 'quatre', 'cinq', 'huit', 'dix', 'onze', 'douze', 'treize', 'quatorze', 'quinze',
    'vingts?', 'trente', 'quarante', 'cinquante', 'soixante', 'cents?', 'mille', 'millions?', 'milliards?',
    'dizaines?', 'centaines?', 'milliers?', 'doubler', 'doublé', 'double', 'tripler', 'triplé', 'moitié', "(?:un|d'un)\\s+(?:quart|tiers)",
  ],
  // "sept" and "seize" are English words ("Sept", "seize"); "neuf" (nine, new) is left out.
  guardedNumberWords: [
    { word: 'sept', clashesWith: ['en', 'de', 'unknown'] }, // "Sept." is September in English and German
    { word: 'seize', clashesWith: ['en', 'unknown'] },
  ],
  periods: [
    't[1-4]', 's[12]', '\\d\\s?(?:er|re|e|ème|eme)?\\s+(?:trimestre|semestre)',
    `\\d{1,2}(?:er)?\\s+(?:${MONTHS})`,
  ],
  leads: [
    "(?:d'ici|jusqu'à|avant|au|en|fin)\\s+[^,]{1,30}?,\\s+",
    'nous\\s+(?:allons|voulons|devons|souhaitons|visons\\s+à)\\s+',
    'nous\\s+',
    'on\\s+va\\s+',
    'il\\s+faut\\s+',
    'objectif\\s*:\\s*',
    'rc\\s*\\d*\\s*[.:)-]\\s*',
  ],
  from: ['de', 'du', 'des'],
  to: ['à', 'au', 'aux'],
  fromOnly: ['à\\s+partir\\s+de', 'depuis'],
  fromFillers: ['environ', 'actuellement', "aujourd'hui", 'quelque', 'la', 'le', 'les'],
  toFillers: ['au\\s+moins', 'moins\\s+de', 'plus\\s+de', 'la', 'le', 'les'],
  insteadOf: ['au\\s+lieu\\s+de', 'contre', 'par\\s+rapport\\s+à'],
  changeBy: [],
  changeByOpen: ['de'],
  holdSteady: ['maintenir', 'maintenons', 'garder', 'gardons', 'conserver', 'rester', 'stabiliser', 'préserver'],
  ofBase: ["de\\s+(?:l'an\\s+(?:dernier|passé)|l'année\\s+(?:dernière|précédente|passée)|l'objectif|du\\s+budget|du\\s+plan|la\\s+cible)", "(?:du|des)\\s+(?:budget|plan|objectifs?)", 'par\\s+rapport'],
  beyond100: ['r[ée]tention\\s+(?:nette|net)', 'nrr'],
  growth: ["chiffre\\s+d'affaires", 'croissance', 'croître', 'ventes', 'revenus?'],
  ambitions: ['top\\s*\\d+', 'n°\\s?1', 'no\\s?1', 'numéro\\s+1'],
};
