/** Spanish coach lexicon: infinitives open the key result ("Lanzar…"); "del 5 % al 3 %" and "un 20 %" are common. */
import type { Lexicon } from './types';

const MONTHS = 'enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre';

export const es: Lexicon = {
  lang: 'es',
  stopwords: ['nuevos', 'nuevas', 'mes', 'el', 'la', 'los', 'las', 'del', 'y', 'en', 'por', 'para', 'una', 'al', 'con', 'nuestro', 'nuestra', 'nuevo', 'nueva', 'cada', 'todos', 'hasta', 'desde', 'un', 'que'],
  activity: {
    verbs: [
      'lanzar', 'implementar', 'implantar', 'organizar', 'realizar', 'crear', 'desarrollar', 'construir', 'diseñar',
      'rediseñar', 'migrar', 'contratar', 'reclutar', 'escribir', 'redactar', 'publicar', 'formar', 'capacitar',
      'entregar', 'completar', 'terminar', 'finalizar', 'preparar', 'planificar', 'definir', 'documentar',
      'instalar', 'desplegar', 'celebrar', 'presentar', 'actualizar', 'integrar', 'automatizar', 'entrevistar',
      'ejecutar', 'elaborar', 'establecer', 'introducir', 'montar', 'llamar', 'visitar', 'enviar', 'producir',
      'comprar', 'auditar', 'traducir', 'probar', 'pilotar', 'coordinar', 'impartir', 'abrir', 'poner', 'digitalizar', 'conducir',
    ],
    phrases: ['poner\\s+en\\s+(?:marcha|producción)', 'puesta\\s+en\\s+(?:marcha|producción)', 'llevar\\s+a\\s+cabo', 'ponemos\\s+en\\s+marcha'],
    nouns: [
      'implementación', 'implantación', 'lanzamiento', 'creación', 'organización', 'realización', 'desarrollo',
      'migración', 'elaboración', 'diseño', 'rediseño', 'despliegue', 'redacción', 'formación', 'contratación',
      'construcción', 'publicación', 'integración', 'automatización', 'instalación', 'preparación', 'entrega',
    ],
    atEnd: [],
    guarded: [],
  },
  /** lanzar → lanzar, lanzamos, lanzando, lanzado(s)/lanzada(s); -er/-ir alike. */
  inflect(verb) {
    const stem = verb.slice(0, -2);
    const end = verb.slice(-2);
    if (end === 'ar') return [verb, `${stem}amos`, `${stem}ando`, `${stem}ado`, `${stem}ada`, `${stem}ados`, `${stem}adas`];
    if (end === 'er' || end === 'ir') return [verb, `${stem}${end === 'er' ? 'emos' : 'imos'}`, `${stem}iendo`, `${stem}ido`, `${stem}ida`];
    return [verb];
  },
  numberWords: [
    'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve', 'diez', 'doce', 'quince', 'veinte', 'treinta',
    'cuarenta', 'cincuenta', 'cien', 'cientos?', 'mil', 'millón', 'millones', 'docenas?', 'decenas?',
    'duplicar', 'duplicamos', 'triplicar', 'doble', 'mitad', 'una\\s+cuarta\\s+parte', 'un\\s+(?:cuarto|tercio)',
  ],
  // "dos" is Portuguese "of the", "once" English, "tres" French "très" (very) typed without its accent.
  guardedNumberWords: [
    { word: 'dos', clashesWith: ['pt'] },
    { word: 'once', clashesWith: ['en', 'unknown'] },
    { word: 'tres', clashesWith: ['fr'], clashForm: 'très' },
  ],
  periods: ['t[1-4]', 's[12]', '\\d\\s?(?:\\.?er|\\.?º|\\.?o|\\.?°)?\\s*(?:trimestre|semestre)', `\\d{1,2}\\s+de\\s+(?:${MONTHS})`],
  leads: [
    '(?:hasta|para|antes\\s+de|a\\s+finales\\s+de|en\\s+el)\\s+[^,]{1,30}?,\\s+',
    'vamos\\s+a\\s+', 'vamos\\s+', 'queremos\\s+', 'debemos\\s+', 'tenemos\\s+que\\s+', 'necesitamos\\s+',
  ],
  from: ['de', 'del', 'desde'],
  to: ['a', 'al', 'hasta'],
  fromOnly: ['desde', 'partiendo\\s+de', 'a\\s+partir\\s+de'],
  fromFillers: ['alrededor\\s+de', 'aproximadamente', 'actualmente', 'el', 'la', 'los', 'un'],
  toFillers: ['al\\s+menos', 'menos\\s+de', 'más\\s+de', 'el', 'la', 'los', 'un'],
  insteadOf: ['en\\s+lugar\\s+de', 'en\\s+vez\\s+de', 'frente\\s+a', 'comparado\\s+con'],
  changeBy: ['en\\s+un', 'un', 'en'],
  changeByOpen: [],
  holdSteady: ['mantener', 'mantenemos', 'conservar', 'sostener', 'seguir', 'permanecer'],
  ofBase: ['(?:de\\s+las?|de\\s+los?|del)\\s+(?:\\p{L}+\\s+){0,2}?(?:del\\s+año\\s+(?:pasado|anterior)|objetivo|presupuesto|plan|cuota)', 'respecto'],
  beyond100: ['retención\\s+neta', 'nrr'],
  growth: ['ventas', 'facturación', 'crecimiento', 'crecer', 'ingresos'],
  ambitions: ['top\\s*\\d+', 'n\\.?\\s?º\\s?1', 'nº\\s?1', 'número\\s+(?:1|uno)'],
};
