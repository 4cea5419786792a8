import { describe, expect, it } from 'vitest';
import { stableJson } from './stableJson';

describe('stableJson', () => {
  it('ignores key order at every depth and keeps array order', () => {
    expect(stableJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
    expect(stableJson({ a: { c: null, d: [2, 1] }, b: 1 })).toBe(stableJson({ b: 1, a: { d: [2, 1], c: null } }));
    expect(stableJson([1, 2])).not.toBe(stableJson([2, 1]));
  });

  it('writes strings and numbers as JSON does', () => {
    expect(stableJson({ 'k"': 'v\n', n: 1.5 })).toBe('{"k\\"":"v\\n","n":1.5}');
  });
});
