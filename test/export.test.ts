import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WorkshopStore } from '../server/store/types';
import { parseCsv } from '../shared/csv';
import { DRAFT_COLUMNS, okrHeaders, OKR_COLUMNS } from '../shared/exportRows';
import { LIMITS } from '../shared/limits';
import { addKeyResult, addObjective, readDraft, setKeyResultField, textOf } from '../shared/okrDoc';
import { connectClient, createWorkshop, joinWorkshop, request, startServer, storedDoc, storedWorkshopIds, storeDb, roomIn, waitFor } from './helpers';
import { syncedClient } from './yjsHelpers';

const LONG = 'Ω'.repeat(4990) + ' end.';
const DANGEROUS = ['=1+1', '+33 6 12', '-2+3', '@SUM(A1)', '\tTab', '\rCR', '\0NUL'];

async function sessionWithDrafts() {
  const server = await startServer();
  const w = await createWorkshop(server.url, { groupCount: 3, title: 'Réflexion Q3 — équipe 🚀' });
  const fac = await connectClient(server.url, { workshopId: w.workshopId, facilitatorKey: w.facilitatorKey });
  const ana = await joinWorkshop(server.url, w.workshopId, 'Ana Lima');
  const ben = await joinWorkshop(server.url, w.workshopId, 'Ben Okafor');
  const cy = await joinWorkshop(server.url, w.workshopId, 'Cy');
  const a = await syncedClient(server.url, w.workshopId, ana.groupId!, ana.seatToken);
  a.doc.transact(() => {
    const o = addObjective(a.doc, 'o1');
    textOf(o, 'title').insert(0, 'Clients ravis 😀 — عملاء سعداء');
    textOf(o, 'why').insert(0, 'Line one\nLine two');
    const k1 = addKeyResult(o, 'k1');
    textOf(k1, 'text').insert(0, 'Raise NPS from 30 to 45');
    textOf(k1, 'baseline').insert(0, '30');
    textOf(k1, 'target').insert(0, '45');
    textOf(k1, 'unit').insert(0, 'pts');
    textOf(k1, 'champion').insert(0, 'Ana, Ben');
    setKeyResultField(k1, 'confidence', 7);
    DANGEROUS.forEach((d, i) => textOf(addKeyResult(o, `kd${i}`), 'text').insert(0, d));
    const k3 = addKeyResult(o, 'k3');
    textOf(k3, 'text').insert(0, LONG);
    textOf(k3, 'baseline').insert(0, '40k');
    textOf(k3, 'target').insert(0, '-5');
    const o2 = addObjective(a.doc, 'o2'); // an objective without key results
    textOf(o2, 'title').insert(0, 'Second objective');
  });
  const b = await syncedClient(server.url, w.workshopId, ben.groupId!, ben.seatToken);
  textOf(addKeyResult(addObjective(b.doc, 'ob'), 'kb'), 'text').insert(0, 'Grow revenue by 20%');
  await waitFor(async () => server.app.yjs.loadedDoc(w.workshopId, ben.groupId!) && (await storedDoc(server.app, w.workshopId, ben.groupId!)).lastEdit, 'stored');
  const posted = await request<{ id: string }>(fac, 'comment:add', { groupId: ana.groupId, itemId: 'k1', text: '=HYPERLINK("x") what is X?' });
  const anaSocket = await connectClient(server.url, { workshopId: w.workshopId, seatToken: ana.seatToken });
  await request(anaSocket, 'comment:add', { groupId: ana.groupId, itemId: 'k1', text: 'About 30', parentId: posted.ok ? posted.data.id : null });
  await waitFor(() => roomIn(server.app, w.workshopId).comments.length === 2, 'comments');
  return { ...server, ...w, ana, ben, cy };
}

