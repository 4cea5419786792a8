/** Server configuration: defaults, and how environment variables override them. */
import { resolve } from 'node:path';
import { logLevelFrom, type LogLevel } from './log';
import { nodeIdFrom } from './nodeId';
import { DOC_UNLOAD_GRACE_MS } from './yjs/YjsGateway';

export interface Config {
  port: number;
  host: string;
  /** Folder of the embedded SQLite store; null keeps data in memory only (tests). */
  dataDir: string | null;
  /** PostgreSQL instead of the embedded store (several nodes share it); null: SQLite in dataDir. */
  databaseUrl: string | null;
  /** The PostgreSQL schema Draftroom's tables live in (created if missing). */
  databaseSchema: string;
  /** A node hands a workshop to another node that asks for it only after holding it this long (no flapping). */
  handoverMinHoldMs: number;
  /** Base URL used in links; when unset, derived from each request's Host header. */
  publicUrl: string | null;
  /** A workshop without activity for this long is purged. */
  workshopTtlMs: number;
  /** How often expired workshops are purged and idle rooms unloaded. */
  sweepIntervalMs: number;
  /** Built client files; null serves no client (API-only tests). */
  clientDir: string | null;
  /** Coalescing window for live view updates. */
  broadcastIntervalMs: number;
  /**
   * Member counts (self-select only) change with every join and go to everyone in the workshop:
   * a change of counts alone is sent at most this often, so a join storm is not quadratic.
   */
  memberCountsIntervalMs: number;
  /** Minimum time between two radar summaries of one group. */
  radarIntervalMs: number;
  /** Extra origins allowed to open Socket.IO and /yjs connections (same origin is always allowed). */
  allowedOrigins: string[];
  /** A group document nobody is connected to is compacted and unloaded after this long (0: at once). */
  docUnloadGraceMs: number;
  /** Per-IP limits, per minute. */
  createPerMinute: number;
  joinPerMinute: number;
  /** Redis counting the per-IP limits across nodes; null counts per node. */
  redisUrl: string | null;
  /** Prefix of the limits' keys in Redis (nodes of one deployment share it). */
  redisPrefix: string;
  /** On SIGTERM, how long /readyz fails and new workshops are refused before the server closes. */
  drainDelayMs: number;
  /** This node's name: the X-Draftroom-Node header of every response, `nodeId` in every log line, and the lease rows' holder. */
  nodeId: string;
  /** Lowest level logged (pino levels). */
  logLevel: LogLevel;
  /**
   * Which proxies' X-Forwarded-For to believe for the client's address (the per-IP limits): a hop
   * count (1 behind one HAProxy) or Express's list of addresses/subnets; false: none (direct clients).
   */
  trustProxy: false | number | string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Defaults for tests and embedding: in-memory store, any free port. */
export function defaultConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir: null,
    databaseUrl: null,
    databaseSchema: 'public',
    handoverMinHoldMs: 15_000,
    publicUrl: null,
    workshopTtlMs: 7 * DAY_MS,
    sweepIntervalMs: 60_000,
    clientDir: null,
    broadcastIntervalMs: 50,
    memberCountsIntervalMs: 1000,
    radarIntervalMs: 500,
    allowedOrigins: [],
    docUnloadGraceMs: DOC_UNLOAD_GRACE_MS,
    createPerMinute: 30,
    joinPerMinute: 600,
    redisUrl: null,
    redisPrefix: 'draftroom:limits:',
    drainDelayMs: 0,
    nodeId: nodeIdFrom({}),
    // Tests and embedding: warnings and errors only (npm start logs from `info`, see LOG_LEVEL).
    logLevel: 'warn',
    trustProxy: false,
    ...overrides,
  };
}

function numberFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return n;
}

/** A PostgreSQL schema name: a plain identifier (it is written into SQL). */
function schemaFrom(raw: string | undefined): string {
  if (raw === undefined || raw === '') return 'public';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(raw)) throw new Error(`DATABASE_SCHEMA must be a lower-case identifier (a-z, 0-9, _), got "${raw}"`);
  return raw;
}

/** TRUST_PROXY: unset or `false` trusts no proxy, a number counts hops, anything else is Express's address list. */
function trustProxyFrom(raw: string | undefined): Config['trustProxy'] {
  if (raw === undefined || raw === '' || raw === 'false') return false;
  // `true` would believe whatever X-Forwarded-For a client sends, defeating the per-IP limits.
  if (raw === 'true') throw new Error('TRUST_PROXY=true would trust any client: give the number of proxies (e.g. 1) or their addresses');
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

/** The configuration `npm start` uses. */
export function configFromEnv(env: NodeJS.ProcessEnv): Config {
  return defaultConfig({
    port: numberFrom(env, 'PORT', 3000),
    host: env.HOST || '0.0.0.0',
    dataDir: resolve(env.DATA_DIR || './data'),
    databaseUrl: env.DATABASE_URL || null,
    databaseSchema: schemaFrom(env.DATABASE_SCHEMA),
    handoverMinHoldMs: numberFrom(env, 'HANDOVER_MIN_HOLD_MS', 15_000),
    publicUrl: env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, '') : null,
    workshopTtlMs: numberFrom(env, 'WORKSHOP_TTL_HOURS', 7 * 24) * 60 * 60 * 1000,
    clientDir: resolve(env.CLIENT_DIR || 'dist/client'),
    allowedOrigins: (env.ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    createPerMinute: numberFrom(env, 'RATE_CREATE_PER_MINUTE', 30),
    joinPerMinute: numberFrom(env, 'RATE_JOIN_PER_MINUTE', 600),
    redisUrl: env.REDIS_URL || null,
    redisPrefix: env.REDIS_PREFIX || 'draftroom:limits:',
    drainDelayMs: numberFrom(env, 'DRAIN_DELAY_MS', 0),
    nodeId: nodeIdFrom(env),
    logLevel: logLevelFrom(env),
    trustProxy: trustProxyFrom(env.TRUST_PROXY),
  });
}
