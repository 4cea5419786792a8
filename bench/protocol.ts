/** Messages between the benchmark's orchestrator, its server host and its load workers (IPC). */
import type { Flight, Pause } from './pauses';

export const TARGETS = ['draftroom', 'reference', 'hocuspocus', 'relay'] as const;
export type Target = (typeof TARGETS)[number];

export interface HostStats {
  cpuMicros: number;
  rss: number;
  heapUsed: number;
  /** Compiled code in the heap (grows as the JIT warms up; not the server's data). */
  codeBytes: number;
  eventLoopP99Ms: number;
  /** Garbage-collection pauses: on 'reset-loop', those since the previous reset (else none). */
  gcPauses: Pause[];
  /** Group doc name → content fingerprint, from the server's own copies (none for the relay). */
  docs: Record<string, string>;
}

export type HostRequest = { type: 'stats' } | { type: 'gc' } | { type: 'reset-loop' } | { type: 'profile-start' } | { type: 'profile-stop'; phase: 'join' | 'typing' };
export type HostReply = { type: 'ready'; port: number } | { type: 'stats'; stats: HostStats };

export interface WorkerPlan {
  target: Target;
  url: string;
  /**
   * Draftroom: the workshops, participant i joining workshop `i % workshops.length` as its
   * participant `⌊i / workshops.length⌋` (so each workshop sees its joins in order, interleaved
   * with the others'). The peers: none (one set of rooms, `bench/g<n>`).
   */
  workshopIds: string[];
  /**
   * This worker simulates participants `worker`, `worker + workers`, `worker + 2 × workers`, …
   * (dealt in turn, so every worker holds its share of the typists and of every group); for
   * Draftroom they join over REST first.
   */
  worker: number;
  workers: number;
  /** All workshops together. */
  totalParticipants: number;
  /** When participant 0 joins (ms, performance.timeOrigin + performance.now()), the same for every worker. */
  joinStartsAt: number;
  groupSize: number;
  joinWindowMs: number;
  typingMs: number;
  charsPerSecond: number;
  /** Typists start one by one over this long, as people do when a breakout begins. */
  rampMs: number;
}

export type WorkerReport =
  /** Loaded and listening for its plan. */
  | { type: 'ready' }
  /** Failed joins: not synced within the worker's join timeout. */
  | { type: 'joined'; joinToSyncedMs: number[]; failedJoins: number }
  /** CPU the load generator used while typing (is it a bottleneck?). */
  | { type: 'typed'; cpuMicros: number }
  | {
      type: 'done';
      /** Every edit this worker's clients received from a peer: when it was typed, when it arrived. */
      flights: Flight[];
      /** This worker's own GC pauses while typing. */
      gcPauses: Pause[];
      updatesSent: number;
      messagesReceived: number;
      bytesReceived: number;
      docs: Record<string, string>;
    };