async function download(url: string, path: string, token?: string) {
  return fetch(`${url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

async function readBook(res: Response): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
  return book;
}

function sheetRows(sheet: ExcelJS.Worksheet): Array<Record<string, ExcelJS.CellValue>> {
  const headers = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
  const rows: Array<Record<string, ExcelJS.CellValue>> = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    rows.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1).value])));
  });
  return rows;
}

describe('export', () => {
  it('writes an XLSX a coach would make by hand, with every key result, comment and member', async () => {
    const s = await sessionWithDrafts();
    const res = await download(s.url, `/api/workshops/${s.workshopId}/export.xlsx`, s.facilitatorKey);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="draftroom-r-flexion-q3-quipe-\d{4}-\d{2}-\d{2}\.xlsx"$/);
    const book = await readBook(res);
    expect(book.worksheets.map((w) => w.name)).toEqual(['OKRs', 'Comments', 'Participants', 'Workshop', 'Coaching', 'Group 1', 'Group 2', 'Group 3']);
    const okrs = book.getWorksheet('OKRs')!;
    expect(okrs.getRow(1).font?.bold).toBe(true);
    expect(okrs.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(okrs.autoFilter).toBeTruthy();
    const rows = sheetRows(okrs);
    const g1 = rows.filter((r) => r['Group'] === 'Group 1');
    expect(g1).toHaveLength(1 + DANGEROUS.length + 1 + 1);
    const nps = g1.find((r) => r['Key result'] === 'Raise NPS from 30 to 45')!;
    expect(nps).toMatchObject({ Members: 'Ana Lima', 'Objective no.': 1, Objective: 'Clients ravis 😀 — عملاء سعداء', 'Why it matters now': 'Line one\nLine two', 'KR no.': '1.1', 'Baseline (X)': 30, 'Target (Y)': 45, Unit: 'pts', Confidence: 7, 'Champion(s)': 'Ana, Ben' });
    // Not at the start of the cell, so nothing to neutralise there.
    expect(String(nps['Facilitator comments'])).toMatch(/^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\] Facilitator: =HYPERLINK\("x"\) what is X\?/);
    expect(String(nps['Facilitator comments'])).toContain('↳ Ana Lima: About 30');
    const long = g1.find((r) => String(r['Key result']).startsWith('ΩΩ'))!;
    expect(long['Key result']).toBe(LONG);
    expect(long['Baseline (X)']).toBe('40k');
    expect(long['Target (Y)']).toBe(-5);
    expect(g1.some((r) => r['Objective'] === 'Second objective' && r['Key result'] === null)).toBe(true);
    expect(rows.filter((r) => r['Group'] === 'Group 3')).toEqual([expect.objectContaining({ Members: 'Cy', Objective: null })]);
    // Formula-safe: every dangerous prefix is neutralised and stored as a text cell.
    const krCells = okrs.getColumn(OKR_COLUMNS.findIndex((c) => c.key === 'keyResult') + 1).values;
    for (const d of DANGEROUS) {
      // XML turns a bare CR into a line feed when read back and cannot carry NUL (shown as U+FFFD);
      // the cell is neutralised either way.
      const expected = [`'${d}`, `'${d.replace('\r', '\n').replace('\0', '\uFFFD')}`];
      expect(krCells.some((v) => expected.includes(String(v))), JSON.stringify(d)).toBe(true);
    }
    okrs.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
    const comments = sheetRows(book.getWorksheet('Comments')!);
    expect(comments.map((c) => [c['Thread'], c['Item'], c['Kind'], c['Author'], c['Comment'], c['Resolved']])).toEqual([
      [1, 'KR 1.1 — Raise NPS from 30 to 45', 'Facilitator', 'Facilitator', '\'=HYPERLINK("x") what is X?', 'No'],
      [1, 'KR 1.1 — Raise NPS from 30 to 45', 'Group member', 'Ana Lima', '↳ About 30', 'No'],
    ]);
    expect(sheetRows(book.getWorksheet('Participants')!).map((p) => [p['Name'], p['Group']])).toEqual([
      ['Ana Lima', 'Group 1'],
      ['Ben Okafor', 'Group 2'],
      ['Cy', 'Group 3'],
    ]);
    expect(sheetRows(book.getWorksheet('Workshop')!)[0]).toEqual({ Setting: 'Title', Value: 'Réflexion Q3 — équipe 🚀' });
  });

  it('writes the OKRs sheet as UTF-8 CSV with a BOM, neutralising formulas', async () => {
    const s = await sessionWithDrafts();
    const res = await download(s.url, `/api/workshops/${s.workshopId}/export.csv`, s.facilitatorKey);
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const grid = parseCsv(bytes.toString('utf8'));
    expect(grid[0]).toEqual(okrHeaders('en'));
    const kr = grid.map((r) => r[OKR_COLUMNS.findIndex((c) => c.key === 'keyResult')]);
    for (const d of DANGEROUS) expect(kr).toContain(`'${d}`);
    expect(kr).toContain(LONG);
    expect(grid.some((r) => r.includes('Clients ravis 😀 — عملاء سعداء'))).toBe(true);
  });

  it('authorises exports: facilitator sees all, a participant only their group, others nothing', async () => {
    const s = await sessionWithDrafts();
    const other = await createWorkshop(s.url);
    const path = `/api/workshops/${s.workshopId}/export.xlsx`;
    expect((await download(s.url, path)).status).toBe(401);
    expect((await download(s.url, path, 'nope')).status).toBe(401);
    expect((await download(s.url, path, other.facilitatorKey)).status).toBe(401);
    expect((await download(s.url, `/api/workshops/nope/export.csv`, s.facilitatorKey)).status).toBe(404);
    const mine = await readBook(await download(s.url, path, s.ben.seatToken));
    const rows = sheetRows(mine.getWorksheet('OKRs')!);
    expect(new Set(rows.map((r) => r['Group']))).toEqual(new Set(['Group 2']));
    expect(sheetRows(mine.getWorksheet('Participants')!).map((p) => p['Name'])).toEqual(['Ben Okafor']);
    expect(sheetRows(mine.getWorksheet('Comments')!)).toEqual([]);
    // Their own group's one-pager, and no other group's.
    expect(mine.worksheets.map((w) => w.name)).toEqual(['OKRs', 'Comments', 'Participants', 'Workshop', 'Group 2']);
    expect(cellTexts(mine.getWorksheet('Group 2')!)).toEqual(expect.arrayContaining(['Group 2', 'Ben Okafor', 'Grow revenue by 20%']));
  });
});

