/** The teaching board and coaching progress (issue #23) over real sockets: who may show it, what participants receive, what a restart keeps. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { createApp } from '../server/app';
import { defaultConfig, type Config } from '../server/config';
import type { BoardView, CoachingReport } from '../shared/coaching';
import { SETTLE_MS } from '../shared/coaching';
import { addKeyResult, addObjective, textOf } from '../shared/okrDoc';
import type { FacilitatorView, RadarSummary, WorkshopHeader } from '../shared/views';
import { connectClient, createWorkshop, joinWorkshop, latest, onCleanup, request, socketBarrier, storeDb, waitFor, type ClientSocket } from './helpers';
import { syncedClient } from './yjsHelpers';

/** A server whose clock can be moved ahead, so that hints settle without waiting SETTLE_MS. */
async function skewableServer(overrides: Partial<Config> = {}) {
  let skew = 0;
  const app = createApp(defaultConfig({ broadcastIntervalMs: 10, ...overrides }), () => Date.now() + skew);
  const url = await app.listen();
  onCleanup(() => app.close());
  return { app, url, ahead: (ms: number) => (skew += ms) };
}

const NAMES = { group1: 'Falcons', group2: 'Otters', ana: 'Ana Lima', ben: 'Ben Okafor' };

/** Two named groups (Ana in one, Ben in the other), the console watching the radar, breakouts open. */
async function workshop(overrides: Partial<Config> = {}) {
  const server = await skewableServer(overrides);
  const w = await createWorkshop(server.url, { groupCount: 2 });
  const fac = await connectClient(server.url, { workshopId: w.workshopId, facilitatorKey: w.facilitatorKey });
  const ana = await joinWorkshop(server.url, w.workshopId, NAMES.ana);
  const ben = await joinWorkshop(server.url, w.workshopId, NAMES.ben);
  expect(ana.groupId).not.toBe(ben.groupId);
  expect((await request(fac, 'group:rename', { groupId: ana.groupId, name: NAMES.group1 })).ok).toBe(true);
  expect((await request(fac, 'group:rename', { groupId: ben.groupId, name: NAMES.group2 })).ok).toBe(true);
  expect((await request(fac, 'phase:set', { phase: 'breakouts' })).ok).toBe(true);
  await request(fac, 'radar:list', {});
  return { ...server, ...w, fac, ana, ben };
}

type Workshop = Awaited<ReturnType<typeof workshop>>;

/** Ana's group writes `text` as its one key result; resolves once the console's report has it as an open hint that settled. */
async function writeActivity(w: Workshop, text: string) {
  const a = await syncedClient(w.url, w.workshopId, w.ana.groupId!, w.ana.seatToken);
  const kr = textOf(addKeyResult(addObjective(a.doc, 'o1'), 'k1'), 'text');
  kr.insert(0, text);
  const radar = latest(w.fac, 'radar:summaries');
  await waitFor(() => radar.value?.some((s) => s.groupId === w.ana.groupId && s.flags['kr-output']?.includes('k1')), 'the radar flags the activity');
  w.ahead(SETTLE_MS);
  const report = await waitFor(async () => {
    const r = await request<CoachingReport>(w.fac, 'coaching:report', {});
    return r.ok && r.data.board.patterns.some((p) => p.rule === 'kr-output') ? r.data : null;
  }, 'the pattern in the report');
  return { doc: a, kr, report };
}

const boardOf = (socket: ClientSocket) => latest(socket, 'board:content');

