import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { exportRows, neutralize, numberOrText, unneutralize } from './exportRows';
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
      groups: [
        {
          id: 'g1',
          name: 'A',
          members: ['Ana'],
          lastEditAt: 5,
          hints: new Map([['k1', ['no baseline']]]),
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
    expect(rows.map((r) => [r.group, r.objectiveNo, r.krNo, r.keyResult, r.target, r.flags])).toEqual([
      ['A', 1, '1.1', 'Grow to 500', 500, 'no baseline'],
      ['A', 1, '1.2', 'Second', null, null],
      ['A', 2, null, null, null, null],
      ['B', null, null, null, null, null],
    ]);
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
  it('refuses a sheet without the needed columns', () => {
    const r = importGrid([['Name', 'Email']], () => 'x');
    expect(r.ok ? [] : r.errors.map((e) => e.column)).toEqual(['Group', 'Objective']);
  });
});