/** Every cell of a sheet as text (merged cells once), in row order. */
function cellTexts(sheet: ExcelJS.Worksheet): string[] {
  const texts: string[] = [];
  sheet.eachRow((row) => row.eachCell((cell) => {
    if (cell.isMerged && cell.master !== cell) return;
    if (cell.value !== null && cell.value !== undefined) texts.push(String(cell.value));
  }));
  return texts;
}

/** Item ids as an app makes them (nanoid-like), so a search for them cannot hit ordinary words. */
const IDS = { objective: 'objQ96wF2eQw', nps: 'krJx7Lp2Rt5a', danger: 'krDang9Qz1Vx', milestone: 'krMile5Wt8Hq' };
const SALES = '=Sales [EMEA]: a long group name here';

/** Group 1 (renamed SALES) with a draft and open, resolved and replied comments; group 2 empty with one comment. */
async function handoutSession() {
  const server = await startServer();
  const w = await createWorkshop(server.url, { groupCount: 2, title: 'Q3 OKRs' });
  const fac = await connectClient(server.url, { workshopId: w.workshopId, facilitatorKey: w.facilitatorKey });
  const ana = await joinWorkshop(server.url, w.workshopId, 'Ana Lima');
  const ben = await joinWorkshop(server.url, w.workshopId, 'Ben Okafor');
  expect((await request(fac, 'group:rename', { groupId: ana.groupId, name: SALES })).ok).toBe(true);
  const a = await syncedClient(server.url, w.workshopId, ana.groupId!, ana.seatToken);
  a.doc.transact(() => {
    const o = addObjective(a.doc, IDS.objective);
    textOf(o, 'title').insert(0, 'Customers love onboarding');
    textOf(o, 'why').insert(0, 'Half of new customers churn.');
    const k1 = addKeyResult(o, IDS.nps);
    textOf(k1, 'text').insert(0, 'Raise NPS from 30 to 45');
    textOf(k1, 'baseline').insert(0, '30');
    textOf(k1, 'target').insert(0, '45');
    textOf(k1, 'unit').insert(0, 'pts');
    textOf(k1, 'champion').insert(0, 'Ana Lima');
    setKeyResultField(k1, 'confidence', 7);
    textOf(addKeyResult(o, IDS.danger), 'text').insert(0, '=1+1 is not a formula');
    const k3 = addKeyResult(o, IDS.milestone);
    textOf(k3, 'text').insert(0, 'Ship the onboarding guide');
    setKeyResultField(k3, 'type', 'milestone');
  });
  await waitFor(() => server.app.yjs.draft(roomIn(server.app, w.workshopId), ana.groupId!).objectives[0]?.keyResults.length === 3, 'the draft on the server');
  const anaSocket = await connectClient(server.url, { workshopId: w.workshopId, seatToken: ana.seatToken });
  const add = async (socket: typeof fac, payload: Record<string, unknown>) => {
    const r = await request<{ id: string }>(socket, 'comment:add', payload);
    if (!r.ok) throw new Error(JSON.stringify(r));
    return r.data.id;
  };
  const onX = await add(fac, { groupId: ana.groupId, itemId: IDS.nps, field: 'baseline', text: 'Where does 30 come from?' });
  await add(anaSocket, { groupId: ana.groupId, itemId: IDS.nps, field: 'baseline', text: 'From the May survey', parentId: onX });
  const whyNow = await add(fac, { groupId: ana.groupId, itemId: IDS.objective, text: 'Why now?' });
  await add(anaSocket, { groupId: ana.groupId, itemId: null, text: 'Shall we add a KR on churn?' });
  const nice = await add(fac, { groupId: ana.groupId, itemId: IDS.nps, text: 'Nice and measurable' });
  await add(fac, { groupId: ben.groupId, itemId: null, text: 'Start with an objective' });
  for (const commentId of [whyNow, nice]) expect((await request(fac, 'comment:resolve', { commentId, resolved: true })).ok).toBe(true);
  return { ...server, ...w, ana, ben };
}

