/**
 * Callbacks run from timers and event emitters must not throw: Node would end the process, and
 * every live workshop on it. What they throw is logged once and the server goes on.
 */
export type Log = (message: string, error?: unknown) => void;

/** The server's error log (stderr, one line per error with the stack after it). */
export const logError: Log = (message, error) => console.error(`[draftroom] ${message}`, error ?? '');

/** `fn`, for a timer or an event listener: what it throws is logged with `what`, never rethrown. */
export function guarded<A extends unknown[]>(what: string, fn: (...args: A) => void, log: Log = logError): (...args: A) => void {
  return (...args) => {
    try {
      fn(...args);
    } catch (error) {
      log(`${what} failed`, error);
    }
  };
}
