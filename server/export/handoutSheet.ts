/**
 * A group's one-pager as an XLSX sheet a coach can print or send: the workshop and group, members,
 * then per objective its why, its key results (X → Y, unit, confidence, champion) and their open
 * comments. Portrait, fit to the page width, wrapped text, bold headings; every user text cell
 * formula-safe and typed as text.
 */
import type ExcelJS from 'exceljs';
import type { Handout } from '../../shared/handout';
import type { Translate } from '../../shared/i18n/i18n';
import { safe, XML_INVALID } from './cells';

/** Columns: label / KR no., key result, X → Y, unit, confidence, champion. */
const WIDTHS = [13, 46, 16, 10, 12, 20] as const;
const LAST = WIDTHS.length;
/** Points per line of 11 pt text. */
const LINE = 15;
const GREY = { argb: 'FF555555' };
const HEAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEF0FF' } };
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FFBBBBBB' } };

/** Lines `text` takes in a cell `width` characters wide at `size` pt (Excel does not size merged rows). */
function linesIn(text: string, width: number, size = 11): number {
  const perLine = Math.max(1, Math.floor(((width - 1) * 11) / size));
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(Array.from(line).length / perLine)), 0);
}

interface CellSpec {
  value: string | number | null;
  /** 1-based first column; the cell spans to `to` (merged) when given. */
  col: number;
  to?: number;
  font?: Partial<ExcelJS.Font>;
  fill?: ExcelJS.Fill;
  border?: boolean;
}

export function addHandout(book: ExcelJS.Workbook, name: string, h: Handout, meta: { title: string; exported: string; t: Translate }): void {
  const { t } = meta;
  const sheet = book.addWorksheet(name, {
    views: [{ showGridLines: false }],
    pageSetup: {
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
  });
  sheet.columns = WIDTHS.map((width) => ({ width }));
  // "&" starts a code in a header or footer: written "&&" to print as itself.
  sheet.headerFooter.oddFooter = `&L${h.group.replace(XML_INVALID, '\uFFFD').replace(/&/g, '&&')}&R&P / &N`;

  const widthOf = (c: CellSpec) => WIDTHS.slice(c.col - 1, c.to ?? c.col).reduce((a, b) => a + b, 0);
  const row = (cells: CellSpec[]) => {
    const r = sheet.addRow([]);
    let lines = 1;
    let size = 11;
    for (const c of cells) {
      const cell = r.getCell(c.col);
      cell.value = safe(c.value);
      if (typeof c.value === 'string') cell.numFmt = '@';
      cell.alignment = { vertical: 'top', wrapText: true };
      if (c.font) cell.font = c.font;
      if (c.fill) cell.fill = c.fill;
      if (c.to && c.to > c.col) sheet.mergeCells(r.number, c.col, r.number, c.to);
      const fontSize = c.font?.size ?? 11;
      size = Math.max(size, fontSize);
      if (typeof c.value === 'string') lines = Math.max(lines, linesIn(c.value, widthOf(c), fontSize));
    }
    if (cells.some((c) => c.border)) {
      for (let col = 1; col <= LAST; col++) r.getCell(col).border = { bottom: THIN };
    }
    r.height = Math.ceil(lines * LINE * (size / 11)) + 2;
    return r;
  };
  const blank = () => {
    sheet.addRow([]).height = 8;
  };
  const label = (text: string): CellSpec => ({ value: text, col: 1, font: { bold: true, color: GREY } });
  const comments = (lines: string[]) =>
    lines.forEach((line, i) => row([...(i === 0 ? [{ ...label(t('sheet:handout.openComments')), font: { bold: true, size: 9, color: GREY } }] : []), { value: line, col: 2, to: LAST, font: { italic: true, size: 10 } }]));

  row([{ value: meta.title, col: 1, to: LAST, font: { bold: true, size: 16 } }]);
  row([label(t('sheet:handout.group')), { value: h.group, col: 2, to: LAST, font: { bold: true, size: 13 } }]);
  if (h.members) row([label(t('sheet:handout.members')), { value: h.members, col: 2, to: LAST }]);
  row([label(t('sheet:handout.exported')), { value: meta.exported, col: 2, to: LAST, font: { color: GREY } }]);
  if (h.comments.length > 0) {
    blank();
    row([{ value: t('sheet:handout.onWholeDraft'), col: 1, to: LAST, font: { bold: true } }]);
    comments(h.comments);
  }
  if (h.objectives.length === 0) {
    blank();
    row([{ value: t('sheet:handout.noObjectives'), col: 1, to: LAST, font: { italic: true, color: GREY } }]);
  }
  for (const o of h.objectives) {
    blank();
    row([{ value: t('sheet:handout.objective', { number: o.number }), col: 1, font: { bold: true, size: 12 } }, { value: o.title, col: 2, to: LAST, font: { bold: true, size: 12 } }]);
    if (o.why.trim()) row([{ ...label(t('sheet:handout.why')), font: { bold: true, size: 9, color: GREY } }, { value: o.why, col: 2, to: LAST, font: { italic: true } }]);
    comments(o.comments);
    if (o.keyResults.length === 0) {
      row([{ value: t('sheet:handout.noKeyResults'), col: 2, to: LAST, font: { italic: true, color: GREY } }]);
      continue;
    }
    const bold = { bold: true };
    row(
      [t('sheet:handout.krNo'), t('sheet:handout.keyResult'), t('sheet:handout.fromTo'), t('sheet:handout.unit'), t('sheet:handout.confidence'), t('sheet:handout.champion')].map((value, i) => ({
        value,
        col: i + 1,
        font: bold,
        fill: HEAD_FILL,
        border: true,
      })),
    );
    for (const k of o.keyResults) {
      row([k.number, k.text, k.fromTo, k.unit, k.confidence, k.champion].map((value, i) => ({ value: value || null, col: i + 1, font: i === 0 ? bold : undefined, border: true })));
      comments(k.comments);
    }
  }
  sheet.pageSetup.printArea = `A1:F${sheet.rowCount}`;
}
