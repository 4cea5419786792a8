import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { hintText, type Hint } from './coach';
import type { Comment } from './comments';
import { DRAFT_COLUMNS, exportRows, neutralize, numberOrText, okrHeaders, OKR_COLUMNS, unneutralize, type ExportGroup } from './exportRows';
import { translator } from './i18n/i18n';
import { LANGUAGES } from './i18n/languages';
import { importGrid } from './importRows';
import { emptyKeyResult } from './okr';

describe('neutralize', () => {
  it('prefixes every dangerous first character and undoes it', () => {
    for (const d of ['=', '+', '-', '@', '\t', '\r', '\0']) {
      expect(neutralize(`${d}x`)).toBe(`'${d}x`);
      expect(unneutralize(neutralize(`${d}x`))).toBe(`${d}x`);
    }
    expect(neutralize('Grow =1')).toBe('Grow =1');
    expect(unneutralize("'quoted")).toBe("'quoted");
  });
  it('keeps numbers as numbers only when they are plain numbers', () => {
    expect(numberOrText('70')).toBe(70);
    expect(numberOrText('-5')).toBe(-5);
    expect(numberOrText('1.5')).toBe(1.5);
    expect(numberOrText('40k')).toBe('40k');
    expect(numberOrText('70%')).toBe('70%');
    expect(numberOrText(' ')).toBeNull();
  });
});

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, CRLF, line breaks in cells and a BOM', () => {
    expect(parseCsv('\uFEFFa,"b ""c""",d\r\n"x\ny",,z\n')).toEqual([
      ['a', 'b "c"', 'd'],
      ['x\ny', '', 'z'],
    ]);
    expect(() => parseCsv('"open')).toThrow();
  });
});

describe('exportRows', () => {
  it('gives a row per key result, and a row to an empty objective and an empty group', () => {
    const rows = exportRows({
      formatTime: (ms) => String(ms),
      comments: [],
      language: 'en',
      groups: [
        {
          id: 'g1',
          name: 'A',
          members: ['Ana'],
          lastEditAt: 5,
          hints: new Map([['k1', [{ rule: 'kr-no-baseline', severity: 'warning', itemId: 'k1', params: {} }]]]),
          draft: {
            objectives: [
              { id: 'o1', title: 'Grow', why: '', dismissed: [], keyResults: [{ ...emptyKeyResult('k1'), text: 'Grow to 500', target: '500' }, { ...emptyKeyResult('k2'), text: 'Second' }] },
              { id: 'o2', title: 'Empty', why: '', dismissed: [], keyResults: [] },
            ],
          },
        },
        { id: 'g2', name: 'B', members: [], lastEditAt: null, hints: new Map(), draft: { objectives: [] } },
      ],
    });
    expect(rows.map((r) => [r.group, r.objectiveNo, r.krNo, r.keyResult, r.target, r.flags, r.coachRules])).toEqual([
      ['A', 1, '1.1', 'Grow to 500', 500, 'The change has no starting point.', 'kr-no-baseline'],
      ['A', 1, '1.2', 'Second', null, null, null],
      ['A', 2, null, null, null, null, null],
      ['B', null, null, null, null, null, null],
    ]);
  });

  const hint = (rule: Hint['rule'], itemId: string, params: Hint['params'] = {}): Hint => ({ rule, severity: 'warning', itemId, params });
  const group: ExportGroup = {
    id: 'g1',
    name: 'A',
    members: [],
    lastEditAt: null,
    hints: new Map([
      ['o1', [hint('objective-no-why', 'o1')]],
      ['k1', [hint('kr-output', 'k1', { verb: 'Launch' }), hint('kr-no-number', 'k1')]],
    ]),
    draft: { objectives: [{ id: 'o1', title: 'Grow', why: '', dismissed: [], keyResults: [{ ...emptyKeyResult('k1'), text: 'Launch a campaign' }, { ...emptyKeyResult('k2'), text: 'Reach 500' }] }] },
  };
  const resolvedComment: Comment = { id: 'c1', groupId: 'g1', itemId: 'k1', field: null, parentId: null, kind: 'coach', authorId: null, authorName: 'Facilitator', authorGroupId: null, text: 'Why?', createdAt: 0, resolved: true };

  it('words the coach flags in the sheet language, with the rule ids in the Coach rules column', () => {
    const de = exportRows({ formatTime: () => 't', comments: [resolvedComment], language: 'de', groups: [group] });
    // The objective's hint goes on its first row, with the key result's own.
    const german = (h: Hint) => hintText(translator('de'), h).message;
    expect(de[0]!.flags).toBe([german(hint('objective-no-why', 'o1')), '„Launch“ beschreibt eine Aktivität, kein Ergebnis.', german(hint('kr-no-number', 'k1'))].join('\n'));
    expect(de[0]!.coachRules).toBe('objective-no-why, kr-output, kr-no-number');
    expect(de[0]!.facilitatorComments).toBe('[t] Facilitator (erledigt): Why?');
    expect(de[1]).toMatchObject({ keyResult: 'Reach 500', flags: null, coachRules: null });
    for (const language of LANGUAGES) {
      const rows = exportRows({ formatTime: () => 't', comments: [], language, groups: [group] });
      expect(rows[0]!.coachRules, language).toBe('objective-no-why, kr-output, kr-no-number');
      expect(String(rows[0]!.flags), language).toContain('Launch');
    }
    expect(exportRows({ formatTime: () => 't', comments: [resolvedComment], language: 'fr', groups: [group] })[0]!.facilitatorComments).toBe('[t] Facilitator (résolu): Why?');
  });

  it('has a header for every column in every language, Coach rules right after Coach flags', () => {
    const keys = OKR_COLUMNS.map((c) => c.key);
    expect(keys.indexOf('coachRules')).toBe(keys.indexOf('flags') + 1);
    expect(DRAFT_COLUMNS).not.toContain('coachRules');
    expect(okrHeaders('en').slice(keys.indexOf('flags'), keys.indexOf('flags') + 2)).toEqual(['Coach flags', 'Coach rules']);
    expect(okrHeaders('de')).toContain('Schlüsselergebnis');
    expect(okrHeaders('fr')).toContain('Résultat clé');
    expect(okrHeaders('es')).toContain('Resultado clave');
    expect(okrHeaders('pt')).toContain('Resultado-chave');
    for (const language of LANGUAGES) {
      const headers = okrHeaders(language);
      expect(headers.every((h) => h.trim() !== '' && !h.startsWith('columns.')), language).toBe(true);
      expect(new Set(headers.map((h) => h.toLowerCase())).size, language).toBe(headers.length);
    }
  });
});

