import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { machineCpu, stolenShare } from '../bench/machine';

describe('bench: CPU time stolen from the machine', () => {
  it('is the stolen share of the ticks between two readings, NaN when unknown', () => {
    expect(stolenShare({ total: 1000, steal: 10 }, { total: 3000, steal: 210 })).toBeCloseTo(0.1);
    expect(stolenShare(null, { total: 3000, steal: 210 })).toBeNaN();
    expect(stolenShare({ total: 3000, steal: 10 }, { total: 3000, steal: 10 })).toBeNaN();
  });

  it.runIf(existsSync('/proc/stat'))('reads /proc/stat on Linux', () => {
    const cpu = machineCpu()!;
    expect(cpu.total).toBeGreaterThan(0);
    expect(cpu.steal).toBeGreaterThanOrEqual(0);
    expect(cpu.steal).toBeLessThanOrEqual(cpu.total);
  });
});
