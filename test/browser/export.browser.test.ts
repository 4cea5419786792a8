import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { addKeyResult, addObjective, textOf } from '../../shared/okrDoc';
import { createWorkshop, joinWorkshop, startServer } from '../helpers';
import { syncedClient } from '../yjsHelpers';
import { newPage } from './browser';

it('the facilitator downloads the session as XLSX from the console', async () => {
  const { url } = await startServer({ clientDir: 'dist/client' });
  const w = await createWorkshop(url, { groupCount: 2, title: 'Export me' });
  const ana = await joinWorkshop(url, w.workshopId, 'Ana');
  const c = await syncedClient(url, w.workshopId, ana.groupId!, ana.seatToken);
  textOf(addKeyResult(addObjective(c.doc, 'o1'), 'k1'), 'text').insert(0, 'Raise NPS from 30 to 45');
  const page = await newPage();
  await page.goto(w.facilitatorUrl);
  await page.getByTestId('console-title').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
  expect(download.suggestedFilename()).toMatch(/^draftroom-export-me-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
  const values = book.getWorksheet('OKRs')!.getColumn(7).values.map(String);
  expect(values).toContain('Raise NPS from 30 to 45');
}, 60_000);
