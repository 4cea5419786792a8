/** Reads an OKR sheet (a Draftroom export or the template) back into group drafts, with a precise error report. Pure. */
import { LIMITS } from './limits';
import { emptyKeyResult, IMPACTS, INDICATORS, KR_TYPES, type Draft, type KeyResultData, type ObjectiveData } from './okr';
import { OKR_COLUMNS, unneutralize, type OkrColumnKey } from './exportRows';

export interface ImportError {
  /** 1-based spreadsheet row (the header is row 1). */
  row: number;
  column: string;
  message: string;
}

export interface ImportedGroup {
  name: string;
  draft: Draft;
}

export type ImportResult = { ok: true; groups: ImportedGroup[] } | { ok: false; errors: ImportError[] };

/** Rows an import reads at most. */
export const MAX_IMPORT_ROWS = 5000;
const MAX_ERRORS = 50;

const TRIMMED = new Set<OkrColumnKey>(['group', 'objectiveNo', 'krNo', 'type', 'confidence', 'indicator', 'impact']);
const headerOf = (key: OkrColumnKey) => OKR_COLUMNS.find((c) => c.key === key)!.header;

/** Parses a grid of cell texts whose first row holds the column headers. `newId` makes item ids. */
export function importGrid(grid: string[][], newId: () => string): ImportResult {
  const errors: ImportError[] = [];
  const fail = (row: number, key: OkrColumnKey | 'file', message: string) => {
    if (errors.length < MAX_ERRORS) errors.push({ row, column: key === 'file' ? '—' : headerOf(key), message });
  };
  const header = (grid[0] ?? []).map((h) => h.trim().toLowerCase());
  const index = new Map<OkrColumnKey, number>();
  for (const c of OKR_COLUMNS) {
    const at = header.indexOf(c.header.toLowerCase());
    if (at >= 0) index.set(c.key, at);
  }
  if (!index.has('group')) fail(1, 'group', 'The header row has no "Group" column.');
  if (!index.has('objective') && !index.has('keyResult')) fail(1, 'objective', 'The header row needs an "Objective" or a "Key result" column.');
  if (grid.length - 1 > MAX_IMPORT_ROWS) fail(grid.length, 'file', `At most ${MAX_IMPORT_ROWS} rows can be imported.`);
  if (errors.length > 0) return { ok: false, errors };

  const groups = new Map<string, { objectives: Map<string, ObjectiveData> }>();
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
    for (const c of OKR_COLUMNS) {
      if (get(c.key).length > LIMITS.textMaxLength) fail(line, c.key, `Longer than ${LIMITS.textMaxLength} characters.`);
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
      group = { objectives: new Map() };
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
      objective = { id: newId(), title, why: get('why'), keyResults: [], dismissed: [] };
      group.objectives.set(key, objective);
    }
    if (!krText.trim() && !get('krNo')) continue; // an objective without key results
    const kr = readKeyResult(get, newId(), line, fail);
    if (kr) objective.keyResults.push(kr);
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    groups: [...groups].map(([name, g]) => ({ name, draft: { objectives: [...g.objectives.values()] } })),
  };
}

function readKeyResult(
  get: (key: OkrColumnKey) => string,
  id: string,
  line: number,
  fail: (row: number, key: OkrColumnKey, message: string) => void,
): KeyResultData | null {
  const type = get('type').toLowerCase() || 'metric';
  const indicator = get('indicator').toLowerCase();
  const impact = get('impact').toLowerCase();
  const confidenceText = get('confidence');
  const confidence = confidenceText === '' ? null : Number(confidenceText);
  let ok = true;
  if (!KR_TYPES.includes(type as never)) {
    fail(line, 'type', `"${get('type')}" is not a type: use metric or milestone.`);
    ok = false;
  }
  if (indicator && !INDICATORS.includes(indicator as never)) {
    fail(line, 'indicator', `"${get('indicator')}": use leading or lagging.`);
    ok = false;
  }
  if (impact && !IMPACTS.includes(impact as never)) {
    fail(line, 'impact', `"${get('impact')}": use customer or business.`);
    ok = false;
  }
  if (confidence !== null && (!Number.isFinite(confidence) || confidence < 0 || confidence > 100)) {
    fail(line, 'confidence', `"${confidenceText}" is not a confidence between 0 and 100.`);
    ok = false;
  }
  if (!ok) return null;
  return {
    ...emptyKeyResult(id),
    text: get('keyResult'),
    type: type as KeyResultData['type'],
    metric: get('metric'),
    unit: get('unit'),
    baseline: get('baseline'),
    target: get('target'),
    commit: get('commit'),
    stretch: get('stretch'),
    confidence,
    champion: get('champion'),
    indicator: (indicator || null) as KeyResultData['indicator'],
    impact: (impact || null) as KeyResultData['impact'],
  };
}
