/**
 * Reads an OKR sheet (a Draftroom export or the template, in any of its languages) back into group
 * drafts and their seeded documents, with a precise error report. A sheet past a limit of the group
 * document is refused, not trimmed: an import that silently lost rows would be worse than one to
 * fix. The report is in English (API consumers read it), naming each column as the file names it. Pure.
 */
import { seedDocument } from './docLimits';
import { translator } from './i18n/i18n';
import { LANGUAGES } from './i18n/languages';
import { LIMITS } from './limits';
import { emptyKeyResult, IMPACTS, INDICATORS, KR_TYPES, type Draft, type KeyResultData, type ObjectiveData } from './okr';
import { columnHeader, DRAFT_COLUMNS, unneutralize, type OkrColumnKey } from './exportRows';

export interface ImportError {
  /** 1-based spreadsheet row (the header is row 1). */
  row: number;
  column: string;
  message: string;
}

export interface ImportedGroup {
  name: string;
  draft: Draft;
  /** The group document holding the draft (encoded state), built by seedDocument. */
  update: Uint8Array;
}

/** A group as read: the spreadsheet rows its objectives and key results came from, for the report. */
interface GroupRows {
  row: number;
  objectives: Map<string, { data: ObjectiveData; row: number; krRows: number[] }>;
}

export type ImportResult = { ok: true; groups: ImportedGroup[] } | { ok: false; errors: ImportError[] };

/** Rows an import reads at most. */
export const MAX_IMPORT_ROWS = 5000;
const MAX_ERRORS = 50;

const TRIMMED = new Set<OkrColumnKey>(['group', 'objectiveNo', 'krNo', 'type', 'confidence', 'indicator', 'impact']);

/**
 * A header cell as matched: case- and space-insensitive; accents count as written. "ß" reads as
 * "ss", as upper case writes it ("MESSGRÖSSE") and as Swiss German spells it.
 */
export const headerKey = (text: string): string => text.replace(/\s+/g, '').toLowerCase().replace(/ß/g, 'ss');

/**
 * The draft columns by their header in every language ("Key result", "Schlüsselergebnis",
 * "Résultat clé" …). Other columns (comments, coach flags and rules) are never read back.
 */
export const DRAFT_HEADERS: ReadonlyMap<string, OkrColumnKey> = new Map(
  LANGUAGES.flatMap((language) => DRAFT_COLUMNS.map((key) => [headerKey(columnHeader(translator(language), key)), key] as const)),
);

const english = translator('en');

/** An option cell as matched: trimmed, case- and space-insensitive ("Frühindikator", " milestone "). */
const optionKey = (text: string): string => text.trim().replace(/\s+/g, ' ').toLowerCase();

type OptionCode = (typeof KR_TYPES)[number] | (typeof INDICATORS)[number] | (typeof IMPACTS)[number];

/** A column's codes by their code and by their word in every language ("milestone", "Meilenstein", "Jalon" …). */
function optionWords<T extends OptionCode>(codes: readonly T[]): ReadonlyMap<string, T> {
  return new Map(codes.flatMap((code) => [[code, code] as const, ...LANGUAGES.map((language) => [optionKey(translator(language)(`sheet:options.${code}`)), code] as const)]));
}

/** What the Type, Leading/lagging and Customer/business cells may hold: the codes, or the words an export writes. */
export const OPTION_WORDS = { type: optionWords(KR_TYPES), indicator: optionWords(INDICATORS), impact: optionWords(IMPACTS) } as const;

/**
 * Parses a grid of cell texts whose first row holds the column headers, and seeds each group's
 * document within the document limits. `newId` makes item ids.
 */
