/** Portuguese coach lexicon (Brazil and Portugal): "de 5% para 3%", "em 20%", "R$ 5 mil". */
import type { Lexicon } from './types';

const MONTHS = 'janeiro|fevereiro|março|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro';

export const pt: Lexicon = {
  lang: 'pt',
  stopwords: ['o', 'a', 'os', 'as', 'do', 'da', 'dos', 'das', 'e', 'em', 'no', 'na', 'nos', 'nas', 'para', 'por', 'uma', 'com', 'ao', 'nosso', 'nossa', 'novo', 'nova', 'até', 'um', 'que'],
  activity: {
    verbs: [
      'lançar', 'implementar', 'implantar', 'organizar', 'realizar', 'criar', 'entregar', 'desenvolver', 'construir',
      'desenhar', 'projetar', 'migrar', 'contratar', 'recrutar', 'escrever', 'redigir', 'publicar', 'treinar',
      'capacitar', 'concluir', 'completar', 'finalizar', 'preparar', 'planejar', 'definir', 'documentar', 'instalar',
      'executar', 'elaborar', 'estabelecer', 'introduzir', 'montar', 'atualizar', 'redesenhar', 'integrar',
      'automatizar', 'entrevistar', 'apresentar', 'ligar', 'visitar', 'enviar', 'produzir', 'comprar', 'auditar',
      'traduzir', 'testar', 'pilotar', 'coordenar', 'promover', 'sediar', 'ministrar', 'abrir', 'colocar', 'pôr', 'digitalizar', 'conduzir',
    ],
    phrases: ['colocar\\s+em\\s+(?:prática|produção|funcionamento)', 'pôr\\s+em\\s+(?:prática|produção)', 'por\\s+em\\s+(?:prática|produção)'],
    nouns: [
      'implantação', 'implementação', 'lançamento', 'criação', 'organização', 'realização', 'desenvolvimento',
      'migração', 'elaboração', 'entrega', 'reformulação', 'redação', 'contratação', 'treinamento', 'capacitação',
      'construção', 'publicação', 'integração', 'automação', 'instalação', 'preparação',
    ],
    atEnd: [],
    guarded: [],
  },
  /** lançar → lançar, lançamos, lançando, lançado(s)/lançada(s); -er/-ir alike. */
  inflect(verb) {
    const stem = verb.slice(0, -2);
    const end = verb.slice(-2);
    if (end === 'ar') return [verb, `${stem}amos`, `${stem}ando`, `${stem}ado`, `${stem}ada`, `${stem}ados`, `${stem}adas`];
    if (end === 'er' || end === 'ir') return [verb, `${stem}${end === 'er' ? 'emos' : 'imos'}`, `${stem}${end[0]}ndo`, `${stem}ido`, `${stem}ida`];
    return [verb];
  },
  numberWords: [
    'dois', 'duas', 'quatro', 'cinco', 'seis', 'sete', 'oito', 'nove', 'dez', 'onze', 'doze', 'quinze', 'vinte',
    'trinta', 'quarenta', 'cinquenta', 'cem', 'cento', 'mil', 'milhão', 'milhões', 'bilhão', 'bilhões', 'dezenas?',
    'dúzias?', 'dobrar', 'dobro', 'duplicar', 'triplicar', 'metade', 'um\\s+(?:quarto|terço)',
  ],
  // "três" folds to "tres", French "très" (very).
  guardedNumberWords: [{ word: 'três', clashesWith: ['fr'], clashForm: 'très' }],
  periods: ['t[1-4]', 's[12]', '\\d\\s?(?:º|ª|°|o|a)?\\s*(?:trimestre|semestre|tri)', `\\d{1,2}\\s+de\\s+(?:${MONTHS})`],
  leads: [
    '(?:até|no|em|para|ao)\\s+[^,]{1,30}?,\\s+',
    'vamos\\s+', 'queremos\\s+', 'devemos\\s+', 'precisamos\\s+', 'temos\\s+que\\s+', 'iremos\\s+',
  ],
  from: ['de', 'do', 'da', 'desde'],
  to: ['para', 'pra', 'a', 'ao', 'até'],
  fromOnly: ['a\\s+partir\\s+de', 'a\\s+partir\\s+dos?', 'desde'],
  fromFillers: ['cerca\\s+de', 'aproximadamente', 'atualmente', 'hoje', 'o', 'os', 'a', 'as'],
  toFillers: ['pelo\\s+menos', 'no\\s+mínimo', 'menos\\s+de', 'mais\\s+de', 'o', 'os', 'a', 'as'],
  insteadOf: ['em\\s+vez\\s+de', 'ao\\s+invés\\s+de', 'comparado\\s+(?:com|a)'],
  changeBy: ['em'],
  changeByOpen: [],
  holdSteady: ['manter', 'mantendo', 'conservar', 'sustentar', 'permanecer', 'continuar'],
  ofBase: ['(?:d[oa]s?)\\s+(?:\\p{L}+\\s+){0,2}?(?:do\\s+ano\\s+(?:passado|anterior)|meta|orçamento|plano|cota)', 'em\\s+relação'],
  beyond100: ['retenção\\s+líquida', 'nrr'],
  growth: ['receita', 'vendas', 'faturamento', 'crescimento', 'crescer'],
  ambitions: ['top\\s*\\d+', 'n\\.?\\s?º\\s?1', 'nº\\s?1', 'número\\s+(?:1|um)'],
};