it('shows the board to every participant, without names unless the facilitator shows them, and takes it down', async () => {
  const w = await workshop();
  const { report } = await writeActivity(w, 'Run 5 workshops');
  expect(report.board.patterns[0]).toMatchObject({ rule: 'kr-output', groups: 1, open: 1, examples: [{ text: 'Run 5 workshops', group: NAMES.group1 }] });
  expect(report.figures.groups.map((g) => [g.name, g.hints.raised, g.hints.open])).toEqual([[NAMES.group1, 2, 2], [NAMES.group2, 0, 0]]);
  const ben = await connectClient(w.url, { workshopId: w.workshopId, seatToken: w.ben.seatToken });

  // Only in the plenary.
  expect(await request(w.fac, 'board:set', { shown: true, names: false })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  await request(w.fac, 'phase:set', { phase: 'plenary' });
  expect((await request(w.fac, 'board:set', { shown: true, names: false })).ok).toBe(true);
  const board = await waitFor(() => boardOf(ben).value, 'the board on a participant’s socket');
  await waitFor(() => latest(ben, 'workshop:meta').value?.board?.names === false, 'the meta says it is shown');
  expect(board.patterns[0]).toMatchObject({ rule: 'kr-output', groups: 1, examples: [{ text: 'Run 5 workshops', group: null }] });
  expect(board.totalGroups).toBe(2);
  const hidden = JSON.stringify(board);
  for (const secret of [...Object.values(NAMES), w.ana.groupId!, w.ben.groupId!, w.ana.participantId, w.ben.participantId]) expect(hidden).not.toContain(secret);

  // Someone joining now is sent it with the rest of the workshop.
  const ana = await connectClient(w.url, { workshopId: w.workshopId, seatToken: w.ana.seatToken });
  await waitFor(() => boardOf(ana).value, 'the board for a newcomer');
  expect(JSON.stringify(boardOf(ana).value)).toBe(hidden);

  // Names shown: the group is named (never a person, never an id).
  expect((await request(w.fac, 'board:set', { shown: true, names: true })).ok).toBe(true);
  await waitFor(() => boardOf(ben).value?.names === true, 'the named board');
  const named = JSON.stringify(boardOf(ben).value);
  expect(boardOf(ben).value!.patterns[0]!.examples[0]!.group).toBe(NAMES.group1);
  for (const secret of [NAMES.ana, NAMES.ben, w.ana.groupId!, w.ben.groupId!]) expect(named).not.toContain(secret);

  // Taken down by the facilitator; shown again, then taken down by leaving the plenary.
  expect((await request(w.fac, 'board:set', { shown: false, names: true })).ok).toBe(true);
  await waitFor(() => latest(ben, 'workshop:meta').value?.board === null, 'taken down');
  expect((await request(w.fac, 'board:set', { shown: true, names: false })).ok).toBe(true);
  await waitFor(() => latest(ben, 'workshop:meta').value?.board !== null, 'shown again');
  await request(w.fac, 'phase:set', { phase: 'breakouts' });
  await waitFor(() => latest(ben, 'workshop:meta').value?.board === null, 'taken down with the plenary');
  await waitFor(() => (latest(w.fac, 'facilitator:state').value as FacilitatorView | undefined)?.session.board === null, 'the console sees it down');
});

it('refuses the board to participants and bad payloads, and changes nothing', async () => {
  const w = await workshop();
  await request(w.fac, 'phase:set', { phase: 'plenary' });
  const ben = await connectClient(w.url, { workshopId: w.workshopId, seatToken: w.ben.seatToken });
  expect(await request(ben, 'board:set', { shown: true, names: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  expect(await request(ben, 'coaching:report', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  for (const payload of [undefined, {}, { shown: true }, { shown: 'yes', names: false }, { shown: true, names: 1 }, { shown: true, names: false, groupId: 'x' }, [true, false], 'show']) {
    const r = await request(w.fac, 'board:set', payload);
    expect(r, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  }
  await socketBarrier(w.fac);
  await socketBarrier(ben);
  expect(w.app.registry.inMemory(w.workshopId)!.state.session.board).toBeNull();
  expect((latest(ben, 'workshop:meta').value as WorkshopHeader).board).toBeNull();
  expect(boardOf(ben).value).toBeUndefined();
});

it('records a fix as a before → after pair, sends the radar its sparkline, and keeps the record across a restart', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'draftroom-coaching-'));
  onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
  const w = await workshop({ dataDir });
  const { kr } = await writeActivity(w, 'Run 5 workshops');
  const radar = latest(w.fac, 'radar:summaries');
  const mine = () => radar.value?.find((s: RadarSummary) => s.groupId === w.ana.groupId);
  // The radar sends the group again when its hints settle (a real timer: up to SETTLE_MS).
  await waitFor(() => mine()?.coaching?.open === 2, 'the radar counts the open hints', 2 * SETTLE_MS);
  expect(mine()!.coaching!.series).toHaveLength(16);
  expect(Math.max(...mine()!.coaching!.series)).toBe(2);

  w.ahead(3000); // past the radar's coach window: the rewording is read at once
  kr.delete(0, kr.length);
  kr.insert(0, 'Raise NPS from 20 to 35');
  await waitFor(() => mine()?.coaching?.fixed === 1 && mine()?.flags['kr-output'] === undefined, 'the fix on the radar');
  const report = await request<CoachingReport>(w.fac, 'coaching:report', {});
  expect(report.ok && report.data.board.patterns.find((p) => p.rule === 'kr-output')!.pairs).toEqual([{ before: 'Run 5 workshops', after: 'Raise NPS from 20 to 35', group: NAMES.group1 }]);
  const figures = report.ok ? report.data.figures : null;
  expect(figures!.groups[0]).toMatchObject({ name: NAMES.group1, hints: { raised: 2, fixed: 1, open: 1 } });
  expect(figures!.groups[0]!.firstKeyResultMs).toEqual(expect.any(Number));

  // A comment given and resolved counts on the group.
  const c = await request<{ id: string }>(w.fac, 'comment:add', { groupId: w.ana.groupId, text: 'What is X today?' });
  await request(w.fac, 'comment:resolve', { commentId: c.ok ? c.data.id : '', resolved: true });

  await w.app.close();
  const again = await skewableServer({ dataDir });
  const fac = await connectClient(again.url, { workshopId: w.workshopId, facilitatorKey: w.facilitatorKey });
  const after = await request<CoachingReport>(fac, 'coaching:report', {});
  expect(after.ok && after.data.board.patterns.find((p) => p.rule === 'kr-output')!.pairs[0]).toMatchObject({ before: 'Run 5 workshops', after: 'Raise NPS from 20 to 35' });
  expect(after.ok && after.data.figures.groups[0]).toMatchObject({ hints: { raised: 2, fixed: 1 }, comments: { given: 1, resolved: 1 }, firstKeyResultMs: figures!.groups[0]!.firstKeyResultMs });
  // Deleting the workshop deletes its record too.
  await request(fac, 'workshop:delete', {});
  await waitFor(() => storeDb(again.app.store).prepare<[string], { n: number }>('SELECT count(*) AS n FROM coaching WHERE workshop_id = ?').get(w.workshopId)!.n === 0, 'record deleted');
});

it('updates the shown board live, throttled, and only when it changes', async () => {
  const w = await workshop();
  await writeActivity(w, 'Launch a campaign');
  await request(w.fac, 'phase:set', { phase: 'plenary' });
  const ben = await connectClient(w.url, { workshopId: w.workshopId, seatToken: w.ben.seatToken });
  const boards: BoardView[] = [];
  ben.on('board:content', (b) => boards.push(b));
  await request(w.fac, 'board:set', { shown: true, names: true });
  await waitFor(() => boards.length === 1, 'the board');
  expect(boards[0]!.progress.hints.open).toBe(3);
  expect(boards[0]!.patterns[0]!.examples[0]).toEqual({ text: 'Launch a campaign', group: NAMES.group1 });
  // Renamed twice in a row: one new board (throttled), with the last name.
  await request(w.fac, 'group:rename', { groupId: w.ana.groupId, name: 'Eagles' });
  await request(w.fac, 'group:rename', { groupId: w.ana.groupId, name: 'Herons' });
  await waitFor(() => boards.at(-1)?.patterns[0]?.examples[0]?.group === 'Herons', 'the renamed group on the board');
  // What the board does not show changes nothing: no board is sent again.
  await request(w.fac, 'group:rename', { groupId: w.ben.groupId, name: 'Badgers' });
  await request(w.fac, 'comment:add', { groupId: w.ana.groupId, itemId: 'k1', text: 'What outcome?' });
  await request(w.fac, 'board:set', { shown: true, names: false });
  await waitFor(() => boards.at(-1)?.names === false, 'the board without names');
  expect(boards.length).toBeLessThanOrEqual(3);
  expect(boards.map((b) => b.names)).toEqual(boards.length === 3 ? [true, true, false] : [true, false]);
});

/** The XLSX a facilitator (or a seat) downloads. */
async function exportBook(w: Workshop, token: string, query = ''): Promise<ExcelJS.Workbook> {
  const res = await fetch(`${w.url}/api/workshops/${w.workshopId}/export.xlsx${query}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
  return book;
}

const rowsOf = (sheet: ExcelJS.Worksheet) => sheet.getSheetValues().slice(1).map((row) => (row as ExcelJS.CellValue[]).slice(1));

it('exports a Coaching sheet per group (translated, formula-safe, numbers as numbers) that the import ignores', async () => {
  const w = await workshop();
  const { kr } = await writeActivity(w, 'Run 5 workshops');
  w.ahead(3000);
  kr.delete(0, kr.length);
  kr.insert(0, 'Raise NPS from 20 to 35');
  await waitFor(async () => {
    const r = await request<CoachingReport>(w.fac, 'coaching:report', {});
    return r.ok && r.data.figures.overall.hints.fixed === 1;
  }, 'the fix recorded');
  const c = await request<{ id: string }>(w.fac, 'comment:add', { groupId: w.ben.groupId, text: 'Start with an objective' });
  expect(c.ok).toBe(true);
  await request(w.fac, 'group:rename', { groupId: w.ben.groupId, name: '=Otters+1' });
  const report = await request<CoachingReport>(w.fac, 'coaching:report', {});
  const minutes = Math.round(report.ok ? report.data.figures.groups[0]!.firstKeyResultMs! / 6000 : NaN) / 10;

  const book = await exportBook(w, w.facilitatorKey);
  const sheet = book.getWorksheet('Coaching')!;
  expect(rowsOf(sheet)).toEqual([
    ['Group', 'Hints raised', 'Hints fixed', 'Hints still open', 'Comments given', 'Comments resolved', 'Minutes to first key result'],
    [NAMES.group1, 2, 1, 1, 0, 0, minutes],
    ["'=Otters+1", 0, 0, 0, 1, 0], // no key result yet: an empty cell
    ['All groups (minutes: median)', 2, 1, 1, 1, 0, minutes],
  ]);
  sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
  // In German; and a participant's own export has no Coaching sheet.
  const german = await exportBook(w, w.facilitatorKey, '?language=de');
  expect(rowsOf(german.getWorksheet('Coaching')!)[0]).toEqual(['Gruppe', 'Hinweise gegeben', 'Hinweise behoben', 'Hinweise noch offen', 'Kommentare gegeben', 'Kommentare erledigt', 'Minuten bis zum ersten Key Result']);
  expect((await exportBook(w, w.ana.seatToken)).getWorksheet('Coaching')).toBeUndefined();

  // The import reads the OKRs sheet and leaves the Coaching sheet alone.
  const file = await (await fetch(`${w.url}/api/workshops/${w.workshopId}/export.xlsx`, { headers: { authorization: `Bearer ${w.facilitatorKey}` } })).arrayBuffer();
  const imported = await fetch(`${w.url}/api/workshops/import?format=xlsx&title=Again`, { method: 'POST', body: new Uint8Array(file) });
  expect(imported.status).toBe(201);
  const again = (await w.app.registry.get(((await imported.json()) as { workshopId: string }).workshopId, Date.now()))!;
  expect(again.state.groups.map((g) => g.name)).toEqual([NAMES.group1, '=Otters+1']);
  expect(w.app.yjs.draft(again, again.state.groups[0]!.id).objectives[0]!.keyResults[0]!.text).toBe('Raise NPS from 20 to 35');
});
