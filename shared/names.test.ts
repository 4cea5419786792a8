import { expect, it } from 'vitest';
import { normalizeName, uniqueName } from './names';

it('numbers a name already taken, whatever its case', () => {
  expect(uniqueName('Ana', [])).toBe('Ana');
  expect(uniqueName('Ana', ['ana'])).toBe('Ana (2)');
  expect(uniqueName('Ana', ['Ana', 'Ana (2)'])).toBe('Ana (3)');
});

it('isolates a right-to-left name before its number, so the number stays after it on screen', () => {
  const name = 'مريم الحسن';
  const second = uniqueName(name, [name]);
  expect(second).toBe(`\u2068${name}\u2069 (2)`);
  expect(uniqueName(name, [name, second])).toBe(`\u2068${name}\u2069 (3)`);
  expect(uniqueName('דנה', ['דנה'])).toBe('\u2068דנה\u2069 (2)');
  // The isolate marks are kept by normalisation (they are not control characters it removes).
  expect(normalizeName(second)).toBe(second);
});
