/** The session report (issue #23): the facilitator's one page, its notes, and its PDF (Chromium's print) checked against the export. */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import type { CoachingReport } from '../../shared/coaching';
import { LIMITS } from '../../shared/limits';
import { addKeyResult, addObjective, findItem, textOf } from '../../shared/okrDoc';
import { connectClient, createWorkshop, joinWorkshop, request, startServer, waitFor, type ClientSocket } from '../helpers';
import { syncedClient } from '../yjsHelpers';
import { newPage, screenshot, SCREENSHOT_DIR } from './browser';

const DRAFTS: Array<[string, string, string[]]> = [
  ['Customers love onboarding', 'Half of new customers stall in week one', ['Run 5 workshops for the sales team', 'Raise NPS from 20 to 35']],
  ['Win the mid-market', 'Deals stall after the demo', ['Launch a new onboarding campaign', 'Increase website traffic by 20%', 'Cut churn from 9% to 6%']],
  ['A product people recommend', '', ['Cut churn from 9% to 6%', 'Raise activation from 40% to 60%']],
];

async function patternsReady(fac: ClientSocket): Promise<void> {
  await waitFor(async () => {
    const r = await request<CoachingReport>(fac, 'coaching:report', {});
    return r.ok && r.data.board.patterns.find((p) => p.rule === 'kr-output')?.groups === 2;
  }, 'the coach’s patterns', 20_000);
}

/** The numbers of the XLSX export: OKR rows, participants, the Coaching sheet's totals. */
async function exportFigures(url: string, workshopId: string, key: string) {
  const res = await fetch(`${url}/api/workshops/${workshopId}/export.xlsx`, { headers: { authorization: `Bearer ${key}` } });
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
  const rows = (name: string) => {
    const sheet = book.getWorksheet(name)!;
    const headers = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
    const out: Array<Record<string, ExcelJS.CellValue>> = [];
    sheet.eachRow((row, n) => {
      if (n > 1) out.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1).value])));
    });
    return out;
  };
  const okrs = rows('OKRs');
  const totals = rows('Coaching').at(-1)!;
  return {
    objectives: new Set(okrs.filter((r) => r['Objective no.'] !== null && r['Objective no.'] !== undefined).map((r) => `${String(r['Group'])}/${String(r['Objective no.'])}`)).size,
    keyResults: okrs.filter((r) => r['KR no.'] !== null && r['KR no.'] !== undefined).length,
    participants: rows('Participants').length,
    fixed: Number(totals['Hints fixed']),
    open: Number(totals['Hints still open']),
    raised: Number(totals['Hints raised']),
    comments: Number(totals['Comments given']),
  };
}