describe('the export a coach hands out', () => {
  it('names items, fields, kinds and threads in words on the Comments sheet, with no internal id anywhere', async () => {
    const s = await handoutSession();
    const book = await readBook(await download(s.url, `/api/workshops/${s.workshopId}/export.xlsx`, s.facilitatorKey));
    const rows = sheetRows(book.getWorksheet('Comments')!);
    expect(Object.keys(rows[0]!)).toEqual(['Time', 'Group', 'Thread', 'Item', 'Field', 'Kind', 'Author', 'Comment', 'Resolved']);
    const nps = 'KR 1.1 — Raise NPS from 30 to 45';
    // Per group, the whole draft first, then the items in draft order; each reply right under its comment.
    expect(rows.map((r) => [r['Group'], r['Thread'], r['Item'], r['Field'], r['Kind'], r['Author'], r['Comment'], r['Resolved']])).toEqual([
      [`'${SALES}`, 1, 'Whole draft', null, 'Group member', 'Ana Lima', 'Shall we add a KR on churn?', 'No'],
      [`'${SALES}`, 2, 'Objective 1 — Customers love onboarding', null, 'Facilitator', 'Facilitator', 'Why now?', 'Yes'],
      [`'${SALES}`, 3, nps, 'From (X)', 'Facilitator', 'Facilitator', 'Where does 30 come from?', 'No'],
      [`'${SALES}`, 3, nps, 'From (X)', 'Group member', 'Ana Lima', '↳ From the May survey', 'No'],
      [`'${SALES}`, 4, nps, null, 'Facilitator', 'Facilitator', 'Nice and measurable', 'Yes'],
      ['Group 2', 5, 'Whole draft', null, 'Facilitator', 'Facilitator', 'Start with an objective', 'No'],
    ]);
    // No item, comment, group, participant or workshop id in any cell of any sheet.
    const room = (await s.app.registry.get(s.workshopId, Date.now()))!;
    const ids = [...Object.values(IDS), ...room.comments.map((c) => c.id), ...room.state.groups.map((g) => g.id), ...room.state.participants.map((p) => p.id), s.workshopId];
    expect(room.comments).toHaveLength(6);
    const everything = book.worksheets.flatMap((sheet) => [sheet.name, ...cellTexts(sheet)]).join('\n');
    for (const id of ids) expect(everything, id).not.toContain(id);
    book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula))));
  });

  it('adds a printable one-pager per group: objectives, why, key results X → Y with unit, confidence, champion and open comments', async () => {
    const s = await handoutSession();
    const book = await readBook(await download(s.url, `/api/workshops/${s.workshopId}/export.xlsx`, s.facilitatorKey));
    // The group's name made safe as a sheet name: no []:*?/\, at most 31 characters.
    const sheetName = '=Sales -EMEA-- a long group nam';
    expect(book.worksheets.map((w) => w.name)).toEqual(['OKRs', 'Comments', 'Participants', 'Workshop', 'Coaching', sheetName, 'Group 2']);
    // The Coaching sheet names the group formula-safe too.
    expect(cellTexts(book.getWorksheet('Coaching')!)).toContain(`'${SALES}`);
    const page = book.getWorksheet(sheetName)!;
    const texts = cellTexts(page);
    // Formula-safe: the group name and a key result starting with "=" stay text.
    expect(texts).toEqual(expect.arrayContaining(['Q3 OKRs', 'Group', `'${SALES}`, 'Members', 'Ana Lima', 'Objective 1', 'Customers love onboarding', 'Why it matters now', 'Half of new customers churn.', "'=1+1 is not a formula"]));
    expect(texts.join('\n')).not.toContain('Ben Okafor');
    const krRow = (text: string) => {
      let found: ExcelJS.Row | undefined;
      page.eachRow((row) => { if (row.getCell(2).value === text) found = row; });
      return found!;
    };
    const nps = krRow('Raise NPS from 30 to 45');
    expect([1, 2, 3, 4, 5, 6].map((c) => nps.getCell(c).value)).toEqual(['1.1', 'Raise NPS from 30 to 45', '30 → 45', 'pts', '7/10', 'Ana Lima']);
    const header = page.getRow(nps.number - 1);
    expect([1, 2, 3, 4, 5, 6].map((c) => header.getCell(c).value)).toEqual(['KR', 'Key result', 'From X → to Y', 'Unit', 'Confidence', 'Champion(s)']);
    expect(header.getCell(2).font?.bold).toBe(true);
    // Its open comment and the reply right beneath it; the resolved ones nowhere.
    expect(page.getRow(nps.number + 1).getCell(2).value).toBe('• Facilitator · From (X): Where does 30 come from?');
    expect(page.getRow(nps.number + 2).getCell(2).value).toBe('↳ Ana Lima: From the May survey');
    expect(page.getRow(nps.number + 3).getCell(2).value).toBe("'=1+1 is not a formula");
    expect(texts).toContain('• Ana Lima: Shall we add a KR on churn?');
    expect(texts.join('\n')).not.toMatch(/Why now\?|Nice and measurable/);
    expect(krRow('Ship the onboarding guide').getCell(3).value).toBe('Milestone');
    // Laid out for print: bold title, readable widths, wrapped text, portrait, fit to the page width.
    expect(page.getCell('A1').font?.bold).toBe(true);
    expect(page.getColumn(2).width).toBeGreaterThanOrEqual(40);
    expect(nps.getCell(2).alignment?.wrapText).toBe(true);
    expect(page.pageSetup).toMatchObject({ orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    // Group 2: no draft yet, its open comment.
    expect(cellTexts(book.getWorksheet('Group 2')!)).toEqual(expect.arrayContaining(['Group 2', 'Ben Okafor', 'No objectives yet.', '• Facilitator: Start with an objective']));
    // The import still reads the OKRs sheet only.
    const imported = await fetch(`${s.url}/api/workshops/import?format=xlsx&title=Back`, { method: 'POST', body: new Uint8Array(Buffer.from(await book.xlsx.writeBuffer())) });
    expect(imported.status).toBe(201);
  });
});

