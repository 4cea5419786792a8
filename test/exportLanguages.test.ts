/**
 * The export, the template and the import in the five languages: sheet names, headers and coach
 * flags in the workshop's language, the Coach rules column, a round trip from each language, and
 * right-to-left text kept exactly. A real server on port 0, real HTTP, the real XLSX read by exceljs.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { hintText } from '../shared/coach';
import { parseCsv } from '../shared/csv';
import { okrHeaders, OKR_COLUMNS, type OkrColumnKey } from '../shared/exportRows';
import { translator } from '../shared/i18n/i18n';
import { LANGUAGES, type Language } from '../shared/i18n/languages';
import { emptyKeyResult, type Draft } from '../shared/okr';
import { writeDraft } from '../shared/okrDoc';
import { stableJson } from '../shared/stableJson';
import { connectClient, createWorkshop, joinWorkshop, request, roomIn, startServer, waitFor, type TestServer } from './helpers';
import { syncedClient } from './yjsHelpers';

/** Right-to-left text with what makes it hard: bidi marks, embeddings and isolates, diacritics, Arabic-Indic digits. */
const ARABIC = '\u200Fزيادة رِضا العملاء مِن ٣٠ إلى ٤٥ — \u202Bمَرْحَبًا بكم\u202C (NPS)';
const HEBREW = 'להגדיל את שביעות הרצון מ-30 ל-45 \u2067שָׁלוֹם\u2069 עד Q3\u200E';
const MIXED = 'عملاء سعداء — לקוחות מרוצים — Happy customers';

const DRAFT: Draft = {
  objectives: [
    {
      id: 'o1',
      title: MIXED,
      why: 'Line one\nالسطر الثاني',
      dismissed: [],
      keyResults: [
        { ...emptyKeyResult('k1'), text: ARABIC, metric: 'NPS', unit: 'نقاط', baseline: '30', target: '45', commit: '40', stretch: '50', confidence: 7, champion: 'אנה, Ben', indicator: 'leading', impact: 'customer' },
        { ...emptyKeyResult('k2'), text: 'Launch a campaign' },
        { ...emptyKeyResult('k3'), text: HEBREW, type: 'milestone', baseline: '40k', target: '-5' },
        { ...emptyKeyResult('k4'), text: '=1+1 is not a formula' },
      ],
    },
    { id: 'o2', title: 'Objective without key results', why: '', dismissed: [], keyResults: [] },
  ],
};

/** A draft without its item ids (an import makes new ones). */
const content = (draft: Draft) =>
  draft.objectives.map(({ title, why, keyResults }) => ({ title, why, keyResults: keyResults.map(({ id: _id, dismissed: _d, ...kr }) => kr) }));

interface Workshop {
  workshopId: string;
  facilitatorKey: string;
}

/** A workshop in `language` whose first group holds `draft` on the server (the second group stays empty). */
async function workshopWith(server: TestServer, language: Language, draft: Draft): Promise<Workshop> {
  const w = await createWorkshop(server.url, { groupCount: 2, title: `Atelier ${language}`, language });
  const ana = await joinWorkshop(server.url, w.workshopId, 'Ana');
  const client = await syncedClient(server.url, w.workshopId, ana.groupId!, ana.seatToken);
  writeDraft(client.doc, draft);
  const want = stableJson(content(draft));
  await waitFor(() => stableJson(content(server.app.yjs.draft(roomIn(server.app, w.workshopId), ana.groupId!))) === want, 'the draft on the server', 20_000);
  return w;
}