it('prints the session report on one A4 page whose figures match the export, with the facilitator’s notes', async () => {
  const { url } = await startServer({ clientDir: 'dist/client' });
  const w = await createWorkshop(url, { groupCount: 4, title: 'OKR training, cohort 4' });
  const fac = await connectClient(url, { workshopId: w.workshopId, facilitatorKey: w.facilitatorKey });
  const people = [];
  for (const name of ['Ana Lima', 'Ben Okafor', 'Cy Park', 'Dee Moss', 'Eli Roth']) people.push(await joinWorkshop(url, w.workshopId, name));
  await request(fac, 'phase:set', { phase: 'breakouts' });
  await request(fac, 'radar:list', {});
  const docs = [];
  for (const [i, [title, why, krs]] of DRAFTS.entries()) {
    const seat = people[i]!;
    const d = await syncedClient(url, w.workshopId, seat.groupId!, seat.seatToken);
    d.doc.transact(() => {
      const o = addObjective(d.doc, 'o1');
      textOf(o, 'title').insert(0, title);
      textOf(o, 'why').insert(0, why);
      krs.forEach((text, j) => textOf(addKeyResult(o, `k${j}`), 'text').insert(0, text));
    });
    docs.push(d);
  }
  const comment = await request(fac, 'comment:add', { groupId: people[0]!.groupId, itemId: 'k0', text: 'What outcome do the workshops drive?' });
  expect(comment.ok ? 'ok' : JSON.stringify(comment.error)).toBe('ok');
  await patternsReady(fac);
  // The first group rewords its activity into an outcome: a hint fixed, a before → after pair.
  const kr = textOf(findItem(docs[0]!.doc, 'k0')!.item, 'text');
  kr.delete(0, kr.length);
  kr.insert(0, 'Raise workshop attendance from 40 to 80');
  await waitFor(async () => {
    const r = await request<CoachingReport>(fac, 'coaching:report', {});
    return r.ok && r.data.board.progress.hints.fixed >= 1;
  }, 'a hint fixed', 20_000);

  // The console links to the report.
  const console = await newPage({ width: 1440, height: 900 });
  await console.goto(w.facilitatorUrl);
  await console.getByTestId('tab-board').click();
  const link = console.getByTestId('report-link');
  expect(await link.getAttribute('href')).toBe(`/w/${w.workshopId}/report#key=${encodeURIComponent(w.facilitatorKey)}`);

  const page = await newPage({ width: 1100, height: 1400 });
  await page.goto(`${url}${await link.getAttribute('href')}`);
  await page.getByTestId('report-pattern').first().waitFor();
  const notes = 'Strong energy across the groups. Finance joined late; a follow-up session on baselines is planned for next week.\nSponsor: please share the Q3 targets before then.';
  await page.getByTestId('report-notes').fill(notes);
  await page.locator('[data-testid="report-notes-state"][data-state="saved"]').waitFor();
  await page.getByTestId('report-refresh').click();
  await screenshot(page, 'report-screen-1100');

  // Chromium's print: one A4 page.
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const pdf = join(SCREENSHOT_DIR, 'report.pdf');
  await page.emulateMedia({ media: 'print' });
  expect(await page.getByTestId('report-notes-print').textContent()).toBe(notes);
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  expect(info).toMatch(/^Pages:\s+1$/m);
  expect(info).toMatch(/A4/);
  execFileSync('pdftoppm', ['-png', '-r', '80', '-singlefile', pdf, join(SCREENSHOT_DIR, 'report-pdf')]);
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  expect(text).toContain('OKR training, cohort 4');
  expect(text).toContain('Finance joined late');
  for (const name of ['Ana Lima', 'Ben Okafor', 'Group 1']) expect(text).not.toContain(name);

  // The figures on the page are the export's.
  const figures = await exportFigures(url, w.workshopId, w.facilitatorKey);
  const shown = async (id: string) => Number(await page.getByTestId(`report-${id}-value`).textContent());
  expect(figures).toMatchObject({ objectives: 3, keyResults: 7, participants: 5 });
  expect(await shown('objectives')).toBe(figures.objectives);
  expect(await shown('key-results')).toBe(figures.keyResults);
  expect(await shown('participants')).toBe(figures.participants);
  expect(await shown('hints-fixed')).toBe(figures.fixed);
  expect(await shown('hints-open')).toBe(figures.open);
  expect(await shown('hints-raised')).toBe(figures.raised);
  expect(await page.getByTestId('report-comments').textContent()).toContain(`${figures.comments} given`);
  expect(figures).toMatchObject({ comments: 1, fixed: 1 });
  expect(figures.open).toBeGreaterThan(0);

  // The longest notes still fit the one page.
  await page.emulateMedia({ media: 'screen' });
  await page.getByTestId('report-notes').fill('Next steps agreed with the sponsor, a line of them. '.repeat(40).slice(0, LIMITS.reportNotesMaxLength));
  await page.locator('[data-testid="report-notes-state"][data-state="saved"]').waitFor();
  await page.emulateMedia({ media: 'print' });
  const long = join(SCREENSHOT_DIR, 'report-long-notes.pdf');
  await page.pdf({ path: long, format: 'A4', printBackground: true });
  expect(execFileSync('pdfinfo', [long], { encoding: 'utf8' })).toMatch(/^Pages:\s+1$/m);
}, 120_000);