describe('importGrid', () => {
  it('groups rows into drafts, keeping group and objective order', () => {
    let n = 0;
    const r = importGrid(
      [
        ['Group', 'Objective no.', 'Objective', 'Key result', 'Baseline (X)', 'Confidence'],
        ['Sales', '1', 'Grow', 'Raise revenue from 1M to 1.2M', '1M', '6'],
        ['Sales', '1', 'Grow', "'=sneaky", '', ''],
        ['Support', '', '', '', '', ''],
        ['Sales', '2', 'Delight', '', '', ''],
      ],
      () => `id${n++}`,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.groups.map((g) => g.name)).toEqual(['Sales', 'Support']);
    const sales = r.groups[0]!.draft.objectives;
    expect(sales.map((o) => [o.title, o.keyResults.map((k) => k.text)])).toEqual([
      ['Grow', ['Raise revenue from 1M to 1.2M', '=sneaky']],
      ['Delight', []],
    ]);
    expect(sales[0]!.keyResults[0]).toMatchObject({ baseline: '1M', confidence: 6 });
    expect(r.groups[1]!.draft.objectives).toEqual([]);
  });
  it('reads Type, Leading/lagging and Customer/business as codes or as the words of any language', () => {
    const read = (type: string, indicator: string, impact: string) => {
      const r = importGrid([['Group', 'Objective', 'Key result', 'Type', 'Leading/lagging', 'Customer/business'], ['A', 'O', 'K', type, indicator, impact]], () => 'id');
      return r.ok ? r.groups[0]!.draft.objectives[0]!.keyResults[0]! : r.errors;
    };
    expect(read('milestone', 'lagging', 'business')).toMatchObject({ type: 'milestone', indicator: 'lagging', impact: 'business' });
    expect(read(' METRIC ', 'Leading', 'Customer')).toMatchObject({ type: 'metric', indicator: 'leading', impact: 'customer' });
    for (const language of LANGUAGES) {
      const t = translator(language);
      expect(read(t('sheet:options.milestone'), t('sheet:options.lagging'), t('sheet:options.business')), language).toMatchObject({ type: 'milestone', indicator: 'lagging', impact: 'business' });
      expect(read(t('sheet:options.metric').toUpperCase(), t('sheet:options.leading'), t('sheet:options.customer')), language).toMatchObject({ type: 'metric', indicator: 'leading', impact: 'customer' });
    }
    expect(read('Meilenstein', 'Frühindikator', 'Kunden')).toMatchObject({ type: 'milestone', indicator: 'leading', impact: 'customer' });
    expect(read('leading', '', '')).toEqual([{ row: 2, column: 'Type', message: '"leading" is not a type: use metric or milestone.' }]);
  });
  it('refuses a sheet without the needed columns', () => {
    const r = importGrid([['Name', 'Email']], () => 'x');
    expect(r.ok ? [] : r.errors.map((e) => e.column)).toEqual(['Group', 'Objective']);
  });
});
