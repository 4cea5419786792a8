/**
 * Structured logs (pino): one JSON object per line, `{level, time, nodeId, msg, …fields}`; info and
 * below on stdout, warnings and errors on stderr. `LOG_LEVEL` sets the level (default `info`).
 *
 * Secrets never reach a line, two ways: fields named like a credential are redacted wherever they
 * sit (top level or one level down), and the finished line is scrubbed of anything shaped like
 * `token=…`, `ticket=…`, `key=…`, `seat=…` or a bearer credential, so a URL or an error message that
 * quotes one is caught too (messages and stacks included).
 */
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Context a line carries besides its message: the workshop first of all. */
export interface LogFields {
  workshopId?: string;
  groupId?: string;
  participantId?: string | null;
  [field: string]: unknown;
}

/**
 * The server's error log: a message, what was thrown (if anything: then the line is an error, else
 * a warning), and fields such as `workshopId`. Code written for `(message, error?) => void` fits.
 */
export type Log = (message: string, error?: unknown, fields?: LogFields) => void;

/** Field names whose values are credentials: never written. */
export const SECRET_FIELDS = ['token', 'seatToken', 'facilitatorKey', 'ticket', 'key', 'auth', 'authorization', 'cookie', 'password'];
const REDACT_PATHS = SECRET_FIELDS.flatMap((name) => [name, `*.${name}`]);

/** A credential written into text: `?token=…`, `#key=…`, `seat=…`, `Bearer …`. */
const SECRET_IN_TEXT = /\b((?:token|ticket|key|seat|seatToken|facilitatorKey)=)[^&\s"'#\\<>]+|\b(Bearer\s+)[^\s"'\\]+/gi;

/** `text` with every credential-shaped part replaced by `[redacted]`. */
export function scrub(text: string): string {
  return text.replace(SECRET_IN_TEXT, (_match, param: string | undefined, bearer: string | undefined) => `${param ?? bearer}[redacted]`);
}

/** LOG_LEVEL from the environment (default `info`); anything else is refused at start. */
export function logLevelFrom(env: NodeJS.ProcessEnv): LogLevel {
  const raw = env.LOG_LEVEL || 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(raw)) throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
  return raw as LogLevel;
}

/** Info and below to stdout, warnings and errors to stderr (each line to one of them only). */
function standardStreams(): DestinationStream {
  return pino.multistream(
    [
      { level: 'trace', stream: process.stdout },
      { level: 'warn', stream: process.stderr },
    ],
    { dedupe: true },
  );
}

export interface LoggerOptions {
  level: LogLevel;
  nodeId: string;
  /** Where lines go (tests); default: stdout and stderr as above. */
  destination?: DestinationStream;
}

export function createLogger({ level, nodeId, destination }: LoggerOptions): Logger {
  return pino(
    {
      level,
      // The node id names the process; pid and host name would repeat it on every line.
      base: { nodeId },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      // An error is its type, message, code and stack: libraries hang whole objects on their errors
      // (node-postgres: the connection, with its parameters), which must not reach a log line.
      serializers: { err: errorLine },
      hooks: { streamWrite: scrub },
    },
    destination ?? standardStreams(),
  );
}

/** What a log line keeps of a thrown value. */
export function errorLine(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const code = (error as { code?: unknown }).code;
  return { type: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}), stack: error.stack };
}

/** A Log writing to `logger`: errors when something was thrown, warnings otherwise. */
export function logTo(logger: Logger): Log {
  return (message, error, fields) => {
    if (error === undefined) logger.warn({ ...fields }, message);
    else logger.error({ ...fields, err: error }, message);
  };
}
