/** Cell values for XLSX: formula-safe and XML-safe. */
import { neutralize } from '../../shared/exportRows';

// Characters XML 1.0 cannot carry (an XLSX with them does not open): shown as U+FFFD instead.
// eslint-disable-next-line no-control-regex
export const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** A cell value that no spreadsheet evaluates and that XML can carry. */
export function safe(value: string | number | null): string | number | null {
  return typeof value === 'string' ? neutralize(value).replace(XML_INVALID, '\uFFFD') : value;
}
