/** Reads an uploaded XLSX or CSV into a grid of cell texts: values only, no formulas evaluated, no macros. */
import ExcelJS from 'exceljs';
import { parseCsv } from '../../shared/csv';
import { translator } from '../../shared/i18n/i18n';
import { LANGUAGES } from '../../shared/i18n/languages';
import type { ImportError } from '../../shared/importRows';

/** The OKRs sheet's name in every language ("OKRs", "OKR"). */
const OKR_SHEET_NAMES = new Set(LANGUAGES.map((language) => translator(language)('sheet:sheets.okrs')));

export type Grid = { ok: true; grid: string[][] } | { ok: false; errors: ImportError[] };

/** Largest file an import accepts (bytes). */
export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;

function cellText(value: ExcelJS.CellValue): string | { formula: true } {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) return { formula: true };
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return String(value);
}

async function readXlsx(body: Buffer): Promise<Grid> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(body as unknown as ArrayBuffer);
  } catch {
    return { ok: false, errors: [{ row: 0, column: '—', message: 'This file is not a readable XLSX workbook.' }] };
  }
  // The OKRs sheet of an export in any language, else the first sheet.
  const sheet = book.worksheets.find((w) => OKR_SHEET_NAMES.has(w.name)) ?? book.worksheets[0];
  if (!sheet) return { ok: false, errors: [{ row: 0, column: '—', message: 'The workbook has no sheet.' }] };
  const grid: string[][] = [];
  const errors: ImportError[] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      const text = cellText(cell.value);
      if (typeof text === 'object') {
        errors.push({ row: rowNumber, column: String(sheet.getRow(1).getCell(col).value ?? col), message: 'Formulas are not read: paste the values instead.' });
        cells[col - 1] = '';
      } else cells[col - 1] = text;
    });
    grid[rowNumber - 1] = Array.from(cells, (c) => c ?? '');
  });
  if (errors.length > 0) return { ok: false, errors: errors.slice(0, 50) };
  return { ok: true, grid: Array.from(grid, (r) => r ?? []) };
}

/** The grid of a CSV (UTF-8, BOM optional) or XLSX upload. */
export async function readGrid(body: Buffer, format: 'xlsx' | 'csv'): Promise<Grid> {
  if (format === 'xlsx') return readXlsx(body);
  try {
    return { ok: true, grid: parseCsv(body.toString('utf8')) };
  } catch {
    return { ok: false, errors: [{ row: 0, column: '—', message: 'This CSV has an unterminated quoted cell.' }] };
  }
}
