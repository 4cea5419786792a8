/**
 * Callbacks run from timers and event emitters must not throw: Node would end the process, and
 * every live workshop on it. What they throw is logged once and the server goes on.
 */
import { createLogger, logLevelFrom, logTo, type Log, type LogFields } from './log';
import { nodeIdFrom } from './nodeId';

export type { Log, LogFields };

let fallback: Log | null = null;

/**
 * The error log of code that is handed none (pino JSON on stderr, see log.ts). Made on first use
 * from LOG_LEVEL and NODE_ID, as the app's own log is; a server passes its log down where it can.
 */
export const logError: Log = (message, error, fields) => {
  // configFromEnv has refused bad values at start; here a bad value must not turn a log into a throw.
  if (!fallback) {
    let options;
    try {
      options = { level: logLevelFrom(process.env), nodeId: nodeIdFrom(process.env) };
    } catch {
      options = { level: 'info' as const, nodeId: nodeIdFrom({}) };
    }
    fallback = logTo(createLogger(options));
  }
  fallback(message, error, fields);
};

/** `fn`, for a timer or an event listener: what it throws is logged with `what` (and `fields`), never rethrown. */
export function guarded<A extends unknown[]>(what: string, fn: (...args: A) => void, log: Log = logError, fields?: LogFields): (...args: A) => void {
  return (...args) => {
    try {
      fn(...args);
    } catch (error) {
      log(`${what} failed`, error, fields);
    }
  };
}
