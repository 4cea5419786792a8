/**
 * What a coach hands out: comments named as people see them ("KR 1.2 — Raise NPS from 30 to 45",
 * "From (X)", "Facilitator"), threads kept together, and a one-pager per group. No internal id
 * (item, comment, group) ever reaches a cell. Pure.
 */
import type { Comment } from './comments';
import type { Translate } from './i18n/i18n';
import type { Draft } from './okr';
import type { ConfidenceScale } from './okrRules';

/** An item's title in a label: one line, at most this many characters. */
export const ITEM_TITLE_MAX = 60;

/** One line of `text`, clipped to `max` characters (whole code points) with "…". */
export function clip(text: string, max = ITEM_TITLE_MAX): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(line);
  return chars.length <= max ? line : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

/** Where an item sits: "1" for objective 1, "1.2" for its second key result; null when it is gone. */
export function locateItem(draft: Draft, itemId: string): { number: string; title: string; kind: 'objective' | 'kr'; order: number } | null {
  let order = 0;
  for (const [oi, o] of draft.objectives.entries()) {
    if (o.id === itemId) return { number: `${oi + 1}`, title: o.title, kind: 'objective', order };
    order++;
    for (const [ki, k] of o.keyResults.entries()) {
      if (k.id === itemId) return { number: `${oi + 1}.${ki + 1}`, title: k.text, kind: 'kr', order };
      order++;
    }
  }
  return null;
}

/** An item as people see it: "KR 1.2 — Raise NPS from 30 to 45", "Objective 1 — …", "Whole draft", "(deleted item)". */
export function itemLabel(t: Translate, draft: Draft | undefined, itemId: string | null): string {
  if (itemId === null) return t('sheet:comments.wholeDraft');
  const at = draft ? locateItem(draft, itemId) : null;
  if (!at) return t('sheet:comments.deletedItem');
  const name = at.kind === 'kr' ? t('sheet:comments.krItem', { number: at.number }) : t('sheet:comments.objectiveItem', { number: at.number });
  const title = clip(at.title);
  return title ? `${name} — ${title}` : name;
}

const FIELDS = ['title', 'why', 'text', 'type', 'baseline', 'target', 'unit', 'confidence', 'champion', 'metric', 'commit', 'stretch', 'indicator', 'impact'] as const;
type FieldKey = (typeof FIELDS)[number];
const isField = (field: string): field is FieldKey => (FIELDS as readonly string[]).includes(field);

/** A comment's field by the editor's label ("From (X)"); a field the editor does not know, as written; null: the item as a whole. */
export function fieldLabel(t: Translate, field: string | null): string | null {
  if (field === null) return null;
  return isField(field) ? t(`sheet:fields.${field}`) : field;
}

export interface ThreadRow {
  /** 1-based thread number, shared by a comment and its replies. */
  thread: number;
  comment: Comment;
  reply: boolean;
}

/**
 * Comments as threads, each top-level comment followed by its replies (oldest first): per group in
 * `groups` order, the whole draft first, then the items in draft order, deleted items last. A reply
 * whose comment is not in `comments` is a thread of its own.
 */
export function threadRows(comments: readonly Comment[], groups: ReadonlyArray<{ id: string; draft: Draft }>): ThreadRow[] {
  const present = new Set(comments.map((c) => c.id));
  const heads = comments.filter((c) => c.parentId === null || !present.has(c.parentId));
  const groupOrder = (id: string) => {
    const at = groups.findIndex((g) => g.id === id);
    return at === -1 ? groups.length : at;
  };
  const itemOrder = (c: Comment) => {
    if (c.itemId === null) return -1;
    const draft = groups.find((g) => g.id === c.groupId)?.draft;
    return (draft && locateItem(draft, c.itemId)?.order) ?? Number.MAX_SAFE_INTEGER;
  };
  const sorted = heads
    .map((c, i) => ({ c, i, g: groupOrder(c.groupId), o: itemOrder(c) }))
    .sort((a, b) => a.g - b.g || a.o - b.o || a.c.createdAt - b.c.createdAt || a.i - b.i)
    .map((x) => x.c);
  const rows: ThreadRow[] = [];
  sorted.forEach((head, n) => {
    rows.push({ thread: n + 1, comment: head, reply: false });
    if (head.parentId !== null) return; // an orphan reply has no replies of its own
    const replies = comments.filter((r) => r.parentId === head.id).sort((a, b) => a.createdAt - b.createdAt);
    for (const r of replies) rows.push({ thread: n + 1, comment: r, reply: true });
  });
  return rows;
}

