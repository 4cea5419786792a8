/**
 * CPU time of other processes, from /proc (Linux): the cluster's nodes and HAProxy (processes this
 * bench started, without an IPC channel to ask them), and PostgreSQL's processes, sampled while a
 * phase runs so that a process born or gone meanwhile is still counted for its part.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's times (100 on Linux almost always). */
const TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** A process's user + system CPU time so far (µs), or null when it is gone. */
export function cpuMicros(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command (2nd field) is in parentheses and may hold spaces: count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / TICKS) * 1e6;
  } catch {
    return null;
  }
}

/** A process's resident set (bytes), or null when it is gone. */
export function rssBytes(pid: number): number | null {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : null;
  } catch {
    return null;
  }
}

/** Every process whose command name is `comm`, with its command line (PostgreSQL writes its role there). */
export function processesNamed(comm: string): Array<{ pid: number; cmdline: string }> {
  const out: Array<{ pid: number; cmdline: string }> = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== comm) continue;
      out.push({ pid: Number(entry), cmdline: readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim() });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/**
 * Samples the CPU time of a changing set of processes every `everyMs`, each put in a class by
 * `classify` (null: not counted). stop() gives each class's CPU time over the window (µs): a
 * process there at the start counts from its first reading, one born later from zero; one gone
 * before the end counts up to its last reading (at most `everyMs` of it is missed).
 */
export function sampleCpu(list: () => Array<{ pid: number; cmdline: string }>, classify: (cmdline: string) => string | null, everyMs = 250): { stop(): Record<string, number> } {
  const first = new Map<number, number>();
  const last = new Map<number, { micros: number; cls: string }>();
  let initial = true;
  const sample = () => {
    for (const { pid, cmdline } of list()) {
      const cls = classify(cmdline);
      const micros = cls === null ? null : cpuMicros(pid);
      if (cls === null || micros === null) continue;
      if (!first.has(pid)) first.set(pid, initial ? micros : 0);
      last.set(pid, { micros, cls });
    }
    initial = false;
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      sample();
      clearInterval(timer);
      const totals: Record<string, number> = {};
      for (const [pid, { micros, cls }] of last) totals[cls] = (totals[cls] ?? 0) + micros - first.get(pid)!;
      return totals;
    },
  };
}
