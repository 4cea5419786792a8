/** The session as spreadsheet rows: one per key result, nothing silently dropped. Pure. */
import { hintText } from './coach/messages';
import type { Hint } from './coach/hints';
import type { Comment } from './comments';
import { translator, type Translate } from './i18n/i18n';
import type { Language } from './i18n/languages';
import type { Draft } from './okr';

/** OKRs sheet columns, in order. `kind` says how a cell is typed. */
export const OKR_COLUMNS = [
  { key: 'group', width: 16, kind: 'text' },
  { key: 'members', width: 24, kind: 'text' },
  { key: 'objectiveNo', width: 8, kind: 'number' },
  { key: 'objective', width: 36, kind: 'text' },
  { key: 'why', width: 36, kind: 'text' },
  { key: 'krNo', width: 7, kind: 'text' },
  { key: 'keyResult', width: 44, kind: 'text' },
  { key: 'type', width: 10, kind: 'text' },
  { key: 'metric', width: 18, kind: 'text' },
  { key: 'unit', width: 8, kind: 'text' },
  { key: 'baseline', width: 11, kind: 'numberish' },
  { key: 'target', width: 11, kind: 'numberish' },
  { key: 'commit', width: 10, kind: 'numberish' },
  { key: 'stretch', width: 10, kind: 'numberish' },
  { key: 'confidence', width: 10, kind: 'number' },
  { key: 'champion', width: 18, kind: 'text' },
  { key: 'indicator', width: 12, kind: 'text' },
  { key: 'impact', width: 12, kind: 'text' },
  { key: 'flags', width: 30, kind: 'text' },
  { key: 'coachRules', width: 22, kind: 'text' },
  { key: 'facilitatorComments', width: 36, kind: 'text' },
  { key: 'peerComments', width: 30, kind: 'text' },
  { key: 'lastEdited', width: 18, kind: 'text' },
] as const;

export type OkrColumnKey = (typeof OKR_COLUMNS)[number]['key'];
export type OkrRow = Record<OkrColumnKey, string | number | null>;

/** A column's header in `t`'s language, from the `sheet` catalogue (`sheet:columns.<key>`). */
export const columnHeader = (t: Translate, key: OkrColumnKey): string => t(`sheet:columns.${key}`);

/** The OKRs sheet's header row in `language`. */
export const okrHeaders = (language: Language): string[] => OKR_COLUMNS.map((c) => columnHeader(translator(language), c.key));

/** The columns that hold the draft itself (what an import reads back). */
export const DRAFT_COLUMNS: readonly OkrColumnKey[] = [
  'group', 'objectiveNo', 'objective', 'why', 'krNo', 'keyResult', 'type', 'metric', 'unit',
  'baseline', 'target', 'commit', 'stretch', 'confidence', 'champion', 'indicator', 'impact',
];

export interface ExportGroup {
  id: string;
  name: string;
  members: string[];
  draft: Draft;
  lastEditAt: number | null;
  /** Coach hints per item id: worded in the sheet's language, their rule ids in the Coach rules column. */
  hints: Map<string, Hint[]>;
}

export interface ExportInput {
  groups: ExportGroup[];
  comments: Comment[];
  /** The sheet's language: coach flags and the "(resolved)" marker. */
  language: Language;
  /** Formats a timestamp for the sheet (time zone is the caller's choice). */
  formatTime: (ms: number) => string;
}

/** A number cell when the text is a plain number ("70", "-5", "1.5"), else the text. */
export function numberOrText(value: string): string | number | null {
  const t = value.trim();
  if (t === '') return null;
  return /^-?\d+(\.\d+)?$/.test(t) && Number.isFinite(Number(t)) ? Number(t) : value;
}

function commentText(comments: Comment[], groupId: string, itemId: string | null, kind: 'coach' | 'peer', formatTime: (ms: number) => string, resolved: string): string {
  return comments
    .filter((c) => c.groupId === groupId && c.itemId === itemId && c.parentId === null && c.kind === kind)
    .map((c) => {
      const replies = comments.filter((r) => r.parentId === c.id).map((r) => `  ↳ ${r.authorName}: ${r.text}`);
      return [`[${formatTime(c.createdAt)}] ${c.authorName}${c.resolved ? ` ${resolved}` : ''}: ${c.text}`, ...replies].join('\n');
    })
    .join('\n');
}

