/** Machines with at most this many cores run the server's GC on its main thread only. */
export const SINGLE_THREADED_GC_MAX_CORES: number;
/** The Node flags the server runs with on a machine with `cores` cores (default: this one's). */
export function serverNodeFlags(cores?: number): string[];