describe('import', () => {
  it('round-trips: export → import → export gives the same draft rows', async () => {
    const s = await sessionWithDrafts();
    const first = Buffer.from(await (await download(s.url, `/api/workshops/${s.workshopId}/export.xlsx`, s.facilitatorKey)).arrayBuffer());
    const imported = await fetch(`${s.url}/api/workshops/import?format=xlsx&title=Reset`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: first });
    expect(imported.status).toBe(201);
    const created = (await imported.json()) as { workshopId: string; facilitatorKey: string };
    const second = await readBook(await download(s.url, `/api/workshops/${created.workshopId}/export.xlsx`, created.facilitatorKey));
    const pick = (rows: Array<Record<string, ExcelJS.CellValue>>) =>
      rows.map((r) => Object.fromEntries(DRAFT_COLUMNS.map((k) => { const h = okrHeaders('en')[OKR_COLUMNS.findIndex((c) => c.key === k)]!; return [h, r[h]]; })));
    const before = pick(sheetRows((await readBook(new Response(first))).getWorksheet('OKRs')!));
    expect(pick(sheetRows(second.getWorksheet('OKRs')!))).toEqual(before);
    // CSV round trip too.
    const csv = Buffer.from(await (await download(s.url, `/api/workshops/${s.workshopId}/export.csv`, s.facilitatorKey)).arrayBuffer());
    const fromCsv = await fetch(`${s.url}/api/workshops/import?format=csv&title=Reset`, { method: 'POST', body: csv });
    expect(fromCsv.status).toBe(201);
    const c = (await fromCsv.json()) as { workshopId: string; facilitatorKey: string };
    const third = await readBook(await download(s.url, `/api/workshops/${c.workshopId}/export.xlsx`, c.facilitatorKey));
    expect(pick(sheetRows(third.getWorksheet('OKRs')!))).toEqual(before);
  });

  it('imports the template, and reports bad files row by row, creating nothing', async () => {
    const { url, app } = await startServer();
    const template = Buffer.from(await (await fetch(`${url}/api/template.xlsx`)).arrayBuffer());
    const ok = await fetch(`${url}/api/workshops/import?format=xlsx&title=From template`, { method: 'POST', body: template });
    expect(ok.status).toBe(201);
    const stored = await storedWorkshopIds(app);
    expect(stored).toHaveLength(1);
    const bad = ['Group,Objective,Key result,Type,Confidence', 'Sales,Grow,Raise NPS from 30 to 45,metric,7', ',Orphan,KR,metric,', 'Sales,Grow,Other,sometimes,500'].join('\n');
    const res = await fetch(`${url}/api/workshops/import?format=csv&title=Bad`, { method: 'POST', body: bad });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { report: Array<{ row: number; column: string; message: string }> };
    expect(body.report).toEqual([
      { row: 3, column: 'Group', message: 'Every row needs a group name.' },
      { row: 4, column: 'Type', message: '"sometimes" is not a type: use metric or milestone.' },
      { row: 4, column: 'Confidence', message: '"500" is not a confidence between 0 and 100.' },
    ]);
    expect(await storedWorkshopIds(app)).toEqual(stored);
    // Formulas are not evaluated: refused with their position.
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('OKRs');
    sheet.addRow(['Group', 'Objective']);
    sheet.addRow(['Sales', { formula: '1+1', result: 2 }]);
    const withFormula = await fetch(`${url}/api/workshops/import?format=xlsx&title=F`, { method: 'POST', body: Buffer.from(await book.xlsx.writeBuffer()) });
    expect(withFormula.status).toBe(400);
    expect(((await withFormula.json()) as { report: unknown[] }).report).toEqual([{ row: 2, column: 'Objective', message: 'Formulas are not read: paste the values instead.' }]);
    const garbage = await fetch(`${url}/api/workshops/import?format=xlsx&title=G`, { method: 'POST', body: Buffer.from('not a zip') });
    expect(garbage.status).toBe(400);
    const tooBig = await fetch(`${url}/api/workshops/import?format=csv&title=Big`, { method: 'POST', body: Buffer.alloc(2 * 1024 * 1024 + 1, 'a') });
    expect(tooBig.status).toBe(413);
    expect(await storedWorkshopIds(app)).toEqual(stored);
  });
});

