/**
 * PostgreSQL for the cluster benchmark: a scratch database of its own (so that the per-database
 * counters, pg_stat_database, count this run's work and nobody else's; dropped at the end), and
 * what PostgreSQL did over a phase: transactions committed, rows written, WAL written and flushed,
 * and its processes' CPU time (this database's backends; its shared background processes; other
 * databases' backends, i.e. whoever else uses the server meanwhile).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { processesNamed, sampleCpu } from './processCpu';

/** Where the bench's databases are created (trust auth on this machine). */
export const ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface ScratchDatabase {
  name: string;
  /** The DATABASE_URL nodes use. */
  url: string;
  /** A connection to it for the counters (not used by any node). */
  pool: pg.Pool;
  drop(): Promise<void>;
}

/** Creates `bench_<random>`; drop() removes it (with its connections). */
export async function scratchDatabase(): Promise<ScratchDatabase> {
  const name = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
  // PostgreSQL 15's contrib: reads the WAL itself, so this database's share of it can be told apart.
  await pool.query('CREATE EXTENSION IF NOT EXISTS pg_walinspect');
  let dropped = false;
  return {
    name,
    url: url.toString(),
    pool,
    async drop() {
      if (dropped) return;
      dropped = true;
      await pool.end().catch(() => undefined);
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** Cumulative counters at one moment. */
interface Counters {
  at: number;
  xactCommit: number;
  xactRollback: number;
  tupInserted: number;
  tupUpdated: number;
  tupDeleted: number;
  /** Rows inserted into doc_updates (the group commits' rows) in `schema`. */
  docRows: number;
  /** Bytes of doc_updates' table, TOAST and indexes (grows with what is written). */
  docBytes: number;
  /** Cluster-wide (pg_stat_wal): every database's writes, this run's and anyone else's. */
  walRecords: number;
  walBytes: number;
  walSyncs: number;
  /** Where the WAL was flushed up to (pg_walinspect reads no further). */
  lsn: string;
  /** Per table of `schema`: rows inserted, updated, deleted. */
  tables: Record<string, [number, number, number]>;
}

async function counters(db: ScratchDatabase, schema: string): Promise<Counters> {
  // Stats a backend has not flushed yet (at most ~1 s old in PostgreSQL 15) are not seen: a window of 20 s is off by a few percent at most.
  const { rows } = await db.pool.query<Record<string, string>>(
    `SELECT d.xact_commit, d.xact_rollback, d.tup_inserted, d.tup_updated, d.tup_deleted,
            w.wal_records, w.wal_bytes, w.wal_sync, pg_current_wal_flush_lsn() AS lsn,
            coalesce((SELECT n_tup_ins FROM pg_stat_user_tables WHERE schemaname = $2 AND relname = 'doc_updates'), 0) AS doc_rows,
            coalesce((SELECT pg_total_relation_size(format('%I.doc_updates', $2::text)::regclass) WHERE to_regclass(format('%I.doc_updates', $2::text)) IS NOT NULL), 0) AS doc_bytes
     FROM pg_stat_database d, pg_stat_wal w WHERE d.datname = $1`,
    [db.name, schema],
  );
  const r = rows[0]!;
  const perTable = await db.pool.query<{ relname: string; ins: string; upd: string; del: string }>(
    'SELECT relname, n_tup_ins AS ins, n_tup_upd AS upd, n_tup_del AS del FROM pg_stat_user_tables WHERE schemaname = $1',
    [schema],
  );
  return {
    tables: Object.fromEntries(perTable.rows.map((t) => [t.relname, [Number(t.ins), Number(t.upd), Number(t.del)]])),
    at: performance.now(),
    xactCommit: Number(r.xact_commit),
    xactRollback: Number(r.xact_rollback),
    tupInserted: Number(r.tup_inserted),
    tupUpdated: Number(r.tup_updated),
    tupDeleted: Number(r.tup_deleted),
    docRows: Number(r.doc_rows),
    docBytes: Number(r.doc_bytes),
    walRecords: Number(r.wal_records),
    walBytes: Number(r.wal_bytes),
    walSyncs: Number(r.wal_sync),
    lsn: r.lsn!,
  };
}

/**
 * The WAL written between two positions, read back with pg_walinspect: the bytes of records that
 * touch this database's blocks, and of records that touch no block (transaction commits, mostly:
 * every database's, they name none).
 */
async function walBetween(db: ScratchDatabase, from: string, to: string): Promise<{ ours: number; oursRecords: number; noBlock: number; commits: number }> {
  const { rows } = await db.pool.query<{ ours: string; ours_records: string; no_block: string; commits: string }>(
    `SELECT coalesce(sum(record_length) FILTER (WHERE block_ref ~ ('rel [0-9]+/' || d.oid || '/')), 0) AS ours,
            count(*) FILTER (WHERE block_ref ~ ('rel [0-9]+/' || d.oid || '/')) AS ours_records,
            coalesce(sum(record_length) FILTER (WHERE block_ref IS NULL OR block_ref = ''), 0) AS no_block,
            count(*) FILTER (WHERE resource_manager = 'Transaction' AND record_type LIKE 'COMMIT%') AS commits
     FROM pg_get_wal_records_info($1::pg_lsn, $2::pg_lsn), pg_database d WHERE d.datname = $3`,
    [from, to, db.name],
  );
  const r = rows[0]!;
  return { ours: Number(r.ours), oursRecords: Number(r.ours_records), noBlock: Number(r.no_block), commits: Number(r.commits) };
}

/** What PostgreSQL did over a phase, per second. */
export interface PgLoad {
  seconds: number;
  /**
   * This database's transactions committed per second (read-only ones included: each autocommit
   * statement is one). PostgreSQL 15 reports an idle backend's counts up to 10 s late: give the
   * phase before a quiet spell (--settle) or the join storm's writes are counted here too.
   */
  commitsPerS: number;
  rollbacksPerS: number;
  /** This database's rows inserted, updated, deleted per second (every table). */
  insertedPerS: number;
  updatedPerS: number;
  deletedPerS: number;
  /** Rows the group commits inserted into doc_updates per second. */
  docRowsPerS: number;
  /** Growth of doc_updates (table + TOAST + indexes), bytes per second. */
  docBytesPerS: number;
  /** The whole server's WAL: records, bytes and flushes (fsyncs) per second; other databases' included. */
  walRecordsPerS: number;
  walBytesPerS: number;
  walSyncsPerS: number;
  /** Per table of the schema that changed: rows per second. */
  tables: Record<string, { inserted: number; updated: number; deleted: number }>;
  /** WAL records touching this database's blocks (pg_walinspect): bytes and records per second. */
  ourWalBytesPerS: number;
  ourWalRecordsPerS: number;
  /** WAL records touching no block (commits, mostly), every database's: bytes per second. */
  noBlockWalBytesPerS: number;
  /** Commit records in the WAL (transactions that wrote something; every database's), per second. */
  walCommitsPerS: number;
  /** PostgreSQL's CPU (100% = one core): this database's backends; the shared background processes; other databases' backends. */
  cpuOurs: number;
  cpuBackground: number;
  cpuOthers: number;
}

/** Background processes of PostgreSQL 15, by their process titles. */
const BACKGROUND = /(walwriter|checkpointer|background writer|autovacuum launcher|logical replication launcher|stats collector|archiver|walsender)/;

/** Starts measuring; stop() gives what happened since. */
export async function measurePg(db: ScratchDatabase, schema: string): Promise<{ stop(): Promise<PgLoad> }> {
  const before = await counters(db, schema);
  // Backend titles: "postgres: 15/main: <user> <database> <address> <state>"; autovacuum workers name the database too.
  const cpu = sampleCpu(
    () => processesNamed('postgres'),
    (cmdline) => (cmdline.includes(` ${db.name} `) || cmdline.endsWith(` ${db.name}`) ? 'ours' : BACKGROUND.test(cmdline) ? 'background' : /postgres: \d+\/\w+: /.test(cmdline) ? 'others' : 'background'),
  );
  return {
    async stop() {
      const times = cpu.stop();
      const s = (performance.now() - before.at) / 1000;
      // Let the backends flush their statistics (PostgreSQL 15 does so at most once a second):
      // the counters run from the start to a second past the end, and are divided by the phase's length.
      await new Promise((r) => setTimeout(r, 1100));
      const after = await counters(db, schema);
      const wal = await walBetween(db, before.lsn, after.lsn).catch((error: unknown) => {
        console.error(`reading the WAL with pg_walinspect failed: ${String(error)}`);
        return { ours: NaN, oursRecords: NaN, noBlock: NaN, commits: NaN };
      });
      const rate = (k: Exclude<keyof Counters, 'lsn' | 'tables'>) => (after[k] - before[k]) / s;
      const tables: PgLoad['tables'] = {};
      for (const [name, [ins, upd, del]] of Object.entries(after.tables)) {
        const [ins0, upd0, del0] = before.tables[name] ?? [0, 0, 0];
        if (ins > ins0 || upd > upd0 || del > del0) tables[name] = { inserted: (ins - ins0) / s, updated: (upd - upd0) / s, deleted: (del - del0) / s };
      }
      const share = (micros = 0) => (micros / 1e6 / s) * 100;
      return {
        seconds: s,
        commitsPerS: rate('xactCommit'),
        rollbacksPerS: rate('xactRollback'),
        insertedPerS: rate('tupInserted'),
        updatedPerS: rate('tupUpdated'),
        deletedPerS: rate('tupDeleted'),
        docRowsPerS: rate('docRows'),
        docBytesPerS: rate('docBytes'),
        walRecordsPerS: rate('walRecords'),
        walBytesPerS: rate('walBytes'),
        walSyncsPerS: rate('walSyncs'),
        tables,
        ourWalBytesPerS: wal.ours / s,
        ourWalRecordsPerS: wal.oursRecords / s,
        noBlockWalBytesPerS: wal.noBlock / s,
        walCommitsPerS: wal.commits / s,
        cpuOurs: share(times.ours),
        cpuBackground: share(times.background),
        cpuOthers: share(times.others),
      };
    },
  };
}