export function importGrid(grid: string[][], newId: () => string): ImportResult {
  const errors: ImportError[] = [];
  const header = grid[0] ?? [];
  // Each draft column at its first header cell in any language (a file may even mix them).
  const index = new Map<OkrColumnKey, number>();
  header.forEach((text, at) => {
    const key = DRAFT_HEADERS.get(headerKey(text));
    if (key && !index.has(key)) index.set(key, at);
  });
  // A column as the file names it; one the file lacks, by its English header.
  const nameOf = (key: OkrColumnKey): string => {
    const at = index.get(key);
    return at === undefined ? columnHeader(english, key) : header[at]!.trim();
  };
  const fail = (row: number, key: OkrColumnKey | 'file', message: string) => {
    if (errors.length < MAX_ERRORS) errors.push({ row, column: key === 'file' ? '—' : nameOf(key), message });
  };
  if (!index.has('group')) fail(1, 'group', 'The header row has no "Group" column.');
  if (!index.has('objective') && !index.has('keyResult')) fail(1, 'objective', 'The header row needs an "Objective" or a "Key result" column.');
  if (grid.length - 1 > MAX_IMPORT_ROWS) fail(grid.length, 'file', `At most ${MAX_IMPORT_ROWS} rows can be imported.`);
  if (errors.length > 0) return { ok: false, errors };

  const groups = new Map<string, GroupRows>();
  for (let r = 1; r < grid.length; r++) {
    const line = r + 1;
    const cells = grid[r]!;
    if (cells.every((c) => c.trim() === '')) continue;
    // Texts are kept exactly as written (a leading tab survives the round trip); codes are trimmed.
    const get = (key: OkrColumnKey): string => {
      const at = index.get(key);
      const raw = at === undefined ? '' : unneutralize(cells[at] ?? '');
      return TRIMMED.has(key) ? raw.trim() : raw;
    };
    // Only the columns read into the draft (an export's comment columns may be longer: not imported).
    for (const key of DRAFT_COLUMNS) {
      if (get(key).length > LIMITS.textMaxLength) fail(line, key, `Longer than ${LIMITS.textMaxLength} characters.`);
    }
    const groupName = get('group');
    if (!groupName) {
      fail(line, 'group', 'Every row needs a group name.');
      continue;
    }
    if (groupName.length > LIMITS.groupNameMaxLength) fail(line, 'group', `Group names have at most ${LIMITS.groupNameMaxLength} characters.`);
    let group = groups.get(groupName);
    if (!group) {
      if (groups.size >= LIMITS.maxGroups) {
        fail(line, 'group', `At most ${LIMITS.maxGroups} groups.`);
        continue;
      }
      group = { row: line, objectives: new Map() };
      groups.set(groupName, group);
    }
    const title = get('objective');
    const krText = get('keyResult');
    const numberText = get('objectiveNo');
    if (numberText && !/^\d+$/.test(numberText)) fail(line, 'objectiveNo', `"${numberText}" is not a whole number.`);
    if (!title.trim() && !krText.trim() && !numberText) continue; // a group without a draft
    const key = numberText || title;
    let objective = group.objectives.get(key);
    if (!objective) {
      objective = { data: { id: newId(), title, why: get('why'), keyResults: [], dismissed: [] }, row: line, krRows: [] };
      group.objectives.set(key, objective);
    }
    if (!krText.trim() && !get('krNo')) continue; // an objective without key results
    const kr = readKeyResult(get, newId(), line, fail);
    if (kr) {
      objective.data.keyResults.push(kr);
      objective.krRows.push(line);
    }
  }
  for (const [name, group] of groups) checkCounts(name, group, fail);
  if (errors.length > 0) return { ok: false, errors: byRow(errors) };

  const imported: ImportedGroup[] = [];
  for (const [name, group] of groups) {
    const draft = { objectives: [...group.objectives.values()].map((o) => o.data) };
    // The same limits as a live edit: whatever they trim was a limit missed above, so it is refused too.
    const { update, trimmed } = seedDocument(draft);
    if (trimmed) fail(group.row, 'group', `Group "${name}" goes past the limits of a group document.`);
    else if (update.length > LIMITS.maxDocBytes) {
      fail(group.row, 'group', `Group "${name}" makes a document of ${mebibytes(update.length)} MiB: at most ${mebibytes(LIMITS.maxDocBytes)} MiB.`);
    }
    imported.push({ name, draft, update });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, groups: imported };
}

/** MiB, rounded up to the hundredth: a document just past the limit never reads as the limit. */
const mebibytes = (bytes: number): string => String(Math.ceil((bytes / 2 ** 20) * 100) / 100);

/** Errors in sheet order (the counts are checked once every row is read). */
const byRow = (errors: ImportError[]): ImportError[] => [...errors].sort((a, b) => a.row - b.row);

/** Reports a group past the objectives cap, and each objective past the key results cap, at the first row too many. */
function checkCounts(name: string, group: GroupRows, fail: (row: number, key: OkrColumnKey, message: string) => void): void {
  const objectives = [...group.objectives.values()];
  if (objectives.length > LIMITS.maxObjectivesPerDoc) {
    fail(objectives[LIMITS.maxObjectivesPerDoc]!.row, 'objective', `Group "${name}" has ${objectives.length} objectives: at most ${LIMITS.maxObjectivesPerDoc}.`);
  }
  objectives.forEach((o, i) => {
    if (o.krRows.length <= LIMITS.maxKeyResultsPerObjective) return;
    const what = o.data.title.trim() ? `"${o.data.title.trim().slice(0, 40)}"` : `no. ${i + 1}`;
    fail(o.krRows[LIMITS.maxKeyResultsPerObjective]!, 'keyResult', `Objective ${what} of group "${name}" has ${o.krRows.length} key results: at most ${LIMITS.maxKeyResultsPerObjective}.`);
  });
}

function readKeyResult(
  get: (key: OkrColumnKey) => string,
  id: string,
  line: number,
  fail: (row: number, key: OkrColumnKey, message: string) => void,
): KeyResultData | null {
  const typeText = get('type');
  const type = typeText ? OPTION_WORDS.type.get(optionKey(typeText)) : 'metric';
  const indicatorText = get('indicator');
  const indicator = indicatorText ? OPTION_WORDS.indicator.get(optionKey(indicatorText)) : null;
  const impactText = get('impact');
  const impact = impactText ? OPTION_WORDS.impact.get(optionKey(impactText)) : null;
  const confidenceText = get('confidence');
  const confidence = confidenceText === '' ? null : Number(confidenceText);
  let ok = true;
  if (type === undefined) {
    fail(line, 'type', `"${typeText}" is not a type: use metric or milestone.`);
    ok = false;
  }
  if (indicator === undefined) {
    fail(line, 'indicator', `"${indicatorText}": use leading or lagging.`);
    ok = false;
  }
  if (impact === undefined) {
    fail(line, 'impact', `"${impactText}": use customer or business.`);
    ok = false;
  }
  if (confidence !== null && (!Number.isFinite(confidence) || confidence < 0 || confidence > 100)) {
    fail(line, 'confidence', `"${confidenceText}" is not a confidence between 0 and 100.`);
    ok = false;
  }
  if (!ok || type === undefined || indicator === undefined || impact === undefined) return null;
  return {
    ...emptyKeyResult(id),
    text: get('keyResult'),
    type,
    metric: get('metric'),
    unit: get('unit'),
    baseline: get('baseline'),
    target: get('target'),
    commit: get('commit'),
    stretch: get('stretch'),
    confidence,
    champion: get('champion'),
    indicator,
    impact,
  };
}
