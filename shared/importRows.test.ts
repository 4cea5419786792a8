import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { seedDocument } from './docLimits';
import { DRAFT_COLUMNS, okrHeaders, OKR_COLUMNS } from './exportRows';
import { LANGUAGES } from './i18n/languages';
import { DRAFT_HEADERS, headerKey, importGrid, type ImportResult } from './importRows';
import { LIMITS } from './limits';
import { readDraft } from './okrDoc';

const HEADER = ['Group', 'Objective no.', 'Objective', 'Key result', 'Metric', 'Champion(s)'];

/** A sheet of one group, `objectives` × `keyResults` rows (the header is row 1). */
function sheet(objectives: number, keyResults: number, cell: (o: number, k: number) => string[] = (o, k) => [`KR ${o}.${k}`, '', '']): string[][] {
  const rows = [HEADER];
  for (let o = 1; o <= objectives; o++) for (let k = 1; k <= keyResults; k++) rows.push(['Sales', String(o), `Objective ${o}`, ...cell(o, k)]);
  return rows;
}

function imported(grid: string[][]): ImportResult {
  let n = 0;
  return importGrid(grid, () => `id${n++}`);
}

const drafted = (update: Uint8Array) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return readDraft(doc);
};

describe('importGrid within the group document limits', () => {
  it('refuses 30 objectives × 25 key results, reporting the first row past each cap', () => {
    const r = imported(sheet(30, 25));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    // Objective o's key result k is on row 2 + (o − 1) × 25 + (k − 1).
    const krRow = (o: number, k: number) => 2 + (o - 1) * 25 + (k - 1);
    const tooManyKrs = (o: number) => ({ row: krRow(o, 21), column: 'Key result', message: `Objective "Objective ${o}" of group "Sales" has 25 key results: at most 20.` });
    expect(r.errors).toEqual([
      ...Array.from({ length: 20 }, (_, i) => tooManyKrs(i + 1)),
      { row: krRow(21, 1), column: 'Objective', message: 'Group "Sales" has 30 objectives: at most 20.' },
      ...Array.from({ length: 10 }, (_, i) => tooManyKrs(i + 21)),
    ]);
  });

  it('accepts exactly 20 × 20, seeding the document with all of it', () => {
    const r = imported(sheet(LIMITS.maxObjectivesPerDoc, LIMITS.maxKeyResultsPerObjective));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const draft = drafted(r.groups[0]!.update);
    expect(draft).toEqual(r.groups[0]!.draft);
    expect(draft.objectives).toHaveLength(20);
    expect(draft.objectives.every((o) => o.keyResults.length === 20)).toBe(true);
  });

  it('refuses a text longer than the field limit (not trimmed), naming its cell; exactly the limit is fine', () => {
    const long = 'x'.repeat(LIMITS.textMaxLength);
    const grid = sheet(1, 2, (_o, k) => [k === 2 ? long + 'y' : long, '', '']);
    expect(imported(grid)).toEqual({ ok: false, errors: [{ row: 3, column: 'Key result', message: `Longer than ${LIMITS.textMaxLength} characters.` }] });
    const fits = imported(sheet(1, 2, () => [long, '', '']));
    expect(fits.ok && drafted(fits.groups[0]!.update).objectives[0]!.keyResults.map((k) => k.text.length)).toEqual([5000, 5000]);
  });

  it('refuses a group whose document would pass the size limit', () => {
    // 200 key results with three full fields: ~3 MB of text, each field within its limit.
    const full = 'x'.repeat(LIMITS.textMaxLength);
    const r = imported(sheet(10, 20, () => [full, full, full]));
    expect(r).toEqual({ ok: false, errors: [{ row: 2, column: 'Group', message: expect.stringMatching(/^Group "Sales" makes a document of 2\.\d\d MiB: at most 2 MiB\.$/) }] });
  });
});

describe('seedDocument', () => {
  it('holds a draft past the caps to the same limits as a live edit', () => {
    const kr = (id: string) => ({ id, text: 'y'.repeat(LIMITS.textMaxLength + 10), type: 'metric' as const, metric: '', unit: '', baseline: '', target: '', commit: '', stretch: '', confidence: null, champion: '', indicator: null, impact: null, dismissed: [] });
    const objectives = Array.from({ length: 25 }, (_, o) => ({ id: `o${o}`, title: 'T', why: '', dismissed: [], keyResults: Array.from({ length: 22 }, (_, k) => kr(`k${o}.${k}`)) }));
    const seeded = seedDocument({ objectives });
    expect(seeded.trimmed).toBe(true);
    const draft = drafted(seeded.update);
    expect(draft.objectives).toHaveLength(LIMITS.maxObjectivesPerDoc);
    expect(draft.objectives.every((o) => o.keyResults.length === LIMITS.maxKeyResultsPerObjective)).toBe(true);
    expect(draft.objectives[0]!.keyResults[0]!.text).toHaveLength(LIMITS.textMaxLength);
    expect(seedDocument({ objectives: objectives.slice(0, 2).map((o) => ({ ...o, keyResults: [] })) }).trimmed).toBe(false);
  });
});

