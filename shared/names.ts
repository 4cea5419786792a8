/** Display-name normalisation and de-duplication. */

/** Trims and collapses inner whitespace; control characters are removed. */
export function normalizeName(raw: string): string {
  // eslint-disable-next-line no-control-regex
  return raw.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** `name`, or `name (2)`, `name (3)`… so that no two participants look the same. */
export function uniqueName(name: string, taken: Iterable<string>): string {
  const lower = new Set([...taken].map((n) => n.toLocaleLowerCase()));
  if (!lower.has(name.toLocaleLowerCase())) return name;
  for (let n = 2; ; n++) {
    const candidate = `${name} (${n})`;
    if (!lower.has(candidate.toLocaleLowerCase())) return candidate;
  }
}
