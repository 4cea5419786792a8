/**
 * The PostgreSQL store's schema, as numbered migrations applied in order when a node starts, in
 * one transaction under an advisory lock (nodes starting together apply each migration once). The
 * version lives in `schema_migrations`. A migration is never edited once released: a change is a
 * new one at the end.
 */
import type { PoolClient } from 'pg';

export const POSTGRES_MIGRATIONS: readonly string[] = [
  // 1: the tables of the embedded store. Participants and comments keep their insertion order in
  // an identity column (SQLite's rowid); an upsert keeps it.
  `
  CREATE TABLE workshops (
    id TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    facilitator_key_hash TEXT NOT NULL,
    last_active BIGINT NOT NULL
  );
  CREATE INDEX workshops_by_activity ON workshops (last_active);
  CREATE TABLE participants (
    workshop_id TEXT NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    ord BIGINT GENERATED ALWAYS AS IDENTITY,
    data TEXT NOT NULL,
    PRIMARY KEY (workshop_id, id)
  );
  CREATE TABLE seats (
    token_hash TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
    participant_id TEXT NOT NULL
  );
  CREATE INDEX seats_by_workshop ON seats (workshop_id, participant_id);
  CREATE TABLE doc_updates (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
    group_id TEXT NOT NULL,
    data BYTEA NOT NULL,
    at BIGINT NOT NULL,
    parts INTEGER NOT NULL DEFAULT 1
  );
  CREATE INDEX doc_updates_by_doc ON doc_updates (workshop_id, group_id, seq);
  CREATE TABLE comments (
    workshop_id TEXT NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    ord BIGINT GENERATED ALWAYS AS IDENTITY,
    data TEXT NOT NULL,
    PRIMARY KEY (workshop_id, id)
  );
  `,
  // 2: workshop leases (docs/cluster.md): one row per workshop ever served; the epoch only grows.
  `
  CREATE TABLE leases (
    workshop_id TEXT PRIMARY KEY,
    node_id TEXT NOT NULL,
    epoch BIGINT NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    acquired_at TIMESTAMPTZ NOT NULL,
    wanted_by TEXT
  );
  CREATE INDEX leases_by_node ON leases (node_id);
  `,
  // 3: the coaching record of each workshop (issue #23).
  `
  CREATE TABLE coaching (
    workshop_id TEXT PRIMARY KEY REFERENCES workshops (id) ON DELETE CASCADE,
    data TEXT NOT NULL
  );
  `,
];

/** Any constant shared by all nodes: the advisory lock that serialises migrations. */
const MIGRATION_LOCK = 0x6472_6674; // "drft"

/** Creates `schema` if missing and applies the migrations it has not had yet (`client`'s search_path is the schema). */
export async function migratePostgres(client: PoolClient, schema: string): Promise<number> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
    const current = rows[0]?.version ?? 0;
    if (current > POSTGRES_MIGRATIONS.length) {
      throw new Error(`The database was migrated by a newer Draftroom (schema version ${current}; this build knows ${POSTGRES_MIGRATIONS.length}).`);
    }
    for (let version = current + 1; version <= POSTGRES_MIGRATIONS.length; version++) {
      await client.query(POSTGRES_MIGRATIONS[version - 1]!);
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  return POSTGRES_MIGRATIONS.length;
}
