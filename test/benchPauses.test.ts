import { describe, expect, it } from 'vitest';
import { tailInPauses, type Flight, type Pause } from '../bench/pauses';

describe('bench: where the latency tail comes from', () => {
  // Two load workers; edits typed at t and received at t + latency.
  const flights: Flight[][] = [
    [
      [0, 1],
      [10, 40], // slow: overlaps the server's pause 20–30
      [50, 51],
      [100, 150], // slow: overlaps worker 0's pause 140–145
    ],
    [
      [200, 201],
      [300, 340], // slow: no pause anywhere
      [400, 450], // slow: overlaps the server's pause 395–405 and worker 1's 440–460
    ],
  ];
  const serverPauses: Pause[] = [
    [395, 405],
    [20, 30], // unsorted on purpose
    [1000, 1010],
  ];
  const workerPauses: Pause[][] = [[[140, 145]], [[440, 460], [500, 510]]];

  it('counts the share of edits at or above the threshold that overlapped each side’s pauses', () => {
    const share = tailInPauses(flights, workerPauses, serverPauses, 30);
    // Tail: 10→40, 100→150, 300→340, 400→450 (4 edits).
    expect(share.server).toBe(2 / 4);
    expect(share.load).toBe(2 / 4);
  });

  it('ignores pauses that end before an edit was typed or start after it arrived', () => {
    const share = tailInPauses([[[31, 61]]], [[[10, 31]]], [[61, 70]], 0);
    expect(share).toEqual({ server: 0, load: 0 });
  });

  it('reports no share when there is no tail', () => {
    const share = tailInPauses([[[0, 1]]], [[]], [], 10);
    expect(Number.isNaN(share.server) && Number.isNaN(share.load)).toBe(true);
  });
});
