/**
 * The whole machine's CPU time from /proc/stat (Linux): how much of it the hypervisor gave to other
 * guests ("steal"). On a shared virtual machine a latency tail can come from there, not from any
 * process of the run; the bench reports the share per typing phase so such runs can be told apart.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** Clock ticks since boot, summed over all cores: everything, the part stolen, and the part idle (iowait included). */
export interface MachineCpu {
  total: number;
  steal: number;
  idle?: number;
}

/** Null where /proc/stat is missing (not Linux) or unreadable. */
export function machineCpu(): MachineCpu | null {
  try {
    // "cpu  user nice system idle iowait irq softirq steal guest guest_nice" (guest time is counted in user).
    const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
    if (fields.length < 8 || fields.some((f) => !Number.isFinite(f))) return null;
    return { total: fields.reduce((sum, f) => sum + f, 0), steal: fields[7]!, idle: fields[3]! + fields[4]! };
  } catch {
    return null;
  }
}

/** The share of the machine's CPU time stolen between two readings (NaN when unknown). */
export function stolenShare(before: MachineCpu | null, after: MachineCpu | null): number {
  if (!before || !after || after.total <= before.total) return NaN;
  return (after.steal - before.steal) / (after.total - before.total);
}

/**
 * How many cores were busy on average between two readings (every process of the machine, this
 * run's and anyone else's; stolen time not counted); NaN when unknown.
 */
export function busyCores(before: MachineCpu | null, after: MachineCpu | null): number {
  if (!before || !after || after.total <= before.total || before.idle === undefined || after.idle === undefined) return NaN;
  const total = after.total - before.total;
  return ((total - (after.idle - before.idle) - (after.steal - before.steal)) / total) * availableParallelism();
}
