/**
 * Writes the session as XLSX (exceljs) and CSV: formula-safe, text typed as text, numbers as
 * numbers; sheet names, headers and labels in the sheet's language, the cells as written.
 */
import ExcelJS from 'exceljs';
import type { Comment } from '../../shared/comments';
import { neutralize, okrHeaders, OKR_COLUMNS, type ExportGroup, type OkrRow } from '../../shared/exportRows';
import { fieldLabel, handout, itemLabel, safeSheetNames, threadRows } from '../../shared/handout';
import { translator } from '../../shared/i18n/i18n';
import type { Language } from '../../shared/i18n/languages';
import { describeRules } from '../../shared/okrRules';
import { safe } from './cells';
import { addHandout } from './handoutSheet';
import { coachingSheet } from './coachingSheet';
import type { CoachingFigures } from '../../shared/coaching';
import type { WorkshopState } from '../../shared/workshop';

export interface SheetInput {
  workshop: WorkshopState;
  /** Sheet names, headers and labels (the workshop's language unless asked otherwise). */
  language: Language;
  rows: OkrRow[];
  /** The exported groups (drafts and members): item names in the Comments sheet, and a one-pager each. */
  groups: ExportGroup[];
  comments: Comment[];
  /** Only these groups' participants and comments (a participant's own export). */
  groupIds: Set<string>;
  formatTime: (ms: number) => string;
  exportedAt: number;
  /** The Coaching sheet's figures (the facilitator's export only). */
  coaching?: CoachingFigures;
}

export interface SheetSpec {
  name: string;
  columns: Array<{ header: string; width: number; number?: boolean }>;
  rows: Array<Array<string | number | null>>;
}

function addSheet(book: ExcelJS.Workbook, spec: SheetSpec): void {
  const sheet = book.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = spec.columns.map((c) => ({ header: c.header, width: c.width }));
  for (const row of spec.rows) sheet.addRow(row.map(safe));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEF0FF' } };
  header.alignment = { vertical: 'middle', wrapText: true };
  spec.columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    // Text columns are formatted as text ('@'), so even a retyped cell is not read as a formula.
    if (!c.number) column.numFmt = '@';
    column.alignment = { vertical: 'top', wrapText: true };
  });
  header.alignment = { vertical: 'middle', wrapText: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, spec.rows.length + 1), column: spec.columns.length } };
}

function okrSheet(rows: OkrRow[], language: Language): SheetSpec {
  const headers = okrHeaders(language);
  return {
    name: translator(language)('sheet:sheets.okrs'),
    // "numberish" columns hold numbers when they are numbers, text otherwise: no text format forced.
    columns: OKR_COLUMNS.map((c, i) => ({ header: headers[i]!, width: c.width, number: c.kind !== 'text' })),
    rows: rows.map((r) => OKR_COLUMNS.map((c) => r[c.key])),
  };
}

export async function toXlsx(input: SheetInput): Promise<Buffer> {
  const { workshop, formatTime, language } = input;
  const t = translator(language);
  const book = new ExcelJS.Workbook();
  book.creator = 'Draftroom';
  book.created = new Date(input.exportedAt);
  const groupName = (id: string | null) => workshop.groups.find((g) => g.id === id)?.name ?? t('sheet:comments.removedGroup');
  addSheet(book, okrSheet(input.rows, language));
  const comments = input.comments.filter((c) => input.groupIds.has(c.groupId));
  const draftOf = (groupId: string) => input.groups.find((g) => g.id === groupId)?.draft;
  const threads = threadRows(comments, input.groups);
  const resolved = new Map(threads.filter((r) => !r.reply).map((r) => [r.thread, r.comment.resolved]));
  addSheet(book, {
    name: t('sheet:sheets.comments'),
    columns: [
      { header: t('sheet:comments.time'), width: 18 },
      { header: t('sheet:comments.group'), width: 16 },
      { header: t('sheet:comments.thread'), width: 8, number: true },
      { header: t('sheet:comments.item'), width: 40 },
      { header: t('sheet:comments.field'), width: 14 },
      { header: t('sheet:comments.kind'), width: 14 },
      { header: t('sheet:comments.author'), width: 18 },
      { header: t('sheet:comments.comment'), width: 60 },
      { header: t('sheet:comments.resolved'), width: 10 },
    ],
    // Each comment followed by its replies ("↳ …"), which share its thread number; resolved is the thread's.
    rows: threads.map((row) => {
      const c = row.comment;
      return [
        formatTime(c.createdAt),
        groupName(c.groupId),
        row.thread,
        itemLabel(t, draftOf(c.groupId), c.itemId),
        fieldLabel(t, c.field),
        t(`sheet:kinds.${c.kind}`),
        c.authorName,
        row.reply ? t('sheet:comments.reply', { text: c.text }) : c.text,
        resolved.get(row.thread) ? t('sheet:comments.yes') : t('sheet:comments.no'),
      ];
    }),
  });
  addSheet(book, {
    name: t('sheet:sheets.participants'),
    columns: [
      { header: t('sheet:participants.name'), width: 24 },
      { header: t('sheet:participants.group'), width: 18 },
      { header: t('sheet:participants.joined'), width: 18 },
    ],
    rows: workshop.participants
      .filter((p) => p.groupId !== null && input.groupIds.has(p.groupId))
      .map((p) => [p.name, groupName(p.groupId), formatTime(p.joinedAt)]),
  });
  addSheet(book, {
    name: t('sheet:sheets.workshop'),
    columns: [
      { header: t('sheet:workshop.setting'), width: 34 },
      { header: t('sheet:workshop.value'), width: 50 },
    ],
    rows: [
      [t('sheet:workshop.title'), workshop.title],
      [t('sheet:workshop.date'), formatTime(workshop.createdAt)],
      [t('sheet:workshop.exported'), formatTime(input.exportedAt)],
      [t('sheet:workshop.groups'), workshop.groups.length],
      [t('sheet:workshop.participants'), workshop.participants.length],
      ...describeRules(workshop.rules, t),
    ],
  });
  if (input.coaching) addSheet(book, coachingSheet(input.coaching, t));
  // One printable page per group, after the other sheets (the import reads the OKRs sheet only).
  const handouts = input.groups.map((g) => handout(t, g, comments, workshop.rules.confidenceScale));
  const names = safeSheetNames(handouts.map((h) => h.group), book.worksheets.map((w) => w.name), t('sheet:handout.sheetName'));
  handouts.forEach((h, i) => addHandout(book, names[i]!, h, { title: workshop.title, exported: formatTime(input.exportedAt), t }));
  return Buffer.from(await book.xlsx.writeBuffer());
}

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : neutralize(value);
  return /[",\n\r]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The OKRs sheet as CSV, headers in `language`, UTF-8 with a BOM so Excel reads accents right. */
export function toCsv(rows: OkrRow[], language: Language): string {
  const lines = [okrHeaders(language).map(csvCell), ...rows.map((r) => OKR_COLUMNS.map((c) => csvCell(r[c.key])))];
  return '\uFEFF' + lines.map((l) => l.join(',')).join('\r\n') + '\r\n';
}

/** `draftroom-<title>-<date>.<ext>`, safe as a file name. */
export function exportFileName(title: string, at: number, ext: 'xlsx' | 'csv'): string {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'workshop';
  return `draftroom-${slug}-${new Date(at).toISOString().slice(0, 10)}.${ext}`;
}