/** Characters Excel does not allow in a sheet name. */
const SHEET_NAME_BAD = /[[\]:*?/\\]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F\uFFFE\uFFFF]/g;
export const SHEET_NAME_MAX = 31;

/** At most `max` UTF-16 units (Excel's count), never cutting a character in two. */
function fit(text: string, max: number): string {
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}

/**
 * Sheet names for `names`, safe for Excel: no []:*?/\ or control characters, no quote at either
 * end, at most 31 characters, not "History", and unique (case-insensitively) among themselves
 * and the `taken` names: a clash gets " (2)", " (3)" … An empty name becomes `fallback`.
 */
export function safeSheetNames(names: readonly string[], taken: readonly string[], fallback: string): string[] {
  const used = new Set([...taken, 'History'].map((n) => n.toLocaleLowerCase()));
  return names.map((raw) => {
    const cleaned = raw.replace(CONTROL, '').replace(SHEET_NAME_BAD, '-').replace(/\s+/g, ' ').trim();
    const unquoted = (s: string) => s.replace(/^'+|'+$/g, '').trim();
    const base = unquoted(fit(unquoted(cleaned), SHEET_NAME_MAX)) || fallback;
    let name = base;
    for (let n = 2; used.has(name.toLocaleLowerCase()); n++) {
      const suffix = ` (${n})`;
      name = `${unquoted(fit(base, SHEET_NAME_MAX - suffix.length))}${suffix}`;
    }
    used.add(name.toLocaleLowerCase());
    return name;
  });
}

export interface HandoutKeyResult {
  number: string;
  text: string;
  /** "30 → 45", "– → 45"; the milestone word for a milestone without either; '' otherwise. */
  fromTo: string;
  unit: string;
  /** "7/10", "70%", or ''. */
  confidence: string;
  champion: string;
  /** Open threads on it, as lines: "Facilitator · From (X): text", replies "↳ Ana: text". */
  comments: string[];
}

export interface HandoutObjective {
  number: number;
  title: string;
  why: string;
  comments: string[];
  keyResults: HandoutKeyResult[];
}

export interface Handout {
  group: string;
  members: string;
  /** Open threads on the whole draft. */
  comments: string[];
  objectives: HandoutObjective[];
}

/** A confidence on the workshop's scale: "7/10", "70%". */
export const confidenceText = (value: number | null, scale: ConfidenceScale): string => (value === null ? '' : scale === '0-100' ? `${value}%` : `${value}/10`);

/** The open (unresolved) threads on an item as lines, each top-level comment followed by its replies. */
export function openThreadLines(t: Translate, comments: readonly Comment[], groupId: string, itemId: string | null): string[] {
  const lines: string[] = [];
  for (const c of comments) {
    if (c.groupId !== groupId || c.itemId !== itemId || c.parentId !== null || c.resolved) continue;
    const field = fieldLabel(t, c.field);
    const who = c.kind === 'peer' ? `${c.authorName} (${t('sheet:kinds.peer')})` : c.authorName;
    lines.push(`• ${who}${field ? ` · ${field}` : ''}: ${c.text}`);
    for (const r of comments.filter((x) => x.parentId === c.id)) lines.push(t('sheet:comments.reply', { text: `${r.authorName}: ${r.text}` }));
  }
  return lines;
}

/** A group's one-pager: its objectives, why, key results (X → Y, unit, confidence, champion) and open comments. */
export function handout(
  t: Translate,
  group: { id: string; name: string; members: readonly string[]; draft: Draft },
  comments: readonly Comment[],
  scale: ConfidenceScale,
): Handout {
  const own = comments.filter((c) => c.groupId === group.id);
  const open = (itemId: string | null) => openThreadLines(t, own, group.id, itemId);
  return {
    group: group.name,
    members: group.members.join(', '),
    comments: open(null),
    objectives: group.draft.objectives.map((o, oi) => ({
      number: oi + 1,
      title: o.title,
      why: o.why,
      comments: open(o.id),
      keyResults: o.keyResults.map((k, ki) => {
        const from = k.baseline.trim();
        const to = k.target.trim();
        const none = '–';
        const fromTo = from || to ? `${from || none} → ${to || none}` : k.type === 'milestone' ? t('sheet:options.milestone') : '';
        return { number: `${oi + 1}.${ki + 1}`, text: k.text, fromTo, unit: k.unit, confidence: confidenceText(k.confidence, scale), champion: k.champion, comments: open(k.id) };
      }),
    })),
  };
}