const EMPTY: OkrRow = Object.fromEntries(OKR_COLUMNS.map((c) => [c.key, null])) as OkrRow;

const join = (...parts: Array<string | undefined>): string | null => parts.filter(Boolean).join('\n') || null;

/** Rule ids once each, in order: "kr-output, kr-no-number". */
const ruleList = (hints: Hint[]): string | null => [...new Set(hints.map((h) => h.rule))].join(', ') || null;

/**
 * One row per key result; an objective without key results and a group without a draft still get
 * one. Type, leading/lagging and customer/business in words ("Milestone", "Frühindikator"), which
 * the import reads back in any language. Coach flags read in `language`; the Coach rules column holds the same hints' rule ids,
 * the same in every language, so a sheet can be filtered by rule.
 */
export function exportRows({ groups, comments, language, formatTime }: ExportInput): OkrRow[] {
  const t = translator(language);
  const resolved = t('sheet:comments.resolvedMarker');
  const rows: OkrRow[] = [];
  for (const g of groups) {
    const notes = (itemId: string | null) => ({
      flags: itemId === null ? [] : (g.hints.get(itemId) ?? []),
      coach: commentText(comments, g.id, itemId, 'coach', formatTime, resolved),
      peer: commentText(comments, g.id, itemId, 'peer', formatTime, resolved),
    });
    // Notes on the whole draft go on the group's first row, an objective's on its first row.
    let pending: Array<ReturnType<typeof notes>> = [notes(null)];
    const push = (cells: Partial<OkrRow>, own: ReturnType<typeof notes>) => {
      const all = [...pending, own];
      pending = [];
      rows.push({
        ...EMPTY,
        group: g.name,
        members: g.members.join(', ') || null,
        lastEdited: g.lastEditAt === null ? null : formatTime(g.lastEditAt),
        ...cells,
        flags: join(...all.flatMap((n) => n.flags.map((h) => hintText(t, h).message))),
        coachRules: ruleList(all.flatMap((n) => n.flags)),
        facilitatorComments: join(...all.map((n) => n.coach)),
        peerComments: join(...all.map((n) => n.peer)),
      });
    };
    const none = { flags: [] as Hint[], coach: '', peer: '' };
    if (g.draft.objectives.length === 0) push({}, none);
    g.draft.objectives.forEach((o, oi) => {
      const objectiveCells: Partial<OkrRow> = { objectiveNo: oi + 1, objective: o.title, why: o.why || null };
      pending.push(notes(o.id));
      if (o.keyResults.length === 0) push(objectiveCells, none);
      o.keyResults.forEach((k, ki) =>
        push(
          {
            ...objectiveCells,
            krNo: `${oi + 1}.${ki + 1}`,
            keyResult: k.text,
            type: t(`sheet:options.${k.type}`),
            metric: k.metric || null,
            unit: k.unit || null,
            baseline: numberOrText(k.baseline),
            target: numberOrText(k.target),
            commit: numberOrText(k.commit),
            stretch: numberOrText(k.stretch),
            confidence: k.confidence,
            champion: k.champion || null,
            indicator: k.indicator && t(`sheet:options.${k.indicator}`),
            impact: k.impact && t(`sheet:options.${k.impact}`),
          },
          notes(k.id),
        ),
      );
    });
  }
  return rows;
}

/** Characters that make a spreadsheet program treat a cell as a formula. */
const DANGEROUS_START = /^[=+\-@\t\r\0]/;

/** Text no spreadsheet program will evaluate: a leading quote before a dangerous first character. */
export function neutralize(value: string): string {
  return DANGEROUS_START.test(value) ? `'${value}` : value;
}

/** Undoes `neutralize` on import. */
export function unneutralize(value: string): string {
  return value.startsWith("'") && DANGEROUS_START.test(value.slice(1)) ? value.slice(1) : value;
}