const download = (server: TestServer, path: string, token?: string) => fetch(`${server.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer());

async function readBook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}

const headerRow = (sheet: ExcelJS.Worksheet) => (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);

function sheetRows(sheet: ExcelJS.Worksheet): Array<Record<string, ExcelJS.CellValue>> {
  const headers = headerRow(sheet);
  const rows: Array<Record<string, ExcelJS.CellValue>> = [];
  sheet.eachRow((row, n) => {
    if (n > 1) rows.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1).value])));
  });
  return rows;
}

/** The header of column `key` in `language`. */
const header = (language: Language, key: OkrColumnKey) => okrHeaders(language)[OKR_COLUMNS.findIndex((c) => c.key === key)]!;
const sheetNames = (language: Language) => (['okrs', 'comments', 'participants', 'workshop'] as const).map((s) => translator(language)(`sheet:sheets.${s}`));
/** The sheets of a facilitator's export before the one-pagers: the template's, then Coaching. */
const exportSheetNames = (language: Language) => [...sheetNames(language), translator(language)('sheet:sheets.coaching')];

/** Imports a file; the new workshop's groups with their drafts as the server stores them. */
async function importFile(server: TestServer, file: Buffer, format: 'xlsx' | 'csv', language: Language) {
  const res = await fetch(`${server.url}/api/workshops/import?format=${format}&title=Back&language=${language}`, { method: 'POST', body: new Uint8Array(file) });
  const body = (await res.json()) as { workshopId: string; report?: unknown };
  expect(res.status, JSON.stringify(body.report)).toBe(201);
  const room = (await server.app.registry.get(body.workshopId, Date.now()))!;
  expect(room.state.language).toBe(language);
  return room.state.groups.map((g) => ({ name: g.name, draft: content(server.app.yjs.draft(room, g.id)) }));
}

/** Every cell of a sheet as text (merged cells once). */
function cellsOf(sheet: ExcelJS.Worksheet): string[] {
  const texts: string[] = [];
  sheet.eachRow((row) => row.eachCell((cell) => { if (!cell.isMerged || cell.master === cell) texts.push(String(cell.value)); }));
  return texts;
}

const groupNames = async (server: TestServer, workshopId: string) => (await server.app.registry.get(workshopId, Date.now()))!.state.groups.map((g) => g.name);

describe('export in the workshop language', () => {
  it('a German workshop exports German sheets and headers, German coach flags and the rule ids in Coach rules', async () => {
    const server = await startServer();
    const draft: Draft = {
      objectives: [
        {
          id: 'o1',
          title: 'Unsere Kundschaft bleibt',
          why: 'Zu viele kündigen im ersten Jahr.',
          dismissed: [],
          keyResults: [{ ...emptyKeyResult('k1'), text: 'Kündigungsquote von 12 % auf 8 % senken' }, { ...emptyKeyResult('k2'), text: 'Launch a campaign' }],
        },
      ],
    };
    const w = await workshopWith(server, 'de', draft);
    const [first, second] = (await server.app.registry.get(w.workshopId, Date.now()))!.state.groups;
    const fac = await connectClient(server.url, { workshopId: w.workshopId, facilitatorKey: w.facilitatorKey });
    expect((await request(fac, 'comment:add', { groupId: first!.id, itemId: 'k1', field: 'baseline', text: 'Woher kommen die 12 %?' })).ok).toBe(true);
    const path = `/api/workshops/${w.workshopId}/export`;
    const book = await readBook(await bytesOf(await download(server, `${path}.xlsx`, w.facilitatorKey)));
    expect(book.worksheets.map((s) => s.name)).toEqual(['OKRs', 'Kommentare', 'Teilnehmende', 'Workshop', 'Coaching', first!.name, second!.name]);
    // The Comments sheet and the one-pager in German.
    const facilitator = translator('de')('defaults.facilitator');
    expect(sheetRows(book.getWorksheet('Kommentare')!)).toEqual([
      { Zeit: expect.stringMatching(/UTC$/), Gruppe: first!.name, Thread: 1, Eintrag: 'KR 1.1 — Kündigungsquote von 12 % auf 8 % senken', Feld: 'Von (X)', Art: 'Moderation', 'Verfasst von': facilitator, Kommentar: 'Woher kommen die 12 %?', Erledigt: 'Nein' },
    ]);
    const texts = cellsOf(book.getWorksheet(first!.name)!);
    expect(texts).toEqual(expect.arrayContaining(['Atelier de', 'Gruppe', first!.name, 'Mitglieder', 'Ana', 'Exportiert', 'Objective 1', 'Unsere Kundschaft bleibt', 'Warum es jetzt wichtig ist', 'Zu viele kündigen im ersten Jahr.']));
    expect(texts).toEqual(expect.arrayContaining(['KR', 'Schlüsselergebnis', 'Von X → auf Y', 'Einheit', 'Zuversicht', 'Champion(s)', 'Offene Kommentare', `• ${facilitator} · Von (X): Woher kommen die 12 %?`]));
    expect(cellsOf(book.getWorksheet(second!.name)!)).toContain('Noch keine Objectives.');
    const okrs = book.getWorksheet('OKRs')!;
    const headers = headerRow(okrs);
    expect(headers).toEqual(okrHeaders('de'));
    expect(headers).toEqual(expect.arrayContaining(['Gruppe', 'Objective', 'Schlüsselergebnis', 'Ausgangswert (X)', 'Zielwert (Y)', 'Zuversicht']));
    expect(headers.slice(headers.indexOf('Coach-Hinweise'), headers.indexOf('Coach-Hinweise') + 2)).toEqual(['Coach-Hinweise', 'Coach-Regeln']);
    const launch = sheetRows(okrs).find((r) => r['Schlüsselergebnis'] === 'Launch a campaign')!;
    expect(launch['Coach-Regeln']).toBe('kr-output, kr-no-number');
    expect(String(launch['Coach-Hinweise']).split('\n')[0]).toBe('„Launch“ beschreibt eine Aktivität, kein Ergebnis.');
    expect(String(launch['Coach-Hinweise']).split('\n')).toHaveLength(2);
    const settings = sheetRows(book.getWorksheet('Workshop')!);
    expect(settings[0]).toEqual({ Einstellung: 'Titel', Wert: 'Atelier de' });
    expect(settings.map((r) => r['Einstellung'])).toEqual(expect.arrayContaining(['Datum', 'Exportiert', 'Gruppen', 'Teilnehmende', 'Zyklus', 'Objectives pro Gruppe']));
    expect(headerRow(book.getWorksheet('Teilnehmende')!)).toEqual(['Name', 'Gruppe', 'Beigetreten']);

    // The CSV: the same German headers and rule ids.
    const grid = parseCsv((await bytesOf(await download(server, `${path}.csv`, w.facilitatorKey))).toString('utf8'));
    expect(grid[0]).toEqual(okrHeaders('de'));
    const csvLaunch = grid.find((r) => r[headers.indexOf('Schlüsselergebnis')] === 'Launch a campaign')!;
    expect(csvLaunch[headers.indexOf('Coach-Regeln')]).toBe('kr-output, kr-no-number');
    expect(csvLaunch[headers.indexOf('Coach-Hinweise')]!.split('\n')[0]).toBe('„Launch“ beschreibt eine Aktivität, kein Ergebnis.');

    // ?language= overrides the workshop's: French words, the same rule ids.
    const french = await readBook(await bytesOf(await download(server, `${path}.xlsx?language=fr`, w.facilitatorKey)));
    expect(french.worksheets.map((s) => s.name)).toEqual([...exportSheetNames('fr'), first!.name, second!.name]);
    expect(cellsOf(french.getWorksheet(first!.name)!)).toEqual(expect.arrayContaining(['Membres', 'Objectif 1', 'De X → à Y', 'Commentaires ouverts']));
    const frRows = sheetRows(french.getWorksheet(sheetNames('fr')[0]!)!);
    const frLaunch = frRows.find((r) => r[header('fr', 'keyResult')] === 'Launch a campaign')!;
    expect(frLaunch[header('fr', 'coachRules')]).toBe('kr-output, kr-no-number');
    expect(String(frLaunch[header('fr', 'flags')]).split('\n')[0]).toBe(hintText(translator('fr'), { rule: 'kr-output', params: { verb: 'Launch' } }).message);
    const frCsv = parseCsv((await bytesOf(await download(server, `${path}.csv?language=fr`, w.facilitatorKey))).toString('utf8'));
    expect(frCsv[0]).toEqual(okrHeaders('fr'));
  });

  it('refuses an unknown language with a 400 naming the field, on the template and the export', async () => {
    const server = await startServer();
    const w = await createWorkshop(server.url, { language: 'de' });
    for (const path of ['/api/template.xlsx?language=it', '/api/template.csv?language=EN', `/api/workshops/${w.workshopId}/export.xlsx?language=xx`, `/api/workshops/${w.workshopId}/export.csv?language=`]) {
      const res = await download(server, path, w.facilitatorKey);
      expect(res.status, path).toBe(400);
      const body = (await res.json()) as { error: { code: string; field?: string; message: string } };
      expect(body.error, path).toMatchObject({ code: 'invalid_payload', field: 'language', message: expect.stringMatching(/^language: /) });
    }
  });
});

describe('round trip in every language', () => {
  for (const language of LANGUAGES) {
    it(`a ${language} export (XLSX and CSV) imports back to the same drafts`, async () => {
      const server = await startServer();
      const w = await workshopWith(server, language, DRAFT);
      const names = await groupNames(server, w.workshopId);
      const want = [
        { name: names[0], draft: content(DRAFT) },
        { name: names[1], draft: [] },
      ];
      const xlsx = await bytesOf(await download(server, `/api/workshops/${w.workshopId}/export.xlsx`, w.facilitatorKey));
      const book = await readBook(xlsx);
      expect(book.worksheets.map((s) => s.name)).toEqual([...exportSheetNames(language), ...names]);
      expect(headerRow(book.worksheets[0]!)).toEqual(okrHeaders(language));
      // Type, leading/lagging and customer/business in words of the language; the import reads them back.
      const t = translator(language);
      const cells = sheetRows(book.worksheets[0]!).map((r) => [r[header(language, 'type')], r[header(language, 'indicator')], r[header(language, 'impact')]]);
      expect(cells.slice(0, 3)).toEqual([
        [t('sheet:options.metric'), t('sheet:options.leading'), t('sheet:options.customer')],
        [t('sheet:options.metric'), null, null],
        [t('sheet:options.milestone'), null, null],
      ]);
      expect(await importFile(server, xlsx, 'xlsx', language)).toEqual(want);
      const csv = await bytesOf(await download(server, `/api/workshops/${w.workshopId}/export.csv`, w.facilitatorKey));
      expect(parseCsv(csv.toString('utf8'))[0]).toEqual(okrHeaders(language));
      expect(await importFile(server, csv, 'csv', language)).toEqual(want);
    });
  }
});

describe('the template in every language', () => {
  for (const language of LANGUAGES) {
    it(`the ${language} template (XLSX and CSV) is in ${language} and imports`, async () => {
      const server = await startServer();
      const t = translator(language);
      const want = [
        {
          name: t('sheet:template.group'),
          draft: [{ title: t('sheet:template.objective'), why: t('sheet:template.why'), keyResults: [expect.objectContaining({ text: t('sheet:template.kr1'), baseline: '30', target: '45', confidence: 6 }), expect.objectContaining({ text: t('sheet:template.kr2'), unit: t('sheet:template.unit2') })] }],
        },
        { name: t('sheet:template.emptyGroup'), draft: [] },
      ];
      const xlsx = await bytesOf(await download(server, `/api/template.xlsx?language=${language}`));
      const book = await readBook(xlsx);
      expect(book.worksheets.map((s) => s.name)).toEqual(sheetNames(language));
      expect(headerRow(book.worksheets[0]!)).toEqual(okrHeaders(language));
      expect(sheetRows(book.worksheets[3]!)[0]).toEqual({ [t('sheet:workshop.setting')]: t('sheet:workshop.title'), [t('sheet:workshop.value')]: t('sheet:template.title') });
      expect(await importFile(server, xlsx, 'xlsx', language)).toEqual(want);
      const csv = await bytesOf(await download(server, `/api/template.csv?language=${language}`));
      expect(parseCsv(csv.toString('utf8'))[0]).toEqual(okrHeaders(language));
      expect(await importFile(server, csv, 'csv', language)).toEqual(want);
    });
  }

  it('is in English without a language', async () => {
    const server = await startServer();
    expect(headerRow((await readBook(await bytesOf(await download(server, '/api/template.xlsx')))).worksheets[0]!)).toEqual(okrHeaders('en'));
    expect(parseCsv((await bytesOf(await download(server, '/api/template.csv'))).toString('utf8'))[0]).toEqual(okrHeaders('en'));
  });
});

describe('right-to-left text', () => {
  it('comes out of XLSX and CSV byte-identical and round-trips through the import', async () => {
    const server = await startServer();
    const w = await workshopWith(server, 'en', DRAFT);
    const texts: Array<[OkrColumnKey, string]> = [
      ['objective', MIXED],
      ['why', 'Line one\nالسطر الثاني'],
      ['keyResult', ARABIC],
      ['keyResult', HEBREW],
      ['unit', 'نقاط'],
      ['champion', 'אנה, Ben'],
    ];
    const xlsx = await bytesOf(await download(server, `/api/workshops/${w.workshopId}/export.xlsx`, w.facilitatorKey));
    const cells = sheetRows((await readBook(xlsx)).getWorksheet('OKRs')!);
    const csv = await bytesOf(await download(server, `/api/workshops/${w.workshopId}/export.csv`, w.facilitatorKey));
    const grid = parseCsv(csv.toString('utf8'));
    for (const [key, text] of texts) {
      const bytes = Buffer.from(text, 'utf8');
      const at = OKR_COLUMNS.findIndex((c) => c.key === key);
      // XLSX: some cell of the column holds exactly these bytes.
      expect(cells.some((r) => typeof r[header('en', key)] === 'string' && Buffer.from(r[header('en', key)] as string, 'utf8').equals(bytes)), `${key} XLSX`).toBe(true);
      // CSV: the bytes appear as they are in the file (a cell with a line break is quoted, not changed) …
      expect(csv.includes(bytes), `${key} CSV bytes`).toBe(true);
      // … and read back to the same text.
      expect(grid.some((r) => r[at] === text), `${key} CSV cell`).toBe(true);
    }
    const names = await groupNames(server, w.workshopId);
    const want = [
      { name: names[0], draft: content(DRAFT) },
      { name: names[1], draft: [] },
    ];
    expect(await importFile(server, xlsx, 'xlsx', 'en')).toEqual(want);
    expect(await importFile(server, csv, 'csv', 'en')).toEqual(want);
  });
});