describe('importGrid in every language', () => {
  it('reads a header row in any of the five languages, case- and space-insensitively', () => {
    for (const language of LANGUAGES) {
      const headers = okrHeaders(language);
      const row = headers.map(() => '');
      const at = (key: string) => OKR_COLUMNS.findIndex((c) => c.key === key);
      row[at('group')] = 'Vendas';
      row[at('objective')] = 'Crescer';
      row[at('keyResult')] = 'Launch a campaign';
      row[at('confidence')] = '7';
      row[at('metric')] = 'NPS';
      row[at('unit')] = 'pts';
      // Not imported: coach flags, rules and comments.
      row[at('coachRules')] = 'kr-output, kr-no-number';
      row[at('facilitatorComments')] = 'x'.repeat(LIMITS.textMaxLength + 1);
      const shouted = headers.map((h) => `  ${h.toUpperCase().replace(/ /g, '  ')} `);
      for (const header of [headers, shouted]) {
        const r = imported([header, row]);
        expect(r.ok, `${language}: ${JSON.stringify(r)}`).toBe(true);
        if (!r.ok) continue;
        expect(r.groups.map((g) => g.name)).toEqual(['Vendas']);
        expect(r.groups[0]!.draft.objectives[0]).toMatchObject({ title: 'Crescer', keyResults: [{ text: 'Launch a campaign', confidence: 7, metric: 'NPS', unit: 'pts' }] });
      }
    }
  });

  it('has no header that names two different columns across the languages', () => {
    const owner = new Map<string, string>();
    for (const language of LANGUAGES) {
      okrHeaders(language).forEach((h, i) => {
        const key = OKR_COLUMNS[i]!.key;
        const seen = owner.get(headerKey(h));
        expect(seen === undefined || seen === key, `${language} "${h}" is ${key} and ${seen}`).toBe(true);
        owner.set(headerKey(h), key);
      });
    }
    expect([...new Set(DRAFT_HEADERS.values())].sort()).toEqual([...DRAFT_COLUMNS].sort());
  });

  it('reads "ß" as "ss" in a header', () => {
    expect(headerKey('MESSGRÖSSE')).toBe(headerKey('Messgröße'));
    expect(headerKey('Messgrösse')).toBe(headerKey('Messgröße'));
    expect(headerKey('Résultat clé')).not.toBe(headerKey('Resultat cle'));
  });

  it('reports in English, naming the column as the file names it', () => {
    const r = imported([
      ['Gruppe', 'Objective', 'Schlüsselergebnis', 'TYP', 'Zuversicht'],
      ['', 'Wachsen', 'x', 'metric', ''],
      ['Vertrieb', 'Wachsen', 'y', 'manchmal', '500'],
    ]);
    expect(r).toEqual({
      ok: false,
      errors: [
        { row: 2, column: 'Gruppe', message: 'Every row needs a group name.' },
        { row: 3, column: 'TYP', message: '"manchmal" is not a type: use metric or milestone.' },
        { row: 3, column: 'Zuversicht', message: '"500" is not a confidence between 0 and 100.' },
      ],
    });
  });

  it('refuses a header row with nothing it knows, and one without an objective or key result column', () => {
    expect(imported([['Name', 'E-Mail', 'Coach-Regeln']])).toEqual({
      ok: false,
      errors: [
        { row: 1, column: 'Group', message: 'The header row has no "Group" column.' },
        { row: 1, column: 'Objective', message: 'The header row needs an "Objective" or a "Key result" column.' },
      ],
    });
    expect(imported([['Groupe', 'Membres']])).toEqual({
      ok: false,
      errors: [{ row: 1, column: 'Objective', message: 'The header row needs an "Objective" or a "Key result" column.' }],
    });
  });

  it('keeps right-to-left text exactly as written', () => {
    const arabic = 'زيادة رضا العملاء من 30 إلى 45 ‏%';
    const hebrew = 'להגדיל את ה-NPS מ-30 ל-45';
    const r = imported([okrHeaders('en').slice(0, 7), ['فريق المبيعات', '', '1', 'עמית', '\u200Fلماذا الآن؟', '1.1', arabic], ['فريق المبيعات', '', '1', 'עמית', '', '1.2', hebrew]]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.groups[0]!.name).toBe('فريق المبيعات');
    const [o] = r.groups[0]!.draft.objectives;
    expect(o).toMatchObject({ title: 'עמית', why: '\u200Fلماذا الآن؟' });
    expect(o!.keyResults.map((k) => k.text)).toEqual([arabic, hebrew]);
  });
});