describe('import within the document limits', () => {
  /** What the store holds: workshop rows and document rows. */
  const stored = (store: WorkshopStore) => ({
    workshops: storeDb(store).prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM workshops').get()!.n,
    docUpdates: storeDb(store).prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM doc_updates').get()!.n,
  });
  /** A CSV of group Sales with `objectives` × `keyResults` rows (and an empty group Support). */
  const csv = (objectives: number, keyResults: number, krText = (o: number, k: number) => `KR ${o}.${k}`) => {
    const rows = ['Group,Objective no.,Objective,Key result'];
    for (let o = 1; o <= objectives; o++) for (let k = 1; k <= keyResults; k++) rows.push(`Sales,${o},Objective ${o},${krText(o, k)}`);
    return [...rows, 'Support,,,'].join('\n');
  };
  const importCsv = (url: string, body: string) => fetch(`${url}/api/workshops/import?format=csv&title=Limits`, { method: 'POST', body });

  it('refuses 30 objectives × 25 key results with a row report, storing nothing', async () => {
    const { url, app } = await startServer();
    const before = stored(app.store);
    const res = await importCsv(url, csv(30, 25));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string }; report: Array<{ row: number; column: string; message: string }> };
    expect(body.error.code).toBe('invalid_payload');
    // One line per objective past 20 key results (its 21st key result's row), one for the 21st objective.
    expect(body.report).toHaveLength(31);
    expect(body.report[0]).toEqual({ row: 22, column: 'Key result', message: 'Objective "Objective 1" of group "Sales" has 25 key results: at most 20.' });
    expect(body.report).toContainEqual({ row: 502, column: 'Objective', message: 'Group "Sales" has 30 objectives: at most 20.' });
    expect(stored(app.store)).toEqual(before);
    expect(app.registry.loadedCount).toBe(0);
  });

  it('imports exactly 20 × 20: the workshop and each group document in one transaction', async () => {
    const { url, app } = await startServer();
    const before = stored(app.store);
    const res = await importCsv(url, csv(LIMITS.maxObjectivesPerDoc, LIMITS.maxKeyResultsPerObjective));
    expect(res.status).toBe(201);
    const { workshopId } = (await res.json()) as { workshopId: string };
    expect(stored(app.store)).toEqual({ workshops: before.workshops + 1, docUpdates: before.docUpdates + 2 });
    const [sales, support] = (await app.store.loadWorkshop(workshopId))!.state.groups;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.mergeUpdates((await storedDoc(app, workshopId, sales!.id)).rows.map((r) => r.data)));
    const draft = readDraft(doc);
    expect(draft.objectives.map((o) => o.keyResults.length)).toEqual(Array(20).fill(20));
    expect(draft.objectives[19]!.keyResults[19]!.text).toBe('KR 20.20');
    expect((await storedDoc(app, workshopId, support!.id)).rows).toHaveLength(1);

    // A store failing half-way through keeps none of it.
    const statement = (app.store as unknown as { stmts: { appendUpdate: { run: (...args: unknown[]) => unknown } } }).stmts.appendUpdate;
    const run = statement.run;
    let calls = 0;
    statement.run = function (this: unknown, ...args: unknown[]) {
      if (++calls === 2) throw new Error('disk full');
      return run.apply(this, args);
    };
    const failed = await importCsv(url, csv(2, 2));
    statement.run = run;
    expect(failed.status).toBe(500);
    expect(stored(app.store)).toEqual({ workshops: before.workshops + 1, docUpdates: before.docUpdates + 2 });
    expect(app.registry.loadedCount).toBe(1);
  });

  it('refuses a text past the field limit (not trimmed), and a group whose document would pass 2 MiB', async () => {
    const { url, app } = await startServer();
    const before = stored(app.store);
    const long = await importCsv(url, csv(1, 2, (_o, k) => 'x'.repeat(LIMITS.textMaxLength + k - 1)));
    expect(long.status).toBe(400);
    expect(((await long.json()) as { report: unknown[] }).report).toEqual([{ row: 3, column: 'Key result', message: `Longer than ${LIMITS.textMaxLength} characters.` }]);
    // A compressed workbook can hold more than 2 MiB of text within the file limit: 200 key results
    // with three full fields each.
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('OKRs');
    const full = 'x'.repeat(LIMITS.textMaxLength);
    sheet.addRow(['Group', 'Objective no.', 'Objective', 'Key result', 'Metric', 'Champion(s)']);
    for (let o = 1; o <= 10; o++) for (let k = 1; k <= 20; k++) sheet.addRow(['Sales', o, `Objective ${o}`, full, full, full]);
    const file = Buffer.from(await book.xlsx.writeBuffer());
    expect(file.length).toBeLessThan(LIMITS.maxDocBytes);
    const big = await fetch(`${url}/api/workshops/import?format=xlsx&title=Big`, { method: 'POST', body: file });
    expect(big.status).toBe(400);
    expect(((await big.json()) as { report: unknown[] }).report).toEqual([
      { row: 2, column: 'Group', message: expect.stringMatching(/^Group "Sales" makes a document of 2\.\d\d MiB: at most 2 MiB\.$/) },
    ]);
    expect(stored(app.store)).toEqual(before);
  });
});
