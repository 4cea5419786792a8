/** Display-name normalisation and de-duplication. */

/** Trims and collapses inner whitespace; control characters are removed. */
export function normalizeName(raw: string): string {
  // eslint-disable-next-line no-control-regex
  return raw.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Letters of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko…). */
const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;

/**
 * `name`, or `name (2)`, `name (3)`… so that no two participants look the same. A right-to-left
 * name is isolated (FSI … PDI) before its number, or "مريم الحسن (2)" would read "(2) مريم الحسن"
 * in a left-to-right page, the export and every screen reader.
 */
export function uniqueName(name: string, taken: Iterable<string>): string {
  const lower = new Set([...taken].map((n) => n.toLocaleLowerCase()));
  if (!lower.has(name.toLocaleLowerCase())) return name;
  const base = RTL.test(name) ? `\u2068${name}\u2069` : name;
  for (let n = 2; ; n++) {
    const candidate = `${base} (${n})`;
    if (!lower.has(candidate.toLocaleLowerCase())) return candidate;
  }
}
