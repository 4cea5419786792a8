import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { serverNodeFlags, SINGLE_THREADED_GC_MAX_CORES } from '../scripts/nodeFlags.mjs';

const configured = String(JSON.parse(readFileSync('package.json', 'utf8')).config.nodeFlags).split(' ');

describe('the Node flags npm start gives the server', () => {
  it('are those in package.json config.nodeFlags', () => {
    expect(configured).toContain('--no-allocation-site-pretenuring');
    expect(serverNodeFlags(8)).toEqual(configured);
  });

  it('add single-threaded GC on a machine with two cores or fewer only', () => {
    expect(SINGLE_THREADED_GC_MAX_CORES).toBe(2);
    expect(serverNodeFlags(1)).toEqual([...configured, '--single-threaded-gc']);
    expect(serverNodeFlags(2)).toEqual([...configured, '--single-threaded-gc']);
    expect(serverNodeFlags(3)).toEqual(configured);
  });
});
