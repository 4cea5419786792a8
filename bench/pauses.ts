/**
 * Garbage-collection pauses on a clock shared by every process of a run (epoch milliseconds), so
 * that an edit's flight from keystroke to peer can be checked against the pauses of the server and
 * of the load worker that received it: where the latency tail comes from.
 */
import { PerformanceObserver } from 'node:perf_hooks';

/** A pause: [start, end], epoch milliseconds. */
export type Pause = [number, number];

/** Records this process's GC pauses from now on; `take()` returns those recorded since the last take. */
export function recordGcPauses(): { take(): Pause[] } {
  let pauses: Pause[] = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const start = performance.timeOrigin + e.startTime;
      pauses.push([start, start + e.duration]);
    }
  }).observe({ entryTypes: ['gc'] });
  return {
    take() {
      const taken = pauses;
      pauses = [];
      return taken;
    },
  };
}

/** An edit seen by a peer: [stamped by the typist, received], epoch milliseconds. */
export type Flight = [number, number];

/**
 * True when some pause overlaps the flight (`pauses` sorted by start). A process's pauses never
 * overlap each other, so only the last one starting before the edit arrived can.
 */
function overlaps(flight: Flight, pauses: Pause[]): boolean {
  let lo = 0;
  let hi = pauses.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pauses[mid]![0] < flight[1]) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && pauses[lo - 1]![1] > flight[0];
}

/**
 * Of the edits at or above the latency `threshold` (the tail), the share whose flight overlapped a
 * pause of the server, and of the load worker that received them (one list of pauses per worker,
 * `flights[w]` received by worker w).
 */
export function tailInPauses(flights: Flight[][], workerPauses: Pause[][], serverPauses: Pause[], threshold: number): { server: number; load: number } {
  const sorted = (p: Pause[]) => [...p].sort((a, b) => a[0] - b[0]);
  const server = sorted(serverPauses);
  let tail = 0;
  let inServer = 0;
  let inLoad = 0;
  flights.forEach((received, w) => {
    const load = sorted(workerPauses[w] ?? []);
    for (const flight of received) {
      if (flight[1] - flight[0] < threshold) continue;
      tail++;
      if (overlaps(flight, server)) inServer++;
      if (overlaps(flight, load)) inLoad++;
    }
  });
  return tail === 0 ? { server: NaN, load: NaN } : { server: inServer / tail, load: inLoad / tail };
}
